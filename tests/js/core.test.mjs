// core.js, the self-assessment's logic, under Node's own test runner (node --test tests/js/).
// Every expected value is written out by hand from the fixture benchmark (fixture.mjs).

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { data, importSite } from "./fixture.mjs";

const core = await importSite("overrides/assets/javascripts/assessment/core.js");
const idx = core.indexData(data());

const blank = { evidence: "", action: "", owner: "", target_date: "" };
const entry = (rating, more = {}) => ({ rating, ...blank, ...more });

function assessment(ratings, more = {}) {
  return { id: "a1", name: "N", agency: "", date: "2026-11-01", levels: null, data_version: "1.2.0", ratings, ...more };
}

function problem(fn) {
  try {
    fn();
  } catch (err) {
    return { kind: err.constructor.name, message: err.message };
  }
  return null;
}

const ids = (list) => list.map((s) => s.id);

describe("the benchmark data", () => {
  test("the ratings, the assessment format and its version come from the data", () => {
    assert.deepEqual(
      idx.ratings.map((r) => r.label),
      ["Red", "Amber", "Green", "Not applicable", "Not yet assessed"],
    );
    assert.equal(idx.rating.get("green").meaning, "in place and making a difference");
    assert.deepEqual(ids(idx.graded), ["red", "amber", "green"]);
    assert.equal(idx.format, "parents-as-safeguarding-partners/assessment");
    assert.equal(idx.formatVersion, 2);
    assert.equal(idx.version, "1.2.0");
  });

  test("graded ratings are ordered by score, whatever order the data lists them in", () => {
    const d = data();
    d.ratings = [d.ratings[2], d.ratings[4], d.ratings[0], d.ratings[3], d.ratings[1]];
    const i = core.indexData(d);
    assert.deepEqual(ids(i.graded), ["red", "amber", "green"]);
    assert.deepEqual(ids(i.ratings), ["green", "not_assessed", "red", "not_applicable", "amber"]); // offered as listed
  });

  test("data the page cannot trust is refused with a message for people", () => {
    const cases = [
      [(d) => (d.format = "something-else"), "The benchmark data on this site is not in a format this page can read."],
      [(d) => (d.format_version = 2), "The benchmark data on this site is not in a format this page can read."],
      [(d) => delete d.assessment_format_version, "The benchmark data on this site does not say which assessment files it reads."],
      [(d) => delete d.ratings, "The benchmark data on this site has no list of ratings (Red, Amber, Green and so on), so the self-assessment cannot start."],
      [(d) => (d.ratings = []), "The benchmark data on this site has no list of ratings (Red, Amber, Green and so on), so the self-assessment cannot start."],
      [(d) => (d.ratings[0].score = "0"), "The benchmark data on this site has no list of ratings (Red, Amber, Green and so on), so the self-assessment cannot start."],
      [(d) => d.ratings.pop(), 'The benchmark data on this site has no "not_assessed" rating for standards not yet assessed, so the self-assessment cannot start.'],
      [(d) => (d.ratings[1].score = 0), "The benchmark data on this site does not give its ratings distinct scores, so the self-assessment cannot start."],
    ];
    for (const [spoil, message] of cases) {
      const d = data();
      spoil(d);
      assert.deepEqual(problem(() => core.indexData(d)), { kind: "DataProblem", message });
    }
    assert.equal(problem(() => core.indexData(null)).kind, "DataProblem");
    assert.equal(problem(() => core.indexData(data())), null); // negative control
  });
});

test("version comparison is numeric, part by part", () => {
  assert.equal(core.compareVersions("1.10.0", "1.9.0"), 1);
  assert.equal(core.compareVersions("1.0.0", "1.0"), 0);
  assert.equal(core.compareVersions("0.9.9", "1.0.0"), -1);
  assert.equal(core.compareVersions("2.0.0", "2.0.0"), 0);
  assert.equal(core.compareVersions("1.2.10", "1.2.9"), 1);
});

test("lists of words", () => {
  assert.equal(core.inWords([]), "");
  assert.equal(core.inWords(["Red"]), "Red");
  assert.equal(core.inWords(["Red", "Amber"]), "Red or Amber");
  assert.equal(core.inWords(["Red", "Amber", "Green"], "and"), "Red, Amber and Green");
});

