// The query strategy over Pagefind (overrides/assets/javascripts/search/query.js): stop words,
// one slip of the keyboard forgiven, pages ranked by the words they match. A stand-in for
// Pagefind answers from a small table written here, so each ranking can be worked out by hand.

import assert from "node:assert/strict";
import { test } from "node:test";

import { importSite } from "./fixture.mjs";

const q = await importSite("overrides/assets/javascripts/search/query.js");

test("stop words do not decide, unless there is nothing else", () => {
  assert.deepEqual(q.prepare("How do I share information with the police?"), ["share", "information", "police"]);
  assert.deepEqual(q.prepare("what is it"), ["what", "is", "it"]);
  assert.deepEqual(q.prepare("  Parents,  carers! "), ["parents", "carers"]);
});

test("one slip is forgiven in a word of five letters or more, to the commonest word of the site", () => {
  const vocab = new Map([["information", 40], ["informal", 2], ["safeguarding", 30], ["meetings", 12], ["recovery", 9], ["police", 20]]);
  assert.equal(q.corrected("informaton", vocab), "information"); // a letter dropped
  assert.equal(q.corrected("safegaurding", vocab), "safeguarding"); // two letters swapped
  assert.equal(q.corrected("meettings", vocab), "meetings"); // one added
  assert.equal(q.corrected("recovary", vocab), "recovery"); // one changed
  assert.equal(q.corrected("polic", vocab), "polic"); // still being typed: "police" begins with it
  assert.equal(q.corrected("polce", vocab), "police"); // five letters, a letter dropped
});

test("short words and words of the site are left as typed", () => {
  const vocab = new Map([["court", 5], ["count", 50]]);
  assert.equal(q.corrected("cour", vocab), "cour"); // four letters
  assert.equal(q.corrected("court", vocab), "court"); // a word of the site, even if another is commoner
  assert.equal(q.corrected("zzzzzz", vocab), "zzzzzz"); // nothing one slip away
});

/** A stand-in for Pagefind: `pages` maps a page to its title and words; a search returns the
 * pages holding every word of the query, each scoring the number of times they occur. */
function fakePagefind(pages) {
  return {
    async search(text) {
      const terms = text.split(" ");
      const results = [];
      for (const [url, { title, body, meta = {} }] of Object.entries(pages)) {
        const bag = `${title} ${body}`.toLowerCase().split(/\W+/);
        if (!terms.every((t) => bag.includes(t))) continue;
        const score = terms.reduce((n, t) => n + bag.filter((w) => w === t).length, 0);
        results.push({ id: url, score, data: async () => ({ url, meta: { title, ...meta } }) });
      }
      return { results };
    },
  };
}

test("a page need not hold every word; those that hold more come first; a whole title match leads", async () => {
  const pagefind = fakePagefind({
    "/a/": { title: "Court support", body: "families court court court witness" },
    "/b/": { title: "Sharing information", body: "police information police" },
    "/c/": { title: "Working with police", body: "information police share share" },
    "/d/": { title: "Police", body: "police" },
  });
  const urls = async (text) => (await q.rankedResults(pagefind, text)).map((e) => e.data.url);
  // every word: only /c/ holds share, information and police; /b/ two of them, /d/ one
  assert.deepEqual(await urls("how do I share information with the police"), ["/c/", "/b/", "/d/"]);
  // one word: the page titled with it first, although another mentions it more often
  assert.deepEqual((await urls("police")).slice(0, 1), ["/d/"]);
  assert.deepEqual(await urls("the"), []); // only stop words, and no page holds "the"
  const best = (await q.rankedResults(pagefind, "court witness"))[0];
  assert.equal(best.data.url, "/a/");
  assert.equal(best.whole, true);
  assert.equal(best.matched, 2);
});

test("titles are compared on their words' roots", () => {
  assert.equal(q.inTitle(["meeting", "families"], "Making meetings work for families"), 2);
  assert.equal(q.inTitle(["recovering"], "Recovery and returning home"), 0); // a different root: not a title match
  assert.equal(q.inTitle(["parents"], "A parent's voice"), 1);
});

