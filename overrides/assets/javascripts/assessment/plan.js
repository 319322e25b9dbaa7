// The "Action plan" view (#pg-as-panel-plan): every standard at a gap rating (Red, then
// Amber) with its action, owner and target date. Printing the page prints this view.

import { byId, h } from "../dom.js";
import * as core from "./core.js";
import { chip, gapWords, link, tableWrap } from "./ui.js";

export class PlanView {
  constructor(root, app) {
    this.root = root;
    this.app = app;
    this.out = byId("pg-as-plan", root);
    byId("pg-as-print", root).addEventListener("click", () => window.print());
    // printing from any view prints the action plan: make sure it is up to date
    window.addEventListener("beforeprint", () => this.render());
  }

  render() {
    const state = this.app.state;
    const { idx } = state;
    const a = state.store.current;
    if (!a) return this.out.replaceChildren();
    const rows = core.gaps(a, idx);
    const now = core.today();
    const words = gapWords(state);
    const head = h(
      "div",
      { class: "pg-as-plan-head" },
      h("h3", { text: `Action plan: ${a.name || "Untitled assessment"}` }),
      h(
        "dl",
        { class: "pg-facts" },
        h("div", {}, h("dt", { text: "Agency or role" }), h("dd", { text: a.agency ? core.roleLabel(a.agency) : "Not chosen" })),
        h("div", {}, h("dt", { text: "Assessment date" }), h("dd", { text: a.date || "Not given" })),
        h("div", {}, h("dt", { text: "Benchmark version" }), h("dd", { text: `${idx.version} (${idx.date})` })),
        h("div", {}, h("dt", { text: "Printed" }), h("dd", { text: now })),
      ),
    );
    if (!rows.length) return this.out.replaceChildren(head, h("p", { text: `No standard is rated ${words}, so there are no actions to plan.` }));
    const table = h(
      "table",
      { class: "pg-as-plan-table" },
      h("caption", { text: `${rows.length} standard${rows.length === 1 ? "" : "s"} rated ${words}, ${idx.graded[0].label} first` }),
      h("thead", {}, h("tr", {}, ["Standard", "Rating", "Action", "Owner", "Target date"].map((t) => h("th", { scope: "col", text: t })))),
      h(
        "tbody",
        {},
        rows.map((x) => {
          const e = core.entryOf(a, x.id);
          const overdue = e.target_date && e.target_date < now;
          return h(
            "tr",
            {},
            h("th", { scope: "row" }, link(state, x)),
            h("td", {}, chip(state, e.rating)),
            h("td", {}, e.action ? h("span", { class: "pg-as-pre", text: e.action }) : h("em", { text: "No action recorded yet" })),
            h("td", {}, e.owner || h("em", { text: "No owner yet" })),
            h("td", {}, e.target_date || h("em", { text: "No date yet" }), overdue ? h("strong", { class: "pg-as-overdue", text: " (overdue)" }) : null),
          );
        }),
      ),
    );
    this.out.replaceChildren(head, tableWrap("Action plan", table));
  }
}
