// The "Multi-agency view" (#pg-as-panel-merge): several agencies' ratings side by side for
// every standard, the parent panel's first, with where they disagree marked; and the same
// as a CSV file.

import { byId, h } from "../dom.js";
import * as core from "./core.js";
import { chip, link, sr, tableWrap } from "./ui.js";

export class MergeView {
  constructor(root, app) {
    this.root = root;
    this.app = app;
    this.out = byId("pg-as-merge", root);
    this.pick = byId("pg-as-merge-list", root);
    this.only = byId("pg-as-merge-only", root);
    const choice = () => this.app.state.merge;
    this.pick.addEventListener("change", (ev) => {
      if (ev.target.checked) choice().excluded.delete(ev.target.value);
      else choice().excluded.add(ev.target.value);
      const id = ev.target.id;
      this.render();
      byId(id, this.pick).focus();
      const summary = this.out.querySelector("#pg-as-merge-summary");
      this.app.announce(summary ? summary.textContent : "Tick at least two assessments.");
    });
    this.only.addEventListener("change", (ev) => {
      choice().onlyDisagree = ev.target.checked;
      this.render();
      this.app.announce(choice().onlyDisagree ? "Showing only standards where ratings disagree." : "Showing every standard.");
    });
    this.out.addEventListener("click", (ev) => {
      if (ev.target.id === "pg-as-merge-csv") this.exportCSV();
    });
  }

  chosen() {
    const { store, merge } = this.app.state;
    return store.list.filter((a) => !merge.excluded.has(a.id));
  }

  exportCSV() {
    const rows = core.mergeRows(this.chosen(), this.app.state.idx);
    this.app.download(`multi-agency-view-${core.today()}.csv`, core.csvText(rows), "text/csv");
  }

  cell(c, r) {
    const state = this.app.state;
    const who = c.assessment.agency ? core.roleLabel(c.assessment.agency) : c.assessment.name;
    return h(
      "td",
      { class: c.assessment.agency === core.PARENT_PANEL ? "pg-as-col-parent" : null },
      chip(state, c.rating),
      c.entry && c.entry.evidence
        ? h(
            "details",
            { class: "pg-as-cell-notes" },
            h("summary", {}, "Evidence", sr(` from ${who} for ${r.standard.id}`)),
            h("p", { class: "pg-as-pre", text: c.entry.evidence }),
          )
        : null,
    );
  }

  render() {
    const state = this.app.state;
    const { idx, store, merge } = state;
    this.pick.replaceChildren(
      ...core.mergeOrder(store.list).map((a) =>
        h(
          "div",
          { class: "pg-as-check" },
          h("input", { type: "checkbox", id: `pg-as-m-${a.id}`, value: a.id, checked: !merge.excluded.has(a.id) }),
          h("label", { for: `pg-as-m-${a.id}`, text: core.title(a) }),
        ),
      ),
    );
    this.only.checked = merge.onlyDisagree;
    const chosen = this.chosen();
    if (chosen.length < 2) {
      return this.out.replaceChildren(h("p", { text: "Tick at least two assessments to see them side by side. Import the files agencies send you first." }));
    }
    const res = core.merge(chosen, idx);
    const n = (st) => res.rows.filter((r) => r.status === st).length;
    const parentCols = res.columns.filter((a) => a.agency === core.PARENT_PANEL).length;
    const pd = res.rows.filter((r) => r.parentDiffers).length;
    const shown = merge.onlyDisagree ? res.rows.filter((r) => r.status === "disagree") : res.rows;
    const table = h(
      "table",
      { class: "pg-as-merge-table" },
      h("caption", { text: `Ratings of ${res.columns.length} assessments side by side${parentCols ? ", parent panel first" : ""}` }),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col", text: "Standard" }),
          res.columns.map((a) =>
            h(
              "th",
              { scope: "col", class: a.agency === core.PARENT_PANEL ? "pg-as-col-parent" : null },
              h("span", { class: "pg-as-col-role", text: a.agency ? core.roleLabel(a.agency) : "Agency not given" }),
              h("span", { class: "pg-as-col-name", text: `${a.name || "Untitled"}, ${a.date || "no date"}` }),
            ),
          ),
          h("th", { scope: "col", text: "Agreement" }),
        ),
      ),
      h(
        "tbody",
        {},
        shown.map((r) => {
          const agreement = core.agreementText(r, idx);
          return h(
            "tr",
            { class: `pg-as-${r.status}${r.parentDiffers ? " pg-as-parent-differs" : ""}`, id: `merge-${r.standard.id}` },
            h("th", { scope: "row" }, link(state, r.standard)),
            r.cells.map((c) => this.cell(c, r)),
            h("td", { class: "pg-as-agreement" }, r.status === "disagree" ? h("strong", { text: agreement }) : agreement),
          );
        }),
      ),
    );
    this.out.replaceChildren(
      h(
        "p",
        { id: "pg-as-merge-summary" },
        `${res.rows.length} standards: ${n("agree")} agree, ${n("disagree")} disagree`,
        parentCols ? `, ${pd} where the parent panel differs from professionals` : "",
        `, ${n("few")} with too few ratings to compare.`,
      ),
      h("div", { class: "pg-as-buttons" }, h("button", { type: "button", class: "md-button", id: "pg-as-merge-csv", text: "Export this view as CSV" })),
      shown.length ? tableWrap("Ratings side by side", table) : h("p", { text: "No standard has ratings that disagree." }),
    );
  }
}
