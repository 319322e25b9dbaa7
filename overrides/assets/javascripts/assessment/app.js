// The self-assessment page: wires the fixed structure in overrides/assessment.html to the
// logic in core.js and the storage in store.js. Every value is set as text (textContent or
// attributes), never parsed as HTML. The only request is for the benchmark data file on this
// site; assessments are read and written on this device only.

import * as core from "./core.js";
import { KEY, Store } from "./store.js";

const $ = (id) => document.getElementById(id);

function h(tag, attrs, ...children) {
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

const sr = (text) => h("span", { class: "pg-as-sr", text });

function chip(ratingId) {
  const r = core.RATING[ratingId];
  return h("span", { class: `pg-as-chip pg-as-chip-${ratingId}`, text: r.label });
}

let idx;
let store;
let siteRoot;
let activeTab = "rate";
let compareChoice = { base: null, follow: null };
const mergeExcluded = new Set();
let mergeOnlyDisagree = false;

// ------------------------------------------------------------------ messages

function announce(text) {
  const el = $("pg-as-status");
  el.textContent = "";
  // a fresh text node so that repeating the same words is announced again
  window.setTimeout(() => (el.textContent = text), 30);
}

function problem(title, items = []) {
  const el = $("pg-as-alert");
  el.replaceChildren();
  if (!title) return;
  el.append(h("p", { text: title }));
  if (items.length) el.append(h("ul", {}, items.map((t) => h("li", { text: t }))));
}

function showStoreProblem() {
  if (store.problem) problem(store.problem);
}

function savedLine() {
  const el = $("pg-as-saved");
  if (!store.current) return (el.textContent = "");
  el.textContent = store.savedAt
    ? `All changes saved in this browser at ${store.savedAt.toLocaleTimeString("en-GB")}.`
    : "All changes are saved in this browser as you make them.";
}

function save() {
  const ok = store.save();
  if (!ok) showStoreProblem();
  savedLine();
  return ok;
}

// ------------------------------------------------------------------ the manager

function renderManager() {
  const list = store.list;
  const current = store.current;
  $("pg-as-app").classList.toggle("pg-as-none", !current);
  $("pg-as-empty").hidden = !!current;
  const sel = $("pg-as-current");
  sel.replaceChildren(...list.map((a) => h("option", { value: a.id, text: core.title(a) })));
  if (current) sel.value = current.id;
  $("pg-as-name").value = current ? current.name : "";
  $("pg-as-agency").value = current ? current.agency || "" : "";
  $("pg-as-date").value = current ? current.date || "" : "";
  savedLine();
}

function refreshTitle() {
  const a = store.current;
  const opt = [...$("pg-as-current").options].find((o) => o.value === a.id);
  if (opt) opt.textContent = core.title(a);
}

// ------------------------------------------------------------------ rating

function scoped(a) {
  return idx.standards.filter((s) => core.inScope(a, s));
}

function renderLevels() {
  const a = store.current;
  const box = $("pg-as-levels");
  box.querySelectorAll(".pg-as-check").forEach((n) => n.remove());
  for (const l of idx.levels) {
    const n = idx.standards.filter((s) => s.level === l.id).length;
    box.append(
      h(
        "div",
        { class: "pg-as-check" },
        h("input", { type: "checkbox", id: `pg-as-level-${l.id}`, value: l.id, checked: !a || core.inScope(a, { level: l.id }) }),
        h("label", { for: `pg-as-level-${l.id}`, text: `${l.title} (${n} standard${n === 1 ? "" : "s"})` }),
      ),
    );
  }
}

function progressText(a) {
  const s = scoped(a);
  const done = s.filter((x) => core.ratingOf(a, x.id) !== core.UNRATED).length;
  return { done, total: s.length, text: `${done} of ${s.length} standards assessed.` };
}

function renderProgressLine() {
  const a = store.current;
  $("pg-as-progress-line").textContent = a ? progressText(a).text : "";
}

function standardCard(s, a, parentPanel) {
  const e = core.entryOf(a, s.id);
  const id = s.id;
  const main = parentPanel ? s.plain_english : s.statement;
  const other = parentPanel ? s.statement : s.plain_english;
  const otherLabel = parentPanel ? "How the standard is written for professionals" : "In plain English, for parents";
  const ratingBox = h(
    "fieldset",
    { class: "pg-as-rating" },
    h("legend", {}, "Rating", sr(` for ${id}`)),
    core.RATINGS.map((r) =>
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

function renderRate() {
  const a = store.current;
  renderLevels();
  const list = $("pg-as-list");
  if (!a) return list.replaceChildren();
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
      sec.append(h("h4", { class: "pg-as-theme", text: t.title }), ...items.map((s) => standardCard(s, a, parentPanel)));
    }
    frag.append(sec);
  }
  list.replaceChildren(frag);
  renderProgressLine();
}

function onListInput(ev) {
  const t = ev.target;
  const id = t.dataset.id;
  const field = t.dataset.field;
  const a = store.current;
  if (!id || !field || !a) return;
  // a radio fires both events: act on "change"; text fields save on every "input"
  if ((field === "rating") !== (ev.type === "change")) return;
  if (field === "rating") {
    if (!t.checked) return;
    core.setField(a, id, "rating", t.value);
    $(`std-${id}`).dataset.rating = t.value;
    if (save()) announce(`${id} rated ${core.RATING[t.value].label}. Saved in this browser.`);
    renderProgressLine();
  } else {
    core.setField(a, id, field, t.value);
    save();
  }
}

// ------------------------------------------------------------------ summary

function link(s) {
  return h("a", { href: siteRoot + s.url }, h("span", { class: "pg-id", text: s.id }), " ", s.title);
}

function tableWrap(label, table) {
  return h("div", { class: "pg-table-wrap pg-as-scroll", role: "region", "aria-label": label, tabindex: 0 }, table);
}

const BAND = { red: "Mostly Red", amber: "Mostly Amber", green: "Mostly Green", none: "Not yet rated" };

function renderSummary() {
  const a = store.current;
  const out = $("pg-as-summary");
  if (!a) return out.replaceChildren();
  const s = scoped(a);
  const c = core.counts(a, s);
  const p = progressText(a);
  const levelsCovered = idx.levels.filter((l) => core.inScope(a, { level: l.id })).map((l) => l.title).join(", ");
  const ratingRows = core.RATINGS.map((r) => h("tr", {}, h("th", { scope: "row" }, chip(r.id)), h("td", { text: String(c[r.id]) })));
  const heat = core.heatmap(a, idx, s);
  const heatTable = h(
    "table",
    { class: "pg-as-heat" },
    h("caption", { text: "Ratings by level and theme. Each cell gives an overall band, then the number of standards at each rating." }),
    h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Level" }), idx.themes.map((t) => h("th", { scope: "col", text: t.title })))),
    h(
      "tbody",
      {},
      heat.map((row) =>
        h(
          "tr",
          {},
          h("th", { scope: "row", text: row.level.title }),
          row.cells.map((cell) => {
            if (!cell.total) return h("td", { class: "pg-heat-empty", text: "No standards" });
            const parts = [];
            for (const r of core.RATINGS) if (cell.counts[r.id]) parts.push(`${cell.counts[r.id]} ${r.label}`);
            return h("td", { class: `pg-heat-${cell.band}` }, h("strong", { text: BAND[cell.band] }), h("span", { class: "pg-as-heat-n", text: parts.join(", ") }));
          }),
        ),
      ),
    ),
  );
  const greens = s.filter((x) => core.ratingOf(a, x.id) === "green");
  const gaps = [...s.filter((x) => core.ratingOf(a, x.id) === "red"), ...s.filter((x) => core.ratingOf(a, x.id) === "amber")];
  out.replaceChildren(
    h("p", {}, h("strong", { text: core.title(a) }), `. Levels covered: ${levelsCovered}.`),
    h("h3", { text: "Progress" }),
    h("p", { id: "pg-as-progress-text", text: `${p.text} ${p.total ? Math.round((100 * p.done) / p.total) : 0}% done.` }),
    h("progress", { max: p.total || 1, value: p.done, "aria-labelledby": "pg-as-progress-text" }),
    h("h3", { text: "Standards by rating" }),
    h("table", { class: "pg-as-counts" }, h("caption", { class: "pg-as-sr", text: "Number of standards at each rating" }),
      h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Rating" }), h("th", { scope: "col", text: "Standards" }))), h("tbody", {}, ratingRows)),
    h("h3", { text: "By level and theme" }),
    tableWrap("Ratings by level and theme", heatTable),
    h("h3", { text: `Strengths: rated Green (${greens.length})` }),
    greens.length ? h("ul", { class: "pg-as-links" }, greens.map((x) => h("li", {}, link(x)))) : h("p", { text: "No standard is rated Green yet." }),
    h("h3", { text: `Gaps: rated Red or Amber (${gaps.length})` }),
    gaps.length
      ? h("ul", { class: "pg-as-links" }, gaps.map((x) => h("li", {}, chip(core.ratingOf(a, x.id)), " ", link(x))))
      : h("p", { text: "No standard is rated Red or Amber." }),
  );
}

// ------------------------------------------------------------------ action plan

function renderPlan() {
  const a = store.current;
  const out = $("pg-as-plan");
  if (!a) return out.replaceChildren();
  const s = scoped(a);
  const rows = [...s.filter((x) => core.ratingOf(a, x.id) === "red"), ...s.filter((x) => core.ratingOf(a, x.id) === "amber")];
  const now = core.today();
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
  if (!rows.length) return out.replaceChildren(head, h("p", { text: "No standard is rated Red or Amber, so there are no actions to plan." }));
  const table = h(
    "table",
    { class: "pg-as-plan-table" },
    h("caption", { text: `${rows.length} standard${rows.length === 1 ? "" : "s"} rated Red or Amber, Red first` }),
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
          h("th", { scope: "row" }, link(x)),
          h("td", {}, chip(e.rating)),
          h("td", {}, e.action ? h("span", { class: "pg-as-pre", text: e.action }) : h("em", { text: "No action recorded yet" })),
          h("td", {}, e.owner || h("em", { text: "No owner yet" })),
          h("td", {}, e.target_date || h("em", { text: "No date yet" }), overdue ? h("strong", { class: "pg-as-overdue", text: " (overdue)" }) : null),
        );
      }),
    ),
  );
  out.replaceChildren(head, tableWrap("Action plan", table));
}

