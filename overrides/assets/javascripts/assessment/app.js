// The self-assessment page (overrides/assessment.html): loads the benchmark data, holds the
// page's state in one object and binds one component to each part of the page:
//   manager.js  "Your assessments": choose, start, delete, name, files
//   rate.js     rate the standards, a group at a time   summary.js  counts, heat map, strengths, gaps
//   plan.js     the action plan (printed) compare.js  baseline against follow-up
//   merge.js    the multi-agency view     tabs.js     the tab list
// over core.js (the logic, no DOM), store.js (this browser's storage) and ../dom.js (the DOM
// helper shared with the language checker). Every value is set as text, never parsed as HTML.
// The only request is for the benchmark data file on this site; assessments are read and
// written on this device only.

import { announce, byId, fetchJSON, h } from "../dom.js";
import * as core from "./core.js";
import { download } from "./files.js";
import { ManagerView } from "./manager.js";
import { RateView } from "./rate.js";
import { SummaryView } from "./summary.js";
import { PlanView } from "./plan.js";
import { CompareView } from "./compare.js";
import { MergeView } from "./merge.js";
import { Tabs } from "./tabs.js";
import { KEY, Store } from "./store.js";

const TABS = ["rate", "summary", "plan", "compare", "merge"];

/** Everything the page knows and shows, in one place. */
function createState(idx, store, siteRoot) {
  return {
    idx, // the benchmark (core.indexData)
    store, // the saved assessments and which is current (store.js)
    siteRoot, // the site's root, relative to this page, for links to standards
    tab: "rate", // the open view
    group: null, // the group of standards on screen in the rate view ("level/theme", core.groups)
    compare: { base: null, follow: null }, // the two assessments compared
    merge: { excluded: new Set(), onlyDisagree: false }, // the multi-agency view's choices
  };
}

class App {
  constructor(root, state) {
    this.root = root;
    this.state = state;
    this.status = byId("pg-as-status", root);
    this.alert = byId("pg-as-alert", root);
    this.body = byId("pg-as-app", root); // hidden until the data is read
    const panel = (name) => byId(`pg-as-panel-${name}`, root);
    this.manager = new ManagerView(root.querySelector(".pg-as-manager"), this);
    this.views = {
      rate: new RateView(panel("rate"), this),
      summary: new SummaryView(panel("summary"), this),
      plan: new PlanView(panel("plan"), this),
      compare: new CompareView(panel("compare"), this),
      merge: new MergeView(panel("merge"), this),
    };
    this.tabs = new Tabs(root.querySelector(".pg-as-tabs"), TABS, this);
    // another tab of this site changed the saved assessments: show the same state here
    // (merged field by field with this tab's own changes, and without moving the reader's focus)
    window.addEventListener("storage", (ev) => {
      if (ev.key !== KEY) return;
      state.store.refresh();
      this.keepingFocus(() => this.renderAll());
      this.announce("Updated with changes made in another tab.");
    });
  }

  announce(text) {
    announce(this.status, text);
  }

  /** Show a problem in the alert region; no title clears it. */
  problem(title, items = []) {
    this.alert.replaceChildren();
    if (!title) return;
    this.alert.append(h("p", { text: title }));
    if (items.length) this.alert.append(h("ul", {}, items.map((t) => h("li", { text: t }))));
  }

  showStoreProblem() {
    if (this.state.store.problem) this.problem(this.state.store.problem);
  }

  save() {
    const ok = this.state.store.save();
    if (!ok) this.showStoreProblem();
    else if (this.saveFailed) this.problem(""); // saved again: the "could not save" alert goes
    this.saveFailed = !ok;
    this.manager.renderSaved();
    return ok;
  }

  /** The first answer on a first visit: start an assessment with it (no re-drawing of the view being answered). */
  startFirst() {
    const { idx, store } = this.state;
    const a = core.newAssessment(idx, { name: `Assessment ${store.list.length + 1}` });
    if (!store.add([a])) {
      this.showStoreProblem();
      return null;
    }
    this.body.classList.remove("pg-as-none");
    this.manager.render();
    return a;
  }

  download(name, content, type) {
    download(name, content, type);
    this.announce(`Exported ${name}. It is in your downloads folder.`);
  }

  selectTab(name, focus = false) {
    this.state.tab = name;
    this.tabs.show(name, focus);
    if (name !== "rate") this.views[name].render();
  }

  /** Run `render`, then put the focus and the caret back where they were (by element ID). */
  keepingFocus(render) {
    const active = document.activeElement;
    const id = active && active !== document.body ? active.id : "";
    let range = null;
    try {
      if (id && typeof active.selectionStart === "number") range = [active.selectionStart, active.selectionEnd];
    } catch (err) {
      range = null; // a radio button or a date field has no caret
    }
    render();
    const again = id ? document.getElementById(id) : null;
    if (!again) return;
    if (document.activeElement !== again) again.focus({ preventScroll: true });
    if (range && typeof again.setSelectionRange === "function") {
      try {
        again.setSelectionRange(...range);
      } catch (err) {
        /* the field has no caret */
      }
    }
  }

  renderAll() {
    const { store, tab } = this.state;
    this.body.classList.toggle("pg-as-none", !store.current);
    this.manager.render();
    this.views.rate.render();
    if (tab !== "rate" && store.current) this.views[tab].render();
  }
}

async function main() {
  const root = document.getElementById("pg-as");
  if (!root) return;
  const loading = byId("pg-as-loading", root);
  let idx;
  try {
    idx = core.indexData(await fetchJSON(root.dataset.src));
  } catch (err) {
    loading.textContent =
      err instanceof core.DataProblem
        ? `${err.message} Please tell the people who run this site.`
        : "The standards could not be loaded, so the self-assessment cannot start. Reload the page to try again.";
    loading.classList.add("pg-as-problem");
    root.dataset.failed = "true";
    return;
  }
  // data-root is relative to this page, so the site works from any address
  const app = new App(root, createState(idx, new Store(idx), root.dataset.root));
  loading.hidden = true;
  app.body.hidden = false;
  app.renderAll();
  app.selectTab("rate");
  // "Rate this standard" on a standard's page opens the page at that standard's group
  app.views.rate.showHash();
  app.showStoreProblem();
  const notes = app.state.store.migrationNotes;
  if (notes && notes.length) {
    app.problem(`The benchmark has changed since some assessments here were saved (it is now version ${idx.version}).`, notes);
    app.save();
  }
  root.dataset.ready = "true";
}

main();
