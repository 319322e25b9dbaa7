"""Material's markup that the HTML standard does not allow, put right in every page.

The W3C Nu HTML checker (tests/test_html_valid.py) finds two things in Material 9.8's
templates, on every page, that overrides/ cannot reach through a block:
- ``tabindex=""`` on the labels of navigation sections (nav-item.html writes it when a section
  has no index page). An empty tabindex is not a number, so browsers ignore it already:
  removing it changes nothing but the validity.
- ``autocomplete="off"`` on the checkboxes that open the menu and the search (base.html). The
  attribute is allowed only on text-like inputs. Chromium and Safari ignore it there; Firefox
  reads it as "do not restore this box on reload", so in Firefox a menu left open when the page is
  reloaded may open again (the reader closes it as usual).
Nothing here runs for the guide's own markup, which is valid as written.
"""

from __future__ import annotations

import re

_EMPTY_TABINDEX = re.compile(r'(<label\b[^<>]*?) tabindex=""')
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^<>]*?) autocomplete="off"')


def conform(html: str) -> str:
    """The page with Material's two invalid attributes taken out."""
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1", _EMPTY_TABINDEX.sub(r"\1", html))
