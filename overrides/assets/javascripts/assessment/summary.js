// The "Summary" view (#pg-as-panel-summary): progress, the count at each rating, a heat map
// of level by theme, and the strengths and gaps.

import { byId, h } from "../dom.js";
import * as core from "./core.js";
import { chip, gapWords, link, tableWrap } from "./ui.js";

export class SummaryView {
  constructor(root, app) {
    this.root = root;
    this.app = app;
    this.out = byId("pg-as-summary", root);
  }

  heatTable(a, standards) {
    const { idx } = this.app.state;
    const bandText = (id) => (id === "none" ? "Not yet rated" : `Mostly ${core.label(idx, id)}`);
    return h(
      "table",
      { class: "pg-as-heat" },
      h("caption", { text: "Ratings by level and theme. Each cell gives an overall band, then the number of standards at each rating." }),
      h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Level" }), idx.themes.map((t) => h("th", { scope: "col", text: t.title })))),
      h(
        "tbody",
        {},
        core.heatmap(a, idx, standards).map((row) =>
          h(
            "tr",
            {},
            h("th", { scope: "row", text: row.level.title }),
            row.cells.map((cell) => {
              if (!cell.total) return h("td", { class: "pg-heat-empty", text: "No standards" });
              const parts = idx.ratings.filter((r) => cell.counts[r.id]).map((r) => `${cell.counts[r.id]} ${r.label}`);
              return h("td", { class: `pg-heat-${cell.band}` }, h("strong", { text: bandText(cell.band) }), h("span", { class: "pg-as-heat-n", text: parts.join(", ") }));
            }),
          ),
        ),
      ),
    );
  }

  render() {
    const state = this.app.state;
    const { idx } = state;
    const a = state.store.current;
    if (!a) return this.out.replaceChildren();
    const s = core.scoped(a, idx);
    const c = core.counts(a, s, idx);
    const p = core.progress(a, idx);
    const levelsCovered = idx.levels.filter((l) => core.inScope(a, { level: l.id })).map((l) => l.title).join(", ");
    const ratingRows = idx.ratings.map((r) => h("tr", {}, h("th", { scope: "row" }, chip(state, r.id)), h("td", { text: String(c[r.id]) })));
    const best = core.top(idx).label;
    const strengths = core.strengths(a, idx);
    const gaps = core.gaps(a, idx);
    this.out.replaceChildren(
      h("p", {}, h("strong", { text: core.title(a) }), `. Levels covered: ${levelsCovered}.`),
      h("h3", { text: "Progress" }),
      h("p", { id: "pg-as-progress-text", text: `${p.text} ${p.total ? Math.round((100 * p.done) / p.total) : 0}% done.` }),
      h("progress", { max: p.total || 1, value: p.done, "aria-labelledby": "pg-as-progress-text" }),
      h("h3", { text: "Standards by rating" }),
      h(
        "table",
        { class: "pg-as-counts" },
        h("caption", { class: "pg-as-sr", text: "Number of standards at each rating" }),
        h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Rating" }), h("th", { scope: "col", text: "Standards" }))),
        h("tbody", {}, ratingRows),
      ),
      h("h3", { text: "By level and theme" }),
      tableWrap("Ratings by level and theme", this.heatTable(a, s)),
      h("h3", { text: `Strengths: rated ${best} (${strengths.length})` }),
      strengths.length
        ? h("ul", { class: "pg-as-links" }, strengths.map((x) => h("li", {}, link(state, x))))
        : h("p", { text: `No standard is rated ${best} yet.` }),
      h("h3", { text: `Gaps: rated ${gapWords(state)} (${gaps.length})` }),
      gaps.length
        ? h("ul", { class: "pg-as-links" }, gaps.map((x) => h("li", {}, chip(state, core.ratingOf(a, x.id)), " ", link(state, x))))
        : h("p", { text: `No standard is rated ${gapWords(state)}.` }),
    );
  }
}
