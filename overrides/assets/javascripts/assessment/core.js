// The self-assessment's logic, with no DOM and no network: the benchmark index, the file
// formats (JSON and CSV), the checks every imported file goes through, carrying ratings over
// from retired standards, and the summary, comparison and multi-agency views as plain data.
//
// Everything about the benchmark comes from its data file (assets/data/assessment.json,
// written by macros/downloads/assessment.py), read once by indexData() into an index `idx`
// that every other function here is given: the standards, the ratings with their words,
// meanings and scores, and the format name and version of the assessment files. The page
// itself knows only the format of that data file (below), so that it can tell whether to
// trust it.

export const DATA_FORMAT = "parents-as-safeguarding-partners/assessment-data";
export const DATA_FORMAT_VERSION = 1;

// The rating every standard has until someone rates it (an ID the data file lists).
export const UNRATED = "not_assessed";

export const MAX_FILE_BYTES = 5 * 1024 * 1024; // 5 MB: far above any real assessment
export const MAX_TEXT = 20000; // characters in one text field

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
// No prototype: a value from an imported file ("constructor", "__proto__", "toString") is never
// taken for a role because a plain object inherits a property of that name.
export const ROLE = Object.assign(Object.create(null), Object.fromEntries(ROLES.map((r) => [r.id, r])));
export const PARENT_PANEL = "parent_panel";

