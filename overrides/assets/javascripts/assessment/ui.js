// Small pieces of the page that several views draw: a rating chip, a link to a standard, a
// scrolling table, a list of assessments to choose from. `state` is the page's one state
// object (app.js); these read from it and change nothing.

import { h } from "../dom.js";
import * as core from "./core.js";

/** Words for screen readers only. */
export const sr = (text) => h("span", { class: "pg-as-sr", text });

/** A rating in words, coloured by its ID (colour is never the only sign). */
export function chip(state, ratingId) {
  return h("span", { class: `pg-as-chip pg-as-chip-${ratingId}`, text: core.label(state.idx, ratingId) });
}

export function link(state, s) {
  return h("a", { href: state.siteRoot + s.url }, h("span", { class: "pg-id", text: s.id }), " ", s.title);
}

export function tableWrap(label, table) {
  return h("div", { class: "pg-table-wrap pg-as-scroll", role: "region", "aria-label": label, tabindex: 0 }, table);
}

/** Fill a <select> with assessments, keeping `value` chosen. */
export function options(sel, list, value) {
  sel.replaceChildren(...list.map((a) => h("option", { value: a.id, text: core.title(a) })));
  if (value) sel.value = value;
}

/** "Red or Amber": the words of the ratings an action plan is for. */
export function gapWords(state) {
  return core.inWords(core.gapRatings(state.idx).map((r) => r.label));
}
