// The self-assessment's logic, with no DOM and no network: the benchmark index, the file
// formats (JSON and CSV), the checks every imported file goes through, carrying ratings over
// from retired standards, and the summary, comparison and multi-agency views as plain data.
//
// The format versions must move together with macros/assessment.py.

export const DATA_FORMAT = "parents-as-safeguarding-partners/assessment-data";
export const DATA_FORMAT_VERSION = 1;
export const FORMAT = "parents-as-safeguarding-partners/assessment";
export const FORMAT_VERSION = 1;
export const MAX_FILE_BYTES = 5 * 1024 * 1024; // 5 MB: far above any real assessment
export const MAX_TEXT = 20000; // characters in one text field

// Ratings, in the order they are offered. `score` orders the three that grade a standard.
export const RATINGS = [
  { id: "red", label: "Red", meaning: "not in place", score: 0 },
  { id: "amber", label: "Amber", meaning: "partly in place", score: 1 },
  { id: "green", label: "Green", meaning: "in place", score: 2 },
  { id: "not_applicable", label: "Not applicable", meaning: "does not apply to us", score: null },
  { id: "not_assessed", label: "Not yet assessed", meaning: "", score: null },
];
export const RATING = Object.fromEntries(RATINGS.map((r) => [r.id, r]));
export const UNRATED = "not_assessed";

export const ROLES = [
  { id: "", label: "Not chosen yet" },
  { id: "police", label: "Police" },
  { id: "social_care", label: "Children's social care" },
  { id: "health", label: "Health" },
  { id: "education", label: "Education" },
  { id: "commissioning", label: "Commissioning" },
  { id: "voluntary", label: "Voluntary sector" },
  { id: "parent_panel", label: "Parent panel" },
  { id: "partnership", label: "Whole partnership" },
  { id: "other", label: "Other" },
];
export const ROLE = Object.fromEntries(ROLES.map((r) => [r.id, r]));
export const PARENT_PANEL = "parent_panel";

const FIELDS = ["evidence", "action", "owner", "target_date"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class FileProblem extends Error {}

// ---------------------------------------------------------------- the benchmark

export function indexData(data) {
  if (!data || data.format !== DATA_FORMAT || data.format_version !== DATA_FORMAT_VERSION) {
    throw new Error("The benchmark data on this site is not in a format this page can read.");
  }
  const byId = new Map(data.standards.map((s) => [s.id, s]));
  const retired = new Map((data.retired || []).map((r) => [r.id, r]));
  return {
    version: data.version,
    date: data.date,
    levels: data.levels,
    themes: data.themes,
    standards: data.standards,
    byId,
    retired,
    level: new Map(data.levels.map((l) => [l.id, l])),
    theme: new Map(data.themes.map((t) => [t.id, t])),
  };
}

export function compareVersions(a, b) {
  const pa = String(a).split(".").map(Number);
  const pb = String(b).split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] || 0) - (pb[i] || 0);
    if (d) return d < 0 ? -1 : 1;
  }
  return 0;
}

const VERSION = /^\d+\.\d+\.\d+$/;

// ---------------------------------------------------------------- assessments