describe("CSV", () => {
  test("cells: quoted when they hold a comma, quote or line break; formulas never run", () => {
    assert.deepEqual(
      ["=1+1", "'tis", "-5 days", "+44 20", "@home", "\tTab", "plain, with comma", 'say "hi"', "two\nlines", "x", 3, null, undefined].map(core.csvCell),
      ["'=1+1", "''tis", "'-5 days", "'+44 20", "'@home", "'\tTab", '"plain, with comma"', '"say ""hi"""', '"two\nlines"', "x", "3", "", ""],
    );
    // a formula with a comma is both guarded and quoted
    assert.equal(core.csvCell("=SUM(A1,A2)"), "\"'=SUM(A1,A2)\"");
  });

  test("parsing: quotes, doubled quotes, line breaks in cells, CRLF and blank lines", () => {
    assert.deepEqual(core.parseCSV('a,"b,""c""\n",d\r\ne,,\n\n'), [["a", 'b,"c"\n', "d"], ["e", "", ""]]);
    assert.deepEqual(core.parseCSV('a,b\r\n"x\r\ny",z'), [["a", "b"], ["x\r\ny", "z"]]);
    assert.deepEqual(core.parseCSV('a"b,c\n'), [['a"b', "c"]]); // a quote inside a cell is just a character
    assert.deepEqual(core.parseCSV(",,\n\r\n"), []);
    assert.deepEqual(problem(() => core.parseCSV('a,"open')), {
      kind: "FileProblem",
      message: "The CSV file ends inside a quoted cell: it looks cut short.",
    });
  });

  const north = assessment(
    {
      "STR-LISTEN-01": entry("red", { evidence: 'Line one\nwith "quotes"', action: "=SUM(A1)", owner: "'Chair'", target_date: "2027-01-31" }),
      "OPS-LISTEN-01": entry("not_applicable"),
    },
    { name: 'North, "A"', agency: "education", date: "2026-11-20", levels: ["strategic", "operational"] },
  );

  test("export: every standard, ratings in words, a byte order mark and CRLF", () => {
    const meta = '"North, ""A""",Education,2026-11-20,strategic operational,1.2.0,2';
    assert.equal(
      core.exportCSV(north, idx),
      "\ufeff" +
        [
          "standard_id,level,theme,title,rating,evidence,action,owner,target_date,assessment_name,agency,assessment_date,assessed_levels,data_version,format_version",
          `STR-LISTEN-01,Strategic,Listening,Parents shape strategy,Red,"Line one\nwith ""quotes""",'=SUM(A1),''Chair',2027-01-31,${meta}`,
          `STR-PARTNER-01,Strategic,Partnership,Parents are partners,Not yet assessed,,,,,${meta}`,
          `OPS-LISTEN-01,Operational,Listening,Practitioners listen,Not applicable,,,,,${meta}`,
          `OPS-PARTNER-01,Operational,Partnership,Plans are agreed,Not yet assessed,,,,,${meta}`,
        ].join("\r\n") +
        "\r\n",
    );
  });

  test("export then import gives back the same assessment, with nothing to warn about", () => {
    const back = core.readFile("north.csv", 1000, core.exportCSV(north, idx), idx);
    assert.deepEqual(back.warnings, []);
    assert.equal(back.fileDataVersion, "1.2.0");
    const { id, ...rest } = back.assessment;
    assert.notEqual(id, "a1");
    assert.deepEqual(rest, {
      name: 'North, "A"',
      agency: "education",
      date: "2026-11-20",
      levels: ["strategic", "operational"],
      data_version: "1.2.0",
      ratings: {
        "STR-LISTEN-01": entry("red", { evidence: 'Line one\nwith "quotes"', action: "=SUM(A1)", owner: "'Chair'", target_date: "2027-01-31" }),
        "OPS-LISTEN-01": entry("not_applicable"),
      },
    });
  });

  test("the rating words are the data's: a renamed rating is written and read by its new name", () => {
    const d = data();
    d.ratings[2].label = "Fully in place";
    const i = core.indexData(d);
    const csv = core.exportCSV(assessment({ "STR-PARTNER-01": entry("green") }), i);
    assert.match(csv, /\r\nSTR-PARTNER-01,Strategic,Partnership,Parents are partners,Fully in place,/);
    assert.doesNotMatch(csv, /Green/);
    const back = core.readFile("x.csv", 1, csv, i);
    assert.deepEqual(back.assessment.ratings, { "STR-PARTNER-01": entry("green") });
    // the IDs are read too, in any case
    const head = "standard_id,rating,data_version,format_version\r\n";
    assert.deepEqual(core.readFile("y.csv", 1, `${head}STR-LISTEN-01,GREEN,1.2.0,2\r\n`, i).assessment.ratings, { "STR-LISTEN-01": entry("green") });
  });

  test("CSV files that are not assessments are refused", () => {
    const cases = [
      ["standard_id,rating\nSTR-LISTEN-01,Red\n", 'This CSV file is not an assessment exported from this page: it has no "data_version" column.'],
      ["standard_id,rating,data_version,format_version\n", "The CSV file has a header but no rows."],
      ["standard_id,rating,data_version,format_version\nSTR-LISTEN-01,Red,1.2.0,abc\n", "The file's format version (abc) is not one this page can read."],
      ["standard_id,rating,data_version,format_version\nSTR-LISTEN-01,Red,1.2.0,3\n", "The file was saved in format version 3, newer than this page reads (2). Open it on the newest version of this site."],
      ["standard_id,rating,data_version,format_version\nSTR-LISTEN-01,Red,,2\n", "The file does not say which version of the benchmark it was made against (data_version)."],
    ];
    for (const [text, message] of cases) assert.deepEqual(problem(() => core.readFile("a.csv", text.length, text, idx)), { kind: "FileProblem", message });
  });
});

