"""The guide with no signal: the service worker's list of files, and the zip of the whole site.

:func:`finish_site` is the build's last step, run on the finished site folder after every other
step has written its files (the pages, the downloads, the search index):

1. **The zip** (``downloads/practice-guide-offline.zip``): the whole site in one folder that
   works opened from a folder (``file://``). Chromium runs no ES module and no ``fetch()`` there,
   so the copy differs from the site in three ways: each ``<script type="module">`` loads a
   classic script joined from its modules (macros/web/classic.py, with
   overrides/assets/javascripts/offline/file-prelude.js first); each JSON file the scripts read
   is also there as a script (``assets/javascripts/offline/files/<path>.js``), and so is the text
   Pagefind indexed, which the folder's search reads (offline/file-engine.js: Pagefind's
   WebAssembly cannot load from a folder); and links to a folder (``about/``) go to its
   ``index.html``, which a browser opens from a folder where it would show a listing.
   The service worker, source maps and Material's unused search scripts are left out, and so
   is the generator tag of each page. The same site gives the same zip, byte for byte.
2. **The sizes** on the pages: a ``<span>`` or ``<td>`` with ``data-pg-offline-size="cache"``
   (what the service worker stores), ``"files"`` (how many files that is) or ``"zip"`` (the zip)
   has its text replaced by the figure of this build, and its ``data-bytes``, if it has one, by
   the exact number (the downloads table's rows have it). The zip holds the pages with their
   figures, so it is made again until its own figure no longer changes it (twice or three times;
   everything but those pages is compressed once).
3. **The service worker** (``sw.js`` at the site's root, so that its scope is the whole site):
   overrides/assets/javascripts/offline/sw.js after one line that lists every file to keep, each
   with the hash of its bytes, and the version (the hash of that list). Any file changed, and
   sw.js changes with it: the browser then installs the new version (sw.js says how). Pagefind
   names a few of its files differently at each build even when nothing changed (its issue
   #638), so every build is a new version for the worker; an update fetches only the files
   whose bytes changed, a few KB when no page did.

No MkDocs import here: the adapter passes the site folder.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import io
import json
import posixpath
import re
import time
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from . import classic
from .search import Record
from ..downloads.registry import FOLDER, size_label

WORKER = "sw.js"  # at the site's root: a worker's scope is its own folder and below
ZIP = "practice-guide-offline.zip"  # under downloads/
ZIP_FOLDER = "practice-guide"  # the one folder the zip unpacks to
SCRIPTS = "assets/javascripts/"  # the site's scripts, from its root; overrides/ holds their sources
SOURCE = "offline/sw.js"  # under SCRIPTS: the worker's code
PRELUDE = "offline/file-prelude.js"
ENGINE = "offline/file-engine.js"
FILES = "assets/javascripts/offline/files/"  # the folder copy's JSON files, as scripts
FILE_INDEX = "pagefind/file-index.json"  # the folder copy's search index (never on the site itself)
SIZE_ATTRIBUTE = "data-pg-offline-size"

# Kept neither by the worker nor in the zip: source maps, Material's search (the site has its own:
# macros/web/search.py), the sitemap, and the offline files themselves
_LEFT_OUT = re.compile(r"(?:.*\.map|assets/javascripts/lunr/.*|assets/javascripts/workers/.*|sitemap\.xml(?:\.gz)?|"
                       + re.escape(WORKER) + "|" + re.escape(FOLDER + ZIP) + ")")
# Pagefind cannot run from a folder (its text is in FILE_INDEX); no server shows 404.html there
_NOT_IN_ZIP = re.compile(r"pagefind/.*|404\.html")
_STORED = {".pdf", ".xlsx", ".zip", ".gz", ".png", ".jpg", ".jpeg", ".webp", ".woff", ".woff2"}  # compressed already
_TAG = re.compile(r"<(?:a|link|script)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.I)
_GENERATOR = re.compile(r'<meta name="generator" content="[^"<>]*">\n?')
# one attribute of a tag _TAG matched: its name, then its value in double, single or no quotes
_ATTR = re.compile(r"([^\s\"'=<>/`]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")
_SIZED = re.compile(r"<(span|td)\b[^>]*\b" + SIZE_ATTRIBUTE + r"=(?:\"[^\"]*\"|'[^']*'|[^\s>]+)[^>]*>([^<]*)</\1>", re.I)
_STAMP = (1980, 1, 1, 0, 0, 0)  # every entry's date: the same build gives the same zip


# The zip as a search result (macros/web/search.py), like the downloads of the registry; made
# after the index, so its size is on the downloads page only
RECORD = Record(FOLDER + ZIP, "The whole guide, to use offline",
                "Every page, the search, the self-assessment and the language checker in one zip file, "
                "to unzip and open from a folder with no connection. ZIP.")


class OfflineError(RuntimeError):
    """The offline copy could not be made (a page script the joiner cannot read, a missing file)."""


@dataclass(frozen=True)
class Offline:
    version: str
    files: int  # kept by the service worker
    cached: int  # their bytes
    zipped: int  # the zip's bytes
    zip_files: int
    seconds: float


def finish_site(site: Path, theme_scripts: Path) -> Offline:
    """Make the zip, fill in the sizes and write ``sw.js`` in the finished ``site``;
    ``theme_scripts``: overrides/assets/javascripts (the worker's and the prelude's source)."""
    started = time.perf_counter()
    try:
        source = (theme_scripts / SOURCE).read_text(encoding="utf-8")
        prelude = (theme_scripts / PRELUDE).read_text(encoding="utf-8")
    except OSError as err:
        raise OfflineError(f"the offline scripts are missing: {err}") from None
    (site / WORKER).unlink(missing_ok=True)
    (site / FOLDER / ZIP).unlink(missing_ok=True)
    kept = [p for p in _files(site) if not _LEFT_OUT.fullmatch(p)]
    with_sizes = [p for p in kept if p.endswith(".html") and SIZE_ATTRIBUTE in (site / p).read_text(encoding="utf-8")]
    # each figure: its words and, for an element that has data-bytes (a row of the downloads
    # table), the exact bytes. The worker keeps the site's files, and the zip's figure (filled in
    # below) changes a few of them by a few bytes.
    cached = sum((site / p).stat().st_size for p in kept)
    figures = {"cache": (size_label(cached), cached), "files": (f"{len(kept):,}", len(kept)), "zip": ("", 0)}
    zipper = _Zipper(site, kept, with_sizes, theme_scripts, prelude)
    # The zip's figure is in pages that are in the zip, so writing it changes the size it gives,
    # by a few bytes either way (the sizes could go round in a circle for ever). So the figure
    # written is a little more than the zip needs, and the zip is made up to exactly that size
    # with an archive comment (_padded): two rounds at most.
    for _ in range(4):
        _fill(site, with_sizes, figures)
        made = zipper.make()
        data = _padded(made, figures["zip"][1])
        if data is not None:
            break
        wanted = len(made) + _SLACK
        figures["zip"] = (size_label(wanted), wanted)
    else:
        raise OfflineError(f"the size of {ZIP} kept changing as it was written into its pages")
    (site / FOLDER / ZIP).write_bytes(data)
    hashes = {_address(p): hashlib.sha256((site / p).read_bytes()).hexdigest()[:16] for p in kept}
    cached = sum((site / p).stat().st_size for p in kept)
    version = hashlib.sha256(json.dumps(hashes, sort_keys=True).encode()).hexdigest()[:16]
    setup = json.dumps({"version": version, "files": hashes}, sort_keys=True, separators=(",", ":"))
    (site / WORKER).write_text(f"self.PG_OFFLINE = {setup};\n{source}", encoding="utf-8")
    return Offline(version, len(kept), cached, len(data), zipper.count, time.perf_counter() - started)


_SLACK = 256  # bytes the zip's figure allows above the zip made before it was written in
_EOCD = b"PK\x05\x06"  # the zip's end record: 22 bytes, the last two its comment's length


def _padded(data: bytes, size: int) -> bytes | None:
    """``data`` (a zip with no comment) made exactly ``size`` bytes long with a comment of spaces,
    or None when it is already longer or the comment would be too long for the format."""
    pad = size - len(data)
    if pad < 0 or pad > 0xFFFF or data[-22:-18] != _EOCD or data[-2:] != b"\0\0":
        return None
    return data[:-2] + pad.to_bytes(2, "little") + b" " * pad


def _files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def _address(path: str) -> str:
    """A file's address from the site's root as a page links it: a folder's index.html by the folder."""
    if path == "index.html":
        return "./"
    return path[: -len("index.html")] if path.endswith("/index.html") else path