export function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function newId() {
  if (globalThis.crypto && crypto.randomUUID) return crypto.randomUUID();
  return `a${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
}

export function newAssessment(idx, { name = "", agency = "", date = today(), levels = null } = {}) {
  return { id: newId(), name, agency, date, levels, data_version: idx.version, ratings: {} };
}

export function entryOf(a, id) {
  return a.ratings[id] || { rating: UNRATED, evidence: "", action: "", owner: "", target_date: "" };
}

export function isBlank(e) {
  return (!e.rating || e.rating === UNRATED) && FIELDS.every((f) => !e[f]);
}

/** Set one field of one standard; blank entries are removed so files stay small. */
export function setField(a, id, field, value) {
  const e = { ...entryOf(a, id), [field]: value };
  if (isBlank(e)) delete a.ratings[id];
  else a.ratings[id] = e;
}

export function ratingOf(a, id) {
  return (a.ratings[id] && a.ratings[id].rating) || UNRATED;
}

export function inScope(a, standard) {
  return !a.levels || a.levels.includes(standard.level);
}

export function roleLabel(id) {
  return (ROLE[id] || ROLE.other).label;
}

export function title(a) {
  const role = a.agency ? ` (${roleLabel(a.agency)})` : "";
  return `${a.name || "Untitled assessment"}${role}, ${a.date || "no date"}`;
}

// ---------------------------------------------------------------- JSON files

/** The exported form: versioned, keyed on standard IDs, in the benchmark's order. */
export function toFile(a, idx) {
  const ratings = {};
  const order = [...idx.standards.map((s) => s.id), ...Object.keys(a.ratings).filter((id) => !idx.byId.has(id)).sort()];
  for (const id of order) {
    const e = a.ratings[id];
    if (!e || isBlank(e)) continue;
    ratings[id] = { rating: e.rating || UNRATED };
    for (const f of FIELDS) if (e[f]) ratings[id][f] = e[f];
  }
  return {
    format: FORMAT,
    format_version: FORMAT_VERSION,
    data_version: a.data_version || idx.version,
    assessment: { name: a.name, agency: a.agency, date: a.date, levels: a.levels },
    ratings,
  };
}

export function exportJSON(a, idx) {
  return JSON.stringify(toFile(a, idx), null, 2) + "\n";
}

function text(value, where, warnings) {
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") {
    warnings.push(`${where} was not text and was left out.`);
    return "";
  }
  if (value.length > MAX_TEXT) {
    warnings.push(`${where} was longer than ${MAX_TEXT} characters and was cut short.`);
    return value.slice(0, MAX_TEXT);
  }
  return value;
}

function entryFrom(raw, id, warnings) {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    warnings.push(`${id}: the entry was not in the expected shape and was left out.`);
    return null;
  }
  let rating = raw.rating === undefined || raw.rating === "" ? UNRATED : raw.rating;
  if (!RATING[rating]) {
    warnings.push(`${id}: the rating "${String(rating).slice(0, 40)}" is not one this page knows; it is shown as Not yet assessed.`);
    rating = UNRATED;
  }
  const e = { rating };
  for (const f of FIELDS) e[f] = text(raw[f], `${id} ${f.replace("_", " ")}`, warnings);
  if (e.target_date && !DATE.test(e.target_date)) {
    warnings.push(`${id}: the target date "${e.target_date.slice(0, 40)}" is not a date (YYYY-MM-DD) and was left out.`);
    e.target_date = "";
  }
  return e;
}

/**
 * Bring ratings made against any earlier data version up to this one: ratings of retired
 * standards carry over to their replacements (never over a rating the replacement already
 * has), unknown IDs are left out. Every change is reported in `warnings`.
 */
export function carryOver(ratings, idx, warnings) {
  const out = {};
  const carried = [];
  for (const [id, e] of Object.entries(ratings)) {
    if (idx.byId.has(id)) out[id] = e;
    else if (idx.retired.has(id)) carried.push([id, e]);
    else warnings.push(`${id} is not a standard in this version of the benchmark (${idx.version}); its entry was left out.`);
  }
  for (const [id, e] of carried) {
    const r = idx.retired.get(id);
    const targets = r.replaced_by.filter((t) => idx.byId.has(t));
    if (!targets.length) {
      warnings.push(`${id} was retired in ${r.retired} with nothing to replace it; its entry was left out.`);
      continue;
    }
    const moved = [];
    for (const t of targets) {
      if (out[t] && !isBlank(out[t])) continue;
      out[t] = { ...e };
      moved.push(t);
    }
    warnings.push(
      moved.length
        ? `${id} was retired in ${r.retired}; its rating was carried over to ${moved.join(", ")}.`
        : `${id} was retired in ${r.retired}; ${targets.join(", ")} already had a rating, so it was kept.`,
    );
  }
  return out;
}

function fromFileObject(obj, idx) {
  const warnings = [];
  if (!obj || typeof obj !== "object" || Array.isArray(obj) || obj.format !== FORMAT) {
    throw new FileProblem("This is JSON, but not an assessment file from this guide (its \"format\" is missing or different).");
  }
  if (!Number.isInteger(obj.format_version) || obj.format_version < 1) {
    throw new FileProblem(`The file's format version (${JSON.stringify(obj.format_version)}) is not one this page can read.`);
  }
  if (obj.format_version > FORMAT_VERSION) {
    throw new FileProblem(
      `The file was saved in format version ${obj.format_version}, newer than this page reads (${FORMAT_VERSION}). Open it on the newest version of this site.`,
    );
  }
  const dv = obj.data_version;
  if (typeof dv !== "string" || !VERSION.test(dv)) {
    throw new FileProblem("The file does not say which version of the benchmark it was made against (data_version).");
  }
  if (compareVersions(dv, idx.version) > 0) {
    throw new FileProblem(
      `The file was made against version ${dv} of the benchmark, newer than the version on this site (${idx.version}). Open it on the newest version of this site.`,
    );
  }
  const meta = obj.assessment && typeof obj.assessment === "object" ? obj.assessment : {};
  if (!obj.ratings || typeof obj.ratings !== "object" || Array.isArray(obj.ratings)) {
    throw new FileProblem("The file has no ratings section, so there is nothing to import.");
  }
  const ratings = {};
  for (const [id, raw] of Object.entries(obj.ratings)) {
    const e = entryFrom(raw, id, warnings);
    if (e && !isBlank(e)) ratings[id] = e;
  }
  return finish(meta, dv, ratings, idx, warnings);
}