describe("JSON files", () => {
  test("export: the data's format name and version, ratings keyed on IDs in benchmark order", () => {
    const a = assessment(
      { "OPS-PARTNER-01": entry("amber", { action: "Agree plans" }), "XXX-KEEP-01": entry("red"), "STR-LISTEN-01": entry("green"), "STR-PARTNER-01": entry("not_assessed") },
      { name: "Police", agency: "police", date: "2026-11-02", levels: ["operational"] },
    );
    const file = JSON.parse(core.exportJSON(a, idx));
    assert.deepEqual(file, {
      format: "parents-as-safeguarding-partners/assessment",
      format_version: 2,
      data_version: "1.2.0",
      assessment: { name: "Police", agency: "police", date: "2026-11-02", levels: ["operational"] },
      ratings: { "STR-LISTEN-01": { rating: "green" }, "OPS-PARTNER-01": { rating: "amber", action: "Agree plans" }, "XXX-KEEP-01": { rating: "red" } },
    });
    assert.deepEqual(Object.keys(file.ratings), ["STR-LISTEN-01", "OPS-PARTNER-01", "XXX-KEEP-01"]);
    assert.ok(core.exportJSON(a, idx).endsWith("}\n"));
  });

  const file = (more) =>
    JSON.stringify({ format: "parents-as-safeguarding-partners/assessment", format_version: 2, data_version: "1.2.0", assessment: {}, ratings: {}, ...more });

  test("files that cannot be read are refused, each with its reason", () => {
    const cases = [
      ["a.json", "", "The file is empty."],
      ["a.json", "  \n", "The file is empty."],
      ["a.json", '{"format": ', "The file is not valid JSON, so it cannot be read. Export it again from this page, or check it was not cut short."],
      ["a.json", '{"format": "something-else"}', 'This is JSON, but not an assessment file from this guide (its "format" is missing or different).'],
      ["a.json", "[1, 2]", 'This is JSON, but not an assessment file from this guide (its "format" is missing or different).'],
      ["a.json", file({ format_version: "2" }), 'The file\'s format version ("2") is not one this page can read.'],
      ["a.json", file({ format_version: 0 }), "The file's format version (0) is not one this page can read."],
      ["a.json", file({ format_version: 3 }), "The file was saved in format version 3, newer than this page reads (2). Open it on the newest version of this site."],
      ["a.json", file({ data_version: undefined }), "The file does not say which version of the benchmark it was made against (data_version)."],
      ["a.json", file({ data_version: "1.2" }), "The file does not say which version of the benchmark it was made against (data_version)."],
      ["a.json", file({ data_version: "1.10.0" }), "The file was made against version 1.10.0 of the benchmark, newer than the version on this site (1.2.0). Open it on the newest version of this site."],
      ["a.json", file({ ratings: [] }), "The file has no ratings section, so there is nothing to import."],
      ["notes.txt", "Just some notes.", "The file is neither JSON nor CSV. Choose an assessment file exported from this page."],
    ];
    for (const [name, text, message] of cases) {
      assert.deepEqual(problem(() => core.readFile(name, text.length, text, idx)), { kind: "FileProblem", message }, text);
    }
    // an older format version is read (negative control for the checks above)
    assert.equal(problem(() => core.readFile("a.json", 10, file({ format_version: 1 }), idx)), null);
  });

  test("a file too big is refused by its size alone, before it is read", () => {
    assert.deepEqual(problem(() => core.checkSize(5 * 1024 * 1024 + 1)), {
      kind: "FileProblem",
      message: "The file is 5.0 MB; the most this page reads is 5 MB. An assessment file is usually well under 1 MB.",
    });
    assert.equal(problem(() => core.checkSize(5 * 1024 * 1024)), null);
    assert.equal(problem(() => core.readFile("a.json", 6 * 1024 * 1024, file({}), idx)).message.slice(0, 16), "The file is 6.0 ");
  });

  test("an older file: what was changed on the way in is listed, in order", () => {
    const old = file({
      data_version: "1.0.0",
      assessment: { name: "Old", agency: "Police", date: "1 Jan 2025", levels: ["nope"] },
      ratings: {
        "STR-LISTEN-01": { rating: "purple", evidence: "kept" },
        "STR-PARTNER-01": { rating: "green", evidence: 42, target_date: "31/01/2027" },
        "OPS-LISTEN-01": { rating: "green" },
        "OPS-OLD-01": { rating: "amber", action: "carried" },
        "OPS-GONE-01": { rating: "red" },
        "XXX-NOPE-01": { rating: "red" },
        "STR-BLANK-01": { rating: "not_assessed" },
        "STR-ODD-01": "red",
      },
    });
    const got = core.readFile("old.json", old.length, old, idx);
    assert.deepEqual(got.warnings, [
      "The file was made against version 1.0.0 of the benchmark; it has been brought up to 1.2.0.",
      'STR-LISTEN-01: the rating "purple" is not one this page knows; it is shown as Not yet assessed.',
      "STR-PARTNER-01 evidence was not text and was left out.",
      'STR-PARTNER-01: the target date "31/01/2027" is not a date (YYYY-MM-DD) and was left out.',
      "STR-ODD-01: the entry was not in the expected shape and was left out.",
      "The assessment's date was not a date (YYYY-MM-DD) and was left out.",
      "XXX-NOPE-01 is not a standard in this version of the benchmark (1.2.0); its entry was left out.",
      "OPS-OLD-01 was retired in 1.1.0; its rating was carried over to OPS-PARTNER-01.",
      "OPS-GONE-01 was retired in 1.1.0 with nothing to replace it; its entry was left out.",
      "STR-LISTEN-01: its wording changed in version 1.2.0, after this file was made; check the rating still fits.",
      "OPS-LISTEN-01: its wording changed in version 1.1.0, after this file was made; check the rating still fits.",
    ]);
    const { id, ...rest } = got.assessment;
    assert.deepEqual(rest, {
      name: "Old",
      agency: "police", // the role's words are read as its ID
      date: "",
      levels: null,
      data_version: "1.2.0",
      ratings: {
        "STR-LISTEN-01": entry("not_assessed", { evidence: "kept" }),
        "STR-PARTNER-01": entry("green"),
        "OPS-LISTEN-01": entry("green"),
        "OPS-PARTNER-01": entry("amber", { action: "carried" }),
      },
    });
  });

  test("an unknown agency becomes Other, and over-long text is cut short", () => {
    const long = "x".repeat(core.MAX_TEXT + 1);
    const text = file({ assessment: { name: "N", agency: "Fire service" }, ratings: { "STR-LISTEN-01": { rating: "red", owner: long } } });
    const got = core.readFile("a.json", text.length, text, idx);
    assert.deepEqual(got.warnings, [
      "STR-LISTEN-01 owner was longer than 20000 characters and was cut short.",
      'The agency or role "Fire service" is not one this page knows; it was set to Other.',
    ]);
    assert.equal(got.assessment.agency, "other");
    assert.equal(got.assessment.ratings["STR-LISTEN-01"].owner.length, 20000);
  });
});