// ------------------------------------------------------------------ compare

function options(sel, list, value) {
  sel.replaceChildren(...list.map((a) => h("option", { value: a.id, text: core.title(a) })));
  if (value) sel.value = value;
}

function renderCompare() {
  const list = store.list;
  const out = $("pg-as-compare");
  const ids = new Set(list.map((a) => a.id));
  if (!ids.has(compareChoice.base)) compareChoice.base = (list.find((a) => a.id !== store.state.current) || list[0] || {}).id || null;
  if (!ids.has(compareChoice.follow)) compareChoice.follow = store.state.current;
  options($("pg-as-base"), list, compareChoice.base);
  options($("pg-as-follow"), list, compareChoice.follow);
  if (list.length < 2) {
    return out.replaceChildren(h("p", { text: "Comparing needs two assessments in this browser. Import a baseline or follow-up file, or start a new assessment." }));
  }
  if (compareChoice.base === compareChoice.follow) return out.replaceChildren(h("p", { text: "Choose two different assessments to compare." }));
  const base = list.find((a) => a.id === compareChoice.base);
  const follow = list.find((a) => a.id === compareChoice.follow);
  const res = core.compare(base, follow, idx);
  const countTable = h(
    "table",
    { class: "pg-as-counts" },
    h("caption", { text: `From ${core.title(base)} to ${core.title(follow)}` }),
    h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Change" }), h("th", { scope: "col", text: "Standards" }))),
    h("tbody", {}, Object.entries(core.CHANGE).map(([k, label]) => h("tr", { class: `pg-as-change-${k}` }, h("th", { scope: "row", text: label }), h("td", { text: String(res[k].length) })))),
  );
  const section = (kind) => {
    const rows = res[kind];
    const table = h(
      "table",
      { class: "pg-as-change-table" },
      h("caption", { class: "pg-as-sr", text: `${core.CHANGE[kind]} standards` }),
      h("thead", {}, h("tr", {}, ["Standard", "Baseline", "Follow-up"].map((t) => h("th", { scope: "col", text: t })))),
      h("tbody", {}, rows.map((r) => h("tr", {}, h("th", { scope: "row" }, link(r.standard)), h("td", {}, chip(r.from)), h("td", {}, chip(r.to))))),
    );
    return rows.length ? tableWrap(`${core.CHANGE[kind]} standards`, table) : h("p", { text: "None." });
  };
  out.replaceChildren(
    countTable,
    ...["improved", "slipped", "newly", "dropped"].flatMap((k) => [h("h3", { id: `pg-as-c-${k}`, text: `${core.CHANGE[k]} (${res[k].length})` }), section(k)]),
    h("details", { class: "pg-as-unchanged" }, h("summary", { text: `Unchanged (${res.unchanged.length})` }), section("unchanged")),
  );
}

