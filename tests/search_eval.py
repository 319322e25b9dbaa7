"""How well the site's search answers what people type: `make search-eval`.

Runs every query of tests/search/queries.yml through a built site's search in Chromium and
prints hit@1, hit@3 and the mean reciprocal rank (MRR), overall and by kind of query.

- ``--engine site`` (default): the site's own search box (overrides/partials/search.html),
  opened from the header and typed into key by key as a person types, the results read from
  the list it shows, in order. It is Pagefind's index ranked by search/query.js.
- ``--engine pagefind``: the same queries through Pagefind's own JavaScript API on the same
  index, as Pagefind ranks them: what query.js adds, measured.

Material's lunr search, which the site used before (issue 16), scored 0.47 / 0.61 / 0.55 on
the first 123 queries (hit@1 / hit@3 / MRR); it is gone from the site, so it is not here.

A query's rank is the position of the first page that answers it among the first ten pages
listed; hit@k counts the queries answered within the first k; MRR averages 1/rank (0 when no
page of the first ten answers). Usage::

    python tests/search_eval.py [--site site] [--engine site|pagefind] [--json FILE] [--show N]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import re
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
QUERIES = HERE / "search" / "queries.yml"
KINDS = ("keyword", "question", "parent", "abbreviation", "misspelling", "form")
from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (the flags the closed network here needs)
TOP = 10


@dataclass(frozen=True)
class Query:
    text: str
    kind: str
    answers: tuple[str, ...]  # site paths of the pages that answer it, e.g. "briefings/meetings/"


def load_queries(path: Path = QUERIES) -> list[Query]:
    out = []
    for n, item in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")), start=1):
        q = Query(item["q"], item["kind"], tuple(item["answers"]))
        if q.kind not in KINDS or not q.answers or not q.text.strip():
            raise SystemExit(f"{path}: query {n} ({q.text!r}): a kind of {', '.join(KINDS)} and at least one answer")
        out.append(q)
    return out


def page_path(href: str, base: str) -> str:
    """A result link as a site path without its anchor: 'http://h/briefings/meetings/#x' -> 'briefings/meetings/'."""
    path = href.split("#", 1)[0].split("?", 1)[0]
    if path.startswith(base):
        path = path[len(base) :]
    path = re.sub(r"^(\./|/)+", "", path)
    return "" if path in ("", ".", "index.html") else path.removesuffix("index.html")


def rank(found: list[str], answers: tuple[str, ...]) -> int | None:
    pages: list[str] = []
    for p in found:
        if p not in pages:
            pages.append(p)
    for i, p in enumerate(pages[:TOP], start=1):
        if p in answers:
            return i
    return None


def scores(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks) or 1
    return {
        "queries": len(ranks),
        "hit@1": round(sum(1 for r in ranks if r == 1) / n, 3),
        "hit@3": round(sum(1 for r in ranks if r and r <= 3) / n, 3),
        "mrr": round(sum(1 / r for r in ranks if r) / n, 3),
    }


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # noqa: D102
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def site_results(page, base: str, queries: list[Query]) -> list[list[str]]:
    """Each query typed into the site's search box, the pages it lists, in order."""
    from playwright.sync_api import expect

    page.goto(base)
    page.locator("[data-pg-search-open]").click()
    box = page.locator("#pg-search-q")
    status = page.locator("#pg-search-status")
    links = page.locator("#pg-search-results a")
    out = []
    for q in queries:
        box.fill("")
        expect(status).to_have_text("", timeout=5000)
        box.press_sequentially(q.text)
        expect(status).to_contain_text(f"for “{q.text.strip()}”", timeout=10000)
        out.append([page_path(h, base) for h in links.evaluate_all("els => els.map(e => e.href)")])
    return out


EVAL_PAGE = """<!doctype html><meta charset="utf-8"><title>search evaluation</title>
<script type="module">
window.pagefind = await import("./pagefind/pagefind.js"); await window.pagefind.init();
window.ready = true;
</script>"""


