// The "Compare" view (#pg-as-panel-compare): a baseline and a follow-up side by side, the
// standards that improved, slipped, were newly rated or are no longer rated.

import { byId, h } from "../dom.js";
import * as core from "./core.js";
import { chip, link, options, tableWrap } from "./ui.js";

export class CompareView {
  constructor(root, app) {
    this.root = root;
    this.app = app;
    this.out = byId("pg-as-compare", root);
    this.base = byId("pg-as-base", root);
    this.follow = byId("pg-as-follow", root);
    for (const [sel, key] of [[this.base, "base"], [this.follow, "follow"]]) {
      sel.addEventListener("change", (ev) => {
        this.app.state.compare[key] = ev.target.value;
        this.render();
        this.app.announce("Comparison updated.");
      });
    }
  }

  render() {
    const state = this.app.state;
    const choice = state.compare;
    const list = state.store.list;
    const current = state.store.state.current;
    const ids = new Set(list.map((a) => a.id));
    if (!ids.has(choice.base)) choice.base = (list.find((a) => a.id !== current) || list[0] || {}).id || null;
    if (!ids.has(choice.follow)) choice.follow = current;
    options(this.base, list, choice.base);
    options(this.follow, list, choice.follow);
    if (list.length < 2) {
      return this.out.replaceChildren(h("p", { text: "Comparing needs two assessments in this browser. Import a baseline or follow-up file, or start a new assessment." }));
    }
    if (choice.base === choice.follow) return this.out.replaceChildren(h("p", { text: "Choose two different assessments to compare." }));
    const base = list.find((a) => a.id === choice.base);
    const follow = list.find((a) => a.id === choice.follow);
    const res = core.compare(base, follow, state.idx);
    const countTable = h(
      "table",
      { class: "pg-as-counts" },
      h("caption", { text: `From ${core.title(base)} to ${core.title(follow)}` }),
      h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Change" }), h("th", { scope: "col", text: "Standards" }))),
      h(
        "tbody",
        {},
        Object.entries(core.CHANGE).map(([k, label]) => h("tr", { class: `pg-as-change-${k}` }, h("th", { scope: "row", text: label }), h("td", { text: String(res[k].length) }))),
      ),
    );
    const section = (kind) => {
      const rows = res[kind];
      const table = h(
        "table",
        { class: "pg-as-change-table" },
        h("caption", { class: "pg-as-sr", text: `${core.CHANGE[kind]} standards` }),
        h("thead", {}, h("tr", {}, ["Standard", "Baseline", "Follow-up"].map((t) => h("th", { scope: "col", text: t })))),
        h("tbody", {}, rows.map((r) => h("tr", {}, h("th", { scope: "row" }, link(state, r.standard)), h("td", {}, chip(state, r.from)), h("td", {}, chip(state, r.to))))),
      );
      return rows.length ? tableWrap(`${core.CHANGE[kind]} standards`, table) : h("p", { text: "None." });
    };
    this.out.replaceChildren(
      countTable,
      ...["improved", "slipped", "newly", "dropped"].flatMap((k) => [h("h3", { id: `pg-as-c-${k}`, text: `${core.CHANGE[k]} (${res[k].length})` }), section(k)]),
      h("details", { class: "pg-as-unchanged" }, h("summary", { text: `Unchanged (${res.unchanged.length})` }), section("unchanged")),
    );
  }
}
