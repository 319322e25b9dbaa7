// The guide's search: the dialog of overrides/partials/search.html over the Pagefind index the
// build writes into pagefind/ (macros/web/search.py), ranked by query.js.
//
// - The search button in the header (shown once this has run) or "/" opens the dialog; Escape
//   or "Close" shuts it and puts the focus back where it was.
// - Pagefind and the site's words are loaded when the dialog first opens, not with the page.
// - Results follow every change of the box (typing, pasting, dictation, the browser's clear
//   button) and of the two filters, each search replacing the one before.
// - Each result says what it is (a standard with its ID, level and theme; a briefing paper; a
//   guidance page; a download) and shows Pagefind's excerpt with the matched words marked. It
//   links to the section of the page that holds most of the words (its heading is named after
//   the page's title), with ?highlight=, and on that page the words are marked as typed.
// - Text from the index is put in the page only as text. Titles are plain text in the index;
//   an excerpt is text with < and > escaped and the matched words in <mark>: it is parsed in an
//   inert document and only its text and <mark> elements are copied over.

import { prepare, rankedResults } from "./query.js";

const ROOT = new URL("../../../", import.meta.url); // the site's root: this file is assets/javascripts/search/
const SHOWN = 10;
const WAIT = 60; // ms after the last keystroke before searching

const dialog = document.getElementById("pg-search");
const opener = document.querySelector("[data-pg-search-open]");

let engine = null; // Promise of { pagefind, vocab }
let latest = 0; // the number of the search whose results may be shown
let returnTo = null;
let timer = 0;

function load() {
  if (!engine) {
    engine = (async () => {
      const pagefind = await import(new URL("pagefind/pagefind.js", ROOT).href);
      await pagefind.options({ baseUrl: ROOT.pathname, excerptLength: 24 });
      await pagefind.init();
      let vocab = null;
      try {
        const response = await fetch(new URL("pagefind/words.json", ROOT));
        if (response.ok) vocab = new Map(Object.entries(await response.json()));
      } catch {
        vocab = null; // search works without it; only slips of the keyboard are not forgiven
      }
      return { pagefind, vocab };
    })();
    engine.catch(() => {
      engine = null; // try again next time
    });
  }
  return engine;
}

/** The text of Pagefind's excerpt as nodes: text, and its <mark> elements, nothing else. */
function excerptNodes(html) {
  const doc = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
  const out = [];
  for (const node of doc.body.firstChild ? doc.body.firstChild.childNodes : []) {
    if (node.nodeType === Node.TEXT_NODE) out.push(document.createTextNode(node.textContent));
    else if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.push(mark);
    } else out.push(document.createTextNode(node.textContent || ""));
  }
  return out;
}

function describe(data) {
  const meta = data.meta || {};
  const kind = meta.kind || "Guidance";
  if (kind === "Standard" && meta.level) return [`Standard, ${meta.level} level`, meta.theme].filter(Boolean).join(" · ");
  if (kind === "Benchmark" && meta.level) return `Benchmark level: ${meta.level}`;
  return kind;
}

function link(data, terms, section) {
  // a download's record carries its file's address from the site's root (macros/web/search.py)
  const meta = data.meta || {};
  const url = meta.url ? new URL(meta.url, ROOT) : new URL(section ? section.url : data.url, location.href);
  // one highlight= a word: the page marks each wherever it stands (pagefind-highlight.js)
  if (meta.kind !== "Download") for (const t of terms) url.searchParams.append("highlight", t);
  return url.href;
}

function render(list, found, terms) {
  const items = found.slice(0, SHOWN).map((entry, n) => {
    const data = entry.data;
    const li = document.createElement("li");
    li.className = "pg-search__result";
    const section = (data.meta || {}).kind === "Download" ? null : entry.section;
    const a = document.createElement("a");
    a.href = link(data, terms, section);
    a.className = "pg-search__link";
    a.textContent = (data.meta || {}).title || data.url; // the index holds titles as plain text
    if (section && section.title) {
      const part = document.createElement("span");
      part.className = "pg-search__section";
      part.textContent = `: ${section.title}`;
      a.append(part);
    }
    const kind = document.createElement("p");
    kind.className = "pg-search__kind";
    kind.textContent = describe(data);
    li.append(a, kind);
    const excerpt = section ? section.excerpt : data.excerpt;
    if (excerpt) {
      const p = document.createElement("p");
      p.className = "pg-search__excerpt";
      p.append(...excerptNodes(excerpt));
      li.append(p);
    }
    if (n === 0) a.dataset.pgFirst = "";
    return li;
  });
  list.replaceChildren(...items);
}