def pagefind_results(page, base: str, queries: list[Query]) -> list[list[str]]:
    """Each query through Pagefind's API, as Pagefind ranks the pages (a page of this tool's own,
    served beside the site, with none of the site's scripts)."""
    page.goto(base + EVAL_NAME)
    page.wait_for_function("window.ready === true", timeout=30000)
    out = []
    for q in queries:
        urls = page.evaluate(
            """async (q) => {
                 const d = await Promise.all((await window.pagefind.search(q)).results.slice(0, %d).map((x) => x.data()));
                 return d.map((x) => new URL(x.meta.url ? "/" + x.meta.url : x.url, location.href).href); }"""
            % TOP,
            q.text,
        )
        out.append([page_path(u, base) for u in urls])
    return out


EVAL_NAME = "__search_eval.html"


def evaluate(site: Path, engine: str = "site", queries: list[Query] | None = None, browser=None) -> dict:
    """Every query through ``engine`` on the built ``site`` (its own Pagefind index): the scores and
    each query's rank. ``browser``: a Playwright Chromium to use (the tests pass theirs); else one is started."""
    queries = queries if queries is not None else load_queries()
    if not (site / "pagefind" / "pagefind.js").is_file():
        raise SystemExit(f"{site} has no search index (pagefind/): build it with make site")
    extra = site / EVAL_NAME
    if engine == "pagefind":
        extra.write_text(EVAL_PAGE, encoding="utf-8")
    server, base = serve(site)
    try:
        if browser is not None:
            found, seconds = _run(browser, engine, base, queries)
        else:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as p:
                started = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    found, seconds = _run(started, engine, base, queries)
                finally:
                    started.close()
    finally:
        server.shutdown()
        server.server_close()
        extra.unlink(missing_ok=True)
    rows = [{"q": q.text, "kind": q.kind, "answers": list(q.answers), "rank": rank(f, q.answers), "found": f[:5]} for q, f in zip(queries, found)]
    result = {"engine": engine, "overall": scores([r["rank"] for r in rows]), "seconds": round(seconds, 1), "queries": rows}
    result["by_kind"] = {k: scores([r["rank"] for r in rows if r["kind"] == k]) for k in KINDS if any(r["kind"] == k for r in rows)}
    return result


def _run(browser, engine: str, base: str, queries: list[Query]) -> tuple[list[list[str]], float]:
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        started = time.perf_counter()
        found = site_results(page, base, queries) if engine == "site" else pagefind_results(page, base, queries)
        return found, time.perf_counter() - started
    finally:
        context.close()


def report(result: dict, show: int = 0) -> str:
    lines = [f"search: {result['engine']}, {result['overall']['queries']} queries in {result['seconds']} s", ""]
    lines.append(f"{'':14}{'queries':>8}{'hit@1':>8}{'hit@3':>8}{'MRR':>8}")
    for name, s in [("overall", result["overall"]), *result["by_kind"].items()]:
        lines.append(f"{name:14}{s['queries']:>8}{s['hit@1']:>8.2f}{s['hit@3']:>8.2f}{s['mrr']:>8.2f}")
    missed = [r for r in result["queries"] if not r["rank"] or r["rank"] > 3]
    if show and missed:
        lines += ["", f"not in the first three ({len(missed)}):"]
        for r in missed[:show]:
            lines.append(f"  [{r['kind']}] {r['q']!r}: rank {r['rank'] or '-'}; wanted {', '.join(r['answers'])}; got {', '.join(r['found'][:3]) or 'nothing'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", default=str(ROOT / "site"), help="the built site (default: site/)")
    parser.add_argument("--engine", choices=("site", "pagefind"), default="site")
    parser.add_argument("--json", help="write every query's rank and results here")
    parser.add_argument("--show", type=int, default=200, help="list at most N queries not answered in the first three")
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / "index.html").is_file():
        raise SystemExit(f"no built site in {site}: run make site")
    result = evaluate(site, args.engine)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(report(result, args.show))
    return 0


if __name__ == "__main__":
    sys.exit(main())