describe("carrying over retired ratings", () => {
  test("to every blank replacement, never over a rating it already has", () => {
    const warnings = [];
    const out = core.carryOver({ "OPS-OLD-01": entry("red", { evidence: "old" }), "OPS-LISTEN-01": entry("green") }, idx, warnings);
    assert.deepEqual(out, { "OPS-LISTEN-01": entry("green"), "OPS-PARTNER-01": entry("red", { evidence: "old" }) });
    assert.deepEqual(warnings, ["OPS-OLD-01 was retired in 1.1.0; its rating was carried over to OPS-PARTNER-01."]);
  });

  test("to both halves of a split standard, as separate copies", () => {
    const out = core.carryOver({ "OPS-OLD-01": entry("amber") }, idx, []);
    assert.deepEqual(Object.keys(out), ["OPS-LISTEN-01", "OPS-PARTNER-01"]);
    out["OPS-LISTEN-01"].rating = "green";
    assert.equal(out["OPS-PARTNER-01"].rating, "amber");
  });

  test("kept out when every replacement is rated, and when nothing replaced it", () => {
    const warnings = [];
    const rated = { "OPS-LISTEN-01": entry("red"), "OPS-PARTNER-01": entry("green") };
    const out = core.carryOver({ ...rated, "OPS-OLD-01": entry("amber"), "OPS-GONE-01": entry("amber"), "NEW-ID-01": entry("red") }, idx, warnings);
    assert.deepEqual(out, rated);
    assert.deepEqual(warnings, [
      "NEW-ID-01 is not a standard in this version of the benchmark (1.2.0); its entry was left out.",
      "OPS-OLD-01 was retired in 1.1.0; OPS-LISTEN-01, OPS-PARTNER-01 already had a rating, so it was kept.",
      "OPS-GONE-01 was retired in 1.1.0 with nothing to replace it; its entry was left out.",
    ]);
  });
});

