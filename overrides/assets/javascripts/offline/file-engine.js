// The search of the copy opened from a folder (file://), where the browser lets a page neither
// fetch() files nor load Pagefind's WebAssembly. It answers the same calls as Pagefind
// (options, init, search; a result's data() with url, meta, excerpt and sub_results), so
// search.js and the ranking of query.js run on it unchanged. It reads the text Pagefind indexed
// (its fragments, gathered by macros/web/offline.py into pagefind/file-index.json, which the
// copy holds as a script: see file-prelude.js). Only the folder copy uses it.
//
// A page is found when it holds every word (the last one may be the start of a longer word, as
// Pagefind takes it, unless the query is in quotation marks); words are compared with their
// common endings taken off (query.js root). The score grows with the matches and with the words
// found in the title.

import { root, words } from "../search/query.js";

const SITE = new URL("../../../", import.meta.url); // this file is assets/javascripts/offline/
const AROUND = 12; // words either side of the first match, in an excerpt

let base = SITE.pathname;
let pages = null;

export async function options(o) {
  if (o && o.baseUrl) base = o.baseUrl;
}

function escape(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function prepared(page) {
  const tokens = page.content.split(/\s+/).filter(Boolean);
  const norm = tokens.map((t) => words(t).join(" "));
  const stems = norm.map((t) => root(t));
  return { ...page, tokens, norm, stems, titleStems: new Set(words(page.meta.title || "").map(root)) };
}

export async function init() {
  if (!pages) {
    const response = await fetch(new URL("pagefind/file-index.json", SITE));
    pages = (await response.json()).map(prepared);
  }
}

function where(page, word, prefix) {
  const stem = root(word);
  const out = [];
  for (let i = 0; i < page.tokens.length; i++) {
    const t = page.norm[i];
    if (t === word || page.stems[i] === stem || (prefix && t.startsWith(word))) out.push(i);
  }
  return out;
}

function excerpt(page, from, to, marked) {
  const first = marked.find((i) => i >= from && i < to);
  const start = Math.max(from, (first === undefined ? from : first) - AROUND);
  const end = Math.min(to, start + 2 * AROUND);
  const hits = new Set(marked);
  const out = [];
  for (let i = start; i < end; i++) out.push(hits.has(i) ? `<mark>${escape(page.tokens[i])}</mark>` : escape(page.tokens[i]));
  return out.join(" ");
}

function address(url) {
  // "/about/" -> the page's file in the folder, from the root the search was given
  const path = url.replace(/^\//, "");
  return base + (path === "" || path.endsWith("/") ? `${path}index.html` : path);
}

function data(page, marked) {
  const url = address(page.url);
  const anchors = page.anchors || [];
  const sections = [{ url, title: page.meta.title || "", start: 0 }];
  for (const a of anchors) if (a.location > 0) sections.push({ url: `${url}#${a.id}`, title: a.text, start: a.location });
  const sub = sections.map((s, n) => {
    const end = n + 1 < sections.length ? sections[n + 1].start : page.tokens.length;
    const locations = marked.filter((i) => i >= s.start && i < end);
    return { url: s.url, title: s.title, locations, excerpt: excerpt(page, s.start, end, locations) };
  });
  return {
    url,
    meta: page.meta,
    filters: page.filters,
    excerpt: excerpt(page, 0, page.tokens.length, marked),
    sub_results: sub.filter((s, n) => n === 0 || s.locations.length),
  };
}

function passes(page, filters) {
  for (const [key, value] of Object.entries(filters || {})) {
    const have = (page.filters || {})[key] || [];
    const wanted = Array.isArray(value) ? value : [value];
    if (!wanted.some((v) => have.includes(v))) return false;
  }
  return true;
}

export async function search(term, opts = {}) {
  await init();
  const quoted = /^\s*".*"\s*$/.test(term);
  const list = words(term);
  const results = [];
  if (!list.length) return { results };
  pages.forEach((page, id) => {
    if (!passes(page, opts.filters)) return;
    const marked = [];
    let score = 0;
    for (let n = 0; n < list.length; n++) {
      const found = where(page, list[n], !quoted && n === list.length - 1);
      if (!found.length) return; // every word, as Pagefind
      marked.push(...found);
      score += Math.log(1 + found.length) + (page.titleStems.has(root(list[n])) ? 2 : 0);
    }
    score /= Math.log(10 + page.tokens.length) / Math.log(10);
    const sorted = marked.sort((a, b) => a - b);
    results.push({ id, score, data: async () => data(page, sorted) });
  });
  results.sort((a, b) => b.score - a.score);
  return { results };
}
