// How a query typed into the guide's search box becomes a ranked list of pages, on top of
// Pagefind's search (tests/search_eval.py measures it on tests/search/queries.yml).
//
// Pagefind finds the pages that hold every word of a query. People type whole questions ("how
// do I share information with the police"), slips of the keyboard ("informaton") and words the
// pages put differently, so here:
// - words that carry no meaning of their own (how, do, I, the, my...) are left out, unless the
//   query is nothing but such words;
// - a word of five letters or more that is not a word of the site is replaced by the word of
//   the site one slip away (a letter added, dropped, changed, or two swapped), if there is one;
// - the pages are ranked by how well they match each word, summed, and those that match every
//   word first: a page need not hold every word of a long question to be found.
//
// Nothing here touches the page: search.js draws the results.

export const STOP_WORDS = new Set(
  (
    "a about after again all am an and any are as at be been before being but by can could " +
    "did do does doing done for from had has have having he her here hers him his how i if in " +
    "into is it its just me might more most must my no nor not of off on once only or other our " +
    "ours out over own same she should so some such than that the their theirs them then there " +
    "these they this those through to too under until up us very was we were what when where " +
    "which while who whom why will with would you your yours anyone anything someone something " +
    "get got go going want"
  ).split(" "),
);

/** The words of a query, lower case, without punctuation at either end. */
export function words(text) {
  return String(text || "")
    .toLowerCase()
    .split(/[\s,.;:!?()"“”]+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter(Boolean);
}

/** The words that decide: stop words left out, unless nothing else is left. */
export function meaningful(list) {
  const kept = list.filter((w) => !STOP_WORDS.has(w));
  return kept.length ? kept : list;
}

/** Every string one slip from `w`: a letter dropped, added, changed, or two neighbours swapped. */
function oneSlip(w, alphabet) {
  const out = new Set();
  for (let i = 0; i <= w.length; i++) {
    if (i < w.length) out.add(w.slice(0, i) + w.slice(i + 1));
    if (i < w.length - 1) out.add(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
    for (const c of alphabet) {
      out.add(w.slice(0, i) + c + w.slice(i));
      if (i < w.length) out.add(w.slice(0, i) + c + w.slice(i + 1));
    }
  }
  out.delete(w);
  return out;
}

/**
 * A word as the site spells it: itself when the site has it (or it is shorter than five letters
 * or still being typed), else the commonest word of the site one slip away, else itself.
 * `vocab` maps each word of the site to how often it occurs.
 */
export function corrected(word, vocab, alphabet = "abcdefghijklmnopqrstuvwxyz-'") {
  if (!vocab || word.length < 5 || vocab.has(word)) return word;
  for (const known of vocab.keys()) if (known.startsWith(word)) return word; // a word being typed
  let best = word, count = 0;
  for (const candidate of oneSlip(word, alphabet)) {
    const n = vocab.get(candidate) || 0;
    if (n > count) [best, count] = [candidate, n];
  }
  return best;
}

/** The query as it is searched: its meaningful words, each spelt as the site spells it. */
export function prepare(text, vocab) {
  return meaningful(words(text)).map((w) => corrected(w, vocab));
}

/** A word with its commonest English endings taken off, to compare words of a title and a query:
 * "meetings" and "meeting" give "meet", "families" and "family" "family", "services" "servic". */
export function root(w) {
  return w
    .replace(/['’]s$/, "")
    .replace(/ies$/, "y")
    .replace(/([^s])s$/, "$1")
    .replace(/(?:ing|ed)$/, "")
    .replace(/e$/, "");
}

/** How many of the query's terms are words of the title. */
export function inTitle(terms, title) {
  const have = new Set(words(title).map(root));
  return terms.filter((t) => have.has(root(t))).length;
}

/**
 * The section of a page that holds the most of the query's words, then the most matches, from
 * the page's data for each search it was found by (Pagefind's `sub_results`: one per heading
 * with an id, the first being the page's beginning, each with the `locations` of its matches).
 * Null when that is the beginning of the page, so the result links to the page itself.
 */
export function bestSection(datas) {
  const sections = new Map();
  for (const data of datas) {
    for (const sub of data?.sub_results || []) {
      const hits = (sub.locations || []).length;
      const seen = sections.get(sub.url) || { sub, words: 0, hits: 0 };
      if (hits) seen.words += 1;
      seen.hits += hits;
      sections.set(sub.url, seen);
    }
  }
  let best = null;
  for (const s of sections.values()) if (!best || s.words > best.words || (s.words === best.words && s.hits > best.hits)) best = s;
  const top = datas[0]?.sub_results?.[0];
  if (!best || !best.hits || (top && best.sub.url === top.url) || !String(best.sub.url).includes("#")) return null;
  return best.sub;
}

/**
 * Search with Pagefind (`pagefind.search(term, options)`) and rank pages. Each page scores what
 * Pagefind gives it for the whole query (twice over) and for each word alone, summed; then, of
 * the best `LOOK` pages, one whose title holds every word of the query comes first (the title
 * with the fewest other words before the rest, a page before a download), then, for a
 * question asked as a parent (FIRST_PERSON), a page written for parents, then one that holds
 * the last word as a word (not only a longer one), then one that matched the whole query, then more of its words, then more of them in its title, then
 * the higher score.
 * Returns `{ result, data, section, titleWords, whole, matched, score }` for those pages, best
 * first (`data` is Pagefind's page data: url, meta.title, excerpt with the words marked;
 * `section`, its best section, bestSection).
 */
export const LOOK = 15;

/** Words of a question asked about one's own family. Not "I", which practitioners use as much. */
export const FIRST_PERSON = new Set(["my", "me", "mine", "myself"]);

export async function rankedResults(pagefind, text, { vocab = null, filters = {} } = {}) {
  const terms = prepare(text, vocab);
  if (!terms.length) return [];
  const options = Object.keys(filters).length ? { filters } : {};
  const searches = [pagefind.search(terms.join(" "), options)];
  if (terms.length > 1) for (const t of terms) searches.push(pagefind.search(t, options));
  // Pagefind takes the last word as the start of longer ones (search as you type), so "police"
  // also finds "policy". When the last word is a whole word of the site, the pages that hold it
  // as a word (a quoted search: its other forms still count, but Pagefind does not rank it) go
  // before those that only hold a longer word.
  const last = terms[terms.length - 1];
  const whole = vocab && vocab.has(last) ? pagefind.search(`"${last}"`, options) : null;
  const [exact, all, ...each] = await Promise.all([whole, ...searches]);
  const asWord = exact ? new Set((exact.results || []).map((r) => r.id)) : null;
  const byId = new Map();
  const add = (r, weight) => {
    const entry = byId.get(r.id) || { result: r, each: [], score: 0, matched: 0, whole: false };
    entry.score += weight * r.score;
    byId.set(r.id, entry);
    return entry;
  };
  for (const r of all?.results || []) {
    const e = add(r, 2);
    e.whole = true;
    e.matched = terms.length;
  }
  for (const found of each) for (const r of found?.results || []) {
    const e = add(r, 1);
    e.each.push(r);
    if (!e.whole) e.matched += 1;
  }
  const first = [...byId.values()]
    .sort((a, b) => b.whole - a.whole || b.matched - a.matched || b.score - a.score)
    .slice(0, LOOK);
  await Promise.all(first.map(async (e) => {
    e.data = await e.result.data();
    e.titleWords = inTitle(terms, e.data.meta?.title || "");
    // each word's own matches too (Pagefind has the page loaded already), to find its best section
    e.section = bestSection([e.data, ...(await Promise.all(e.each.map((r) => r.data())))]);
  }));
  const n = terms.length;
  const titled = (e) => (e.titleWords === n ? 1 : 0);
  // of two titles that hold every word, the one with fewer other words is the closer match
  const extra = (e) => (titled(e) ? meaningful(words(e.data.meta?.title || "")).length : 0);
  // of two titles that hold every word, a page before a download (a briefing's PDF has its title)
  const download = (e) => (titled(e) && e.data.meta?.kind === "Download" ? 1 : 0);
  // a question asked as a parent ("my son...", "will they blame me"): the pages written for parents
  const asParent = words(text).some((w) => FIRST_PERSON.has(w));
  const forParents = (e) => (asParent && e.data.meta?.audience === "parents" ? 1 : 0);
  const longer = (e) => (asWord && !asWord.has(e.result.id) ? 1 : 0);
  return first.sort(
    (a, b) =>
      titled(b) - titled(a) ||
      download(a) - download(b) ||
      extra(a) - extra(b) ||
      forParents(b) - forParents(a) ||
      longer(a) - longer(b) ||
      b.whole - a.whole ||
      b.matched - a.matched ||
      b.titleWords - a.titleWords ||
      b.score - a.score,
  );
}