describe("an assessment", () => {
  test("blank entries are removed, so files stay small", () => {
    const a = assessment({});
    core.setField(a, "STR-LISTEN-01", "rating", "red");
    assert.deepEqual(a.ratings, { "STR-LISTEN-01": entry("red") });
    core.setField(a, "STR-LISTEN-01", "evidence", "Seen");
    core.setField(a, "STR-LISTEN-01", "rating", "not_assessed");
    assert.deepEqual(a.ratings, { "STR-LISTEN-01": entry("not_assessed", { evidence: "Seen" }) });
    core.setField(a, "STR-LISTEN-01", "evidence", "");
    assert.deepEqual(a.ratings, {});
    assert.equal(core.ratingOf(a, "STR-LISTEN-01"), "not_assessed");
  });

  test("titles", () => {
    assert.equal(core.title(assessment({}, { name: "North", agency: "parent_panel" })), "North (Parent panel), 2026-11-01");
    assert.equal(core.title(assessment({}, { name: "", agency: "", date: "" })), "Untitled assessment, no date");
    assert.equal(core.roleLabel("made-up"), "Other");
  });
});

describe("the summary and the action plan", () => {
  const a = assessment({
    "STR-LISTEN-01": entry("amber"),
    "STR-PARTNER-01": entry("red"),
    "OPS-LISTEN-01": entry("red"),
    "OPS-PARTNER-01": entry("green"),
  });

  test("gaps are the lowest rating first, then in benchmark order; strengths the highest", () => {
    assert.deepEqual(ids(core.gaps(a, idx)), ["STR-PARTNER-01", "OPS-LISTEN-01", "STR-LISTEN-01"]);
    assert.deepEqual(ids(core.strengths(a, idx)), ["OPS-PARTNER-01"]);
    assert.deepEqual(core.progress(a, idx), { done: 4, total: 4, text: "4 of 4 standards assessed." });
    assert.deepEqual(core.gapRatings(idx).map((r) => r.label), ["Red", "Amber"]);
    assert.equal(core.top(idx).label, "Green");
  });

  test("only the levels the assessment covers count", () => {
    const s = { ...a, levels: ["strategic"] };
    assert.deepEqual(ids(core.gaps(s, idx)), ["STR-PARTNER-01", "STR-LISTEN-01"]);
    assert.deepEqual(ids(core.strengths(s, idx)), []);
    assert.equal(core.progress(s, idx).text, "2 of 2 standards assessed.");
    assert.deepEqual(core.counts(s, core.scoped(s, idx), idx), { red: 1, amber: 1, green: 0, not_applicable: 0, not_assessed: 0 });
  });

  test("a heat map band is the rating whose third of the score range holds the average", () => {
    const c = (red, amber, green) => ({ red, amber, green, not_applicable: 4, not_assessed: 9 });
    assert.equal(core.band(c(0, 0, 0), idx), "none"); // nothing graded
    assert.equal(core.band(c(1, 0, 0), idx), "red");
    assert.equal(core.band(c(1, 2, 0), idx), "red"); // average 2/3: on the boundary, the lower
    assert.equal(core.band(c(2, 3, 0), idx), "red"); // average 0.6
    assert.equal(core.band(c(1, 3, 0), idx), "amber"); // average 0.75
    assert.equal(core.band(c(1, 1, 1), idx), "amber"); // average 1
    assert.equal(core.band(c(0, 2, 1), idx), "amber"); // average 4/3: on the boundary, the lower
    assert.equal(core.band(c(0, 1, 1), idx), "green"); // average 1.5
    assert.equal(core.band(c(0, 0, 1), idx), "green");
  });

  test("the heat map: a row per level, a cell per theme", () => {
    const b = assessment({ "STR-LISTEN-01": entry("red"), "STR-PARTNER-01": entry("green"), "OPS-LISTEN-01": entry("not_applicable") });
    const map = core.heatmap(b, idx, idx.standards);
    assert.deepEqual(
      map.map((row) => [row.level.id, row.cells.map((x) => [x.theme.id, x.total, x.graded, x.band])]),
      [
        ["strategic", [["listen", 1, 1, "red"], ["partner", 1, 1, "green"]]],
        ["operational", [["listen", 1, 0, "none"], ["partner", 1, 0, "none"]]],
      ],
    );
    assert.deepEqual(map[1].cells[0].counts, { red: 0, amber: 0, green: 0, not_applicable: 1, not_assessed: 0 });
    // levels with no standards in scope have no row
    assert.deepEqual(core.heatmap(b, idx, idx.standards.slice(0, 2)).map((r) => r.level.id), ["strategic"]);
  });
});

