// The legend: one checkbox per node kind present, with its colour and count, to show or hide
// that kind; and, when kgraph computed communities, a switch between colouring by kind and by
// community, with the largest communities' colours and labels (`community_label`).

import { count, h, swatch } from "./dom.js";

/** Communities listed under the colour switch: the largest, by node count. */
const LISTED_COMMUNITIES = 10;

/** The largest communities of `nodes`: colour, label (kgraph's `community_label`) and size. */
export function largestCommunities(nodes, limit = LISTED_COMMUNITIES) {
  const byCommunity = new Map();
  for (const node of nodes) {
    const community = node.attrs?.community;
    if (!Number.isInteger(community) || !node.communityColor) continue;
    const entry = byCommunity.get(community) ?? {
      community,
      color: node.communityColor,
      label: node.attrs.community_label || `community ${community}`,
      count: 0,
    };
    entry.count += 1;
    byCommunity.set(community, entry);
  }
  return [...byCommunity.values()]
    .sort((a, b) => b.count - a.count || a.community - b.community)
    .slice(0, limit);
}

export function createLegend({ data, nodes, edgeCount, state, onChange }) {
  const counts = new Map();
  for (const node of nodes) counts.set(node.kind, (counts.get(node.kind) ?? 0) + 1);
  const rows = data.kinds
    .filter((kind) => counts.has(kind.name))
    .map((kind) =>
      h(
        "li",
        {},
        h(
          "label",
          {},
          h("input", {
            type: "checkbox",
            checked: true,
            "data-kind": kind.name,
            onchange: (event) => {
              if (event.target.checked) state.hiddenKinds.delete(kind.name);
              else state.hiddenKinds.add(kind.name);
              onChange();
            },
          }),
          swatch(kind.color),
          h("span", { class: "kg-kind-name", text: kind.name }),
          h("span", { class: "kg-count", text: count(counts.get(kind.name)) }),
        ),
      ),
    );

  const parts = [
    h("h1", { class: "kg-title", text: data.name }),
    h("div", { class: "kg-stats", text: `${count(nodes.length)} nodes · ${count(edgeCount)} edges` }),
    h("ul", { class: "kg-kinds" }, rows),
  ];

  if (data.nodes.color) {
    const option = (value, text) =>
      h(
        "label",
        {},
        h("input", {
          type: "radio",
          name: "kg-color-by",
          value,
          checked: state.colorBy === value,
          onchange: () => {
            state.colorBy = value;
            const list = element.querySelector(".kg-communities");
            if (list) list.hidden = value !== "community";
            onChange();
          },
        }),
        text,
      );
    parts.push(
      h(
        "div",
        { class: "kg-color-by", role: "radiogroup" },
        h("span", { class: "kg-color-by-title", text: "Colour by" }),
        option("community", "community"),
        option("kind", "kind"),
      ),
    );
    const communities = largestCommunities(nodes).map((c) =>
      h(
        "li",
        { "data-community": String(c.community) },
        swatch(c.color),
        h("span", { class: "kg-community-label", text: c.label, title: c.label }),
        h("span", { class: "kg-count", text: count(c.count) }),
      ),
    );
    if (communities.length > 0) {
      const list = h("ul", { class: "kg-communities", "aria-label": "Largest communities" }, communities);
      list.hidden = state.colorBy !== "community";
      parts.push(list);
    }
  }

  const element = h("nav", { class: "kg-legend kg-overlay", "aria-label": "Legend and filters" }, parts);

  /** Ticks `kind`'s box again (when a node of a hidden kind is picked). */
  const showKind = (kind) => {
    state.hiddenKinds.delete(kind);
    const box = element.querySelector(`input[data-kind="${CSS.escape(kind)}"]`);
    if (box) box.checked = true;
  };

  return { element, showKind };
}
