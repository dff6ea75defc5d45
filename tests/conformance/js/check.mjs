#!/usr/bin/env node
/**
 * Conformance checks for kgraph's exports, run with the JavaScript consumers.
 *
 * The JavaScript half of tests/conformance/check.py: loads the GEXF and GraphML exports with
 * graphology-gexf / graphology-graphml (Gephi Lite's importers), the JSON export with graphology
 * (what a sigma.js viewer does) and the Mermaid export with mermaid.parse(), then compares what each
 * consumer saw with the JSON export. Rules: ../shared/docs/FORMATS.md (§1, §2, §4, §6, §7).
 *
 *     npm ci --prefix tests/conformance/js --no-audit --no-fund --loglevel=error
 *     node tests/conformance/js/check.mjs --json F [--gexf F] [--graphml F] [--mermaid F]
 *
 * Every package version is pinned in package.json / package-lock.json (about 185 MB installed,
 * mostly mermaid); .npmrc keeps npm quiet.
 *
 * Prints one line per check (`PASS name` / `FAIL name: reason`) and a last line `N passed, M failed`;
 * exits 1 if any check failed, 2 on a usage error. Needs Node >= 20.19 (jsdom 29).
 *
 * How each consumer is run:
 * - GEXF and GraphML are read twice: through the libraries' browser endpoints with jsdom's DOMParser,
 *   which is Gephi Lite's code path (a strict XML parser: a control character or a bare `&` is an
 *   error, as in a browser), and through their Node endpoints (bundled @xmldom/xmldom 0.8, lenient).
 *   Both are called with default options, which are stricter than Gephi Lite's (it passes
 *   addMissingNodes and allowUndeclaredAttributes): an edge to an unknown node or an undeclared
 *   attribute fails here. The parsers upgrade to a multi graph when they meet a parallel edge, so
 *   parallel relations keep their own edges; two edges sharing one id are merged (count check fails).
 * - Expected losses when comparing labels: XML-forbidden characters are dropped (FORMATS.md §0.2);
 *   GEXF labels are also compared with whitespace collapsed (they are attributes and xsd:token).
 * - Mermaid: mermaid.parse() with jsdom's `window` and `document` as globals (without them mermaid 11
 *   throws "DOMPurify.addHook is not a function" on every valid diagram). Default configuration, so a
 *   flowchart with more than 500 edges fails (maxEdges), as it would in a default viewer. Node
 *   declarations (`n<digits>` followed by a shape such as `[`) are counted outside quoted labels; a
 *   file with a `%%` comment containing "truncated" only needs to declare no more nodes than the JSON.
 */

import fs from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { JSDOM } from 'jsdom';
import Graph from 'graphology';

const USAGE = 'usage: node check.mjs --json F [--gexf F] [--graphml F] [--mermaid F]';
const MAX_EXAMPLES = 3; // differences quoted in a failure message

