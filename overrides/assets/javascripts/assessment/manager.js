// "Your assessments" (.pg-as-manager): choose, start and delete assessments, their name,
// agency and date, and the files: export the current one, import others.

import { byId, h } from "../dom.js";
import * as core from "./core.js";
import { slug } from "./files.js";
import { options } from "./ui.js";

export class ManagerView {
  constructor(root, app) {
    this.root = root;
    this.app = app;
    const el = (id) => byId(id, root);
    this.current = el("pg-as-current");
    this.name = el("pg-as-name");
    this.agency = el("pg-as-agency");
    this.date = el("pg-as-date");
    this.saved = el("pg-as-saved");
    this.empty = el("pg-as-empty");
    this.report = el("pg-as-report");
    this.newButton = el("pg-as-new");

    this.agency.replaceChildren(...core.ROLES.map((r) => h("option", { value: r.id, text: r.label })));
    this.current.addEventListener("change", (ev) => {
      this.store.select(ev.target.value);
      app.renderAll();
      app.announce(`Now working on ${core.title(this.store.current)}.`);
    });
    this.newButton.addEventListener("click", () => this.startNew());
    el("pg-as-delete").addEventListener("click", () => this.deleteCurrent());
    this.name.addEventListener("input", (ev) => this.setMeta("name", ev.target.value));
    this.date.addEventListener("input", (ev) => this.setMeta("date", ev.target.value));
    this.agency.addEventListener("change", (ev) => this.setAgency(ev.target.value));
    el("pg-as-export-json").addEventListener("click", () => this.exportAs("json"));
    el("pg-as-export-csv").addEventListener("click", () => this.exportAs("csv"));
    el("pg-as-import").addEventListener("change", async (ev) => {
      await this.importFiles([...ev.target.files]);
      ev.target.value = "";
    });
  }

  get store() {
    return this.app.state.store;
  }

  render() {
    const a = this.store.current;
    this.empty.hidden = !!a;
    options(this.current, this.store.list, a && a.id);
    this.name.value = a ? a.name : "";
    this.agency.value = a ? a.agency || "" : "";
    this.date.value = a ? a.date || "" : "";
    this.renderSaved();
  }

  renderSaved() {
    const { store } = this;
    if (!store.current) return (this.saved.textContent = "");
    // after a failed save the status must not still say "saved" beside the alert
    if (store.problem && store.problem.startsWith("Could not save")) {
      this.saved.textContent = store.savedAt
        ? `Your latest changes are not saved. The last save was at ${store.savedAt.toLocaleTimeString("en-GB")}.`
        : "Your changes are not saved in this browser.";
      return;
    }
    this.saved.textContent = store.savedAt
      ? `All changes saved in this browser at ${store.savedAt.toLocaleTimeString("en-GB")}.`
      : "All changes are saved in this browser as you make them.";
  }

  refreshTitle() {
    const a = this.store.current;
    const opt = [...this.current.options].find((o) => o.value === a.id);
    if (opt) opt.textContent = core.title(a);
  }

  startNew() {
    const { app, store } = this;
    const a = core.newAssessment(app.state.idx, { name: `Assessment ${store.list.length + 1}` });
    if (!store.add([a])) return app.showStoreProblem();
    app.renderAll();
    app.selectTab("rate");
    this.name.focus();
    app.announce(`Started ${core.title(a)}. Give it a name and choose your agency or role.`);
  }

  deleteCurrent() {
    const { app, store } = this;
    const a = store.current;
    if (!a) return;
    if (!window.confirm(`Delete "${core.title(a)}" from this browser? This cannot be undone. Export it first if you may need it.`)) return;
    store.remove(a.id);
    app.renderAll();
    app.announce(`Deleted ${core.title(a)}.`);
    (store.current ? this.current : this.newButton).focus();
  }

  setMeta(field, value) {
    this.store.current[field] = value;
    this.app.save();
    this.refreshTitle();
  }

  setAgency(value) {
    const a = this.store.current;
    const wasParent = a.agency === core.PARENT_PANEL;
    this.setMeta("agency", value);
    const isParent = a.agency === core.PARENT_PANEL;
    // the parent panel reads the standards in plain English
    if (wasParent !== isParent) this.app.views.rate.render();
    this.app.announce(`Agency or role set to ${core.roleLabel(a.agency)}.${isParent ? " Standards are shown in plain English." : ""}`);
  }

  exportAs(kind) {
    const a = this.store.current;
    if (!a) return;
    const { idx } = this.app.state;
    const name = `${slug(a.name)}-${a.date || core.today()}`;
    if (kind === "json") this.app.download(`${name}.json`, core.exportJSON(a, idx), "application/json");
    else this.app.download(`${name}.csv`, core.exportCSV(a, idx), "text/csv");
  }

  /** Every file is checked first; one bad file and nothing at all is imported. */
  async importFiles(files) {
    const { app, store, report } = this;
    const { idx } = app.state;
    app.problem(null);
    report.hidden = true;
    report.replaceChildren();
    if (!files.length) return;
    const ok = [];
    const bad = [];
    for (const f of files) {
      try {
        core.checkSize(f.size); // before anything is read
        const text = await f.text();
        ok.push({ name: f.name, ...core.readFile(f.name, f.size, text, idx) });
      } catch (err) {
        bad.push(`${f.name}: ${err instanceof core.FileProblem ? err.message : "the file could not be read."}`);
      }
    }
    if (bad.length) {
      app.problem(`Nothing was imported: ${bad.length === 1 ? "a file has" : `${bad.length} files have`} a problem. Your saved assessments are unchanged.`, bad);
      app.announce("Import failed. Nothing was changed.");
      return;
    }
    if (!store.add(ok.map((r) => r.assessment))) {
      app.showStoreProblem();
      app.announce("Import failed. Nothing was changed.");
      return;
    }
    const warnings = ok.flatMap((r) => r.warnings.map((w) => `${r.name}: ${w}`));
    report.append(
      h("p", { text: `Imported ${ok.map((r) => `"${r.name}"`).join(", ")} as ${ok.length === 1 ? "a new assessment" : `${ok.length} new assessments`}.` }),
    );
    if (warnings.length) report.append(h("p", { text: "Please check:" }), h("ul", {}, warnings.map((w) => h("li", { text: w }))));
    report.hidden = false;
    app.renderAll();
    app.announce(`Imported ${ok.length} file${ok.length === 1 ? "" : "s"}${warnings.length ? `, with ${warnings.length} note${warnings.length === 1 ? "" : "s"} to check` : ""}.`);
  }
}