function finish(meta, dv, ratings, idx, warnings) {
  let agency = typeof meta.agency === "string" ? meta.agency : "";
  if (agency && !ROLE[agency]) {
    const byLabel = ROLES.find((r) => r.label.toLowerCase() === agency.toLowerCase());
    if (byLabel) agency = byLabel.id;
    else {
      warnings.push(`The agency or role "${agency.slice(0, 60)}" is not one this page knows; it was set to Other.`);
      agency = "other";
    }
  }
  let date = typeof meta.date === "string" && DATE.test(meta.date) ? meta.date : "";
  if (meta.date && !date) warnings.push("The assessment's date was not a date (YYYY-MM-DD) and was left out.");
  let levels = Array.isArray(meta.levels) ? meta.levels.filter((l) => idx.level.has(l)) : null;
  if (levels && !levels.length) levels = null;
  const migrated = carryOver(ratings, idx, warnings);
  const a = {
    id: newId(),
    name: text(meta.name, "The assessment's name", warnings).slice(0, 200),
    agency,
    date,
    levels,
    data_version: idx.version,
    ratings: migrated,
  };
  for (const id of Object.keys(migrated)) {
    const s = idx.byId.get(id);
    if (s && s.changed && compareVersions(s.changed, dv) > 0) {
      warnings.push(`${id}: its wording changed in version ${s.changed}, after this file was made; check the rating still fits.`);
    }
  }
  if (compareVersions(dv, idx.version) < 0) {
    warnings.unshift(`The file was made against version ${dv} of the benchmark; it has been brought up to ${idx.version}.`);
  }
  return { assessment: a, warnings, fileDataVersion: dv };
}

// ---------------------------------------------------------------- CSV files

export const CSV_COLUMNS = [
  "standard_id", "level", "theme", "title", "rating", "evidence", "action", "owner", "target_date",
  "assessment_name", "agency", "assessment_date", "assessed_levels", "data_version", "format_version",
];

