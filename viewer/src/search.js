// The search box: substring matches on labels and ids, case-insensitive (Chinese and English alike),
// in a dropdown; Enter or a click selects the node and zooms to it.

import { h, swatch } from "./dom.js";

const MAX_RESULTS = 12;

/**
 * The best matches for `text`, best first: exact label, then label prefix, then any substring
 * of the label or id; ties go to the bigger (better connected) node, then to label order.
 */
export function findNodes(nodes, text, limit = MAX_RESULTS) {
  const q = text.trim().toLowerCase();
  if (q === "") return [];
  const hits = [];
  for (const node of nodes) {
    const at = node.search.indexOf(q);
    if (at < 0) continue;
    const label = node.shown.toLowerCase();
    const rank = label === q ? 0 : at === 0 ? 1 : at < label.length ? 2 : 3;
    hits.push({ node, rank });
  }
  hits.sort(
    (a, b) =>
      a.rank - b.rank ||
      b.node.size - a.node.size ||
      (a.node.shown < b.node.shown ? -1 : a.node.shown > b.node.shown ? 1 : 0) ||
      a.node.index - b.node.index,
  );
  return hits.slice(0, limit).map((hit) => hit.node);
}

/** Builds the search box; `onPick(node)` is called with the chosen node. */
export function createSearch(nodes, onPick) {
  const input = h("input", {
    type: "search",
    class: "kg-search-input",
    placeholder: "Search nodes…",
    "aria-label": "Search nodes",
    autocomplete: "off",
    spellcheck: "false",
    role: "combobox",
    "aria-expanded": "false",
    "aria-controls": "kg-search-results",
  });
  const list = h("ul", { class: "kg-search-results", id: "kg-search-results", role: "listbox", hidden: true });
  let results = [];
  let active = 0;

  const close = () => {
    results = [];
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute("aria-expanded", "false");
  };

  const render = () => {
    list.replaceChildren(
      ...results.map((node, i) =>
        h(
          "li",
          {
            role: "option",
            class: i === active ? "kg-active" : null,
            "aria-selected": i === active ? "true" : "false",
            onmousedown: (event) => {
              event.preventDefault();
              pick(i);
            },
          },
          swatch(node.kindColor),
          h("span", { class: "kg-result-label", text: node.shown }),
          h("span", { class: "kg-result-kind", text: node.kind }),
        ),
      ),
    );
    if (results.length === 0 && input.value.trim() !== "") {
      list.append(h("li", { class: "kg-empty", text: "No match" }));
    }
    const open = list.childElementCount > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
  };

  const update = () => {
    results = findNodes(nodes, input.value);
    active = 0;
    render();
  };

  const pick = (i) => {
    const node = results[i];
    if (!node) return;
    input.value = node.shown;
    close();
    onPick(node);
  };

  input.addEventListener("input", update);
  input.addEventListener("focus", update);
  input.addEventListener("blur", close);
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (results.length === 0) return;
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      active = (active + step + results.length) % results.length;
      render();
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (results.length === 0) update();
      pick(active);
    } else if (event.key === "Escape") {
      // The first Escape clears the box; the next one is the page's (it clears the selection).
      if (input.value !== "") {
        event.stopPropagation();
        input.value = "";
        close();
      } else {
        input.blur();
      }
    }
  });

  return {
    element: h("div", { class: "kg-search kg-overlay" }, input, list),
    input,
  };
}
