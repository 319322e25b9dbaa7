"""The Content-Security-Policy: the built pages carry it, the site satisfies it, and it bites.

- ``macros/csp.py`` unit tests (which scripts are hashed, and how), no browser.
- Built HTML: every page has the policy before any script or stylesheet, its script-src lists
  exactly the hashes of that page's inline scripts, and it never allows 'unsafe-inline'.
- Chromium (``browser`` mark): every page loads with no policy violation, and an inline
  script injected into a page is blocked (the negative control that shows the policy is live).
"""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from bs4 import BeautifulSoup

from pages import page_urls, search, wait_until

from macros.web.csp import PolicyMissing, ThemeScripts, UnknownScript, allow_inline_scripts, inline_scripts, script_hash

# The theme's templates as ThemeScripts reads them: literal scripts, and one with a {{ … }} slot
THEME = ThemeScripts(["<script>one()</script><script>two()</script>", '<script>go(new URL("{{ base_url }}",location))</script>'])


def sha256(body: str) -> str:
    """The hash CSP Level 2 defines, computed here without the module under test."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


META = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; style-src 'self'\">"


def directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def built_pages(site_dir):
    pages = sorted(site_dir.rglob("*.html"))
    assert any(p.name == "404.html" for p in pages)
    return pages


# ---- the module -------------------------------------------------------------------------


def test_script_hash_is_the_csp_level_2_sha256_of_the_exact_text():
    body = 'var a = "é"; \n'
    expected = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
    assert script_hash(body) == f"'sha256-{expected}'"
    assert script_hash(body.strip()) != script_hash(body)  # whitespace counts


def test_only_executable_inline_scripts_are_hashed():
    html = (
        "<script>one()</script>"
        '<script src="x.js"></script>'
        '<script id="__config" type="application/json">{"a": 1}</script>'
        '<script type="module">two()</script>'
        "<SCRIPT type='text/javascript'>three()</SCRIPT>"
    )
    assert inline_scripts(html) == ["one()", "two()", "three()"]


def test_hashes_are_added_to_script_src_only():
    html = f"<head>{META}</head><body><script>one()</script><script>one()</script><script>two()</script></body>"
    out = allow_inline_scripts(html, THEME)
    policy = re.search(r'content="([^"]*)"', out).group(1)
    d = directives(policy)
    assert d["script-src"] == ["'self'", sha256("one()"), sha256("two()")]
    assert d["style-src"] == ["'self'"]
    assert out.replace(policy, "") == html.replace(re.search(r'content="([^"]*)"', html).group(1), "")


def test_a_theme_script_with_a_slot_matches_only_a_url_in_it():
    page = f'<head>{META}</head><script>go(new URL("../..",location))</script>'
    assert sha256('go(new URL("../..",location))') in allow_inline_scripts(page, THEME)
    for breakout in ('go(new URL("x"),alert(1),("",location))', 'go(new URL("a b",location))', 'go(new URL("</script>",location))'):
        with pytest.raises(UnknownScript):
            allow_inline_scripts(f"<head>{META}</head><script>{breakout}</script>", THEME)


def test_a_script_the_theme_did_not_write_fails_with_its_line_and_is_never_hashed():
    page = f"<head>{META}</head>\n<body>\n<script>one()</script>\n<p>x</p><script>alert(1)</script></body>"
    with pytest.raises(UnknownScript) as caught:
        allow_inline_scripts(page, THEME)
    assert caught.value.line == 4 and caught.value.body == "alert(1)"
    assert "alert(1)" in str(caught.value)


def test_theme_scripts_come_from_the_templates_not_the_data_fragments(tmp_path):
    (tmp_path / "partials").mkdir()
    (tmp_path / "fragments").mkdir()
    (tmp_path / "partials" / "a.html").write_text("<script>theme()</script>{% if x %}<script>{% if y %}no(){% endif %}</script>{% endif %}")
    (tmp_path / "fragments" / "b.html").write_text("<script>fragment()</script>")
    scripts = ThemeScripts.from_dirs([tmp_path], exclude=[tmp_path / "fragments"])
    assert scripts.allows("theme()")
    assert not scripts.allows("fragment()") and not scripts.allows("no()")


def test_a_page_without_inline_scripts_is_left_alone():
    html = f"<head>{META}</head><body><script src='a.js'></script></body>"
    assert allow_inline_scripts(html, THEME) == html
    assert allow_inline_scripts("<p>no policy, no script</p>", THEME) == "<p>no policy, no script</p>"


def test_inline_scripts_without_a_policy_fail_the_build():
    with pytest.raises(PolicyMissing):
        allow_inline_scripts("<body><script>one()</script></body>", THEME)
    with pytest.raises(PolicyMissing):
        allow_inline_scripts('<meta http-equiv="Content-Security-Policy" content="default-src \'self\'"><script>one()</script>', THEME)


# ---- the built site ---------------------------------------------------------------------


def test_every_built_page_has_a_policy_that_lists_exactly_its_inline_scripts(site_dir):
    for path in built_pages(site_dir):
        html = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        metas = soup.select('meta[http-equiv="Content-Security-Policy"]')
        assert len(metas) == 1, path
        meta = metas[0]
        # before every script and stylesheet, so it covers them all
        first = soup.head.find(lambda t: t.name in ("script", "style") or (t.name == "link" and "stylesheet" in t.get("rel", [])))
        assert (
            first is None
            or meta.sourceline < first.sourceline
            or (meta.sourceline == first.sourceline and meta.sourcepos < first.sourcepos)
        ), path
        d = directives(meta["content"])
        assert d["default-src"] == ["'self'"], path
        assert d["object-src"] == ["'none'"] and d["base-uri"] == ["'self'"], path
        for name, sources in d.items():
            assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources, (path, name)
            assert not any(
                s.startswith(("http:", "https:")) or s in {"*", "http:", "https:", "data:"} for s in sources if name != "img-src"
            ), (path, name)
        allowed = d["script-src"]
        assert allowed[0] == "'self'"
        # WebAssembly for the search (Pagefind), which is not eval: 'unsafe-eval' stays out
        assert "'wasm-unsafe-eval'" in allowed and "'unsafe-eval'" not in allowed, path
        executable = [s for s in soup.find_all("script") if not s.get("src") and s.get("type", "text/javascript") in ("text/javascript", "module")]
        expected = {sha256(s.string or "") for s in executable}
        assert expected, f"{path}: Material's inline scripts were expected"
        assert set(allowed[1:]) - {"'wasm-unsafe-eval'"} == expected, path


def test_no_page_has_inline_event_handlers_or_javascript_urls(site_dir):
    """Hashes do not cover onclick="..." or javascript: links; the policy would block them."""
    for path in built_pages(site_dir):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for el in soup.find_all(True):
            handlers = [a for a in el.attrs if a.lower().startswith("on")]
            assert not handlers, (path, el.name, handlers)
            assert not str(el.get("href", "")).strip().lower().startswith("javascript:"), (path, el)
        assert not soup.select("[style]"), (path, "inline style attribute")
        assert not soup.find("style"), (path, "inline <style> element")


# ---- in Chromium ------------------------------------------------------------------------

VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
    e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber));
"""