// A cell starting with = + - @ would run as a formula in a spreadsheet: prefix an apostrophe,
// and one more on text that already starts with an apostrophe, so that import can undo it.
function guard(v) {
  return /^['=+\-@\t\r]/.test(v) ? `'${v}` : v;
}
function unguard(v) {
  return /^'['=+\-@\t\r]/.test(v) ? v.slice(1) : v;
}

export function csvCell(v) {
  const s = guard(String(v ?? ""));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function exportCSV(a, idx) {
  const rows = [CSV_COLUMNS];
  const meta = [a.name, a.agency ? roleLabel(a.agency) : "", a.date, (a.levels || []).join(" "), a.data_version || idx.version, String(FORMAT_VERSION)];
  for (const s of idx.standards) {
    const e = entryOf(a, s.id);
    rows.push([
      s.id, idx.level.get(s.level).title, idx.theme.get(s.theme).title, s.title, RATING[e.rating || UNRATED].label,
      e.evidence, e.action, e.owner, e.target_date, ...meta,
    ]);
  }
  return "\ufeff" + rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export function parseCSV(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += c;
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (quoted) throw new FileProblem("The CSV file ends inside a quoted cell: it looks cut short.");
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c !== ""));
}

function fromCSV(text, idx) {
  const rows = parseCSV(text);
  const head = rows.shift() || [];
  const col = Object.fromEntries(head.map((h, i) => [h.trim(), i]));
  for (const need of ["standard_id", "rating", "data_version", "format_version"]) {
    if (!(need in col)) throw new FileProblem(`This CSV file is not an assessment exported from this page: it has no "${need}" column.`);
  }
  if (!rows.length) throw new FileProblem("The CSV file has a header but no rows.");
  const get = (r, name) => (name in col ? unguard(r[col[name]] ?? "") : "");
  const fv = Number(get(rows[0], "format_version"));
  if (!Number.isInteger(fv) || fv < 1) throw new FileProblem(`The file's format version (${get(rows[0], "format_version").slice(0, 20)}) is not one this page can read.`);
  if (fv > FORMAT_VERSION) {
    throw new FileProblem(`The file was saved in format version ${fv}, newer than this page reads (${FORMAT_VERSION}). Open it on the newest version of this site.`);
  }
  const dv = get(rows[0], "data_version");
  if (!VERSION.test(dv)) throw new FileProblem("The file does not say which version of the benchmark it was made against (data_version).");
  if (compareVersions(dv, idx.version) > 0) {
    throw new FileProblem(
      `The file was made against version ${dv} of the benchmark, newer than the version on this site (${idx.version}). Open it on the newest version of this site.`,
    );
  }
  const warnings = [];
  const byLabel = Object.fromEntries(RATINGS.flatMap((r) => [[r.label.toLowerCase(), r.id], [r.id, r.id]]));
  const ratings = {};
  for (const r of rows) {
    const id = get(r, "standard_id").trim();
    if (!id) continue;
    const word = get(r, "rating").trim().toLowerCase();
    const raw = { rating: word ? byLabel[word] || word : UNRATED };
    for (const f of FIELDS) raw[f] = get(r, f);
    const e = entryFrom(raw, id, warnings);
    if (e && !isBlank(e)) ratings[id] = e;
  }
  const first = rows[0];
  const meta = {
    name: get(first, "assessment_name"),
    agency: get(first, "agency"),
    date: get(first, "assessment_date"),
    levels: get(first, "assessed_levels") ? get(first, "assessed_levels").split(" ") : null,
  };
  return finish(meta, dv, ratings, idx, warnings);
}

// ---------------------------------------------------------------- reading any file

/**
 * Check and read one file's text. Returns {assessment, warnings} or throws FileProblem
 * with a message for people. Nothing is stored here.
 */
export function readFile(name, size, textContent, idx) {
  if (size > MAX_FILE_BYTES) {
    throw new FileProblem(`The file is ${(size / 1048576).toFixed(1)} MB; the most this page reads is ${MAX_FILE_BYTES / 1048576} MB. An assessment file is usually well under 1 MB.`);
  }
  const body = textContent.replace(/^\ufeff/, "");
  if (!body.trim()) throw new FileProblem("The file is empty.");
  const start = body.trimStart()[0];
  if (start === "{" || start === "[" || /\.json$/i.test(name)) {
    let obj;
    try {
      obj = JSON.parse(body);
    } catch (err) {
      throw new FileProblem("The file is not valid JSON, so it cannot be read. Export it again from this page, or check it was not cut short.");
    }
    return fromFileObject(obj, idx);
  }
  if (/\.csv$/i.test(name) || /^"?standard_id"?,/.test(body)) return fromCSV(body, idx);
  throw new FileProblem("The file is neither JSON nor CSV. Choose an assessment file exported from this page.");
}

// ---------------------------------------------------------------- views as data

export function counts(a, standards) {
  const c = Object.fromEntries(RATINGS.map((r) => [r.id, 0]));
  for (const s of standards) c[ratingOf(a, s.id)]++;
  return c;
}

/** Rows per level, cells per theme: counts of each rating and a label for the cell. */
export function heatmap(a, idx, standards) {
  return idx.levels
    .filter((l) => standards.some((s) => s.level === l.id))
    .map((l) => ({
      level: l,
      cells: idx.themes.map((t) => {
        const here = standards.filter((s) => s.level === l.id && s.theme === t.id);
        const c = counts(a, here);
        const graded = c.red + c.amber + c.green;
        let band = "none";
        if (graded) {
          const avg = (c.amber + 2 * c.green) / graded;
          band = avg < 0.67 ? "red" : avg < 1.34 ? "amber" : "green";
        }
        return { theme: t, total: here.length, counts: c, graded, band };
      }),
    }));
}

export const CHANGE = {
  improved: "Improved",
  slipped: "Slipped",
  newly: "Newly rated",
  dropped: "No longer rated",
  unchanged: "Unchanged",
};

export function compare(base, follow, idx) {
  const out = { improved: [], slipped: [], newly: [], dropped: [], unchanged: [] };
  for (const s of idx.standards) {
    const a = ratingOf(base, s.id);
    const b = ratingOf(follow, s.id);
    const sa = RATING[a].score;
    const sb = RATING[b].score;
    let kind = "unchanged";
    if (sa !== null && sb !== null) kind = sb > sa ? "improved" : sb < sa ? "slipped" : "unchanged";
    else if (sa === null && sb !== null) kind = "newly";
    else if (sa !== null && sb === null) kind = "dropped";
    out[kind].push({ standard: s, from: a, to: b });
  }
  return out;
}

/** Parent panels first, then professionals by role and name. */
export function mergeOrder(list) {
  return [...list].sort((x, y) => {
    const px = x.agency === PARENT_PANEL ? 0 : 1;
    const py = y.agency === PARENT_PANEL ? 0 : 1;
    return px - py || roleLabel(x.agency).localeCompare(roleLabel(y.agency)) || (x.name || "").localeCompare(y.name || "");
  });
}

/**
 * Per standard, each assessment's rating and whether they agree. Only Red, Amber and Green
 * are compared; Not applicable and Not yet assessed neither agree nor disagree.
 */
export function merge(list, idx) {
  const cols = mergeOrder(list);
  const rows = idx.standards.map((s) => {
    const cells = cols.map((a) => ({ assessment: a, rating: ratingOf(a, s.id), entry: a.ratings[s.id] || null }));
    const graded = cells.filter((c) => RATING[c.rating].score !== null);
    const distinct = [...new Set(graded.map((c) => c.rating))];
    const parents = graded.filter((c) => c.assessment.agency === PARENT_PANEL);
    const pros = graded.filter((c) => c.assessment.agency !== PARENT_PANEL);
    const parentDiffers = parents.some((p) => pros.some((q) => q.rating !== p.rating));
    let status = "few";
    if (graded.length >= 2) status = distinct.length > 1 ? "disagree" : "agree";
    const wide = distinct.includes("red") && distinct.includes("green");
    return { standard: s, cells, status, parentDiffers, wide, distinct };
  });
  return { columns: cols, rows };
}

export function agreementText(row) {
  if (row.status === "few") return "Too few ratings to compare";
  if (row.status === "agree") return `Agree: all ${RATING[row.distinct[0]].label}`;
  const words = row.distinct.map((r) => RATING[r].label).join(", ");
  const parts = [`Disagree (${words})`];
  if (row.wide) parts.push("from Red to Green");
  if (row.parentDiffers) parts.push("the parent panel differs from professionals");
  return parts.join("; ");
}
