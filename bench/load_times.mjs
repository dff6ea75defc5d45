// How long graphology (Gephi Lite's and sigma.js's graph library) takes to load kgraph's
// outputs, with the packages pinned for the consumer checks in tests/conformance/js.
//
// Usage: node bench/load_times.mjs [--runs N] FILE...   (.json node-link, .graphml, .gexf)
// Prints a Markdown table: file, size, loader, median milliseconds of N loads (default 3).

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";

const require = createRequire(new URL("../tests/conformance/js/package.json", import.meta.url));
const Graph = require("graphology");
const gexf = require("graphology-gexf");
const graphml = require("graphology-graphml");

/** Node-link JSON into graphology, as a web viewer converts it (edges only under `edges`). */
function loadJson(file) {
  const doc = JSON.parse(fs.readFileSync(file, "utf8"));
  const graph = new Graph({ type: "directed", multi: true, allowSelfLoops: true });
  for (const { id, ...attributes } of doc.nodes) graph.addNode(id, attributes);
  for (const { source, target, ...attributes } of doc.edges) graph.addEdge(source, target, attributes);
  return graph;
}

const loaders = {
  ".json": ["JSON.parse + addNode/addEdge", loadJson],
  ".gexf": ["graphology-gexf parse", (file) => gexf.parse(Graph, fs.readFileSync(file, "utf8"))],
  ".graphml": ["graphology-graphml parse", (file) => graphml.parse(Graph, fs.readFileSync(file, "utf8"))],
};

const { values, positionals } = parseArgs({ options: { runs: { type: "string", default: "3" } }, allowPositionals: true });
const runs = Number(values.runs);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`| file | MB | graphology loader | median ms (${runs} runs) |`);
console.log("|---|---:|---|---:|");
for (const file of positionals) {
  const [name, load] = loaders[path.extname(file)];
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    load(file);
    times.push(performance.now() - start);
  }
  const mb = (fs.statSync(file).size / 1e6).toFixed(1);
  console.log(`| ${path.basename(file)} | ${mb} | ${name} | ${median(times).toFixed(0)} |`);
}
