// Placement when the data carries no `x`/`y` (kgraph ran no layout). Deterministic: the same
// graph always gets the same picture.
//
// ForceAtlas2 costs about 10 µs per node and iteration, too much for tens of thousands of nodes
// in a page that should open in seconds. So it runs on a skeleton: the best connected nodes (all
// of them in a small graph), linked where the full graph links them directly or through one
// node outside the skeleton. Every other node is then put in a small sunflower around its most
// specific placed neighbour (the one with the fewest links: a resource goes next to the post that
// cites it rather than next to its domain), layer by layer outwards; nodes no path reaches go on
// a ring around the rest. The steps run between frames so the page stays responsive.

import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";

/** Nodes in the ForceAtlas2 skeleton, at most. */
export const SKELETON_SIZE = 1500;
/** ForceAtlas2 iterations on the skeleton. */
const ITERATIONS = 300;
/** Iterations between two redraws. */
const STEP = 25;
/** Above this many nodes the picture is only redrawn once the layout is done (a redraw can take
 * longer than the layout step itself). */
const ANIMATED_UP_TO = 5000;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/** Unique neighbour indices of every node (self-loops left out), in edge order. */
function neighbourLists(graph, indexOf) {
  const lists = Array.from({ length: graph.order }, () => []);
  const seen = Array.from({ length: graph.order }, () => new Set());
  graph.forEachEdge((_, __, source, target) => {
    const s = indexOf.get(source);
    const t = indexOf.get(target);
    if (s === t) return;
    if (!seen[s].has(t)) {
      seen[s].add(t);
      lists[s].push(t);
    }
    if (!seen[t].has(s)) {
      seen[t].add(s);
      lists[t].push(s);
    }
  });
  return lists;
}

/** The skeleton graph: direct links, plus a link of weight 1 per shared outside neighbour. */
function skeletonGraph(members, inSkeleton, neighbours, kindOf, kindCount) {
  const skeleton = new Graph({ type: "undirected" });
  // Seed: one sector of a disc per kind, best connected nodes nearest the middle.
  const perKind = new Array(kindCount).fill(0);
  for (const i of members) perKind[kindOf[i]]++;
  const start = [];
  let angle = 0;
  for (let k = 0; k < kindCount; k++) {
    start.push(angle);
    angle += (2 * Math.PI * perKind[k]) / members.length;
  }
  const rank = new Array(kindCount).fill(0);
  for (const i of members) {
    const k = kindOf[i];
    const r = rank[k]++;
    const span = (2 * Math.PI * perKind[k]) / members.length;
    const a = start[k] + span * (((r * GOLDEN_ANGLE) / (2 * Math.PI)) % 1);
    const radius = 10 * Math.sqrt(r + 1);
    skeleton.addNode(i, { x: radius * Math.cos(a), y: radius * Math.sin(a) });
  }
  const link = (a, b) => {
    if (a === b) return;
    const [s, t] = a < b ? [a, b] : [b, a];
    skeleton.updateEdge(s, t, (attrs) => ({ weight: (attrs.weight ?? 0) + 1 }));
  };
  for (const i of members) for (const j of neighbours[i]) if (inSkeleton[j] && i < j) link(i, j);
  for (let v = 0; v < neighbours.length; v++) {
    if (inSkeleton[v]) continue;
    const inner = neighbours[v].filter((j) => inSkeleton[j]).slice(0, 30);
    for (let a = 0; a < inner.length; a++) for (let b = a + 1; b < inner.length; b++) link(inner[a], inner[b]);
  }
  return skeleton;
}

/** Median length of the skeleton's edges (1 when it has none). */
function typicalEdgeLength(skeleton) {
  const lengths = skeleton.mapEdges((_, __, s, t, a, b) => Math.hypot(a.x - b.x, a.y - b.y)).sort((p, q) => p - q);
  return lengths.length > 0 && lengths[lengths.length >> 1] > 0 ? lengths[lengths.length >> 1] : 1;
}

