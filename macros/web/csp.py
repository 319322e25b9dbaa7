"""The Content-Security-Policy's inline-script hashes.

``overrides/main.html`` writes the policy as a ``<meta http-equiv="Content-Security-Policy">``
whose ``script-src`` allows only ``'self'``. Material for MkDocs puts a few small inline
scripts in every page (``__md_scope`` and its storage helpers, the palette restore, the
anchor-to-tab check); one of them contains the page's relative base URL, so they differ
from page to page and cannot be listed by hand. After a page is rendered,
``allow_inline_scripts`` hashes every executable inline script of that page (SHA-256,
as CSP Level 2 defines it: the exact characters between ``<script>`` and ``</script>``,
UTF-8) and adds the hashes to the meta policy's ``script-src``. Any other inline script
(one injected by an attacker, or one a contributor adds by mistake) stays blocked.

Data blocks such as ``<script type="application/json">`` are never executed, so they need
no hash and get none.
"""

from __future__ import annotations

import base64
import hashlib
import re

# The policy's script-src as main.html writes it; the hashes go right after it.
SCRIPT_SRC = "script-src 'self'"

_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="(?P<policy>[^"]*)"\s*/?>')
_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(r"""\stype\s*=\s*["']?(?P<type>[^"'\s>]+)""", re.IGNORECASE)
_SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_JS_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript", "application/ecmascript"}


class PolicyMissing(ValueError):
    """A page with inline scripts has no CSP meta tag (it does not extend main.html)."""


def inline_scripts(html: str) -> list[str]:
    """The bodies of the inline scripts a browser would execute, in page order."""
    found = []
    for m in _SCRIPT.finditer(html):
        attrs = m.group("attrs") or ""
        if _SRC.search(attrs):
            continue
        t = _TYPE.search(attrs)
        if (t.group("type").lower() if t else "") in _JS_TYPES:
            found.append(m.group("body"))
    return found


def script_hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def allow_inline_scripts(html: str) -> str:
    """The page with the hash of each of its inline scripts added to its CSP meta tag."""
    hashes = list(dict.fromkeys(script_hash(b) for b in inline_scripts(html)))
    meta = _META.search(html)
    if meta is None:
        if hashes:
            raise PolicyMissing("the page has inline scripts but no Content-Security-Policy meta tag")
        return html
    policy = meta.group("policy")
    if SCRIPT_SRC not in policy:
        raise PolicyMissing(f'the Content-Security-Policy has no "{SCRIPT_SRC}" to add the hashes to')
    if not hashes:
        return html
    new_policy = policy.replace(SCRIPT_SRC, " ".join([SCRIPT_SRC, *hashes]), 1)
    start, end = meta.span("policy")
    return html[:start] + new_policy + html[end:]