test("of two titles that hold the query, the page comes before a download of it", async () => {
  const pagefind = fakePagefind({
    "/downloads/briefing-meetings.pdf": { title: "Meetings", body: "meetings briefing", meta: { kind: "Download" } },
    "/briefings/meetings/": { title: "Making meetings work", body: "meetings", meta: { kind: "Briefing paper" } },
    "/downloads/checklist.pdf": { title: "Strategic checklist", body: "checklist", meta: { kind: "Download" } },
    "/downloads/": { title: "Downloads", body: "checklist checklist checklist", meta: { kind: "Guidance" } },
  });
  const urls = async (text) => (await q.rankedResults(pagefind, text)).map((e) => e.data.url);
  // the PDF's title is shorter, and would win on that alone
  assert.deepEqual(await urls("meetings"), ["/briefings/meetings/", "/downloads/briefing-meetings.pdf"]);
  // a download whose title holds the query still comes before a page whose title does not
  assert.deepEqual(await urls("checklist"), ["/downloads/checklist.pdf", "/downloads/"]);
});

test("a question asked as a parent puts the pages written for parents first", async () => {
  const pagefind = fakePagefind({
    "/standard/": { title: "Missing episodes get a prompt response", body: "child missing missing missing" },
    "/for-parents/": { title: "For parents and carers", body: "child missing", meta: { audience: "parents" } },
  });
  const urls = async (text) => (await q.rankedResults(pagefind, text)).map((e) => e.data.url);
  assert.deepEqual(await urls("my child keeps going missing"), ["/for-parents/", "/standard/"]);
  // asked by a practitioner, the same words rank as Pagefind scores them
  assert.deepEqual(await urls("child going missing"), ["/standard/", "/for-parents/"]);
  // "I" is not enough: practitioners write it too
  assert.deepEqual(await urls("what do I do when a child goes missing"), ["/standard/", "/for-parents/"]);
});

test("a result links to the section that holds most of the words, not the page's beginning", () => {
  const page = (subs) => ({ url: "/p/", sub_results: subs.map(([url, n]) => ({ url, title: url, locations: Array(n).fill(0) })) });
  // the whole query matched once in "#missing"; "son" alone is all over "#services"
  const whole = page([["/p/", 1], ["/p/#missing", 1], ["/p/#services", 0]]);
  const son = page([["/p/", 0], ["/p/#missing", 0], ["/p/#services", 5]]);
  const missing = page([["/p/", 1], ["/p/#missing", 3], ["/p/#services", 0]]);
  assert.equal(q.bestSection([whole, son, missing]).url, "/p/#missing"); // two searches' words there
  assert.equal(q.bestSection([son]).url, "/p/#services");
  assert.equal(q.bestSection([page([["/p/", 4], ["/p/#a", 1]])]), null); // the beginning: the page itself
  assert.equal(q.bestSection([page([["/p/", 0]])]), null);
  assert.equal(q.bestSection([{ url: "/d.pdf" }]), null); // no sections (a download)
});

test("a whole word last goes before pages that only hold a longer word starting with it", async () => {
  // as Pagefind does, on stems ("police" and "policy" are "polic" and "polici"): the last word
  // also matches longer stems; quoted, only its own
  const pages = {
    "/policy/": { title: "Policy on blame", body: "policy policy policy" },
    "/police/": { title: "Working together", body: "police" },
  };
  const pagefind = {
    async search(text) {
      const quoted = /^"(.*)"$/.exec(text);
      const stem = (w) => w.replace(/e$/, "").replace(/y$/, "i");
      const word = stem(quoted ? quoted[1] : text);
      const results = Object.entries(pages)
        .filter(([, p]) => p.body.split(" ").some((w) => (quoted ? stem(w) === word : stem(w).startsWith(word))))
        .map(([url, p]) => ({ id: url, score: p.body.split(" ").length, data: async () => ({ url, meta: { title: p.title } }) }));
      return { results };
    },
  };
  const urls = async (text, vocab) => (await q.rankedResults(pagefind, text, { vocab })).map((e) => e.data.url);
  assert.deepEqual(await urls("police", new Map([["police", 1], ["policy", 3]])), ["/police/", "/policy/"]);
  // still being typed ("polic" is no word of the site): the longer words count as they score
  assert.deepEqual(await urls("polic", new Map([["police", 1], ["policy", 3]])), ["/policy/", "/police/"]);
});