/** Places every node outside the skeleton from the skeleton's current positions. */
function placeRest(skeleton, neighbours, inSkeleton, x, y) {
  const n = neighbours.length;
  const placed = new Uint8Array(n);
  skeleton.forEachNode((key, attrs) => {
    x[key] = attrs.x;
    y[key] = attrs.y;
    placed[key] = 1;
  });
  const step = 0.07 * typicalEdgeLength(skeleton);
  const children = new Uint32Array(n);
  let frontier = [];
  for (let v = 0; v < n; v++) if (!inSkeleton[v]) frontier.push(v);
  for (;;) {
    const layer = [];
    for (const v of frontier) {
      let anchor = -1;
      for (const j of neighbours[v]) {
        if (!placed[j]) continue;
        if (anchor < 0 || neighbours[j].length < neighbours[anchor].length || (neighbours[j].length === neighbours[anchor].length && j < anchor)) anchor = j;
      }
      if (anchor >= 0) layer.push([v, anchor]);
    }
    if (layer.length === 0) break;
    for (const [v, anchor] of layer) {
      const k = children[anchor]++;
      const a = anchor * GOLDEN_ANGLE + k * GOLDEN_ANGLE;
      const r = step * Math.sqrt(k + 1);
      x[v] = x[anchor] + r * Math.cos(a);
      y[v] = y[anchor] + r * Math.sin(a);
      placed[v] = 1;
    }
    frontier = frontier.filter((v) => !placed[v]);
  }
  // Nodes no path reaches: a ring around everything else.
  if (frontier.length > 0) {
    let radius = 0;
    for (let v = 0; v < n; v++) if (placed[v]) radius = Math.max(radius, Math.hypot(x[v], y[v]));
    radius = radius * 1.1 + step;
    frontier.forEach((v, k) => {
      const a = (2 * Math.PI * k) / frontier.length;
      x[v] = radius * Math.cos(a);
      y[v] = radius * Math.sin(a);
    });
  }
}

/**
 * Lays `graph` out (node attribute `index` = position in `nodes`), calling `onStep(progress)`
 * after each redraw-worth of work; resolves when done.
 */
export function layoutInBrowser(graph, nodes, { onStep = () => {} } = {}) {
  const n = graph.order;
  if (n === 0) return Promise.resolve();
  const keys = new Array(n);
  const indexOf = new Map();
  graph.forEachNode((key, attrs) => {
    keys[attrs.index] = key;
    indexOf.set(key, attrs.index);
  });
  const neighbours = neighbourLists(graph, indexOf);
  const byDegree = [...keys.keys()].sort((a, b) => neighbours[b].length - neighbours[a].length || a - b);
  const members = byDegree.slice(0, SKELETON_SIZE).sort((a, b) => a - b);
  const inSkeleton = new Uint8Array(n);
  for (const i of members) inSkeleton[i] = 1;
  const kindOf = nodes.map((node) => node.kindIndex);
  const kindCount = Math.max(...kindOf) + 1;
  const skeleton = skeletonGraph(members, inSkeleton, neighbours, kindOf, kindCount);
  const settings = {
    ...forceAtlas2.inferSettings(skeleton),
    barnesHutOptimize: skeleton.order > 500,
    outboundAttractionDistribution: true,
  };
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const apply = () => {
    placeRest(skeleton, neighbours, inSkeleton, x, y);
    graph.updateEachNodeAttributes(
      (_, attrs) => {
        attrs.x = x[attrs.index];
        attrs.y = y[attrs.index];
        return attrs;
      },
      { attributes: ["x", "y"] },
    );
  };
  apply();
  if (skeleton.size === 0) return Promise.resolve();
  return new Promise((resolve) => {
    let done = 0;
    const tick = () => {
      const count = Math.min(STEP, ITERATIONS - done);
      forceAtlas2.assign(skeleton, { iterations: count, settings });
      done += count;
      if (done === ITERATIONS || n <= ANIMATED_UP_TO) apply();
      onStep(done / ITERATIONS);
      if (done < ITERATIONS) setTimeout(tick, 0);
      else resolve();
    };
    setTimeout(tick, 0);
  });
}
