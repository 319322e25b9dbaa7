// Two tabs on one set of assessments (store.js mergeStates): each tab's edit of a field is kept,
// nothing else is dropped (issue 15, item 10). Expected states are written out by hand.

import assert from "node:assert/strict";
import { test } from "node:test";

import { importSite } from "./fixture.mjs";

const { mergeStates, Store, KEY } = await importSite("overrides/assets/javascripts/assessment/store.js");

const entry = (rating, evidence = "") => ({ rating, evidence, action: "", owner: "", target_date: "" });
const a1 = (ratings, more = {}) => ({ id: "a1", name: "N", agency: "", date: "2026-11-01", levels: null, data_version: "1.2.0", ratings, ...more });
const st = (...assessments) => ({ store_version: 1, current: "a1", assessments });

/** Two stores on one storage, as two tabs of the site are, both opened on one saved assessment. */
function twoTabs() {
  const mem = new Map();
  const storage = { getItem: (k) => (mem.has(k) ? mem.get(k) : null), setItem: (k, v) => mem.set(k, String(v)), removeItem: (k) => mem.delete(k) };
  const idx = { version: "1.2.0", byId: new Map(), retired: new Map() };
  mem.set(KEY, JSON.stringify(st(a1({}))));
  return { mem, tabA: new Store(idx, storage), tabB: new Store(idx, storage) };
}

test("edits of different standards in two tabs are both kept", () => {
  const base = st(a1({}));
  const local = st(a1({ "STR-LISTEN-01": entry("green") }));
  const remote = st(a1({ "OPS-LISTEN-01": entry("red") }));
  assert.deepEqual(mergeStates(base, local, remote), st(a1({ "OPS-LISTEN-01": entry("red"), "STR-LISTEN-01": entry("green") })));
});

test("edits of different fields of one standard are both kept; the same field takes this tab's", () => {
  const base = st(a1({ "STR-LISTEN-01": entry("amber", "old") }));
  const local = st(a1({ "STR-LISTEN-01": entry("green", "old") }));
  const remote = st(a1({ "STR-LISTEN-01": entry("amber", "minutes of May") }, { name: "Renamed" }));
  assert.deepEqual(mergeStates(base, local, remote), st(a1({ "STR-LISTEN-01": entry("green", "minutes of May") }, { name: "Renamed" })));
  const both = st(a1({ "STR-LISTEN-01": entry("red", "old") }));
  assert.equal(mergeStates(base, local, both).assessments[0].ratings["STR-LISTEN-01"].rating, "green");
});

test("an assessment added in one tab and one deleted in the other", () => {
  const b2 = { ...a1({}), id: "a2", name: "Second" };
  const b3 = { ...a1({}), id: "a3", name: "Third" };
  const base = st(a1({}), b2);
  const local = st(a1({}), b2, b3); // added here
  const remote = st(a1({})); // a2 deleted there
  assert.deepEqual(mergeStates(base, local, remote).assessments.map((a) => a.id), ["a1", "a3"]);
});

test("a save writes the other tab's edits too (two stores on one storage, as two tabs are)", () => {
  const { mem, tabA, tabB } = twoTabs();
  tabA.current.ratings["STR-LISTEN-01"] = entry("green");
  assert.equal(tabA.save(), true);
  tabB.current.ratings["OPS-LISTEN-01"] = entry("red"); // B has not heard of A's save yet
  assert.equal(tabB.save(), true);
  const saved = JSON.parse(mem.get(KEY)).assessments[0].ratings;
  assert.deepEqual(Object.keys(saved).sort(), ["OPS-LISTEN-01", "STR-LISTEN-01"]);
  tabA.refresh();
  assert.deepEqual(Object.keys(tabA.current.ratings).sort(), ["OPS-LISTEN-01", "STR-LISTEN-01"]);
});

test("deleted in one tab, changed in the other: the changed one is kept whole", () => {
  const b2 = { ...a1({}), id: "a2", name: "Second" };
  const base = st(a1({}), b2);
  const local = st(a1({}), { ...b2, name: "Second, renamed" }); // renamed here
  const remote = st(a1({})); // deleted there
  assert.deepEqual(mergeStates(base, local, remote), st(a1({}), { ...b2, name: "Second, renamed" }));
});

test("an edit not yet saved survives another tab's save and is written by this tab's next save", () => {
  const { mem, tabA, tabB } = twoTabs();
  tabB.current.ratings["OPS-LISTEN-01"] = entry("red", "typing"); // B's edit, not saved yet
  tabA.current.ratings["STR-LISTEN-01"] = entry("green");
  assert.equal(tabA.save(), true);
  tabB.refresh(); // B hears of A's save
  assert.equal(tabB.current.ratings["OPS-LISTEN-01"].evidence, "typing");
  assert.equal(tabB.current.ratings["STR-LISTEN-01"].rating, "green");
  assert.equal(tabB.save(), true);
  const saved = JSON.parse(mem.get(KEY)).assessments[0].ratings;
  assert.deepEqual(saved, { "STR-LISTEN-01": entry("green"), "OPS-LISTEN-01": entry("red", "typing") });
});