test("compare: improved, slipped, newly rated, no longer rated", () => {
  const base = assessment({ "STR-LISTEN-01": entry("red"), "STR-PARTNER-01": entry("green"), "OPS-LISTEN-01": entry("amber"), "OPS-PARTNER-01": entry("not_applicable") });
  const follow = assessment({ "STR-LISTEN-01": entry("amber"), "STR-PARTNER-01": entry("amber"), "OPS-PARTNER-01": entry("green") });
  const res = core.compare(base, follow, idx);
  const view = Object.fromEntries(Object.entries(res).map(([k, rows]) => [k, rows.map((r) => [r.standard.id, r.from, r.to])]));
  assert.deepEqual(view, {
    improved: [["STR-LISTEN-01", "red", "amber"]],
    slipped: [["STR-PARTNER-01", "green", "amber"]],
    newly: [["OPS-PARTNER-01", "not_applicable", "green"]],
    dropped: [["OPS-LISTEN-01", "amber", "not_assessed"]],
    unchanged: [],
  });
  // the same two the other way round
  const back = core.compare(follow, base, idx);
  assert.deepEqual(ids(back.improved.map((r) => r.standard)), ["STR-PARTNER-01"]);
  assert.deepEqual(ids(back.slipped.map((r) => r.standard)), ["STR-LISTEN-01"]);
  assert.deepEqual(ids(back.newly.map((r) => r.standard)), ["OPS-LISTEN-01"]);
  assert.deepEqual(ids(back.dropped.map((r) => r.standard)), ["OPS-PARTNER-01"]);
});