// ------------------------------------------------------------------ multi-agency view

function renderMerge() {
  const list = store.list;
  const pick = $("pg-as-merge-list");
  pick.replaceChildren(
    ...core.mergeOrder(list).map((a) =>
      h(
        "div",
        { class: "pg-as-check" },
        h("input", { type: "checkbox", id: `pg-as-m-${a.id}`, value: a.id, checked: !mergeExcluded.has(a.id) }),
        h("label", { for: `pg-as-m-${a.id}`, text: core.title(a) }),
      ),
    ),
  );
  $("pg-as-merge-only").checked = mergeOnlyDisagree;
  const out = $("pg-as-merge");
  const chosen = list.filter((a) => !mergeExcluded.has(a.id));
  if (chosen.length < 2) return out.replaceChildren(h("p", { text: "Tick at least two assessments to see them side by side. Import the files agencies send you first." }));
  const res = core.merge(chosen, idx);
  const n = (st) => res.rows.filter((r) => r.status === st).length;
  const parentCols = res.columns.filter((a) => a.agency === core.PARENT_PANEL).length;
  const pd = res.rows.filter((r) => r.parentDiffers).length;
  const shown = mergeOnlyDisagree ? res.rows.filter((r) => r.status === "disagree") : res.rows;
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
      shown.map((r) =>
        h(
          "tr",
          { class: `pg-as-${r.status}${r.parentDiffers ? " pg-as-parent-differs" : ""}`, id: `merge-${r.standard.id}` },
          h("th", { scope: "row" }, link(r.standard)),
          r.cells.map((c) =>
            h(
              "td",
              { class: c.assessment.agency === core.PARENT_PANEL ? "pg-as-col-parent" : null },
              chip(c.rating),
              c.entry && c.entry.evidence
                ? h(
                    "details",
                    { class: "pg-as-cell-notes" },
                    h("summary", {}, "Evidence", sr(` from ${c.assessment.agency ? core.roleLabel(c.assessment.agency) : c.assessment.name} for ${r.standard.id}`)),
                    h("p", { class: "pg-as-pre", text: c.entry.evidence }),
                  )
                : null,
            ),
          ),
          h("td", { class: "pg-as-agreement" }, r.status === "disagree" ? h("strong", { text: core.agreementText(r) }) : core.agreementText(r)),
        ),
      ),
    ),
  );
  out.replaceChildren(
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

function mergeCSV() {
  const chosen = store.list.filter((a) => !mergeExcluded.has(a.id));
  const res = core.merge(chosen, idx);
  const cols = ["standard_id", "title", ...res.columns.map((a) => `${a.agency ? core.roleLabel(a.agency) : "Agency not given"}: ${a.name}`), "agreement"];
  const rows = [cols, ...res.rows.map((r) => [r.standard.id, r.standard.title, ...r.cells.map((c) => core.RATING[c.rating].label), core.agreementText(r)])];
  download(`multi-agency-view-${core.today()}.csv`, "\ufeff" + rows.map((r) => r.map(core.csvCell).join(",")).join("\r\n") + "\r\n", "text/csv");
}

// ------------------------------------------------------------------ tabs

const TABS = ["rate", "summary", "plan", "compare", "merge"];
const RENDER = { rate: () => {}, summary: renderSummary, plan: renderPlan, compare: renderCompare, merge: renderMerge };

function selectTab(name, focus = false) {
  activeTab = name;
  for (const t of TABS) {
    const tab = $(`pg-as-tab-${t}`);
    const on = t === name;
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
    $(`pg-as-panel-${t}`).hidden = !on;
    if (on && focus) tab.focus();
  }
  RENDER[name]();
}

function onTabKey(ev) {
  const i = TABS.indexOf(activeTab);
  const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TABS.length - 1 }[ev.key];
  if (next === undefined) return;
  ev.preventDefault();
  selectTab(TABS[(next + TABS.length) % TABS.length], true);
}

