// The language checker's matching (language-checker/match.js) under node --test: the steps
// Matcher.spans() in macros/language/checker.py takes, on hand-written rules and text.

import assert from "node:assert/strict";
import { test } from "node:test";

import { importSite } from "./fixture.mjs";

const match = await importSite("overrides/assets/javascripts/language-checker/match.js");

const rule = (id, pattern, more = {}) => ({ id, pattern, label: id.slice(2), phrase: id, not_before: null, not_after: null, ...more });

const RULES = {
  flags: "i",
  boundaries: ".!?;",
  rules: [
    rule("L-HARD", "(?<![A-Za-z0-9_])hard[ -]?to[ -]?reach(?![A-Za-z0-9_])", {
      label: "Hard to reach",
      not_before: "(?:service|phone)\\s+(?:is\\s+)?$",
      not_after: "\\s+for\\s+(?:her|them)", // matched where the phrase ends (sticky), as Python's match(text, end)
    }),
    rule("L-REACH", "to reach"),
    rule("L-NOT-ENGAGING", "not engaging"),
    rule("L-ENGAGING", "engaging with services"),
    rule("L-DIS", "dis"),
    rule("L-DISENGAGED", "disengaged"),
    rule("L-A", "colluding"),
    rule("L-B", "colluding"),
    rule("L-ZZ", "(?:zz)*"),
  ],
};

const TEXT = [
  "Mum is Hard to reach.",
  "\u{1F600} Dad said he is hard to reach for them, and disengaged.",
  "The phone is hard to reach.",
  "She is not engaging with services.",
  "They were COLLUDING. zz",
].join("\n");

const found = (text) => match.find(match.compile(RULES), text).map((f) => [f.rule.id, f.line, f.col, f.text]);

test("context, overlaps and positions, as the command line finds them", () => {
  assert.deepEqual(found(TEXT), [
    ["L-HARD", 1, 8, "Hard to reach"], // case-insensitive; "to reach" inside it loses: it starts later
    ["L-REACH", 2, 23, "to reach"], // "hard to reach for them" is dropped (not_after); the column counts the emoji as one
    ["L-DISENGAGED", 2, 46, "disengaged"], // same start as "dis": the longer wins
    ["L-REACH", 3, 19, "to reach"], // "phone is hard to reach" is dropped (not_before)
    ["L-NOT-ENGAGING", 4, 8, "not engaging"], // starts first, so "engaging with services" goes
    ["L-A", 5, 11, "COLLUDING"], // same span: the earlier rule
    ["L-ZZ", 5, 22, "zz"], // empty matches are skipped, not looped on
  ]);
});

test("offsets are in the text's own units, for marking it", () => {
  const [first] = match.find(match.compile(RULES), TEXT);
  assert.deepEqual([first.start, first.end], [7, 20]);
  assert.equal(TEXT.slice(first.start, first.end), "Hard to reach");
});

test("compiling twice, or checking twice, gives the same answer", () => {
  const compiled = match.compile(RULES);
  assert.deepEqual(match.find(compiled, TEXT), match.find(compiled, TEXT));
  assert.deepEqual(found("nothing here"), []);
});

test("lines and columns count from 1, in code points", () => {
  assert.deepEqual(match.position("ab\ncd", 4), { line: 2, col: 2 });
  assert.deepEqual(match.position("ab\ncd", 0), { line: 1, col: 1 });
  assert.deepEqual(match.position("\u{1F600}x", 2), { line: 1, col: 2 });
  assert.deepEqual(match.position("a\n\nb", 3), { line: 3, col: 1 });
});

test("what the status line says", () => {
  const hard = { text: "hard\nto  reach", line: 4, rule: { label: "Hard to reach" } };
  assert.equal(match.summary([]), "No phrases from the language guide were found.");
  assert.equal(match.summary([hard]), "1 phrase found. The first is \u201chard to reach\u201d on line 4 (Hard to reach). The list follows your text.");
  assert.equal(match.summary([hard, hard, hard]).slice(0, 17), "3 phrases found. ");
});

test("a context rule: the word after the phrase, else the last listed word in its clause before it", () => {
  const data = {
    flags: "i",
    boundaries: ".!?;",
    context: {
      // group 1 "described as", 2 a preposition, then one a word list (people, things, others); after: 1 "by", then the lists
      before: "(?<![A-Za-z0-9_])(?:(described\\s+as)|(?:(with|at)\\s+(?:the\\s+)?)?(?:(mum|family)|(shelf|meeting|police)|(weather)))(?![A-Za-z0-9_])",
      after: "\\s+(?:(by)\\s+(?:the\\s+)?)?(?:(mum|family)|(shelf|meeting|police)|(weather))(?![A-Za-z0-9_])",
      lists: ["W-PEOPLE", "W-THINGS", "W-OTHER"],
    },
    rules: [
      rule("L-HARD", "(?<![A-Za-z0-9_])hard to reach(?![A-Za-z0-9_])", { said_of: [0], not_said_of: [1] }),
      rule("L-HOSTILE", "hostile", { said_of: [0], not_said_of: [1] }),
    ],
  };
  const ids = (text) => match.find(match.compile(data), text).map((f) => f.rule.id);
  assert.deepEqual(ids("Mum is hard to reach."), ["L-HARD"]);
  assert.deepEqual(ids("The shelf is hard to reach."), []);
  assert.deepEqual(ids("The shelf fell. Mum is hard to reach."), ["L-HARD"]); // a new clause
  assert.deepEqual(ids("A hard to reach family."), ["L-HARD"]); // the word after decides
  assert.deepEqual(ids("A hard to reach meeting."), []);
  assert.deepEqual(ids("Mum said the police were hostile."), []); // the nearest word before
  assert.deepEqual(ids("The meeting with mum was hostile."), []); // not after a preposition
  assert.deepEqual(ids("At the meeting mum was hostile."), ["L-HOSTILE"]);
  assert.deepEqual(ids("The police described as hostile."), ["L-HOSTILE"]);
  assert.deepEqual(ids("Nobody is hard to reach."), ["L-HARD"]); // no listed word: it counts
  assert.deepEqual(ids("The shelf, the weather is hostile."), []); // a word of neither list is passed over
});