// Characters XML 1.0 forbids (FORMATS.md §0.2), plus lone surrogates (the `u` flag makes the
// surrogate range match only unpaired halves).
const XML_FORBIDDEN_RE = /[\u{0}-\u{8}\u{B}\u{C}\u{E}-\u{1F}\u{FFFE}\u{FFFF}\u{D800}-\u{DFFF}]/gu;
const COLOR_RE = /^(#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?|rgb\(\d+,\d+,\d+\)|rgba\(\d+,\d+,\d+,[0-9.]+\))$/;

// jsdom's window stands in for the browser: graphology's browser endpoints read the globals
// DOMParser and Document when they are loaded, mermaid's DOMPurify reads `window`.
const { window } = new JSDOM('');
globalThis.window = window;
globalThis.document = window.document;
globalThis.DOMParser = window.DOMParser;
globalThis.Document = window.Document;

const require = createRequire(import.meta.url);
const gexfBrowser = require('graphology-gexf/browser');
const gexfNode = require('graphology-gexf');
const graphmlBrowser = require('graphology-graphml/browser');
const graphmlNode = require('graphology-graphml');

class CheckFailed extends Error {}

// --------------------------------------------------------------------------- reporting

class Report {
  passed = 0;
  failed = 0;

  /** Runs `check(...args)` (it fails by throwing); returns { ok, value }. */
  async run(name, check, ...args) {
    try {
      const value = await check(...args);
      this.passed += 1;
      console.log(`PASS ${name}`);
      return { ok: true, value };
    } catch (error) {
      this.failed += 1;
      console.log(`FAIL ${name}: ${oneLine(describe(error))}`);
      return { ok: false, value: undefined };
    }
  }

  summary() {
    return `${this.passed} passed, ${this.failed} failed`;
  }
}

function describe(error) {
  if (error instanceof CheckFailed) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function oneLine(text, limit = 400) {
  const squeezed = String(text)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' | ');
  return squeezed.length <= limit ? squeezed : squeezed.slice(0, limit - 1) + '…';
}

function examples(items) {
  const shown = items.slice(0, MAX_EXAMPLES).map((x) => JSON.stringify(x)).join(', ');
  const more = items.length > MAX_EXAMPLES ? ` (+${items.length - MAX_EXAMPLES} more)` : '';
  return shown + more;
}

function failIfAny(what, problems) {
  if (problems.length > 0) throw new CheckFailed(`${problems.length} ${what}: ${examples(problems)}`);
}

/** A multiset as a Map from JSON.stringify(item) to its count. */
function countItems(items) {
  const counts = new Map();
  for (const item of items) {
    const key = JSON.stringify(item);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Items of multiset `a` not matched in multiset `b`, with multiplicity. */
function multisetMinus(a, b) {
  const left = [];
  for (const [key, n] of a) {
    for (let i = 0; i < n - (b.get(key) ?? 0); i += 1) left.push(JSON.parse(key));
  }
  return left;
}

/** Fails when two lists differ as multisets, naming a few items on each side. */
function expectSameItems(got, want) {
  const gotCounts = countItems(got);
  const wantCounts = countItems(want);
  const missing = multisetMinus(wantCounts, gotCounts);
  const extra = multisetMinus(gotCounts, wantCounts);
  const parts = [];
  if (missing.length > 0) parts.push(`missing ${examples(missing)}`);
  if (extra.length > 0) parts.push(`unexpected ${examples(extra)}`);
  if (parts.length > 0) throw new CheckFailed(parts.join('; '));
}

function expectCounts(what, graph, doc) {
  const problems = [];
  if (graph.order !== doc.nodes.length) problems.push(`${graph.order} nodes, JSON has ${doc.nodes.length}`);
  if (graph.size !== doc.edges.length) problems.push(`${graph.size} edges, JSON has ${doc.edges.length}`);
  if (problems.length > 0) throw new CheckFailed(`${what} sees ${problems.join('; ')}`);
}

function expectDirected(graph) {
  if (graph.type !== 'directed') throw new CheckFailed(`graph type is ${graph.type}, not directed`);
}

// --------------------------------------------------------------------------- text

/** `text` as an XML file can carry it: forbidden characters dropped (FORMATS.md §0.2). */
function xmlVisible(text) {
  return text.replace(XML_FORBIDDEN_RE, '');
}

/** Runs of XML whitespace as one space, trimmed: how GEXF labels (attributes, xsd:token) may arrive. */
function collapseWhitespace(text) {
  return text.replace(/[ \t\n\r]+/g, ' ').trim();
}

function readText(path) {
  return fs.readFileSync(path, 'utf8');
}

// --------------------------------------------------------------------------- JSON

/** The JSON export: the reference every other format is compared to. */
class JsonGraph {
  constructor(data) {
    this.data = data;
    this.nodes = data.nodes;
    this.edges = data.edges;
    this.nodeById = new Map(this.nodes.map((n) => [n?.id, n]));
  }

  get ids() {
    return this.nodes.map((n) => n?.id);
  }

  labelOf(id) {
    return this.nodeById.get(id)?.label ?? '';
  }

  kindOf(id) {
    return this.nodeById.get(id)?.kind;
  }

  get edgeEndpoints() {
    return this.edges.map((e) => [e?.source, e?.target]);
  }

  get edgeEndpointsAndKinds() {
    return this.edges.map((e) => [e?.source, e?.target, e?.kind]);
  }
}

function loadJson(path) {
  const data = JSON.parse(readText(path));
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new CheckFailed('top level is not an object');
  }
  const problems = [];
  if (!Array.isArray(data.nodes)) problems.push('"nodes" is not an array');
  if (!Array.isArray(data.edges)) problems.push('"edges" is not an array');
  if (problems.length > 0) throw new CheckFailed(problems.join('; '));
  return new JsonGraph(data);
}

/** JS loses integers above 2^53, and graphology turns keys into strings (FORMATS.md §4). */
function checkStringIds(doc) {
  const bad = [];
  doc.nodes.forEach((n, i) => {
    if (typeof n?.id !== 'string') bad.push(`nodes[${i}].id`);
  });
  doc.edges.forEach((e, i) => {
    if (typeof e?.source !== 'string' || typeof e?.target !== 'string') bad.push(`edges[${i}]`);
  });
  failIfAny('non-string id(s)', bad);
}

/** Node-link → graphology's serialised form, as a web viewer would convert it. */
function toGraphologyData(doc) {
  const nodes = doc.nodes.map(({ id, ...attributes }) => ({ key: id, attributes }));
  // Node-link `key`s are only unique per (source, target): left as an attribute, not a graphology key.
  const edges = doc.edges.map(({ source, target, ...attributes }) => ({ source, target, attributes }));
  return {
    attributes: doc.data.graph ?? {},
    options: { type: doc.data.directed === false ? 'undirected' : 'directed', multi: true, allowSelfLoops: true },
    nodes,
    edges,
  };
}

function loadGraphology(doc) {
  return Graph.from(toGraphologyData(doc));
}

async function checkJson(report, path) {
  const { ok, value: doc } = await report.run(`json: ${path} parses, with "nodes" and "edges" arrays`, loadJson, path);
  if (!ok) return null;
  await report.run('json: node ids and edge endpoints are strings', checkStringIds, doc);
  const loaded = await report.run(
    'json: graphology Graph.from loads it (multi: true, allowSelfLoops: true)',
    loadGraphology,
    doc,
  );
  if (loaded.ok) {
    await report.run('json: graphology node/edge counts equal the JSON\'s', expectCounts, 'graphology', loaded.value, doc);
  }
  return doc;
}

// --------------------------------------------------------------------------- XML (GEXF, GraphML)

/**
 * Reads an XML file and parses it as a browser does (a well-formedness error yields a <parsererror>
 * document, which is turned into a failure). Returns { text, xml }.
 */
function readXml(path) {
  const text = readText(path);
  const xml = new window.DOMParser().parseFromString(text, 'application/xml');
  const error = xml.getElementsByTagName('parsererror')[0];
  if (error) throw new CheckFailed(`not well-formed XML: ${error.textContent}`);
  return { text, xml };
}

/** The two ways to run a graphology XML parser: [name, read({ text, xml })]. */
function xmlReaders(library, browserEndpoint, nodeEndpoint) {
  return [
    [`${library}/browser + jsdom DOMParser`, (file) => browserEndpoint.parse(Graph, file.xml)],
    [`${library} (Node, xmldom)`, (file) => nodeEndpoint.parse(Graph, file.text)],
  ];
}

// --------------------------------------------------------------------------- GEXF

function checkGexfIds(graph, doc) {
  expectSameItems(graph.nodes(), doc.ids);
}

function checkGexfLabels(graph, doc) {
  const wrong = [];
  graph.forEachNode((id, attributes) => {
    const want = collapseWhitespace(xmlVisible(doc.labelOf(id)));
    const got = collapseWhitespace(attributes.label ?? ''); // graphology-gexf drops empty labels
    if (got !== want) wrong.push(`${id}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
  });
  failIfAny('label(s) differ', wrong);
}

function checkGexfKinds(graph, doc) {
  const wrong = [];
  graph.forEachNode((id, attributes) => {
    if (attributes.kind !== doc.kindOf(id)) wrong.push(`${id}: kind ${JSON.stringify(attributes.kind)}`);
  });
  failIfAny('node(s) without the JSON kind', wrong);
}

function checkGexfViz(graph) {
  const wrong = [];
  graph.forEachNode((id, attributes) => {
    if (typeof attributes.color !== 'string' || !COLOR_RE.test(attributes.color)) {
      wrong.push(`${id}: color ${JSON.stringify(attributes.color)}`);
    }
    if (!Number.isFinite(attributes.size)) wrong.push(`${id}: size ${JSON.stringify(attributes.size)}`);
  });
  failIfAny('node(s) without a usable viz:color / viz:size', wrong);
}

function checkGexfEdges(graph, doc) {
  const got = graph.mapEdges((edge, attributes, source, target) => [source, target, attributes.kind]);
  expectSameItems(got, doc.edgeEndpointsAndKinds);
}

async function checkGexf(report, path, doc) {
  const file = await report.run(`gexf: ${path} is well-formed XML (jsdom DOMParser)`, readXml, path);
  if (!file.ok) return;
  for (const [name, read] of xmlReaders('graphology-gexf', gexfBrowser, gexfNode)) {
    const { ok, value: graph } = await report.run(`gexf: ${name} loads it`, read, file.value);
    if (!ok) continue;
    await report.run(`gexf: ${name} reads it as directed`, expectDirected, graph);
    if (doc === null) continue;
    await report.run(`gexf: ${name} node/edge counts equal the JSON's`, expectCounts, name, graph, doc);
    await report.run(`gexf: ${name} node ids are the JSON ids`, checkGexfIds, graph, doc);
    await report.run(`gexf: ${name} labels equal JSON labels (whitespace collapsed)`, checkGexfLabels, graph, doc);
    await report.run(`gexf: ${name} every node has the JSON kind`, checkGexfKinds, graph, doc);
    await report.run(`gexf: ${name} every node has a color and a size`, checkGexfViz, graph);
    await report.run(`gexf: ${name} edges (source, target, kind) equal the JSON's`, checkGexfEdges, graph, doc);
  }
}

// --------------------------------------------------------------------------- GraphML

/** GraphML node id → kgid (the real id); fails on missing or repeated kgids. */
function kgidsOf(graph) {
  const kgid = new Map();
  const missing = [];
  graph.forEachNode((id, attributes) => {
    if (typeof attributes.kgid === 'string' && attributes.kgid !== '') kgid.set(id, attributes.kgid);
    else missing.push(id);
  });
  failIfAny('node(s) without kgid data', missing);
  const values = [...kgid.values()];
  const repeated = values.filter((v, i) => values.indexOf(v) !== i);
  failIfAny('kgid(s) on several nodes', repeated);
  return kgid;
}

function checkGraphmlKgids(graph, doc) {
  const kgid = kgidsOf(graph);
  expectSameItems([...kgid.values()], doc.ids);
  return kgid;
}

function checkGraphmlLabels(graph, kgid, doc) {
  const wrong = [];
  graph.forEachNode((id, attributes) => {
    const want = xmlVisible(doc.labelOf(kgid.get(id)));
    const got = attributes.label ?? '';
    if (got !== want) wrong.push(`${kgid.get(id)}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
  });
  failIfAny('label(s) differ', wrong);
}

function checkGraphmlEdges(graph, kgid, doc) {
  const got = graph.mapEdges((edge, attributes, source, target) => [kgid.get(source), kgid.get(target)]);
  expectSameItems(got, doc.edgeEndpoints);
}

async function checkGraphml(report, path, doc) {
  const file = await report.run(`graphml: ${path} is well-formed XML (jsdom DOMParser)`, readXml, path);
  if (!file.ok) return;
  for (const [name, read] of xmlReaders('graphology-graphml', graphmlBrowser, graphmlNode)) {
    const { ok, value: graph } = await report.run(`graphml: ${name} loads it`, read, file.value);
    if (!ok) continue;
    await report.run(`graphml: ${name} reads it as directed`, expectDirected, graph);
    if (doc === null) continue;
    await report.run(`graphml: ${name} node/edge counts equal the JSON's`, expectCounts, name, graph, doc);
    const kgids = await report.run(`graphml: ${name} kgid data is the set of JSON ids`, checkGraphmlKgids, graph, doc);
    if (!kgids.ok) continue;
    await report.run(`graphml: ${name} labels equal JSON labels (via kgid)`, checkGraphmlLabels, graph, kgids.value, doc);
    await report.run(`graphml: ${name} edge endpoints equal the JSON's (via kgid)`, checkGraphmlEdges, graph, kgids.value, doc);
  }
}

// --------------------------------------------------------------------------- Mermaid

let mermaidModule = null;

async function mermaidParse(text) {
  mermaidModule ??= (await import('mermaid')).default; // loaded only when needed (~0.5 s)
  const result = await mermaidModule.parse(text);
  if (!result) throw new CheckFailed('mermaid.parse returned false');
}

/** The diagram without `%%` comment lines, quoted labels and `|edge text|`, where ids cannot hide. */
function mermaidSkeleton(text) {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('%%'))
    .join('\n')
    .replace(/"[^"]*"/g, '""')
    .replace(/\|[^|\n]*\|/g, '||');
}

function isTruncated(text) {
  return text.split('\n').some((line) => line.trim().startsWith('%%') && /truncated/i.test(line));
}

function declaredNodes(text) {
  return new Set([...mermaidSkeleton(text).matchAll(/\b(n\d+)[[({>]/g)].map((m) => m[1]));
}

function usedNodes(text) {
  return new Set([...mermaidSkeleton(text).matchAll(/\b(n\d+)\b/g)].map((m) => m[1]));
}

function checkMermaidNodeCount(text, doc) {
  const declared = declaredNodes(text).size;
  if (isTruncated(text)) {
    if (declared > doc.nodes.length) {
      throw new CheckFailed(`truncated file declares ${declared} nodes, more than the JSON's ${doc.nodes.length}`);
    }
  } else if (declared !== doc.nodes.length) {
    throw new CheckFailed(`${declared} node declarations, JSON has ${doc.nodes.length}`);
  }
}

function checkMermaidUndeclared(text) {
  const declared = declaredNodes(text);
  const undeclared = [...usedNodes(text)].filter((id) => !declared.has(id));
  failIfAny('node id(s) used but never declared with a label', undeclared);
}

async function checkMermaid(report, path, doc) {
  const file = await report.run(`mermaid: ${path} can be read`, readText, path);
  if (!file.ok) return;
  const text = file.value;
  await report.run('mermaid: mermaid.parse() resolves (jsdom globals)', mermaidParse, text);
  await report.run('mermaid: every n<digits> id used is declared with a shape', checkMermaidUndeclared, text);
  if (doc === null) return;
  const how = isTruncated(text) ? 'at most' : 'equal to';
  await report.run(`mermaid: node declarations ${how} the JSON's node count`, checkMermaidNodeCount, text, doc);
}

// --------------------------------------------------------------------------- main

function parseCommandLine(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'string' },
      gexf: { type: 'string' },
      graphml: { type: 'string' },
      mermaid: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.help && !values.json) throw new Error('--json is required');
  return values;
}

async function main(argv) {
  let args;
  try {
    args = parseCommandLine(argv);
  } catch (error) {
    console.error(`check.mjs: ${error.message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const report = new Report();
  const doc = await checkJson(report, args.json);
  if (args.gexf) await checkGexf(report, args.gexf, doc);
  if (args.graphml) await checkGraphml(report, args.graphml, doc);
  if (args.mermaid) await checkMermaid(report, args.mermaid, doc);
  console.log(report.summary());
  return report.failed === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