describe("the multi-agency view", () => {
  const police = assessment(
    { "STR-LISTEN-01": entry("green"), "STR-PARTNER-01": entry("amber"), "OPS-LISTEN-01": entry("amber"), "OPS-PARTNER-01": entry("red") },
    { id: "p", name: "P", agency: "police" },
  );
  const panel = assessment(
    { "STR-LISTEN-01": entry("red", { evidence: "We were not asked." }), "STR-PARTNER-01": entry("amber"), "OPS-LISTEN-01": entry("not_applicable") },
    { id: "pp", name: "Panel", agency: "parent_panel" },
  );
  const health = assessment({ "STR-LISTEN-01": entry("green"), "STR-PARTNER-01": entry("amber"), "OPS-LISTEN-01": entry("green") }, { id: "h", name: "H", agency: "health" });

  test("the parent panel first, then professionals by role", () => {
    assert.deepEqual(core.mergeOrder([police, panel, health]).map((a) => a.name), ["Panel", "H", "P"]);
  });

  test("agreement per standard, in words", () => {
    const res = core.merge([police, panel, health], idx);
    assert.deepEqual(
      res.rows.map((r) => [r.standard.id, r.cells.map((c) => c.rating), r.status, r.wide, r.parentDiffers, core.agreementText(r, idx)]),
      [
        ["STR-LISTEN-01", ["red", "green", "green"], "disagree", true, true, "Disagree (Red, Green); from Red to Green; the parent panel differs from professionals"],
        ["STR-PARTNER-01", ["amber", "amber", "amber"], "agree", false, false, "Agree: all Amber"],
        ["OPS-LISTEN-01", ["not_applicable", "green", "amber"], "disagree", false, false, "Disagree (Green, Amber)"],
        ["OPS-PARTNER-01", ["not_assessed", "not_assessed", "red"], "few", false, false, "Too few ratings to compare"],
      ],
    );
    assert.equal(res.rows[0].cells[0].entry.evidence, "We were not asked.");
  });

  test("as CSV rows", () => {
    assert.deepEqual(core.mergeRows([police, panel, health], idx), [
      ["standard_id", "title", "Parent panel: Panel", "Health: H", "Police: P", "agreement"],
      ["STR-LISTEN-01", "Parents shape strategy", "Red", "Green", "Green", "Disagree (Red, Green); from Red to Green; the parent panel differs from professionals"],
      ["STR-PARTNER-01", "Parents are partners", "Amber", "Amber", "Amber", "Agree: all Amber"],
      ["OPS-LISTEN-01", "Practitioners listen", "Not applicable", "Green", "Amber", "Disagree (Green, Amber)"],
      ["OPS-PARTNER-01", "Plans are agreed", "Not yet assessed", "Not yet assessed", "Red", "Too few ratings to compare"],
    ]);
    assert.equal(core.csvText([["a", "=b"], ["c,d", "e"]]), "\ufeffa,'=b\r\n\"c,d\",e\r\n");
  });
});

describe("rating in steps: the groups", () => {
  test("every level, theme by theme, before there is an assessment", () => {
    const g = core.groups(null, idx);
    assert.deepEqual(g.map((x) => x.key), ["strategic/listen", "strategic/partner", "operational/listen", "operational/partner"]);
    assert.deepEqual(g.map((x) => ids(x.standards)), [["STR-LISTEN-01"], ["STR-PARTNER-01"], ["OPS-LISTEN-01"], ["OPS-PARTNER-01"]]);
  });

  test("only the levels an assessment covers, with the same keys", () => {
    const a = assessment({}, { levels: ["operational"] });
    assert.deepEqual(core.groups(a, idx).map((x) => x.key), ["operational/listen", "operational/partner"]);
  });

  test("a theme with no standard at a level is no step", () => {
    const d = data();
    d.standards = d.standards.filter((s) => s.id !== "STR-PARTNER-01");
    assert.deepEqual(core.groups(null, core.indexData(d)).map((x) => x.key), ["strategic/listen", "operational/listen", "operational/partner"]);
  });

  test("a group is done by its rated standards; not yet assessed does not count", () => {
    const [first] = core.groups(null, idx);
    assert.equal(core.groupDone(null, first), 0);
    assert.equal(core.groupDone(assessment({ "STR-LISTEN-01": entry("not_assessed") }), first), 0);
    assert.equal(core.groupDone(assessment({ "STR-LISTEN-01": entry("not_applicable") }), first), 1);
  });
});
