// Imported files whose values or keys are names every plain object inherits ("constructor",
// "__proto__", "toString") are refused with a message, never taken for an agency, a rating or a
// standard (issue 15, item 9). Expected values are written out by hand.

import assert from "node:assert/strict";
import { test } from "node:test";

import { data, importSite } from "./fixture.mjs";

const core = await importSite("overrides/assets/javascripts/assessment/core.js");
const idx = core.indexData(data());

function file(ratingsJson, agency) {
  return `{"format": "${idx.format}", "format_version": ${idx.formatVersion}, "data_version": "1.2.0",
    "assessment": {"name": "N", "agency": ${JSON.stringify(agency)}, "date": "2026-11-01"},
    "ratings": ${ratingsJson}}`;
}

for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"]) {
  test(`"${name}" as an agency is not a role: it becomes Other, with a warning`, () => {
    const text = file('{"STR-LISTEN-01": {"rating": "green"}}', name);
    const back = core.readFile("a.json", text.length, text, idx);
    assert.equal(back.assessment.agency, "other");
    assert.ok(back.warnings.some((w) => w.includes(`"${name}" is not one this page knows`)), back.warnings.join("\n"));
  });

  test(`"${name}" as a rating is not a rating: the standard stays unrated, with a warning`, () => {
    const text = file(`{"STR-LISTEN-01": {"rating": "${name}"}}`, "police");
    const back = core.readFile("a.json", text.length, text, idx);
    assert.equal(core.ratingOf(back.assessment, "STR-LISTEN-01"), core.UNRATED);
    assert.ok(back.warnings.some((w) => w.includes(`the rating "${name}" is not one this page knows`)), back.warnings.join("\n"));
  });

  test(`"${name}" as a standard's ID is left out and the ratings object keeps its prototype`, () => {
    const text = file(`{"${name}": {"rating": "green"}, "STR-LISTEN-01": {"rating": "red"}}`, "police");
    const back = core.readFile("a.json", text.length, text, idx);
    assert.equal(Object.getPrototypeOf(back.assessment.ratings), Object.prototype);
    assert.deepEqual(Object.keys(back.assessment.ratings), ["STR-LISTEN-01"]);
    assert.ok(back.warnings.includes(`"${name}" is not a standard's ID; that entry was left out.`), back.warnings.join("\n"));
    // the views still work on it
    assert.equal(core.ratingOf(back.assessment, "STR-LISTEN-01"), "red");
    assert.doesNotThrow(() => core.counts(back.assessment, idx.standards, idx));
  });
}