// ------------------------------------------------------------------ files

function slug(text) {
  return (text || "assessment").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "assessment";
}

function download(name, content, type) {
  const url = URL.createObjectURL(new Blob([content], { type: `${type};charset=utf-8` }));
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10000);
  announce(`Exported ${name}. It is in your downloads folder.`);
}

function exportAs(kind) {
  const a = store.current;
  if (!a) return;
  const name = `${slug(a.name)}-${a.date || core.today()}`;
  if (kind === "json") download(`${name}.json`, core.exportJSON(a, idx), "application/json");
  else download(`${name}.csv`, core.exportCSV(a, idx), "text/csv");
}

async function importFiles(files) {
  const report = $("pg-as-report");
  problem(null);
  report.hidden = true;
  report.replaceChildren();
  if (!files.length) return;
  const ok = [];
  const bad = [];
  for (const f of files) {
    try {
      // the size is checked before anything is read
      if (f.size > core.MAX_FILE_BYTES) core.readFile(f.name, f.size, "", idx);
      const text = await f.text();
      ok.push({ name: f.name, ...core.readFile(f.name, f.size, text, idx) });
    } catch (err) {
      bad.push(`${f.name}: ${err instanceof core.FileProblem ? err.message : "the file could not be read."}`);
    }
  }
  if (bad.length) {
    problem(`Nothing was imported: ${bad.length === 1 ? "a file has" : `${bad.length} files have`} a problem. Your saved assessments are unchanged.`, bad);
    announce("Import failed. Nothing was changed.");
    return;
  }
  if (!store.add(ok.map((r) => r.assessment))) {
    showStoreProblem();
    announce("Import failed. Nothing was changed.");
    return;
  }
  const warnings = ok.flatMap((r) => r.warnings.map((w) => `${r.name}: ${w}`));
  report.append(
    h("p", { text: `Imported ${ok.map((r) => `"${r.name}"`).join(", ")} as ${ok.length === 1 ? "a new assessment" : `${ok.length} new assessments`}.` }),
  );
  if (warnings.length) report.append(h("p", { text: "Please check:" }), h("ul", {}, warnings.map((w) => h("li", { text: w }))));
  report.hidden = false;
  renderAll();
  announce(`Imported ${ok.length} file${ok.length === 1 ? "" : "s"}${warnings.length ? `, with ${warnings.length} note${warnings.length === 1 ? "" : "s"} to check` : ""}.`);
}

