"""How well the language checker does on the labelled corpus (tests/language/corpus.txt).

Run it as ``make lint-eval`` or ``.venv/bin/python tests/language/evaluate.py [CORPUS]``. It
prints precision and recall overall and for each language-guide entry, then every sentence the
checker got wrong. A finding counts as a true positive when its entry is among the sentence's
labels, a false positive when it is not, and a label the checker did not find is a false
negative. tests/test_lint.py runs the same measure and fails below 0.95 on either.

The corpus format: one sentence a line, the entry IDs that must be found (comma-separated) or
"-" for none, then " | ", then the sentence; "\\n" stands for a line break, "#" starts a note.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "language" / "corpus.txt"


def read_corpus(path: Path = CORPUS) -> list[tuple[int, frozenset[str], str]]:
    """(line number, expected entry IDs, sentence) for every sentence in the corpus."""
    out = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        if " | " not in raw:
            raise ValueError(f"{path}:{n}: a corpus line is 'IDS | sentence' (or '- | sentence'), not {raw!r}")
        expected, sentence = raw.split(" | ", 1)
        ids = frozenset() if expected.strip() == "-" else frozenset(x.strip() for x in expected.split(","))
        out.append((n, ids, sentence.replace("\\n", "\n")))
    return out


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Report:
    sentences: int
    negatives: int
    overall: Score
    per_entry: dict[str, Score]
    wrong: list[str] = field(default_factory=list)
    unknown: set[str] = field(default_factory=set)


def evaluate(find_ids, corpus, known: set[str]) -> Report:
    """Score ``find_ids(sentence) -> set of entry IDs`` against the labelled corpus."""
    overall = Score()
    per: dict[str, Score] = {k: Score() for k in sorted(known)}
    wrong, unknown = [], set()
    for n, expected, sentence in corpus:
        unknown |= expected - known
        got = set(find_ids(sentence))
        for i in got & expected:
            per[i].tp += 1
        for i in got - expected:
            per.setdefault(i, Score()).fp += 1
        for i in expected - got:
            per.setdefault(i, Score()).fn += 1
        overall.tp += len(got & expected)
        overall.fp += len(got - expected)
        overall.fn += len(expected - got)
        if got != expected:
            wrong.append(f"line {n}: expected {', '.join(sorted(expected)) or 'nothing'}; found {', '.join(sorted(got)) or 'nothing'}: {sentence!r}")
    negatives = sum(1 for _, e, _ in corpus if not e)
    return Report(len(corpus), negatives, overall, per, wrong, unknown)


def python_finder(guide):
    from macros.language.checker import Matcher

    matcher = Matcher.from_guide(guide)
    return lambda text: {f.rule.id for f in matcher.find(text)}


def print_report(r: Report, out=sys.stdout) -> None:
    o = r.overall
    print(f"{r.sentences} sentences ({r.sentences - r.negatives} with phrases to find, {r.negatives} with none)", file=out)
    print(f"overall: precision {o.precision:.3f}, recall {o.recall:.3f} (true positives {o.tp}, false positives {o.fp}, missed {o.fn})", file=out)
    print(f"\n{'entry':<26} {'precision':>9} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4}", file=out)
    for k, s in sorted(r.per_entry.items()):
        print(f"{k:<26} {s.precision:>9.3f} {s.recall:>7.3f} {s.tp:>4} {s.fp:>4} {s.fn:>4}", file=out)
    if r.unknown:
        print(f"\nunknown entry IDs in the corpus: {', '.join(sorted(r.unknown))}", file=out)
    if r.wrong:
        print(f"\n{len(r.wrong)} sentences not as labelled:", file=out)
        for w in r.wrong:
            print("  " + w, file=out)


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from macros.data.load import load_guide

    corpus = read_corpus(Path(argv[0]) if argv else CORPUS)
    guide = load_guide(ROOT / "standards")
    r = evaluate(python_finder(guide), corpus, {e.id for e in guide.language})
    print_report(r)
    return 0 if r.overall.precision >= 0.95 and r.overall.recall >= 0.95 and not r.unknown else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
