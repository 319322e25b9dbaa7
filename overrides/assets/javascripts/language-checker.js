// The language checker page (overrides/language-checker.html): one component bound to
// #pg-lc, over the matching in language-checker/match.js and the DOM helper in dom.js.
//
// The patterns are prepared at build time by macros/language/checker.py, from
// standards/language.yml and standards/language-words.yml, and read here from
// assets/data/language.json, so the page, the command line and the build always agree
// (match.js says how). They become RegExp objects at the first check, not when the page opens.
//
// Privacy: the only request is for the patterns file on this site. The text typed here is
// never sent anywhere and never stored; it is only ever set as text, never parsed as HTML.

import { announce, byId, fetchJSON, h } from "./dom.js";
import { compile, find, oneLine, summary } from "./language-checker/match.js";

class LanguageChecker {
  constructor(root) {
    this.root = root;
    const el = (id) => byId(id, root);
    this.form = el("pg-lc-form");
    this.input = el("pg-lc-text");
    this.checkButton = el("pg-lc-check");
    this.status = el("pg-lc-status");
    this.results = el("pg-lc-results");
    this.marked = el("pg-lc-marked");
    this.list = el("pg-lc-list");
    this.guideUrl = root.dataset.guide;
    // the prepared patterns, once loaded, and their RegExp objects, made at the first check
    this.state = { data: null, rules: null };

    this.form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      if (this.state.data) this.check();
    });
    el("pg-lc-clear").addEventListener("click", () => this.clear());
  }

  async load() {
    try {
      const data = await fetchJSON(this.root.dataset.src);
      this.state.data = data;
      this.checkButton.disabled = false;
      this.root.dataset.ready = "true";
      this.status.textContent = `Ready: ${data.rules.length} phrases from the language guide.`;
    } catch (err) {
      this.status.textContent = "The list of phrases could not be loaded, so the checker cannot run. Reload the page to try again.";
    }
  }

  announce(text) {
    announce(this.status, text, 50);
  }

  finding(f, n) {
    const r = f.rule;
    const fact = (term, ...detail) => h("div", {}, h("dt", { text: term }), h("dd", {}, ...detail));
    return h(
      "li",
      { id: `pg-lc-f-${n}`, class: "pg-lc-finding", "data-rule": r.id, "data-line": f.line, "data-col": f.col, "data-text": f.text },
      h(
        "p",
        { class: "pg-lc-found" },
        h("strong", { text: `\u201c${oneLine(f.text)}\u201d` }),
        ` on line ${f.line}, column ${f.col} `,
        h("a", { href: `#pg-lc-m-${n}`, text: "(show in your text)" }),
      ),
      h(
        "dl",
        {},
        fact(r.about === "children" ? "The label it puts on the child" : "The label it puts on parents", r.label),
        fact("How it lands", r.how_it_lands),
        fact("Why it harms", r.why_it_harms),
        fact("Say instead", h("ul", {}, r.say_instead.map((s) => h("li", { text: s })))),
      ),
      h("p", {}, h("a", { href: `${this.guideUrl}#${r.id}`, text: `More about \u201c${r.phrase}\u201d in the language guide` })),
    );
  }

  show(text, findings) {
    const marks = [];
    let at = 0;
    findings.forEach((f, i) => {
      const n = i + 1;
      if (f.start > at) marks.push(text.slice(at, f.start));
      marks.push(
        h("mark", { id: `pg-lc-m-${n}`, class: "pg-lc-mark", text: f.text }),
        h("a", { href: `#pg-lc-f-${n}`, class: "pg-lc-ref", "aria-label": `finding ${n}: ${f.rule.label}` }, `[${n}]`),
      );
      at = f.end;
    });
    if (at < text.length) marks.push(text.slice(at));
    this.marked.replaceChildren(...marks);
    this.list.replaceChildren(
      ...(findings.length
        ? findings.map((f, i) => this.finding(f, i + 1))
        : [h("li", { class: "pg-lc-none", text: "No phrases from the language guide were found." })]),
    );
    this.results.hidden = false;
  }

  check() {
    const text = this.input.value;
    if (!text.trim()) {
      this.results.hidden = true;
      this.announce("There is no text to check yet: paste or type some text first.");
      return;
    }
    if (!this.state.rules) this.state.rules = compile(this.state.data);
    const findings = find(this.state.rules, text);
    this.show(text, findings);
    this.announce(summary(findings));
  }

  clear() {
    this.input.value = "";
    this.results.hidden = true;
    this.marked.replaceChildren();
    this.list.replaceChildren();
    this.announce("Cleared.");
    this.input.focus();
  }
}

const root = document.getElementById("pg-lc");
if (root) new LanguageChecker(root).load();
