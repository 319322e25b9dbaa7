"""The practice guide's Python package.

``define_env`` is the mkdocs-macros entry point: it only wires named macros to the
model that the ``practice-guide`` plugin loaded, and to the fragment templates.
Everything else lives in modules that never import MkDocs: ``data`` (reading, validation,
the model), ``language``, ``web`` (routes, pages, fragments, CSP), ``downloads`` and ``cli``.
"""

from __future__ import annotations

from .data import changes, translations
from .data.dates import long_date
from .data.load import check_pages
from .downloads import registry

PLUGIN = "practice-guide"


def define_env(env) -> None:
    plugin = env.conf.plugins.get(PLUGIN)
    if plugin is None:
        raise RuntimeError(f"mkdocs.yml must list the '{PLUGIN}' plugin before 'macros'")
    guide, fragments = plugin.build.guide, plugin.build.fragments
    root = plugin.build.root
    standards = root / plugin.config.standards_dir

    def render(template: str, macro: str, **data):
        return fragments.render(template, macro, env.page.url, **data)

    macros = {
        "standard_page": lambda standard_id: render(
            "standard.html", "standard_page", standard=guide.standard(standard_id), checklist=registry.checklist(guide, guide.standard(standard_id).level)
        ),
        "level_page": lambda level_id: render(
            "benchmark.html", "level_page", level=guide.level(level_id), guide=guide, checklist=registry.checklist(guide, guide.level(level_id))
        ),
        "benchmark_overview": lambda: render("benchmark.html", "benchmark_overview", guide=guide),
        "standard_links": lambda ids: render("standard.html", "standard_links", standards=[guide.standard(i) for i in ids]),
        "quote": lambda quote_id: render("voice.html", "quote_block", quote=guide.quote(quote_id), anchor=False),
        "parent_voice": lambda: render("voice.html", "parent_voice", guide=guide),
        "finding": lambda finding_id: render("guidance.html", "finding_block", finding=guide.finding(finding_id)),
        "key_learning": lambda: render("guidance.html", "key_learning_list", guide=guide),
        "language_guide": lambda: render("guidance.html", "language_guide", guide=guide),
        "evidence": lambda: render("guidance.html", "evidence", guide=guide),
        "principles_and_outcomes": lambda: render("guidance.html", "principles_and_outcomes", guide=guide),
        "support_organisations": lambda: render("guidance.html", "support_organisations", guide=guide),
        "changes": lambda: render("changes.html", "changes_page", meta=guide.meta, history=changes.history(guide)),
        # a placeholder the plugin fills in once every download is made (plugin.on_env)
        "downloads_list": plugin.downloads_list,
        # "Red, Amber, Green or Not applicable", from standards/ratings.yml, for prose pages
        "rating_words": lambda last="or": render("ratings.html", "rating_words", ratings=guide.given_ratings, last=last),
        "retired_page": lambda standard_id: render("changes.html", "retired_page", retired=changes.retired_standard(guide, standard_id)),
        # how much of the guide is in Welsh (standards/cy/), per kind of record
        "translation_status": lambda lang="cy": render(
            "translations.html", "translation_status", status=translations.status(guide, lang, check_pages(standards, root, env.conf["docs_dir"])[0])
        ),
    }
    for name, fn in macros.items():
        env.macro(fn, name)
    env.filter(long_date)  # {{ guide_meta.date | long_date }}: 22 November 2026
    env.variables["guide_meta"] = guide.meta
    env.variables["standard_count"] = len(guide.standards)


def on_pre_page_macros(env) -> None:
    """mkdocs-macros hook, before it renders a page's text as a template.

    A page generated for a record (``pages.py``) is a single macro call: make that call here
    and tell mkdocs-macros to leave the page as it is, instead of having it compile the page's
    text as a template first. On thousands of standard pages that compiling was most of the
    time the build spent per page above plain MkDocs Material (``make bench``).
    """
    call = env.conf.plugins[PLUGIN].build.generated_calls.get(env.page.file.src_uri)
    if call is not None:
        name, record_id = call
        env.markdown = str(env.macros[name](record_id))
        env.page.meta["render_macros"] = False
