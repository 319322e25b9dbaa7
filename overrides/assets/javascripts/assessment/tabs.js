// The tab list (.pg-as-tabs): one tab per view, moved with the arrow keys, Home and End, as
// the WAI-ARIA tabs pattern describes. Which tab is open is the page's state (`state.tab`);
// choosing one goes through app.selectTab(), which draws the view and then calls show().

import { byId } from "../dom.js";

export class Tabs {
  constructor(root, names, app) {
    this.root = root;
    this.names = names;
    this.app = app;
    for (const t of names) byId(`pg-as-tab-${t}`, root).addEventListener("click", () => app.selectTab(t));
    root.addEventListener("keydown", (ev) => this.onKey(ev));
  }

  /** Mark `name` selected and show its panel only. */
  show(name, focus = false) {
    for (const t of this.names) {
      const tab = byId(`pg-as-tab-${t}`, this.root);
      const on = t === name;
      tab.setAttribute("aria-selected", String(on));
      tab.tabIndex = on ? 0 : -1;
      byId(tab.getAttribute("aria-controls")).hidden = !on;
      if (on && focus) tab.focus();
    }
  }

  onKey(ev) {
    const n = this.names.length;
    const i = this.names.indexOf(this.app.state.tab);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: n - 1 }[ev.key];
    if (next === undefined) return;
    ev.preventDefault();
    this.app.selectTab(this.names[(next + n) % n], true);
  }
}
