// The language checker's matching, with no DOM: the same steps as Matcher.spans() in
// macros/language/checker.py, so the page, the command line and the build always agree.
//   1. every rule's pattern over the whole text (case-insensitive), left to right;
//   2. a match is dropped when the text before it matches the rule's not_before pattern, or
//      the text after it matches its not_after pattern;
//   3. overlapping matches: the one starting first wins, then the longer, then the earlier rule.
// Lines and columns count from 1, in characters (code points), as the command line does.

/** The patterns of assets/data/language.json, compiled once. */
export function compile(data) {
  const flags = data.flags || "i";
  return data.rules.map((rule, order) => ({
    rule,
    order,
    rx: new RegExp(rule.pattern, `${flags}g`),
    before: rule.not_before ? new RegExp(rule.not_before, flags) : null,
    after: rule.not_after ? new RegExp(rule.not_after, flags) : null,
  }));
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
  for (const c of compiled) {
    c.rx.lastIndex = 0;
    let m;
    while ((m = c.rx.exec(text)) !== null) {
      if (m[0].length === 0) {
        c.rx.lastIndex++;
        continue;
      }
      const start = m.index;
      const end = start + m[0].length;
      if (c.before && c.before.test(text.slice(0, start))) continue;
      if (c.after && c.after.test(text.slice(end))) continue;
      found.push({ start, end, order: c.order, rule: c.rule });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || a.order - b.order);
  const kept = [];
  for (const f of found) {
    if (kept.length && f.start < kept[kept.length - 1].end) continue;
    kept.push({ ...f, ...position(text, f.start), text: text.slice(f.start, f.end) });
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