const FIELDS = ["evidence", "action", "owner", "target_date"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const VERSION = /^\d+\.\d+\.\d+$/;

/** A file someone chose that cannot be read; the message is for them. */
export class FileProblem extends Error {}

/** The site's own data file cannot be used; the message is for the reader of the page. */
export class DataProblem extends Error {}

// ---------------------------------------------------------------- the benchmark

function ratingsOf(data) {
  const list = data.ratings;
  const ok =
    Array.isArray(list) &&
    list.every((r) => r && typeof r.id === "string" && typeof r.label === "string" && (r.score === null || Number.isInteger(r.score)));
  if (!ok || !list.length) {
    throw new DataProblem("The benchmark data on this site has no list of ratings (Red, Amber, Green and so on), so the self-assessment cannot start.");
  }
  const unrated = list.find((r) => r.id === UNRATED);
  if (!unrated || unrated.score !== null) {
    throw new DataProblem(`The benchmark data on this site has no "${UNRATED}" rating for standards not yet assessed, so the self-assessment cannot start.`);
  }
  const graded = list.filter((r) => r.score !== null).sort((x, y) => x.score - y.score);
  if (graded.length < 2 || new Set(graded.map((r) => r.score)).size !== graded.length) {
    throw new DataProblem("The benchmark data on this site does not give its ratings distinct scores, so the self-assessment cannot start.");
  }
  return { list, graded };
}

/** Check the site's data file and index it. Throws DataProblem with a message for people. */
export function indexData(data) {
  if (!data || data.format !== DATA_FORMAT || data.format_version !== DATA_FORMAT_VERSION) {
    throw new DataProblem("The benchmark data on this site is not in a format this page can read.");
  }
  if (typeof data.assessment_format !== "string" || !Number.isInteger(data.assessment_format_version)) {
    throw new DataProblem("The benchmark data on this site does not say which assessment files it reads.");
  }
  const ratings = ratingsOf(data);
  return {
    version: data.version,
    date: data.date,
    format: data.assessment_format,
    formatVersion: data.assessment_format_version,
    levels: data.levels,
    themes: data.themes,
    standards: data.standards,
    byId: new Map(data.standards.map((s) => [s.id, s])),
    retired: new Map((data.retired || []).map((r) => [r.id, r])),
    level: new Map(data.levels.map((l) => [l.id, l])),
    theme: new Map(data.themes.map((t) => [t.id, t])),
    // every rating in the order it is offered; the graded ones (with a score) lowest first
    ratings: ratings.list,
    rating: new Map(ratings.list.map((r) => [r.id, r])),
    graded: ratings.graded,
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

/** "Red", "Red or Amber", "Red, Amber or Green". */
export function inWords(words, last = "or") {
  if (words.length < 2) return words.join("");
  return `${words.slice(0, -1).join(", ")} ${last} ${words[words.length - 1]}`;
}

export function label(idx, ratingId) {
  return (idx.rating.get(ratingId) || idx.rating.get(UNRATED)).label;
}

export function scoreOf(idx, ratingId) {
  const r = idx.rating.get(ratingId);
  return r ? r.score : null;
}

/** The highest graded rating: a strength. */
export function top(idx) {
  return idx.graded[idx.graded.length - 1];
}

/** The graded ratings below the highest, lowest first: the gaps an action plan is for. */
export function gapRatings(idx) {
  return idx.graded.slice(0, -1);
}

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

export function scoped(a, idx) {
  return idx.standards.filter((s) => inScope(a, s));
}

/**
 * The steps of rating: the standards in scope (every level when there is no assessment yet),
 * level by level and within a level theme by theme, in the benchmark's order. Each group has a
 * key ("level/theme") that stays the same when other levels are added or taken away.
 */
export function groups(a, idx) {
  const out = [];
  for (const l of idx.levels) {
    if (a && a.levels && !a.levels.includes(l.id)) continue;
    for (const t of idx.themes) {
      const standards = idx.standards.filter((s) => s.level === l.id && s.theme === t.id);
      if (standards.length) out.push({ key: `${l.id}/${t.id}`, level: l, theme: t, standards });
    }
  }
  return out;
}

/** How many of a group's standards have a rating. */
export function groupDone(a, group) {
  return a ? group.standards.filter((s) => ratingOf(a, s.id) !== UNRATED).length : 0;
}

/** The standards in scope at the gap ratings, lowest rating first, then in benchmark order. */
export function gaps(a, idx) {
  const s = scoped(a, idx);
  return gapRatings(idx).flatMap((r) => s.filter((x) => ratingOf(a, x.id) === r.id));
}

export function strengths(a, idx) {
  return scoped(a, idx).filter((x) => ratingOf(a, x.id) === top(idx).id);
}

export function progress(a, idx) {
  const s = scoped(a, idx);
  const done = s.filter((x) => ratingOf(a, x.id) !== UNRATED).length;
  return { done, total: s.length, text: `${done} of ${s.length} standards assessed.` };
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
    format: idx.format,
    format_version: idx.formatVersion,
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

// A key that every plain object already has ("__proto__", "constructor", "toString"): as a
// standard's ID it would replace or shadow the ratings object's own machinery, so it is refused.
function inherited(id, warnings) {
  if (!(id in Object.prototype)) return false;
  warnings.push(`"${String(id).slice(0, 40)}" is not a standard's ID; that entry was left out.`);
  return true;
}

function entryFrom(raw, id, idx, warnings) {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    warnings.push(`${id}: the entry was not in the expected shape and was left out.`);
    return null;
  }
  let rating = raw.rating === undefined || raw.rating === "" ? UNRATED : raw.rating;
  if (!idx.rating.has(rating)) {
    warnings.push(
      `${id}: the rating "${String(rating).slice(0, 40)}" is not one this page knows; it is shown as ${label(idx, UNRATED)}.`,
    );
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

/**
 * The checks both file kinds share: the file's format version `fv` (a number; `shown` is how
 * the file wrote it) and the benchmark version `dv` it was made against.
 */
export function checkVersions(fv, dv, idx, shown = JSON.stringify(fv)) {
  if (!Number.isInteger(fv) || fv < 1) {
    throw new FileProblem(`The file's format version (${String(shown).slice(0, 20)}) is not one this page can read.`);
  }
  if (fv > idx.formatVersion) {
    throw new FileProblem(
      `The file was saved in format version ${fv}, newer than this page reads (${idx.formatVersion}). Open it on the newest version of this site.`,
    );
  }
  if (typeof dv !== "string" || !VERSION.test(dv)) {
    throw new FileProblem("The file does not say which version of the benchmark it was made against (data_version).");
  }
  if (compareVersions(dv, idx.version) > 0) {
    throw new FileProblem(
      `The file was made against version ${dv} of the benchmark, newer than the version on this site (${idx.version}). Open it on the newest version of this site.`,
    );
  }
}

function fromFileObject(obj, idx) {
  if (!obj || typeof obj !== "object" || Array.isArray(obj) || obj.format !== idx.format) {
    throw new FileProblem("This is JSON, but not an assessment file from this guide (its \"format\" is missing or different).");
  }
  checkVersions(obj.format_version, obj.data_version, idx);
  if (!obj.ratings || typeof obj.ratings !== "object" || Array.isArray(obj.ratings)) {
    throw new FileProblem("The file has no ratings section, so there is nothing to import.");
  }
  const warnings = [];
  const meta = obj.assessment && typeof obj.assessment === "object" ? obj.assessment : {};
  const ratings = {};
  for (const [id, raw] of Object.entries(obj.ratings)) {
    if (inherited(id, warnings)) continue;
    const e = entryFrom(raw, id, idx, warnings);
    if (e && !isBlank(e)) ratings[id] = e;
  }
  return finish(meta, obj.data_version, ratings, idx, warnings);
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
  const date = typeof meta.date === "string" && DATE.test(meta.date) ? meta.date : "";
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

/** Rows of cells as a CSV file: a byte order mark for spreadsheets, CRLF line ends. */
export function csvText(rows) {
  return "\ufeff" + rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export function exportCSV(a, idx) {
  const rows = [CSV_COLUMNS];
  const meta = [a.name, a.agency ? roleLabel(a.agency) : "", a.date, (a.levels || []).join(" "), a.data_version || idx.version, String(idx.formatVersion)];
  for (const s of idx.standards) {
    const e = entryOf(a, s.id);
    rows.push([
      s.id, idx.level.get(s.level).title, idx.theme.get(s.theme).title, s.title, label(idx, e.rating),
      e.evidence, e.action, e.owner, e.target_date, ...meta,
    ]);
  }
  return csvText(rows);
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
  const first = rows[0];
  const dv = get(first, "data_version");
  const fv = get(first, "format_version");
  checkVersions(Number(fv), dv, idx, fv);
  const warnings = [];
  // a CSV file names ratings in words ("Not applicable"); the IDs are read too
  const byWord = new Map(idx.ratings.flatMap((r) => [[r.label.toLowerCase(), r.id], [r.id, r.id]]));
  const ratings = {};
  for (const r of rows) {
    const id = get(r, "standard_id").trim();
    if (!id) continue;
    const word = get(r, "rating").trim().toLowerCase();
    const raw = { rating: word ? byWord.get(word) || word : UNRATED };
    for (const f of FIELDS) raw[f] = get(r, f);
    if (inherited(id, warnings)) continue;
    const e = entryFrom(raw, id, idx, warnings);
    if (e && !isBlank(e)) ratings[id] = e;
  }
  const meta = {
    name: get(first, "assessment_name"),
    agency: get(first, "agency"),
    date: get(first, "assessment_date"),
    levels: get(first, "assessed_levels") ? get(first, "assessed_levels").split(" ") : null,
  };
  return finish(meta, dv, ratings, idx, warnings);
}

// ---------------------------------------------------------------- reading any file

/** Refuse a file by its size alone, before anything of it is read. */
export function checkSize(size) {
  if (size > MAX_FILE_BYTES) {
    throw new FileProblem(
      `The file is ${(size / 1048576).toFixed(1)} MB; the most this page reads is ${MAX_FILE_BYTES / 1048576} MB. An assessment file is usually well under 1 MB.`,
    );
  }
}

/**
 * Check and read one file's text. Returns {assessment, warnings} or throws FileProblem
 * with a message for people. Nothing is stored here.
 */
export function readFile(name, size, textContent, idx) {
  checkSize(size);
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

export function counts(a, standards, idx) {
  const c = Object.fromEntries(idx.ratings.map((r) => [r.id, 0]));
  for (const s of standards) {
    const r = ratingOf(a, s.id);
    if (r in c) c[r]++;
  }
  return c;
}

/**
 * The overall band of some counts: the graded rating whose share of the score range holds
 * the average score (the range cut in equal parts, one per graded rating; an average on a
 * boundary takes the lower part), or "none" when nothing is graded.
 */
export function band(c, idx) {
  const g = idx.graded;
  const n = g.reduce((t, r) => t + c[r.id], 0);
  if (!n) return "none";
  const lo = g[0].score;
  const hi = g[g.length - 1].score;
  const sum = g.reduce((t, r) => t + (r.score - lo) * c[r.id], 0);
  // in whole numbers: ceil(average / range * parts) - 1
  const i = Math.ceil((sum * g.length) / ((hi - lo) * n)) - 1;
  return g[Math.min(g.length - 1, Math.max(0, i))].id;
}

/** Rows per level, cells per theme: counts of each rating and the cell's band. */
export function heatmap(a, idx, standards) {
  return idx.levels
    .filter((l) => standards.some((s) => s.level === l.id))
    .map((l) => ({
      level: l,
      cells: idx.themes.map((t) => {
        const here = standards.filter((s) => s.level === l.id && s.theme === t.id);
        const c = counts(a, here, idx);
        const graded = idx.graded.reduce((n, r) => n + c[r.id], 0);
        return { theme: t, total: here.length, counts: c, graded, band: band(c, idx) };
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
    const sa = scoreOf(idx, a);
    const sb = scoreOf(idx, b);
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
 * Per standard, each assessment's rating and whether they agree. Only graded ratings (Red,
 * Amber, Green) are compared; the others neither agree nor disagree. `wide` marks ratings
 * that span the lowest to the highest.
 */
export function merge(list, idx) {
  const cols = mergeOrder(list);
  const lowest = idx.graded[0].id;
  const highest = top(idx).id;
  const rows = idx.standards.map((s) => {
    const cells = cols.map((a) => ({ assessment: a, rating: ratingOf(a, s.id), entry: a.ratings[s.id] || null }));
    const graded = cells.filter((c) => scoreOf(idx, c.rating) !== null);
    const distinct = [...new Set(graded.map((c) => c.rating))];
    const parents = graded.filter((c) => c.assessment.agency === PARENT_PANEL);
    const pros = graded.filter((c) => c.assessment.agency !== PARENT_PANEL);
    const parentDiffers = parents.some((p) => pros.some((q) => q.rating !== p.rating));
    let status = "few";
    if (graded.length >= 2) status = distinct.length > 1 ? "disagree" : "agree";
    const wide = distinct.includes(lowest) && distinct.includes(highest);
    return { standard: s, cells, status, parentDiffers, wide, distinct };
  });
  return { columns: cols, rows };
}

export function agreementText(row, idx) {
  if (row.status === "few") return "Too few ratings to compare";
  if (row.status === "agree") return `Agree: all ${label(idx, row.distinct[0])}`;
  const words = row.distinct.map((r) => label(idx, r)).join(", ");
  const parts = [`Disagree (${words})`];
  if (row.wide) parts.push(`from ${idx.graded[0].label} to ${top(idx).label}`);
  if (row.parentDiffers) parts.push("the parent panel differs from professionals");
  return parts.join("; ");
}

/** The multi-agency view as CSV rows: one column per assessment, then the agreement. */
export function mergeRows(list, idx) {
  const res = merge(list, idx);
  const head = ["standard_id", "title", ...res.columns.map((a) => `${a.agency ? roleLabel(a.agency) : "Agency not given"}: ${a.name}`), "agreement"];
  return [head, ...res.rows.map((r) => [r.standard.id, r.standard.title, ...r.cells.map((c) => label(idx, c.rating)), agreementText(r, idx)])];
}