function filters(form) {
  const out = {};
  if (form.kind.value) out.kind = form.kind.value;
  if (form.level.value) out.level = form.level.value;
  return out;
}

function say(status, text) {
  if (status.textContent !== text) status.textContent = text;
}

async function search(form, list, status) {
  const text = form.q.value.trim();
  const mine = ++latest;
  if (!text) {
    list.replaceChildren();
    say(status, "");
    return;
  }
  let got;
  try {
    got = await load();
  } catch {
    if (mine === latest) say(status, "The search could not be loaded. Check your connection and try again, or use the menu.");
    return;
  }
  const terms = prepare(text, got.vocab);
  const chosen = filters(form);
  const found = await rankedResults(got.pagefind, text, { vocab: got.vocab, filters: chosen });
  if (mine !== latest) return; // a newer search has started
  render(list, found, terms);
  const typed = prepare(text, null);
  const fixed = terms.filter((t, i) => t !== typed[i]);
  const spelt = fixed.length ? ` Searched for ${terms.join(" ")}.` : "";
  const narrowed = Object.keys(chosen).length ? " (filtered)" : "";
  if (!found.length) {
    say(status, `No results for “${text}”${narrowed}.${spelt} Try other words, or fewer${narrowed ? ", or show everything" : ""}.`);
  } else {
    const n = Math.min(found.length, SHOWN);
    say(status, `${n === SHOWN && found.length > SHOWN ? `The best ${SHOWN}` : n} result${n === 1 ? "" : "s"} for “${text}”${narrowed}.${spelt}`);
  }
}

function open() {
  if (!dialog || dialog.open) return;
  returnTo = document.activeElement;
  dialog.showModal();
  const box = dialog.querySelector("#pg-search-q");
  box.focus();
  box.select();
  load().catch(() => {});
}

function setUp() {
  if (!dialog || !opener || typeof dialog.showModal !== "function") return;
  const form = dialog.querySelector("[data-pg-search-form]");
  const list = dialog.querySelector("#pg-search-results");
  const status = dialog.querySelector("#pg-search-status");
  const run = () => search(form, list, status);
  opener.hidden = false;
  opener.addEventListener("click", open);
  dialog.querySelector("[data-pg-search-close]").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    if (returnTo && typeof returnTo.focus === "function") returnTo.focus();
    returnTo = null;
  });
  // Escape closes the dialog at once: in a search box with text, the browser's own Escape would
  // only empty the box
  dialog.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      dialog.close();
    }
  });
  // a click on the backdrop, outside the dialog's box, closes it
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close();
  });
  form.q.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, WAIT);
  });
  form.kind.addEventListener("change", run);
  form.level.addEventListener("change", run);
  form.addEventListener("submit", (event) => {
    // Enter: the first result, once the search for what is in the box has finished
    event.preventDefault();
    clearTimeout(timer);
    run().then(() => {
      const first = list.querySelector("a[data-pg-first]");
      if (first) first.click();
    });
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || dialog.open) return;
    const at = event.target;
    if (at && (at.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(at.tagName))) return;
    event.preventDefault();
    open();
  });
}

/** On a page opened from a result: mark the words searched for in its content. */
async function highlight() {
  if (!new URLSearchParams(location.search).has("highlight")) return;
  try {
    const { default: PagefindHighlight } = await import(new URL("pagefind/pagefind-highlight.js", ROOT).href);
    new PagefindHighlight({ highlightParam: "highlight", markContext: "[data-pagefind-body]", addStyles: false });
  } catch {
    // without the marks the page is still the page
  }
}

setUp();
highlight();
