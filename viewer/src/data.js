// Reads the graph kgraph inlined into the page and builds the graphology graph sigma draws.
//
// The data contract is documented in `src/export/html.rs` ("# Format"): columnar arrays under
// `nodes` and `edges`, edges referencing nodes by index.

import Graph from "graphology";

/** Parses `<script type="application/json" id="kgraph-data">`. */
export function readData(doc) {
  const element = doc.getElementById("kgraph-data");
  if (!element) throw new Error("kgraph: the page has no #kgraph-data block");
  const data = JSON.parse(element.textContent);
  if (data.format !== "kgraph-viewer" || data.version !== 1) {
    throw new Error(`kgraph: unsupported viewer data (format ${data.format}, version ${data.version})`);
  }
  return data;
}

/** Whitespace (newlines, tabs) collapsed, for labels drawn on the canvas and in lists. */
export function displayLabel(label) {
  const text = label.replace(/\s+/g, " ").trim();
  return text === "" ? label : text;
}

/** Labels drawn on the canvas are cut to this many characters (the panel shows them whole). */
const CANVAS_LABEL_CHARS = 32;

/** `text` cut to `max` characters (code points) with an ellipsis. */
export function shorten(text, max = CANVAS_LABEL_CHARS) {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/**
 * The node table as objects (index = position in the data) and the graphology graph.
 *
 * Node keys are the kgraph ids; sigma's attributes are `x`, `y`, `size`, `color`, `label`, and
 * `kind` (never `type`: sigma reads `type` as the name of a drawing program).
 */
export function buildGraph(data) {
  const n = data.nodes.id.length;
  const cols = data.nodes;
  const hasXY = Array.isArray(cols.x) && Array.isArray(cols.y);
  const nodes = new Array(n);
  const graph = new Graph({ type: "directed", multi: true, allowSelfLoops: true });
  const sizeScale = n < 300 ? 0.7 : n < 3000 ? 0.5 : 0.35;
  const sizeBase = n < 300 ? 4 : n < 3000 ? 2.5 : 1.5;
  for (let i = 0; i < n; i++) {
    const kind = data.kinds[cols.kind[i]];
    const node = {
      index: i,
      id: cols.id[i],
      label: cols.label[i],
      shown: displayLabel(cols.label[i]),
      kind: kind.name,
      kindIndex: cols.kind[i],
      size: cols.size[i],
      attrs: cols.attrs[i],
      kindColor: kind.color,
      communityColor: cols.color ? data.palette[cols.color[i]] : null,
      search: "",
    };
    node.search = (node.shown + "\u0000" + node.id).toLowerCase();
    nodes[i] = node;
    graph.addNode(node.id, {
      label: shorten(node.shown),
      kind: node.kind,
      index: i,
      x: hasXY ? cols.x[i] : 0,
      y: hasXY ? cols.y[i] : 0,
      size: sizeBase + Math.max(0, node.size - 10) * sizeScale,
      color: node.communityColor || node.kindColor,
    });
  }
  const e = data.edges;
  for (let j = 0; j < e.source.length; j++) {
    const w = e.weight[j];
    graph.addEdge(cols.id[e.source[j]], cols.id[e.target[j]], {
      kind: data.edgeKinds[e.kind[j]],
      weight: w,
      size: Math.min(3, 0.6 + 0.4 * Math.log1p(w)),
    });
  }
  return { graph, nodes, hasXY };
}
