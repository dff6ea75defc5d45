// The side panel of the selected node: kind, id, attributes, a link for resources, neighbours.

import { count, h, swatch } from "./dom.js";

/** Neighbour rows shown before "… and N more". */
const MAX_NEIGHBOURS = 300;

/** Attributes the panel shows in its header or not at all. */
const SKIPPED = new Set(["url"]);

/** An attribute value as text: reals with at most 4 significant decimals. */
function formatValue(value) {
  if (typeof value === "number" && !Number.isInteger(value)) return String(Number(value.toPrecision(4)));
  return String(value);
}

/** Whether `url` is a web address the panel may link to. */
function isWebUrl(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url);
}

export function createPanel({ graph, nodes, kinds, onSelect, onClose }) {
  const body = h("div", { class: "kg-panel-body" });
  const element = h(
    "aside",
    { class: "kg-panel kg-overlay", hidden: true, "aria-label": "Selected node" },
    h("button", { class: "kg-close", type: "button", title: "Close (Esc)", "aria-label": "Close", onclick: onClose, text: "×" }),
    body,
  );

  const nodeOf = (key) => nodes[graph.getNodeAttribute(key, "index")];

  const show = (key) => {
    if (key === null) {
      element.hidden = true;
      body.replaceChildren();
      return;
    }
    const node = nodeOf(key);
    const kindColor = kinds.find((k) => k.name === node.kind).color;
    const parts = [
      h("div", { class: "kg-panel-kind" }, swatch(kindColor), node.kind),
      h("h2", { class: "kg-panel-title", text: node.label }),
      h("div", { class: "kg-panel-id", text: node.id }),
    ];
    const url = node.attrs.url;
    if (isWebUrl(url)) {
      parts.push(
        h("a", { class: "kg-open", href: url, target: "_blank", rel: "noopener noreferrer", text: "Open ↗" }),
        h("div", { class: "kg-url", text: url }),
      );
    }
    const rows = Object.entries(node.attrs).filter(([name]) => !SKIPPED.has(name));
    if (rows.length > 0) {
      parts.push(
        h(
          "table",
          { class: "kg-attrs" },
          h("tbody", {}, rows.map(([name, value]) => h("tr", {}, h("th", { text: name }), h("td", { text: formatValue(value) })))),
        ),
      );
    }
    parts.push(neighbourList(key));
    body.replaceChildren(...parts);
    body.scrollTop = 0;
    element.hidden = false;
  };

  const neighbourList = (key) => {
    const rows = [];
    graph.forEachEdge(key, (edge, attrs, source, target) => {
      const outgoing = source === key;
      const other = outgoing ? target : source;
      rows.push({ kind: attrs.kind, weight: attrs.weight, outgoing, self: source === target, node: nodeOf(other) });
    });
    rows.sort(
      (a, b) =>
        (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
        Number(b.outgoing) - Number(a.outgoing) ||
        b.node.size - a.node.size ||
        a.node.index - b.node.index,
    );
    const items = rows.slice(0, MAX_NEIGHBOURS).map((row) =>
      h(
        "li",
        {},
        h("span", {
          class: "kg-rel",
          text: row.self ? `${row.kind} ↺` : row.outgoing ? `${row.kind} →` : `← ${row.kind}`,
          title: row.weight > 1 ? `weight ${row.weight}` : null,
        }),
        swatch(row.node.kindColor),
        h("button", {
          type: "button",
          class: "kg-link",
          text: row.node.shown,
          title: row.node.id,
          onclick: () => onSelect(row.node),
        }),
        row.weight > 1 ? h("span", { class: "kg-weight", text: `×${row.weight}` }) : null,
      ),
    );
    if (rows.length > MAX_NEIGHBOURS) items.push(h("li", { class: "kg-more", text: `… and ${count(rows.length - MAX_NEIGHBOURS)} more` }));
    return h(
      "section",
      { class: "kg-neighbours" },
      h("h3", { text: `Links (${count(rows.length)})` }),
      h("ul", {}, items),
    );
  };

  return { element, show };
}
