"""Content-level tests: the default content is complete and true to its sources.

The benchmark covers every level and theme, every standard is fully written and rests on a
finding, every finding, quote, key learning point and principle is used, and the guidance
records match the five source documents in ``../shared/sources`` word for word where they
claim to quote them. The briefing papers are checked in the built site.
"""

from __future__ import annotations

import os

import posixpath
import re
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.data.load import load_guide

ROOT = Path(__file__).resolve().parent.parent
# `make verify-sources SOURCES=DIR` sets PG_SOURCES; the default is the shared folder beside the clone
SOURCES_DIR = Path(os.environ.get("PG_SOURCES") or ROOT.parent / "shared" / "sources").resolve()

# Which source text file each document record was written from. A review cited in a
# document (``cited_in``) is quoted from the document that cites it.
SOURCE_FILES = {
    "SRC-MISSING-PIECE": "000_",
    "SRC-CULTURE-CHANGE": "001_",
    "SRC-WE-MUST-LISTEN": "002_",
    "SRC-ROUNDTABLE-2018": "003_",
    "SRC-PIES-UPDATE": "004_",
}
REVIEWS = {"SRC-JACOB-REVIEW", "SRC-VULNERABLE-ADOLESCENTS", "SRC-HARD-TO-ESCAPE"}
NO_NAMED_SPEAKER = "Quoted without a named speaker"

BRIEFINGS = ("sharing-information", "working-alongside-parents", "meetings", "recovery-and-return-home")
MIN_WORDS, MAX_WORDS = 800, 1500


# --- helpers ---------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Compare texts as words: curly quotes and dashes made plain, white space collapsed."""
    text = unicodedata.normalize("NFKC", text)
    for curly, plain in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2013", "-"), ("\u2014", "-")):
        text = text.replace(curly, plain)
    return " ".join(text.split())


def source_texts() -> dict[str, str]:
    if not SOURCES_DIR.is_dir():
        pytest.fail(
            f"The source documents are missing: expected them in {SOURCES_DIR} "
            "(the 'shared' folder beside the clone, or make verify-sources SOURCES=DIR). These tests compare quotes against them."
        )
    texts = {}
    for source_id, prefix in SOURCE_FILES.items():
        matches = sorted(SOURCES_DIR.glob(f"{prefix}*.txt"))
        if len(matches) != 1:
            pytest.fail(f"expected one source file {prefix}*.txt in {SOURCES_DIR} for {source_id}, found {len(matches)}")
        texts[source_id] = normalise(matches[0].read_text(encoding="utf-8"))
    return texts


def text_of(source, texts: dict[str, str]) -> str:
    """The normalised text a record of ``source`` was written from."""
    sid = source.id if source.id in texts else (source.cited_in.id if source.cited_in else source.id)
    assert sid in texts, f"{source.id} has no source text file and is not cited in one"
    return texts[sid]


def coverage_gaps(guide, minimum: int = 2) -> list[str]:
    return [
        f"{level.id} x {theme.id}: {len(guide.standards_for(level, theme))}"
        for level in guide.levels
        for theme in guide.themes
        if len(guide.standards_for(level, theme)) < minimum
    ]


def article(site_dir: Path, page: str) -> BeautifulSoup:
    html = (site_dir / page / "index.html").read_text(encoding="utf-8")
    art = BeautifulSoup(html, "html.parser").select_one("article.md-content__inner")
    assert art is not None, f"{page}: no article element"
    for a in art.select("a.headerlink"):
        a.decompose()
    return art


def word_count(element) -> int:
    return len(element.get_text(" ").split())


@pytest.fixture(scope="module")
def texts():
    return source_texts()


# --- the benchmark ---------------------------------------------------------------------


def test_every_level_and_theme_has_at_least_two_standards(guide):
    assert len(guide.levels) == 3 and len(guide.themes) == 6
    assert coverage_gaps(guide) == []
    assert len(guide.standards) >= 36


def test_coverage_check_reports_gaps_in_a_thin_data_set(root):
    """Negative control: the small fixture has empty cells, and the check names them."""
    thin = load_guide(root / "tests" / "fixtures" / "minimal" / "standards", root)
    gaps = coverage_gaps(thin)
    assert gaps, "the minimal fixture should have level x theme cells with fewer than two standards"
    assert all(" x " in g for g in gaps)


def test_every_standard_is_fully_written(guide):
    problems = []
    for s in guide.standards:
        if len(s.indicators) < 3:
            problems.append(f"{s.id}: {len(s.indicators)} indicators")
        if len(s.evidence_prompts) < 2:
            problems.append(f"{s.id}: {len(s.evidence_prompts)} evidence prompts")
        if not s.findings:
            problems.append(f"{s.id}: cites no finding")
        if not s.plain_english.strip():
            problems.append(f"{s.id}: no plain English")
        if len(s.statement.split()) < 15:
            problems.append(f"{s.id}: statement too short to be clear")
    assert problems == []


