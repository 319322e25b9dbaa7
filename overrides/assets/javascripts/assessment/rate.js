// The "Rate the standards" view (#pg-as-panel-rate), in steps: the standards come one group at
// a time (a level's standards of one theme: core.groups), with the steps listed and how many
// of each are rated, and buttons to the previous and next group. Only the group on screen is
// drawn, so the page is quick with 42 standards or 500.
//
// A first visit can rate at once: with no assessment in this browser the view shows the first
// group, and the first answer starts an assessment (app.startFirst). The page's address can
// name a standard (assessment/#std-OPS-LISTEN-01, the "Rate this standard" link on each
// standard's page): its group is shown and its card given the focus.
// Every change is saved as it is made.

import { byId, h } from "../dom.js";
import * as core from "./core.js";
import { gapWords, sr } from "./ui.js";

const HASH = /^#std-([A-Za-z0-9-]{1,64})$/;

export class RateView {
  constructor(root, app) {
    this.root = root;
    this.app = app;
    this.levels = byId("pg-as-levels", root);
    this.list = byId("pg-as-list", root);
    this.steps = byId("pg-as-steps", root);
    this.progressLine = byId("pg-as-progress-line", root);
    this.progressBar = byId("pg-as-progress", root);
    this.help = byId("pg-as-rating-help", root);
    this.first = byId("pg-as-first", root);
    this.list.addEventListener("input", (ev) => this.onInput(ev));
    this.list.addEventListener("change", (ev) => this.onInput(ev));
    this.list.addEventListener("click", (ev) => this.onStepButton(ev));
    this.steps.addEventListener("click", (ev) => this.onStepButton(ev));
    this.levels.addEventListener("change", (ev) => this.onLevel(ev));
    window.addEventListener("hashchange", () => this.showHash());
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

  /** The groups of the current assessment (of every level before there is one), and the one on screen. */
  where() {
    const a = this.state.store.current;
    const groups = core.groups(a, this.state.idx);
    let at = groups.findIndex((g) => g.key === this.state.group);
    if (at < 0) at = 0;
    if (groups.length) this.state.group = groups[at].key;
    return { a, groups, at };
  }

  /** `w`: this.where(), when the caller has it already. */
  renderProgress(w = this.where()) {
    const { a, groups } = w;
    const total = groups.reduce((n, g) => n + g.standards.length, 0);
    const p = a ? core.progress(a, this.state.idx) : { done: 0, total, text: `0 of ${total} standards assessed.` };
    this.progressLine.textContent = p.text;
    this.progressBar.max = Math.max(p.total, 1);
    this.progressBar.value = p.done;
    this.progressBar.textContent = `${p.done} of ${p.total}`;
    this.renderSteps(w);
  }

  /** Every step, level by level, with how many of its standards are rated; the one on screen marked. */
  renderSteps(w = this.where()) {
    const { a, groups, at } = w;
    const complete = groups.filter((g) => core.groupDone(a, g) === g.standards.length).length;
    const byLevel = new Map();
    groups.forEach((g, i) => {
      if (!byLevel.has(g.level.id)) byLevel.set(g.level.id, { level: g.level, items: [] });
      const done = core.groupDone(a, g);
      const n = g.standards.length;
      byLevel.get(g.level.id).items.push(
        h(
          "li",
          {},
          h(
            "button",
            { type: "button", class: "pg-as-step", "data-step": g.key, "aria-current": i === at ? "step" : null },
            h("span", { class: "pg-as-step-name", text: g.theme.title }),
            " ",
            h("span", { class: "pg-as-step-done", text: done === n ? `all ${n} rated` : `${done} of ${n} rated` }),
            sr(`, ${g.level.title} level`),
          ),
        ),
      );
    });
    const open = this.steps.querySelector("details");
    const details = h(
      "details",
      { class: "pg-as-steps-all", open: open ? open.open : null },
      h("summary", {}, `All ${groups.length} groups of standards`, h("span", { class: "pg-as-steps-count", text: ` (${complete} complete)` })),
      [...byLevel.values()].map(({ level, items }) => [h("p", { class: "pg-as-steps-level", text: `${level.title} level` }), h("ol", {}, items)]),
    );
    this.steps.replaceChildren(details);
  }

  card(s, a, parentPanel) {
    const { idx, siteRoot } = this.state;
    const e = a ? core.entryOf(a, s.id) : { rating: core.UNRATED };
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
      { class: "pg-as-std", id: `std-${id}`, "data-rating": e.rating, "aria-labelledby": `pg-as-t-${id}` },
      h("h4", { class: "pg-as-std-title", id: `pg-as-t-${id}`, tabindex: "-1" }, h("span", { class: "pg-id", text: id }), " ", h("a", { href: siteRoot + s.url, text: s.title })),
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

  /** A button to another step: "Previous: <theme>" or "Next: <theme>", its level named if it differs. */
  stepButton(dir, g, from) {
    const where = g.level.id === from.level.id ? g.theme.title : `${g.level.title} level, ${g.theme.title}`;
    return h(
      "button",
      { type: "button", class: `md-button pg-as-step-${dir}`, "data-step": g.key },
      h("span", { class: "pg-as-step-dir", text: dir === "prev" ? "Previous" : "Next" }),
      sr(": "),
      h("span", { class: "pg-as-step-to", text: where }),
    );
  }

  render() {
    const a = this.state.store.current;
    this.renderLevels();
    this.first.hidden = !!a;
    const w = this.where();
    const { groups, at } = w;
    if (!groups.length) {
      this.list.replaceChildren();
      return this.renderProgress(w);
    }
    const g = groups[at];
    const parentPanel = !!a && a.agency === core.PARENT_PANEL;
    const nav = h("div", { class: "pg-as-step-nav" });
    if (at > 0) nav.append(this.stepButton("prev", groups[at - 1], g));
    if (at < groups.length - 1) nav.append(this.stepButton("next", groups[at + 1], g));
    else nav.append(h("p", { class: "pg-as-step-last", text: "This is the last group. The Summary and the Action plan tabs show what your ratings add up to." }));
    const section = h(
      "section",
      { class: "pg-as-group", "aria-labelledby": "pg-as-group-title", "data-group": g.key },
      h("p", { class: "pg-as-step-of", text: `Group ${at + 1} of ${groups.length} · ${g.level.title} level` }),
      h("h3", { id: "pg-as-group-title", tabindex: "-1" }, g.theme.title, sr(`, ${g.level.title} level`)),
      g.standards.map((s) => this.card(s, a, parentPanel)),
      nav,
    );
    this.list.replaceChildren(section);
    this.renderProgress(w);
  }

  /** Show the group `key`, then put the focus on its heading (or on the card of `standardId`). */
  go(key, standardId = null) {
    this.state.group = key;
    this.render();
    const target = standardId ? byId(`pg-as-t-${standardId}`, this.list) : byId("pg-as-group-title", this.list);
    target.focus({ preventScroll: true });
    // the card (or the group) at the top, clear of the sticky header (its scroll-margin-top)
    (standardId ? byId(`std-${standardId}`, this.list) : this.list.firstElementChild).scrollIntoView({ block: "start" });
    const { groups, at } = this.where();
    const g = groups[at];
    this.app.announce(`Group ${at + 1} of ${groups.length}: ${g.level.title} level, ${g.theme.title}. ${core.groupDone(this.state.store.current, g)} of ${g.standards.length} rated.`);
  }

  onStepButton(ev) {
    const button = ev.target.closest("button[data-step]");
    if (!button) return;
    this.go(button.dataset.step);
  }

  /**
   * The standard the page's address names, if any: its group is shown and its card focused.
   * An unknown ID, or a standard whose level the assessment leaves out, is explained, not shown.
   */
  showHash() {
    const m = HASH.exec(window.location.hash);
    if (!m) return;
    const { idx } = this.state;
    const s = idx.byId.get(m[1]);
    if (!s) {
      this.app.problem(`There is no standard ${m[1]} in this version of the benchmark. Check the address, or find the standard in the list of groups below.`);
      return;
    }
    const a = this.state.store.current;
    if (a && !core.inScope(a, s)) {
      const level = idx.level.get(s.level);
      this.app.problem(`${s.id} is at the ${level.title} level, which "${core.title(a)}" does not cover. Tick ${level.title} under "Levels this assessment covers" to rate it.`);
      return;
    }
    this.app.selectTab("rate");
    this.go(`${s.level}/${s.theme}`, s.id);
  }

  onInput(ev) {
    const t = ev.target;
    const id = t.dataset.id;
    const field = t.dataset.field;
    if (!id || !field) return;
    // a radio fires both events: act on "change"; text fields save on every "input"
    if ((field === "rating") !== (ev.type === "change")) return;
    if (field === "rating" && !t.checked) return;
    let a = this.state.store.current;
    let started = "";
    if (!a) {
      // the first answer on a first visit starts an assessment, which keeps it
      a = this.app.startFirst();
      if (!a) return;
      this.first.hidden = true;
      started = ` Started "${core.title(a)}" in this browser: you can name it under "About this assessment".`;
    }
    core.setField(a, id, field, t.value);
    if (field === "rating") {
      byId(`std-${id}`, this.list).dataset.rating = t.value;
      const rated = `${id} rated ${core.label(this.state.idx, t.value)}.`;
      this.app.announce(this.app.save() ? `${rated} Saved in this browser.${started}` : `${rated} Not saved: see the message above.`);
      this.renderProgress();
    } else {
      this.app.save();
      if (started) this.app.announce(started.trim());
    }
  }

  onLevel(ev) {
    const { idx } = this.state;
    const boxes = [...this.levels.querySelectorAll("input[type=checkbox]")];
    const on = boxes.filter((b) => b.checked).map((b) => b.value);
    if (!on.length) {
      ev.target.checked = true;
      this.app.announce("An assessment covers at least one level.");
      return;
    }
    const a = this.state.store.current || this.app.startFirst();
    if (!a) return;
    this.first.hidden = true;
    a.levels = on.length === idx.levels.length ? null : on;
    this.app.save();
    this.render();
    byId(ev.target.id, this.levels).focus();
    const names = idx.levels.filter((l) => on.includes(l.id)).map((l) => l.title).join(", ");
    this.app.announce(`Showing ${names} standards. ${core.progress(a, idx).text}`);
  }
}