// ------------------------------------------------------------------ wiring

function renderAll() {
  renderManager();
  renderRate();
  if (store.current || activeTab === "rate") RENDER[activeTab]();
}

function wire() {
  $("pg-as-agency").replaceChildren(...core.ROLES.map((r) => h("option", { value: r.id, text: r.label })));
  $("pg-as-list").addEventListener("input", onListInput);
  $("pg-as-list").addEventListener("change", onListInput);

  $("pg-as-current").addEventListener("change", (ev) => {
    store.select(ev.target.value);
    renderAll();
    announce(`Now working on ${core.title(store.current)}.`);
  });
  $("pg-as-new").addEventListener("click", () => {
    const a = core.newAssessment(idx, { name: `Assessment ${store.list.length + 1}` });
    if (!store.add([a])) return showStoreProblem();
    renderAll();
    selectTab("rate");
    $("pg-as-name").focus();
    announce(`Started ${core.title(a)}. Give it a name and choose your agency or role.`);
  });
  $("pg-as-delete").addEventListener("click", () => {
    const a = store.current;
    if (!a) return;
    if (!window.confirm(`Delete "${core.title(a)}" from this browser? This cannot be undone. Export it first if you may need it.`)) return;
    store.remove(a.id);
    renderAll();
    announce(`Deleted ${core.title(a)}.`);
    (store.current ? $("pg-as-current") : $("pg-as-new")).focus();
  });
  $("pg-as-name").addEventListener("input", (ev) => {
    store.current.name = ev.target.value;
    save();
    refreshTitle();
  });
  $("pg-as-date").addEventListener("input", (ev) => {
    store.current.date = ev.target.value;
    save();
    refreshTitle();
  });
  $("pg-as-agency").addEventListener("change", (ev) => {
    const a = store.current;
    const wasParent = a.agency === core.PARENT_PANEL;
    a.agency = ev.target.value;
    save();
    refreshTitle();
    const isParent = a.agency === core.PARENT_PANEL;
    if (wasParent !== isParent) renderRate();
    announce(`Agency or role set to ${core.roleLabel(a.agency)}.${isParent ? " Standards are shown in plain English." : ""}`);
  });
  $("pg-as-levels").addEventListener("change", (ev) => {
    const a = store.current;
    if (!a) return;
    const boxes = [...$("pg-as-levels").querySelectorAll("input[type=checkbox]")];
    const on = boxes.filter((b) => b.checked).map((b) => b.value);
    if (!on.length) {
      ev.target.checked = true;
      announce("An assessment covers at least one level.");
      return;
    }
    a.levels = on.length === idx.levels.length ? null : on;
    save();
    renderRate();
    $(ev.target.id).focus();
    const names = idx.levels.filter((l) => on.includes(l.id)).map((l) => l.title).join(", ");
    announce(`Showing ${names} standards. ${progressText(a).text}`);
  });

  $("pg-as-export-json").addEventListener("click", () => exportAs("json"));
  $("pg-as-export-csv").addEventListener("click", () => exportAs("csv"));
  $("pg-as-import").addEventListener("change", async (ev) => {
    const files = [...ev.target.files];
    await importFiles(files);
    ev.target.value = "";
  });

  for (const t of TABS) $(`pg-as-tab-${t}`).addEventListener("click", () => selectTab(t));
  document.querySelector(".pg-as-tabs").addEventListener("keydown", onTabKey);

  $("pg-as-print").addEventListener("click", () => window.print());
  // printing from any view prints the action plan: make sure it is up to date
  window.addEventListener("beforeprint", renderPlan);
  $("pg-as-base").addEventListener("change", (ev) => {
    compareChoice.base = ev.target.value;
    renderCompare();
    announce("Comparison updated.");
  });
  $("pg-as-follow").addEventListener("change", (ev) => {
    compareChoice.follow = ev.target.value;
    renderCompare();
    announce("Comparison updated.");
  });
  $("pg-as-merge-list").addEventListener("change", (ev) => {
    if (ev.target.checked) mergeExcluded.delete(ev.target.value);
    else mergeExcluded.add(ev.target.value);
    const id = ev.target.id;
    renderMerge();
    $(id).focus();
    announce($("pg-as-merge-summary") ? $("pg-as-merge-summary").textContent : "Tick at least two assessments.");
  });
  $("pg-as-merge-only").addEventListener("change", (ev) => {
    mergeOnlyDisagree = ev.target.checked;
    renderMerge();
    announce(mergeOnlyDisagree ? "Showing only standards where ratings disagree." : "Showing every standard.");
  });
  $("pg-as-merge").addEventListener("click", (ev) => {
    if (ev.target.id === "pg-as-merge-csv") mergeCSV();
  });

  // another tab of this site changed the saved assessments: show the same state here
  window.addEventListener("storage", (ev) => {
    if (ev.key !== KEY) return;
    store.state = store.read();
    renderAll();
    announce("Updated with changes made in another tab.");
  });
}

async function main() {
  const root = $("pg-as");
  if (!root) return;
  siteRoot = root.dataset.root; // relative to this page, so the site works from any address
  try {
    const res = await fetch(new URL(root.dataset.src, document.baseURI), { credentials: "same-origin" });
    if (!res.ok) throw new Error(String(res.status));
    idx = core.indexData(await res.json());
  } catch (err) {
    $("pg-as-loading").textContent = "The standards could not be loaded, so the self-assessment cannot start. Reload the page to try again.";
    $("pg-as-loading").classList.add("pg-as-problem");
    return;
  }
  store = new Store(idx);
  wire();
  $("pg-as-loading").hidden = true;
  $("pg-as-app").hidden = false;
  renderAll();
  selectTab("rate");
  showStoreProblem();
  if (store.migrationNotes && store.migrationNotes.length) {
    problem(`The benchmark has changed since some assessments here were saved (it is now version ${idx.version}).`, store.migrationNotes);
    save();
  }
  root.dataset.ready = "true";
}

main();
