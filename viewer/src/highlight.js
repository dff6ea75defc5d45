// Hover and selection: the focused node, its neighbours and the edges between them stay bright;
// everything else fades. Kinds switched off in the legend are hidden.

const FADED_NODE = "rgba(0,0,0,0.07)";
const EDGE = "rgba(0,0,0,0.16)";
const FOCUS_EDGE = "rgba(0,0,0,0.6)";
/** Above this many neighbours only the focused node's label is forced on. */
const MAX_FORCED_LABELS = 40;

export class Highlighter {
  constructor(renderer, state) {
    this.renderer = renderer;
    this.graph = renderer.getGraph();
    this.state = state;
    this.hovered = null;
    this.neighbours = null;
    renderer.setSetting("defaultEdgeColor", EDGE);
    renderer.setSetting("nodeReducer", (node, data) => this.node(node, data));
    renderer.setSetting("edgeReducer", (edge, data) => this.edge(edge, data));
    renderer.on("enterNode", ({ node }) => this.setHovered(node));
    renderer.on("leaveNode", () => this.setHovered(null));
  }

  /** The node whose neighbourhood is shown: the hovered one, else the selected one. */
  focus() {
    return this.hovered ?? this.state.selected;
  }

  setHovered(node) {
    this.hovered = node;
    this.update();
  }

  /**
   * Recomputes the neighbourhood after hover, selection or filter changes, and redraws: at the
   * next frame, or at once with `now` (display data is only normalised again after a render).
   */
  update({ now = false } = {}) {
    const focus = this.focus();
    this.neighbours = focus && this.graph.hasNode(focus) ? new Set(this.graph.neighbors(focus)) : null;
    // A full refresh: with skipIndexation sigma 3.0.3 keeps unnormalised positions.
    this.renderer.refresh({ schedule: !now });
  }

  node(node, data) {
    const out = { ...data };
    if (this.state.colorBy === "kind") out.color = this.state.kindColor(data.kind);
    if (this.state.hiddenKinds.has(data.kind)) {
      out.hidden = true;
      return out;
    }
    const focus = this.focus();
    if (focus === null) return out;
    if (node === focus) {
      out.highlighted = true;
      out.forceLabel = true;
      out.zIndex = 2;
    } else if (this.neighbours.has(node)) {
      out.forceLabel = this.neighbours.size <= MAX_FORCED_LABELS;
      out.zIndex = 1;
    } else {
      out.color = FADED_NODE;
      out.label = null;
      out.zIndex = 0;
    }
    if (node === this.state.selected) out.highlighted = true;
    return out;
  }

  edge(edge, data) {
    const focus = this.focus();
    if (focus === null) return data;
    const [source, target] = this.graph.extremities(edge);
    if (source === focus || target === focus) {
      return { ...data, color: FOCUS_EDGE, size: Math.max(1, data.size) };
    }
    return { ...data, hidden: true };
  }
}