def _fill(site: Path, pages: Iterable[str], figures: dict[str, tuple[str, int]]) -> None:
    for path in pages:
        file = site / path
        text = file.read_text(encoding="utf-8")
        filled = _SIZED.sub(lambda m, path=path: _figure(m, figures, path), text)
        if filled != text:
            file.write_text(filled, encoding="utf-8")


def _figure(m: re.Match, figures: dict[str, tuple[str, int]], path: str) -> str:
    parsed = _Attrs.parse(m.group(0)[: m.start(2) - m.start(0)])
    attrs = dict(parsed.attrs)
    what = attrs.get(SIZE_ATTRIBUTE) or ""
    if what not in figures:
        raise OfflineError(f"{path}: {SIZE_ATTRIBUTE}={what!r} is not one of {', '.join(figures)}")
    words, number = figures[what]
    if "data-bytes" in attrs:
        attrs["data-bytes"] = str(number)
    return f"{_tag(parsed.tag, list(attrs.items()), False)}{html.escape(words)}</{parsed.tag}>"


class _Attrs(HTMLParser):
    """The attributes of one start tag, read by Python's HTML parser."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tag = ""
        self.attrs: list[tuple[str, str | None]] = []
        self.closed = False

    def handle_starttag(self, tag, attrs):
        self.tag, self.attrs = tag, attrs

    def handle_startendtag(self, tag, attrs):
        self.tag, self.attrs, self.closed = tag, attrs, True

    @classmethod
    def parse(cls, text: str) -> "_Attrs":
        parser = cls()
        parser.feed(text)
        parser.close()
        return parser

    @classmethod
    def of(cls, text: str) -> dict[str, str]:
        return {k: v or "" for k, v in cls.parse(text).attrs}


def _tag(name: str, attrs: list[tuple[str, str | None]], closed: bool) -> str:
    parts = [name] + [k if v is None else f'{k}="{html.escape(v, quote=True)}"' for k, v in attrs]
    return "<" + " ".join(parts) + (" />" if closed else ">")


def _to_file(url: str) -> str:
    """A link as it works from a folder: ``../about/`` -> ``../about/index.html``."""
    if not url or url.startswith(("#", "/", "?")) or re.match(r"^[a-zA-Z][\w+.-]*:", url):
        return url
    path, sep, rest = url.partition("#")
    path, qsep, query = path.partition("?")
    if path.rsplit("/", 1)[-1] in (".", "..") or path.endswith("/"):  # "../.." too (Material's logo link)
        path = (path if path.endswith("/") else path + "/") + "index.html"
    return path + (qsep + query if qsep else "") + (sep + rest if sep else "")


def for_folder(page: str) -> str:
    """A page of the site as the zip holds it: links to folders go to their index.html, and each
    ES module script is the classic script joined from it (``x.js`` -> ``x.classic.js``)."""

    def rewrite(m: re.Match) -> str:
        tag = m.group(0)
        if tag[1] in "aAlL":  # <a> or <link>: its href, read attribute by attribute (_TAG keeps quotes whole)
            start = 2 if tag[1] in "aA" else 5
            for attr in _ATTR.finditer(tag, start, len(tag) - 1):
                if attr.group(1).lower() != "href":
                    continue
                value = next((v for v in attr.group(2, 3, 4) if v is not None), None)
                if value is None:
                    break
                new = _to_file(html.unescape(value))
                if new == html.unescape(value):
                    break
                return f'{tag[: attr.start()]}href="{html.escape(new, quote=True)}"{tag[attr.end():]}'
            return tag
        if "module" not in tag.lower():
            return tag  # a classic script
        parsed = _Attrs.parse(tag)
        attrs = list(parsed.attrs)
        changed = False
        if parsed.tag == "script":
            names = dict(attrs)
            if (names.get("type") or "").lower() == "module" and names.get("src", "").split("?")[0].endswith(".js"):
                src = names["src"]
                attrs = [(k, v) for k, v in attrs if k not in ("type", "src")]
                attrs = [("src", src.split("?")[0][:-3] + ".classic.js"), ("defer", None), *attrs]
                changed = True
        return _tag(parsed.tag, attrs, parsed.closed) if changed else m.group(0)

    # the engine's name and version in the head (Material's base.html) are left out of the copy:
    # the same content gives the same zip whichever engine (MkDocs, ProperDocs) built it
    return _TAG.sub(rewrite, _GENERATOR.sub("", page, count=1))


class _Zipper:
    """The zip of the site for a folder, made again cheaply: everything but the pages that show
    a figure is compressed once."""

    def __init__(self, site: Path, kept: list[str], last: list[str], theme_scripts: Path, prelude: str):
        self.site = site
        self.last = last
        self.count = 0
        extra = self._extra(site, kept, theme_scripts, prelude)
        self.base = io.BytesIO()
        names = [p for p in kept if not _NOT_IN_ZIP.fullmatch(p) and p not in last]
        with zipfile.ZipFile(self.base, "w") as z:
            for path in names:
                content = (site / path).read_bytes()
                if path.endswith(".html"):
                    content = for_folder(content.decode("utf-8")).encode("utf-8")
                self._put(z, path, content)
            for path, content in sorted(extra.items()):
                self._put(z, path, content)
            z.writestr(_info(f"{ZIP_FOLDER}/README.txt", zipfile.ZIP_DEFLATED), _README)
        self.count = len(names) + len(extra) + 1 + len(last)

    @staticmethod
    def _put(z: zipfile.ZipFile, path: str, content: bytes) -> None:
        method = zipfile.ZIP_STORED if posixpath.splitext(path)[1].lower() in _STORED else zipfile.ZIP_DEFLATED
        z.writestr(_info(f"{ZIP_FOLDER}/{path}", method), content, compresslevel=6 if method == zipfile.ZIP_DEFLATED else None)

    @staticmethod
    def _extra(site: Path, kept: list[str], theme_scripts: Path, prelude: str) -> dict[str, bytes]:
        """The files only the folder copy has: joined scripts, JSON as scripts, the search text."""
        out: dict[str, bytes] = {}
        entries = set()
        for path in kept:
            if path.endswith(".html") and not _NOT_IN_ZIP.fullmatch(path):
                for m in re.finditer(r"<script\b[^>]*\btype=[\"']?module[\"']?[^>]*>", (site / path).read_text(encoding="utf-8")):
                    src = _Attrs.of(m.group(0)).get("src", "").split("?")[0]
                    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), src))
                    if not resolved.startswith(SCRIPTS):
                        raise OfflineError(f"{path}: the module {src} is not under {SCRIPTS}, so the folder copy cannot run it")
                    entries.add(resolved.removeprefix(SCRIPTS))
        for entry in sorted(entries):
            try:
                joined = classic.bundle(theme_scripts, entry, prelude, SCRIPTS, extra=(ENGINE,))
            except classic.BundleError as err:
                raise OfflineError(f"the folder copy's scripts: {err}") from None
            out[SCRIPTS + entry[:-3] + ".classic.js"] = joined.encode("utf-8")
        # the JSON files the scripts read; of Pagefind's, only words.json (search.js reads it):
        # pagefind-entry.json changes from build to build (Pagefind issue #638) and nothing here reads it
        data = {p: json.loads((site / p).read_bytes()) for p in kept
                if p.endswith(".json") and not p.startswith(FOLDER) and (not p.startswith("pagefind/") or p == "pagefind/words.json")}
        data[FILE_INDEX] = search_text(site)
        for path, value in data.items():
            out[FILES + path + ".js"] = f"__pgFile({json.dumps(path)}, {json.dumps(value, separators=(',', ':'))});\n".encode("ascii")
        return out

    def make(self) -> bytes:
        buffer = io.BytesIO(self.base.getvalue())
        with zipfile.ZipFile(buffer, "a") as z:
            for path in self.last:
                self._put(z, path, for_folder((self.site / path).read_text(encoding="utf-8")).encode("utf-8"))
        return buffer.getvalue()


def _info(name: str, method: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_STAMP)
    info.compress_type = method
    info.external_attr = 0o644 << 16
    return info


def search_text(site: Path) -> list[dict]:
    """What Pagefind indexed, page by page (its fragments: url, content, meta, filters, and the
    headings with an id and the word each starts at), for the folder copy's search."""
    out = []
    for file in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(file.read_bytes())
        raw = raw.removeprefix(b"pagefind_dcd")
        try:
            frag = json.loads(raw)
        except ValueError as err:
            raise OfflineError(f"{file}: not a Pagefind fragment this build can read ({err})") from None
        anchors = [{"id": a["id"], "text": a.get("text", ""), "location": a.get("location", 0)}
                   for a in frag.get("anchors", []) if a.get("id")]
        out.append({"url": frag.get("url", ""), "content": frag.get("content", ""), "meta": frag.get("meta", {}),
                    "filters": frag.get("filters", {}), "anchors": anchors})
    out.sort(key=lambda f: f["url"])
    return out


_README = """The Parents as Safeguarding Partners practice guide, to read with no connection.

Open index.html in this folder with your web browser (double-click it). Every page, the search,
the self-assessment and the language checker work from here. Your self-assessment is saved in
this browser only.

To remove this copy, delete this folder and the zip file it came in.
"""