def test_standards_cover_the_topics_the_sources_raise(guide):
    """Each topic named in the issue is the subject of at least one standard."""
    topics = {
        "extra-familial harm": r"outside the home|extra-familial",
        "sexual exploitation": r"\bCSE\b|sexual exploitation",
        "criminal exploitation": r"\bCCE\b|county lines|criminal exploitation",
        "radicalisation": r"radicalisation",
        "transition at 16-18 and beyond 18": r"16 (and|to) 1[78]|turn(s|ing)? 18",
        "children in care": r"children in care|child in care",
        "intelligence for disruption and prosecution": r"intelligence",
        "court attendance": r"\bcourt\b",
        "re-engaging when trust broke down": r"trust has broken down|trust .* broken down",
        "honesty about what services offer": r"can and cannot",
        "parent liaison and advocacy": r"parent liaison",
        "recovery": r"recovery",
    }
    corpus = {
        s.id: " ".join((s.title, s.statement, *s.indicators, *s.evidence_prompts, s.plain_english, *s.keywords))
        for s in guide.standards
    }
    missing = [t for t, pattern in topics.items() if not any(re.search(pattern, c, re.I) for c in corpus.values())]
    assert missing == []


# --- every record is used --------------------------------------------------------------


def test_every_finding_is_cited(guide):
    """By a standard, or (guidance on language) its source by a language-guide entry."""
    language_sources = {e.source.id for e in guide.language}
    assert [f.id for f in guide.findings if not f.cited_by and f.source.id not in language_sources] == []


def test_every_quote_is_used_by_a_standard(guide):
    assert guide.quotes
    assert [q.id for q in guide.quotes if not q.standards] == []


def test_every_key_learning_point_and_principle_is_linked(guide):
    assert [k.id for k in guide.key_learning if not k.standards] == []
    assert [p.id for p in guide.principles if not p.standards] == []
    assert [o.id for o in guide.outcomes if not o.standards] == []


# --- true to the sources ---------------------------------------------------------------


def test_all_documents_and_reviews_are_in_the_evidence(guide):
    ids = {s.id for s in guide.sources}
    assert set(SOURCE_FILES) | REVIEWS <= ids
    for s in guide.sources:
        assert s.findings, f"{s.id} has no key findings"
    for rid in REVIEWS:
        assert guide.by_id[rid].cited_in is not None, f"{rid} should say which document cites it"


@pytest.mark.sources
def test_six_key_learning_points_are_the_sources_words(guide, texts):
    listed = re.search(r"key learning from parents was: (.*?) The aim", texts["SRC-MISSING-PIECE"])
    assert listed, "the key learning list was not found in the article"
    bullets = [normalise(b) for b in listed.group(1).split("\u2022") if b.strip()]
    assert len(bullets) == 6
    points = [normalise(k.point) for k in guide.key_learning]
    assert len(points) == 6
    assert sorted(points) == sorted(bullets)
    assert all(len(k.explanation.split()) >= 20 for k in guide.key_learning)


@pytest.mark.sources
def test_seven_outcomes_are_the_models_outcomes(guide, texts):
    listed = re.search(r"Through this approach: (.*?) Today, we work", texts["SRC-WE-MUST-LISTEN"])
    assert listed, "the list of outcomes was not found in the statement"
    bullets = [normalise(b).rstrip(".").lower() for b in listed.group(1).split("\u2022") if b.strip()]
    assert len(bullets) == 7
    titles = [normalise(o.title).rstrip(".").lower() for o in guide.outcomes]
    assert sorted(titles) == sorted(bullets)


@pytest.mark.sources
def test_every_npies_recommendation_is_a_principle(guide, texts):
    expected = [
        "value parents as critical safeguarding partners",
        "transparent and honest about what you can and can not offer",
        "advocacy opportunities for families",
        "relational working is key",
        "doesn't blame families",
        "strength based whole family model",
        "reengage with families where trust is broken down",
        "families are traumatized by what is happening to their child",
    ]
    titles = [normalise(p.title).lower() for p in guide.principles]
    assert len(titles) == len(expected)
    for phrase in expected:
        assert any(phrase in t for t in titles), f"no principle for the NPIES recommendation '{phrase}'"
    for p in guide.principles:
        assert normalise(p.title).lower() in texts["SRC-CULTURE-CHANGE"].lower(), f"{p.id} is not worded as the source"


@pytest.mark.sources
def test_quotes_are_verbatim_with_the_sources_attribution(guide, texts):
    problems = []
    for q in guide.quotes:
        text = text_of(q.source, texts)
        if normalise(q.text) not in text:
            problems.append(f"{q.id}: text not found verbatim in the source")
        if q.attribution == NO_NAMED_SPEAKER:
            if "does not name" not in q.provenance:
                problems.append(f"{q.id}: an unnamed quote must say in its provenance that the source names no one")
        elif normalise(q.attribution) not in text:
            problems.append(f"{q.id}: attribution {q.attribution!r} is not as the source gives it")
    assert problems == []


