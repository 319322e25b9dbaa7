// The one DOM helper shared by the site's in-browser tools (the self-assessment and the
// language checker). Everything that comes from data or from the reader is set as text or as
// an attribute value: nothing here ever parses a string as HTML.

/**
 * Make an element. `attrs`: "class" sets the class, "text" the text content; `true` sets an
 * empty attribute, and null, undefined or false leaves it out. Children are nodes or text
 * (nested arrays are flattened; null, undefined and false are skipped).
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** The element with this id inside `root` (the document when no root is given). */
export function byId(id, root = document) {
  const el = root === document ? document.getElementById(id) : root.querySelector(`#${CSS.escape(id)}`);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return el;
}

/**
 * Say `text` in a live region. The region is emptied first and the words set a moment later,
 * so that the same words said twice are announced twice.
 */
export function announce(region, text, delay = 30) {
  region.textContent = "";
  window.setTimeout(() => (region.textContent = text), delay);
}

/** Fetch a JSON file of this site (relative to the page), or throw. */
export async function fetchJSON(src) {
  const res = await fetch(new URL(src, document.baseURI), { credentials: "same-origin" });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}
