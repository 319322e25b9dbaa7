// The language checker's matching, with no DOM: the same steps as Matcher.spans() in
// macros/language/checker.py, so the page, the command line and the build always agree.
//   1. every rule's pattern over the whole text (case-insensitive), left to right;
//   2. a match is dropped when the clause before it (from the last of data.boundaries) ends
//      with the rule's not_before pattern, or the text after it starts with its not_after one;
//   3. a rule with a context (its entry's said_of and not_said_of word lists) keeps a match
//      only when the phrase is said of a person: the word just after it decides ("hard to reach
//      areas"), else the last listed word in the clause before it that does not follow a
//      preposition ("the meeting with mum"); with neither, the match is kept;
//   4. overlapping matches: the one starting first wins, then the longer, then the earlier rule.
// Lines and columns count from 1, in characters (code points), as the command line does.
// Every pattern arrives ready-made from the build (assets/data/language.json); compile() only
// hands each source to RegExp, and the page calls it when the first text is checked.

/** The patterns of assets/data/language.json, as RegExp objects. */
export function compile(data) {
  const flags = data.flags || "i";
  // the two context expressions, the same for every entry: made once
  const shared = data.context ? { before: new RegExp(data.context.before, `${flags}g`), after: new RegExp(data.context.after, `${flags}y`) } : null;
  const rules = data.rules.map((rule, order) => ({
    rule,
    order,
    rx: new RegExp(rule.pattern, `${flags}g`),
    before: rule.not_before ? new RegExp(rule.not_before, flags) : null,
    after: rule.not_after ? new RegExp(rule.not_after, `${flags}y`) : null,
    context: rule.said_of ? { ...shared, said: new Set(rule.said_of), notSaid: new Set(rule.not_said_of) } : null,
  }));
  return { rules, boundaries: Array.from(data.boundaries || "") };
}

/** Where the clause holding offset starts: after the last boundary character before it. */
export function clauseStart(boundaries, text, offset) {
  let at = -1;
  for (const b of boundaries) at = Math.max(at, offset > 0 ? text.lastIndexOf(b, offset - 1) : -1);
  return at + 1;
}

/** true for a said_of word, false for a not_said_of word, null for a word of another list. */
function which(m, first, context) {
  for (let k = 0; first + k < m.length; k++) {
    if (m[first + k] !== undefined) return context.said.has(k) ? true : context.notSaid.has(k) ? false : null;
  }
  return null;
}

/** Whether the match text[start, end) is said of a person, by its rule's context. */
export function saidOfAPerson(context, clause, text, end) {
  context.after.lastIndex = end;
  const next = context.after.exec(text);
  if (next) {
    const kind = which(next, 2, context);
    if (kind !== null && (next[1] === undefined || kind)) return kind;
  }
  context.before.lastIndex = 0;
  let last = null;
  let m;
  while ((m = context.before.exec(clause)) !== null) {
    if (m[0].length === 0) {
      context.before.lastIndex++;
      continue;
    }
    if (m[2] !== undefined) continue; // after a preposition
    const kind = m[1] !== undefined ? true : which(m, 3, context);
    if (kind !== null) last = kind;
  }
  return last === null || last;
}

/** Line and column (from 1, in code points) of a UTF-16 offset. */
export function position(text, offset) {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return { line, col: Array.from(text.slice(lineStart, offset)).length + 1 };
}

/** Findings in text order: {start, end, line, col, text, rule}, none overlapping. */
export function find(compiled, text) {
  const found = [];
  const { boundaries } = compiled;
  for (const c of compiled.rules) {
    c.rx.lastIndex = 0;
    let m;
    while ((m = c.rx.exec(text)) !== null) {
      if (m[0].length === 0) {
        c.rx.lastIndex++;
        continue;
      }
      const start = m.index;
      const end = start + m[0].length;
      if (c.before || c.context) {
        const clause = text.slice(clauseStart(boundaries, text, start), start);
        if (c.before && c.before.test(clause)) continue;
        if (c.after) {
          c.after.lastIndex = end;
          if (c.after.test(text)) continue;
        }
        if (c.context && !saidOfAPerson(c.context, clause, text, end)) continue;
      } else if (c.after) {
        c.after.lastIndex = end;
        if (c.after.test(text)) continue;
      }
      found.push({ start, end, order: c.order, rule: c.rule });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || a.order - b.order);
  const kept = [];
  // line numbers counted once, in one pass, rather than from the start for every finding
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  for (const f of found) {
    if (kept.length && f.start < kept[kept.length - 1].end) continue;
    for (let i = text.indexOf("\n", scanned); i !== -1 && i < f.start; i = text.indexOf("\n", i + 1)) {
      line++;
      lineStart = i + 1;
    }
    scanned = Math.max(scanned, f.start);
    const col = Array.from(text.slice(lineStart, f.start)).length + 1;
    kept.push({ ...f, line, col, text: text.slice(f.start, f.end) });
  }
  return kept;
}

/** Any run of white space as one space, trimmed: a finding quoted on one line. */
export function oneLine(s) {
  return s.replace(/\s+/g, " ").trim();
}

/** What the status line says after a check. */
export function summary(findings) {
  if (!findings.length) return "No phrases from the language guide were found.";
  const first = findings[0];
  const n = findings.length === 1 ? "1 phrase found" : `${findings.length} phrases found`;
  return `${n}. The first is \u201c${oneLine(first.text)}\u201d on line ${first.line} (${first.rule.label}). The list follows your text.`;
}