def test_the_east_riding_quotes_keep_the_sources_wording(guide):
    """The parent's own wording stays, including "It is has been"."""
    texts_ = [q.text for q in guide.quotes if q.attribution == "Anon East Riding 2020"]
    assert len(texts_) == 2
    assert any("It is has been the most terrifying experience of my life." in t for t in texts_)


@pytest.mark.sources
def test_quoted_findings_are_verbatim(guide, texts):
    quoted = [f for f in guide.findings if f.quoted]
    assert quoted
    assert [f.id for f in quoted if normalise(f.text) not in text_of(f.source, texts)] == []


@pytest.mark.sources
def test_verbatim_check_rejects_a_paraphrase(guide, texts):
    """Negative control: changing one word of a real quote makes it fail the comparison."""
    q = guide.quote("Q-EAST-RIDING-VOICE-BACK")
    assert normalise(q.text) in text_of(q.source, texts)
    altered = q.text.replace("got my voice back", "found my voice again")
    assert altered != q.text
    assert normalise(altered) not in text_of(q.source, texts)
    # and the normaliser only evens out typography, not words
    assert normalise("parent\u2019s \u201cwords\u201d\n  here") == "parent's \"words\" here"


@pytest.mark.sources
def test_professionals_words_are_not_parent_voice(guide, texts):
    """The 'be mindful of language' examples are professionals' words: never in quotes.yml."""
    block = re.search(r"Be Mindful of Language (.*?) National Parents", texts["SRC-CULTURE-CHANGE"])
    assert block
    examples = re.findall(r'"([^"]+)"', block.group(1))
    assert len(examples) >= 5
    for q in guide.quotes:
        for ex in examples:
            assert normalise(ex) not in normalise(q.text), f"{q.id} quotes a professional's words: {ex!r}"


# --- briefing papers and the parents' page in the built site ----------------------------


@pytest.mark.parametrize("name", BRIEFINGS)
def test_briefing_paper_length_quotes_and_standards(site_dir, guide, name):
    page = f"briefings/{name}"
    art = article(site_dir, page)
    words = word_count(art)
    assert MIN_WORDS <= words <= MAX_WORDS, f"{page}: {words} words"
    headings = [h.get_text(" ", strip=True).lower() for h in art.select("h2")]
    for section in ("what to do", "what to avoid", "questions to ask", "standards this paper supports"):
        assert section in headings, f"{page}: no '{section}' section"
    quotes = art.select("figure.pg-quote blockquote")
    assert quotes, f"{page}: no quotation from parent voice"
    quote_texts = {normalise(q.text) for q in guide.quotes}
    assert all(normalise(b.get_text(" ")) in quote_texts for b in quotes)
    links = art.select("ul.pg-standard-links a[href]")
    assert links, f"{page}: no list of standards"
    for a in links:
        target = posixpath.normpath(posixpath.join(page + "/", a["href"]))
        assert (site_dir / target / "index.html").is_file(), f"{page}: {a['href']} does not lead to a page"
        sid = target.rsplit("/", 1)[-1]
        assert sid in {s.id for s in guide.standards}, f"{page}: {a['href']} is not a standard"
        assert sid in a.get_text(), f"{page}: link text does not name {sid}"
    soup = BeautifulSoup((site_dir / page / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.title and "Briefing paper" in soup.title.get_text()
    description = soup.find("meta", attrs={"name": "description"})
    assert description and description["content"] != guide_site_description(), f"{page}: no description of its own"


def guide_site_description() -> str:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    m = re.search(r"site_description: >-\n((?:  .*\n)+)", text)
    return " ".join(m.group(1).split()) if m else ""


def test_word_count_counts_only_the_article(tmp_path):
    """Negative control for the counter: navigation and header links are not counted."""
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "index.html").write_text(
        '<nav>one two three</nav><article class="md-content__inner md-typeset">'
        '<h1>Four words in heading<a class="headerlink" href="#x">¶</a></h1><p>and five more words here now</p></article>',
        encoding="utf-8",
    )
    assert word_count(article(tmp_path, "p")) == 10


def test_home_page_routes_to_briefings_and_parents_page(site_dir):
    art = article(site_dir, ".")
    hrefs = {posixpath.normpath(a["href"]) for a in art.select("a[href]")}
    for target in ("for-parents", "briefings", *(f"briefings/{b}" for b in BRIEFINGS)):
        assert target in hrefs, f"home page does not link to {target}/"
        assert (site_dir / target / "index.html").is_file()


def test_parents_page_is_plain_and_explains_taking_part(site_dir, guide):
    art = article(site_dir, "for-parents")
    text = normalise(art.get_text(" "))
    for heading in ("What this guide is", "What you can expect from services", "How you can help your local partnership"):
        assert heading in text
    assert f"{len(guide.standards)} standards" in text
    # plain English: short sentences on average
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s.split()]
    assert sum(len(s.split()) for s in sentences) / len(sentences) < 22
