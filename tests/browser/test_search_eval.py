"""The search evaluation (tests/search_eval.py, `make search-eval`) measures what it says.

Its figures decide which search engine the guide uses, so the harness itself is tested here on a
few queries whose answers are known: a query that a page's title holds is answered first, one
that no page holds is answered by none, and the scores are worked out from those ranks. Then the
site's search is held to its bar on the whole set.
"""

from __future__ import annotations

import pytest

from search_eval import KINDS, Query, load_queries, page_path, rank, scores

pytestmark = pytest.mark.browser


def test_the_query_set_is_labelled_and_every_answer_is_a_page_of_the_site(site_dir):
    queries = load_queries()
    assert len(queries) >= 100
    assert {q.kind for q in queries} == set(KINDS)
    assert len({q.text.casefold() for q in queries}) == len(queries), "a query is listed twice"
    # a page (its folder's index.html) or a download (a file): search lists both
    missing = [(q.text, a) for q in queries for a in q.answers if not ((site_dir / a / "index.html").is_file() or (a.startswith("downloads/") and (site_dir / a).is_file()))]
    assert not missing, f"answers that are neither pages nor downloads of the site: {missing}"


def test_ranks_and_scores_are_counted_as_documented():
    assert page_path("http://127.0.0.1:9/briefings/meetings/#why-it-matters", "http://127.0.0.1:9/") == "briefings/meetings/"
    assert page_path("http://127.0.0.1:9/", "http://127.0.0.1:9/") == ""
    # a page listed twice (two of its sections) counts once
    assert rank(["a/", "a/", "b/", "c/"], ("c/",)) == 3
    assert rank(["a/"] + [f"x{i}/" for i in range(12)] + ["c/"], ("c/",)) is None  # beyond the first ten
    assert scores([1, 3, None, 2]) == {"queries": 4, "hit@1": 0.25, "hit@3": 0.75, "mrr": round((1 + 1 / 3 + 1 / 2) / 4, 3)}


@pytest.mark.parametrize("engine", ["site", "pagefind"])
def test_each_engine_is_measured_on_the_built_site(engine, site_dir, browser):
    from search_eval import evaluate

    queries = [
        Query("Staying safe while you read", "keyword", ("staying-safe/",)),
        Query("zqxwvj", "keyword", ("about/",)),  # in no page: no answer
    ]
    result = evaluate(site_dir, engine, queries, browser=browser)
    ranks = [r["rank"] for r in result["queries"]]
    # the page is among the first ten (where, is what is measured)
    assert ranks[0] is not None, result["queries"][0]
    if ranks[0] <= 5:
        assert result["queries"][0]["found"][ranks[0] - 1] == "staying-safe/"
    if engine == "site":  # its title is the query: the site's search puts it first
        assert ranks[0] == 1
    assert ranks[1] is None and result["queries"][1]["found"] == []
    assert result["overall"]["queries"] == 2 and result["overall"]["mrr"] == round(1 / ranks[0] / 2, 3)


def test_the_site_search_answers_the_query_set(site_dir, browser):
    """Issue 16's bar, on every query of tests/search/queries.yml typed into the real box: the page
    that answers it first for 70 in 100 queries, in the first three for 90 in 100."""
    from search_eval import evaluate, report

    result = evaluate(site_dir, "site", browser=browser)
    overall = result["overall"]
    assert overall["hit@3"] >= 0.90 and overall["hit@1"] >= 0.70, report(result, show=40)