@pytest.mark.browser
def test_every_page_runs_without_a_policy_violation(page, site_dir):
    page.add_init_script(VIOLATIONS)
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type in ("error", "warning") else None)
    urls = page_urls(site_dir)
    assert len(urls) > 10
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("load")
        # Material's bundle ran (it needs its inline helpers): the palette follows the media query
        assert page.evaluate("typeof __md_get === 'function' && !!document.querySelector('[data-md-component=container]')"), url
        # the site's own scripts ran
        assert page.evaluate("document.querySelector('[data-pg-exit-button]') !== null"), url
        violations = page.evaluate("window.__cspViolations")
        assert violations == [], (url, violations)
        csp_console = [c for c in console if "Content Security Policy" in c or "Content-Security-Policy" in c]
        assert csp_console == [], (url, csp_console)
    # the search (Pagefind's script, its WebAssembly and its index) runs under the policy too
    assert search(page, "parents")
    assert page.evaluate("window.__cspViolations") == []
    assert page.foreign_requests == []


@pytest.mark.browser
def test_an_injected_inline_script_is_blocked(page):
    """Negative control: the policy is enforced, so script the build did not hash cannot run."""
    page.add_init_script(VIOLATIONS)
    page.goto("about/")
    page.wait_for_load_state("load")
    page.evaluate(
        """() => {
            const s = document.createElement('script');
            s.textContent = 'window.__injected = true;';
            document.body.appendChild(s);
            const d = document.createElement('div');
            d.setAttribute('onclick', 'window.__handler = true');
            document.body.appendChild(d);
            d.click();
        }"""
    )
    wait_until(page, "window.__cspViolations.length >= 2")
    assert page.evaluate("window.__injected === undefined")
    assert page.evaluate("window.__handler === undefined")
    assert any(v.startswith("script-src") for v in page.evaluate("window.__cspViolations"))
    # and a script from another host is refused by the policy itself
    page.evaluate(
        """() => { const s = document.createElement('script'); s.src = 'https://cdn.example.org/x.js';
                   document.body.appendChild(s); }"""
    )
    wait_until(page, "window.__cspViolations.some(v => v.includes('cdn.example.org'))")
