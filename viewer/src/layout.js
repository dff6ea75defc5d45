// Placement when the data carries no `x`/`y` (kgraph ran no layout): a deterministic start, one
// sector of a disc per node kind, refined by ForceAtlas2 in small steps between frames so the
// page stays responsive. No randomness: the same graph always gets the same picture.

import forceAtlas2 from "graphology-layout-forceatlas2";

/** Spreads the nodes of each kind over its own sector of a disc, biggest nodes nearest the middle. */
export function seedPositions(graph, nodes, kindCount) {
  const byKind = Array.from({ length: kindCount }, () => []);
  for (const node of nodes) byKind[node.kindIndex].push(node);
  const present = byKind.filter((list) => list.length > 0);
  const golden = Math.PI * (3 - Math.sqrt(5));
  let start = 0;
  const total = nodes.length || 1;
  for (const list of present) {
    list.sort((a, b) => b.size - a.size || a.index - b.index);
    const span = (2 * Math.PI * list.length) / total;
    list.forEach((node, k) => {
      const r = 10 * Math.sqrt(k + 1);
      const angle = start + span * ((k * golden) / (2 * Math.PI) % 1);
      graph.mergeNodeAttributes(node.id, { x: r * Math.cos(angle), y: r * Math.sin(angle) });
    });
    start += span;
  }
}

/** How many ForceAtlas2 iterations a graph of `order` nodes gets in the browser (0: none). */
export function iterationBudget(order) {
  if (order > 20000) return 0;
  if (order > 5000) return 120;
  if (order > 1000) return 250;
  return 400;
}

/**
 * Runs the ForceAtlas2 budget in chunks of `step` iterations, calling `onStep` after each
 * (to refresh the drawing); resolves when done.
 */
export function refine(graph, { step = 10, onStep = () => {} } = {}) {
  const budget = iterationBudget(graph.order);
  if (budget === 0 || graph.size === 0) return Promise.resolve();
  const settings = {
    ...forceAtlas2.inferSettings(graph),
    barnesHutOptimize: graph.order > 1000,
    outboundAttractionDistribution: true,
  };
  return new Promise((resolve) => {
    let done = 0;
    const tick = () => {
      const n = Math.min(step, budget - done);
      forceAtlas2.assign(graph, { iterations: n, settings });
      done += n;
      onStep(done / budget);
      if (done < budget) setTimeout(tick, 0);
      else resolve();
    };
    setTimeout(tick, 0);
  });
}
