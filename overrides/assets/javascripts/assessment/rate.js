// The "Rate the standards" view (#pg-as-panel-rate): the levels an assessment covers, then
// one card per standard with its rating and notes. Every change is saved as it is made.

import { byId, h } from "../dom.js";
import * as core from "./core.js";
import { gapWords, sr } from "./ui.js";

export class RateView {
  constructor(root, app) {
    this.root = root;
    this.app = app;
    this.levels = byId("pg-as-levels", root);
    this.list = byId("pg-as-list", root);
    this.progressLine = byId("pg-as-progress-line", root);
    this.help = byId("pg-as-rating-help", root);
    this.list.addEventListener("input", (ev) => this.onInput(ev));
    this.list.addEventListener("change", (ev) => this.onInput(ev));
    this.levels.addEventListener("change", (ev) => this.onLevel(ev));
    this.renderHelp();
  }

  get state() {
    return this.app.state;
  }

  /** What each rating means, in the data's own words. */
  renderHelp() {
    const parts = [];
    this.state.idx.ratings.forEach((r, i, all) => {
      if (i) parts.push(i === all.length - 1 ? " or " : ", ");
      parts.push(h("strong", { text: r.label }));
      if (r.meaning) parts.push(` (${r.meaning})`);
    });
    this.help.replaceChildren(
      "For each standard choose a rating: ",
      ...parts,
      `. Note your evidence, and for ${gapWords(this.state)} the action, who owns it and by when.`,
    );
  }

  renderLevels() {
    const { idx } = this.state;
    const a = this.state.store.current;
    this.levels.querySelectorAll(".pg-as-check").forEach((n) => n.remove());
    for (const l of idx.levels) {
      const n = idx.standards.filter((s) => s.level === l.id).length;
      this.levels.append(
        h(
          "div",
          { class: "pg-as-check" },
          h("input", { type: "checkbox", id: `pg-as-level-${l.id}`, value: l.id, checked: !a || core.inScope(a, { level: l.id }) }),
          h("label", { for: `pg-as-level-${l.id}`, text: `${l.title} (${n} standard${n === 1 ? "" : "s"})` }),
        ),
      );
    }
  }

  renderProgress() {
    const a = this.state.store.current;
    this.progressLine.textContent = a ? core.progress(a, this.state.idx).text : "";
  }

  card(s, a, parentPanel) {
    const { idx, siteRoot } = this.state;
    const e = core.entryOf(a, s.id);
    const id = s.id;
    const main = parentPanel ? s.plain_english : s.statement;
    const other = parentPanel ? s.statement : s.plain_english;
    const otherLabel = parentPanel ? "How the standard is written for professionals" : "In plain English, for parents";
    const ratingBox = h(
      "fieldset",
      { class: "pg-as-rating" },
      h("legend", {}, "Rating", sr(` for ${id}`)),
      idx.ratings.map((r) =>
        h(
          "label",
          { class: `pg-as-r pg-as-r-${r.id}`, for: `rate-${id}-${r.id}` },
          h("input", { type: "radio", name: `rate-${id}`, id: `rate-${id}-${r.id}`, value: r.id, "data-id": id, "data-field": "rating", checked: e.rating === r.id }),
          " ",
          r.label,
        ),
      ),
    );
    const field = (name, label, control, wide) =>
      h("div", { class: `pg-as-field${wide ? " pg-as-wide" : ""}` }, h("label", { for: `${name}-${id}` }, label, sr(` for ${id}`)), control);
    const ctl = (tag, name, extra) => {
      const el = h(tag, { id: `${name}-${id}`, "data-id": id, "data-field": name, ...extra });
      el.value = e[name] || "";
      return el;
    };
    return h(
      "article",
      { class: "pg-as-std", id: `std-${id}`, "data-rating": e.rating },
      h("h5", { class: "pg-as-std-title" }, h("span", { class: "pg-id", text: id }), " ", h("a", { href: siteRoot + s.url, text: s.title })),
      h("p", { class: parentPanel ? "pg-as-std-text pg-plain" : "pg-as-std-text", text: main }),
      h("details", { class: "pg-as-other" }, h("summary", { text: otherLabel }), h("p", { text: other })),
      ratingBox,
      h(
        "div",
        { class: "pg-as-fields" },
        field("evidence", "Evidence", ctl("textarea", "evidence", { rows: 2, maxlength: core.MAX_TEXT }), true),
        field("action", "Action", ctl("textarea", "action", { rows: 2, maxlength: core.MAX_TEXT }), true),
        field("owner", "Owner", ctl("input", "owner", { type: "text", maxlength: 200, autocomplete: "off" })),
        field("target_date", "Target date", ctl("input", "target_date", { type: "date" })),
      ),
    );
  }

  render() {
    const { idx, store } = this.state;
    const a = store.current;
    this.renderLevels();
    if (!a) return this.list.replaceChildren();
    const parentPanel = a.agency === core.PARENT_PANEL;
    const frag = document.createDocumentFragment();
    for (const l of idx.levels) {
      if (!core.inScope(a, { level: l.id })) continue;
      const ofLevel = idx.standards.filter((s) => s.level === l.id);
      if (!ofLevel.length) continue;
      const sec = h("section", { class: "pg-as-level", "aria-labelledby": `pg-as-l-${l.id}` }, h("h3", { id: `pg-as-l-${l.id}`, text: `${l.title} standards` }));
      for (const t of idx.themes) {
        const items = ofLevel.filter((s) => s.theme === t.id);
        if (!items.length) continue;
        sec.append(h("h4", { class: "pg-as-theme", text: t.title }), ...items.map((s) => this.card(s, a, parentPanel)));
      }
      frag.append(sec);
    }
    this.list.replaceChildren(frag);
    this.renderProgress();
  }

  onInput(ev) {
    const t = ev.target;
    const id = t.dataset.id;
    const field = t.dataset.field;
    const a = this.state.store.current;
    if (!id || !field || !a) return;
    // a radio fires both events: act on "change"; text fields save on every "input"
    if ((field === "rating") !== (ev.type === "change")) return;
    if (field === "rating") {
      if (!t.checked) return;
      core.setField(a, id, "rating", t.value);
      byId(`std-${id}`, this.list).dataset.rating = t.value;
      const rated = `${id} rated ${core.label(this.state.idx, t.value)}.`;
      this.app.announce(this.app.save() ? `${rated} Saved in this browser.` : `${rated} Not saved: see the message above.`);
      this.renderProgress();
    } else {
      core.setField(a, id, field, t.value);
      this.app.save();
    }
  }

  onLevel(ev) {
    const { idx } = this.state;
    const a = this.state.store.current;
    if (!a) return;
    const boxes = [...this.levels.querySelectorAll("input[type=checkbox]")];
    const on = boxes.filter((b) => b.checked).map((b) => b.value);
    if (!on.length) {
      ev.target.checked = true;
      this.app.announce("An assessment covers at least one level.");
      return;
    }
    a.levels = on.length === idx.levels.length ? null : on;
    this.app.save();
    this.render();
    byId(ev.target.id, this.levels).focus();
    const names = idx.levels.filter((l) => on.includes(l.id)).map((l) => l.title).join(", ");
    this.app.announce(`Showing ${names} standards. ${core.progress(a, idx).text}`);
  }
}
