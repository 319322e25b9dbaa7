"""Command line.

``python -m macros check`` validates the data and runs the language checker over docs/ and
standards/, without building. ``python -m macros lint FILE...`` runs the language checker
over any .txt, .md or .docx file: exit 0 when clean, 1 when anything is found, 2 when a file
cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .data import editor_schema, support
from .data import translations as tr
from .language import checker as lint
from .data.load import GuideError, check_pages, check_translations, load_guide
from .data.problems import on_github


def _load(args: argparse.Namespace):
    """The guide under --root, or None after printing every problem in its data."""
    root = Path(args.root).resolve()
    try:
        return load_guide(root / args.standards, root)
    except GuideError as err:
        print(err.report(), file=sys.stderr)
        return None


def _check(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    guide = _load(args)
    if guide is None:
        return 1
    docs = root / args.docs
    pages = None
    if docs.is_dir():
        pages, problems = check_pages(root / args.standards, root, docs)
        if problems:
            print(GuideError(problems).report(), file=sys.stderr)
            return 1
    findings = lint.lint_project(guide, root, docs, root / args.standards) if docs.is_dir() else []
    stale = support.stale(guide)
    for message in stale:
        print(f"warning: {message}", file=sys.stderr)
    for finding in findings:
        print(finding, file=sys.stderr)
    if on_github():
        for finding in findings:
            print(finding.github(), file=sys.stderr)
    if stale and not findings:
        print("The help for parents needs checking (above): the build fails until it is", file=sys.stderr)
        return 1
    if findings:
        n = len(findings)
        print(f"{n} language finding{'s' if n != 1 else ''}: reword, or mark a quotation on purpose (see 'Quoting a phrase on purpose' in CONTRIBUTING.md)", file=sys.stderr)
        return 1
    counts = f"{len(guide.standards)} standards, {len(guide.quotes)} quotes, {len(guide.language)} language entries, {len(guide.findings)} findings"
    print(f"OK: {counts} (data version {guide.meta.version}, {guide.meta.date}); language check clean")
    for lang in tr.LANGUAGES:
        print("\n".join(tr.report(tr.status(guide, lang, pages))))
    return 0


def _translations(args: argparse.Namespace) -> int:
    """What a translator needs: the status, every field missing or out of date, and the fingerprints written."""
    root = Path(args.root).resolve()
    standards = root / args.standards
    docs = root / args.docs
    try:
        english = load_guide(standards, root, translations=False)
    except GuideError as err:
        print(err.report(), file=sys.stderr)
        print("Fix the English data first: the translations are checked against it.", file=sys.stderr)
        return 1
    if args.update_fingerprints is not None:
        overlay, _ = check_translations(standards, root, english)
        wanted = set(args.update_fingerprints)

        def refresh(lang: str, record_id: str, name: str) -> bool:
            return record_id in wanted or f"{record_id}.{name}" in wanted

        try:
            done = tr.update_fingerprints(overlay, lambda rid: (None, lambda n: getattr(english.by_id[rid], n)), refresh)
        except ValueError as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
        if docs.is_dir():
            done += tr.update_page_fingerprints(check_pages(standards, root, docs)[0], lambda lang, page: page in wanted)
        for path, line, what in done:
            print(f"{path.relative_to(root).as_posix() if path.is_relative_to(root) else path}:{line}: {what}")
        print(f"{len(done)} fingerprint{'s' if len(done) != 1 else ''} written")
    try:
        guide = load_guide(standards, root)
    except GuideError as err:
        print(err.report(), file=sys.stderr)
        return 1
    pages = None
    if docs.is_dir():
        pages, problems = check_pages(standards, root, docs)
        if problems:
            print(GuideError(problems).report(), file=sys.stderr)
            return 1
    for lang in tr.LANGUAGES:
        print("\n".join(tr.report(tr.status(guide, lang, pages), details=not args.summary)))
    return 0


def _expand(names: list[str]) -> list[str]:
    """Files as given; a folder stands for every .txt, .md and .docx file inside it."""
    out = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            out.extend(str(p) for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in lint.SUFFIXES)
        else:
            out.append(name)
    return out


def _lint(args: argparse.Namespace) -> int:
    guide = _load(args)
    if guide is None:
        return 2
    matcher = lint.Matcher.from_guide(guide)
    found = unreadable = 0
    for name in _expand(args.files):
        try:
            findings = lint.lint_file(Path(name), matcher, name)
        except lint.Unreadable as err:
            print(f"error: {err}", file=sys.stderr)
            unreadable += 1
            continue
        for finding in findings:
            print(finding)
        found += len(findings)
    if unreadable:
        return 2
    if found:
        print(f"{found} phrase{'s' if found != 1 else ''} found; see the language guide for why and what to say instead", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description="Parents as Safeguarding Partners practice guide tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate standards/ and list every problem")
    check.add_argument("--root", default=".", help="project folder (default: current folder)")
    check.add_argument("--standards", default="standards", help="data folder, relative to --root")
    check.add_argument("--docs", default="docs", help="pages folder to language-check, relative to --root")
    check.set_defaults(func=_check)
    lint_cmd = sub.add_parser(
        "lint",
        help="check .txt, .md or .docx files for phrases that blame parents",
        description="Exit 0 when clean, 1 when a phrase is found, 2 when a file cannot be read.",
    )
    lint_cmd.add_argument("files", nargs="+", metavar="FILE", help="a .txt, .md or .docx file, or a folder of them")
    lint_cmd.add_argument("--root", default=".", help="project folder (default: current folder)")
    lint_cmd.add_argument("--standards", default="standards", help="data folder, relative to --root")
    lint_cmd.set_defaults(func=_lint)
    trans = sub.add_parser(
        "translations",
        help="the translations' status: every field missing or out of date; fill in fingerprints",
        description="Lists every translatable field that is missing or out of date in each language. Exit 1 when the data or a translation has a problem.",
    )
    trans.add_argument("--root", default=".", help="project folder (default: current folder)")
    trans.add_argument("--standards", default="standards", help="data folder, relative to --root")
    trans.add_argument("--docs", default="docs", help="pages folder, relative to --root (its pages' translations are in standards/cy/pages/)")
    trans.add_argument("--summary", action="store_true", help="only the counts and what is out of date, not every missing field")
    trans.add_argument(
        "--update-fingerprints",
        nargs="*",
        metavar="ID",
        help="write the fingerprint of the English into each translation that has none; with IDs (STR-LISTEN-01, or "
        "STR-LISTEN-01.title for one field, or a page such as briefings/meetings.md), also into those translations that are "
        "out of date because you have updated them",
    )
    trans.set_defaults(func=_translations)
    editor_schema.add_command(sub)  # python -m macros schema: JSON Schema for editors
    args = parser.parse_args(argv)
    return args.func(args)
