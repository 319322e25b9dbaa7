// A small benchmark in the shape of assets/data/assessment.json, written by hand for the
// tests: two levels, two themes, four standards, one retired standard that was split in two
// and one retired with nothing in its place. The assessment file format is version 2 here
// (the site's is 1) to show that core.js reads it from the data, not from a constant.

import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const ROOT = new URL("../../", import.meta.url);

/**
 * Import one of the site's ES modules. Node 20.19 and newer read a .js file with `export`
 * as a module; older Node (Debian 12 ships 18) reads it as CommonJS and fails, so then it is
 * imported from its text instead (the modules tested here import nothing, so that works).
 */
export async function importSite(path) {
  const url = new URL(path, ROOT);
  try {
    return await import(url);
  } catch (err) {
    const text = await readFile(fileURLToPath(url), "utf8");
    try {
      return await import(`data:text/javascript;base64,${Buffer.from(text).toString("base64")}`);
    } catch {
      throw err;
    }
  }
}

export function data() {
  return {
    format: "parents-as-safeguarding-partners/assessment-data",
    format_version: 1,
    assessment_format: "parents-as-safeguarding-partners/assessment",
    assessment_format_version: 2,
    title: "Test benchmark",
    version: "1.2.0",
    date: "2026-10-01",
    ratings: [
      { id: "red", label: "Red", meaning: "not in place", score: 0 },
      { id: "amber", label: "Amber", meaning: "partly in place", score: 1 },
      { id: "green", label: "Green", meaning: "in place and making a difference", score: 2 },
      { id: "not_applicable", label: "Not applicable", meaning: "does not apply to us", score: null },
      { id: "not_assessed", label: "Not yet assessed", meaning: "", score: null },
    ],
    levels: [
      { id: "strategic", code: "STR", title: "Strategic", who: "Leaders" },
      { id: "operational", code: "OPS", title: "Operational", who: "Practitioners" },
    ],
    themes: [
      { id: "listen", code: "LISTEN", title: "Listening" },
      { id: "partner", code: "PARTNER", title: "Partnership" },
    ],
    standards: [
      { id: "STR-LISTEN-01", level: "strategic", theme: "listen", title: "Parents shape strategy", statement: "S1.", plain_english: "P1.", url: "benchmark/STR-LISTEN-01/", added: "1.0.0", changed: "1.2.0" },
      { id: "STR-PARTNER-01", level: "strategic", theme: "partner", title: "Parents are partners", statement: "S2.", plain_english: "P2.", url: "benchmark/STR-PARTNER-01/", added: "1.0.0", changed: null },
      { id: "OPS-LISTEN-01", level: "operational", theme: "listen", title: "Practitioners listen", statement: "S3.", plain_english: "P3.", url: "benchmark/OPS-LISTEN-01/", added: "1.0.0", changed: "1.1.0" },
      { id: "OPS-PARTNER-01", level: "operational", theme: "partner", title: "Plans are agreed", statement: "S4.", plain_english: "P4.", url: "benchmark/OPS-PARTNER-01/", added: "1.1.0", changed: null },
    ],
    retired: [
      { id: "OPS-OLD-01", title: "Old one", retired: "1.1.0", replaced_by: ["OPS-LISTEN-01", "OPS-PARTNER-01"], reason: "Split in two." },
      { id: "OPS-GONE-01", title: "Gone", retired: "1.1.0", replaced_by: [], reason: "Withdrawn." },
    ],
  };
}

