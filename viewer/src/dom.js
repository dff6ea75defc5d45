// Tiny DOM helpers: every text goes through textContent, never innerHTML (labels are user data).

/** Creates an element with attributes (`class`, `text`, event handlers `onclick`…) and children. */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key === "text") el.textContent = value;
    else if (key === "class") el.className = value;
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** A coloured dot for a node kind or community. */
export function swatch(color) {
  const el = h("span", { class: "kg-swatch" });
  el.style.background = color;
  return el;
}

/** `1234567` → `1,234,567`. */
export function count(n) {
  return n.toLocaleString("en-US");
}
