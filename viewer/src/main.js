// The kgraph viewer: reads the inlined graph, draws it with sigma.js (WebGL) and wires the search
// box, legend, side panel and hover highlighting. Everything runs from the one HTML file.

import Sigma from "sigma";
import { buildGraph, readData } from "./data.js";
import { h } from "./dom.js";
import { Highlighter } from "./highlight.js";
import { layoutInBrowser } from "./layout.js";
import { createLegend } from "./legend.js";
import { createPanel } from "./panel.js";
import { createSearch } from "./search.js";

const LABEL_FONT =
  "system-ui, -apple-system, 'Segoe UI', 'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

/** The rendered size above which labels are drawn: roughly the biggest tenth of the nodes. */
function labelThreshold(graph) {
  const sizes = graph.mapNodes((_, attrs) => attrs.size).sort((a, b) => b - a);
  if (sizes.length <= 60) return 0;
  return Math.max(4, sizes[Math.floor(sizes.length * 0.1)]);
}

function start() {
  const root = document.getElementById("kgraph-app");
  const data = readData(document);
  const { graph, nodes, hasXY } = buildGraph(data);

  const state = {
    selected: null,
    hiddenKinds: new Set(),
    // kgraph's --color-by picks the colouring shown first; the legend switches.
    colorBy: data.nodes.color ? data.colorBy || "community" : "kind",
    kindColor: (name) => kindColors.get(name),
  };
  const kindColors = new Map(data.kinds.map((k) => [k.name, k.color]));

  const container = h("div", { class: "kg-graph", id: "kg-graph" });
  const status = h("div", { class: "kg-status kg-overlay", hidden: true });
  root.append(container, status);

  // Without kgraph's coordinates the viewer places the nodes itself (a first placement at once).
  let layoutDone = Promise.resolve();
  if (!hasXY) {
    status.hidden = false;
    status.textContent = "Laying out…";
    layoutDone = layoutInBrowser(graph, nodes, {
      onStep: (progress) => {
        status.textContent = `Laying out… ${Math.round(progress * 100)}%`;
      },
    });
  }

  const renderer = new Sigma(graph, container, {
    labelFont: LABEL_FONT,
    labelSize: 13,
    labelWeight: "500",
    labelColor: { color: "#222" },
    labelDensity: graph.order > 5000 ? 0.4 : 0.7,
    labelGridCellSize: graph.order > 5000 ? 120 : 90,
    labelRenderedSizeThreshold: labelThreshold(graph),
    defaultEdgeType: "line",
    hideEdgesOnMove: graph.size > 50000,
    zIndex: true,
    minCameraRatio: 0.01,
    maxCameraRatio: 20,
    stagePadding: 40,
  });
  const highlighter = new Highlighter(renderer, state);

  const camera = renderer.getCamera();
  const zoomTo = (key) => {
    const display = renderer.getNodeDisplayData(key);
    if (!display) return;
    camera.animate({ x: display.x, y: display.y, ratio: Math.min(camera.ratio, 0.35) }, { duration: 400 });
  };

  let legend = null;
  const select = (key, { zoom = false } = {}) => {
    state.selected = key;
    if (key !== null) {
      const kind = graph.getNodeAttribute(key, "kind");
      if (state.hiddenKinds.has(kind)) legend.showKind(kind);
    }
    panel.show(key);
    highlighter.update({ now: zoom });
    if (zoom && key !== null) zoomTo(key);
  };

  const panel = createPanel({
    graph,
    nodes,
    kinds: data.kinds,
    onSelect: (node) => select(node.id, { zoom: true }),
    onClose: () => select(null),
  });
  const search = createSearch(nodes, (node) => select(node.id, { zoom: true }));
  legend = createLegend({
    data,
    nodes,
    edgeCount: graph.size,
    state,
    onChange: () => {
      if (state.selected !== null && state.hiddenKinds.has(graph.getNodeAttribute(state.selected, "kind"))) {
        select(null);
      } else {
        highlighter.update();
      }
      renderer.refresh();
    },
  });
  const zoom = h(
    "div",
    { class: "kg-zoom kg-overlay" },
    h("button", { type: "button", title: "Zoom in", text: "+", onclick: () => camera.animatedZoom({ duration: 250 }) }),
    h("button", { type: "button", title: "Zoom out", text: "−", onclick: () => camera.animatedUnzoom({ duration: 250 }) }),
    h("button", { type: "button", title: "Show everything", text: "⤢", onclick: () => camera.animatedReset({ duration: 250 }) }),
  );
  const credit = h("div", { class: "kg-credit kg-overlay", text: `${data.generator} · sigma.js · graphology` });
  root.append(search.element, legend.element, panel.element, zoom, credit);

  renderer.on("clickNode", ({ node }) => select(node));
  renderer.on("clickStage", () => select(null));
  renderer.on("doubleClickNode", ({ node, event }) => {
    const url = nodes[graph.getNodeAttribute(node, "index")].attrs.url;
    if (typeof url === "string" && /^https?:\/\//i.test(url)) {
      event.preventSigmaDefault();
      window.open(url, "_blank", "noopener,noreferrer");
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") select(null);
    if (event.key === "/" && document.activeElement !== search.input) {
      event.preventDefault();
      search.input.focus();
    }
  });

  layoutDone = layoutDone.then(() => {
    status.hidden = true;
    renderer.refresh();
  });

  // A small hook for tests and for scripting the page from the console.
  window.kgraphViewer = {
    nodeCount: graph.order,
    edgeCount: graph.size,
    ready: layoutDone.then(() => new Promise((resolve) => requestAnimationFrame(() => resolve(true)))),
    /** Nodes sigma has display data for and does not hide. */
    renderedNodeCount: () => graph.filterNodes((key) => {
      const display = renderer.getNodeDisplayData(key);
      return display !== undefined && !display.hidden;
    }).length,
    selectedNode: () => {
      if (state.selected === null) return null;
      const node = nodes[graph.getNodeAttribute(state.selected, "index")];
      return { id: node.id, label: node.label, kind: node.kind };
    },
    search: (text) => {
      search.input.value = text;
      search.input.dispatchEvent(new Event("input"));
      search.input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
      return window.kgraphViewer.selectedNode();
    },
    hoveredNode: () => highlighter.hovered,
    select: (id, zoom = true) => select(graph.hasNode(id) ? id : null, { zoom }),
    renderer,
  };
}

try {
  start();
} catch (error) {
  const root = document.getElementById("kgraph-app") || document.body;
  root.append(h("p", { class: "kg-error", text: `The graph cannot be shown: ${error.message}` }));
  throw error;
}
