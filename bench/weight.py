"""What a page weighs: the bytes a browser downloads for it, compressed, as `make bench` reports.

A first visit fetches the HTML and everything it links that the browser needs to paint: stylesheets,
scripts and the fonts those stylesheets name. A repeat visit fetches only the HTML, since every
static file is served under a hashed name with an immutable cache header (WhiteNoise). Each request
asks for `Accept-Encoding: br, gzip`, as browsers do, and the bytes counted are the bytes sent.
"""

import re
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

ACCEPT = {"Accept-Encoding": "br, gzip"}
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+?)["']?\s*\)""")
FONT_SUFFIXES = (".woff2", ".woff", ".ttf", ".otf")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and "stylesheet" in (attributes.get("rel") or "").split() and attributes.get("href"):
            self.stylesheets.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.scripts.append(attributes["src"])


@dataclass
class Fetched:
    url: str
    sent: int  # bytes on the wire, compressed as the server chose
    encoding: str
    cache_control: str
    body: bytes


@dataclass
class Weight:
    html: int = 0
    css: int = 0
    js: int = 0
    fonts: int = 0
    static: list[Fetched] = field(default_factory=list)

    @property
    def first_visit(self) -> int:
        return self.html + self.css + self.js + self.fonts

    @property
    def repeat_visit(self) -> int:
        return self.html

    def uncached(self) -> list[str]:
        """Static files a repeat visit would fetch again: no immutable, year-long cache header."""
        return [f.url for f in self.static if "immutable" not in f.cache_control]

    def uncompressed(self) -> list[str]:
        """Text files sent without brotli (fonts are compressed already, woff2 with brotli itself)."""
        return [f.url for f in self.static if f.encoding != "br" and not _is_font(f.url)]


def _is_font(url: str) -> bool:
    return url.split("?")[0].endswith(FONT_SUFFIXES)


def fetch(url: str, cookie: str = "") -> Fetched:
    headers = {**ACCEPT, **({"Cookie": cookie} if cookie else {})}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as response:
        raw = response.read()  # urllib does not decompress: these are the bytes sent
        encoding = response.headers.get("Content-Encoding", "")
        return Fetched(
            url, len(raw), encoding, response.headers.get("Cache-Control", ""), _decoded(raw, encoding)
        )


def _decoded(raw: bytes, encoding: str) -> bytes:
    if encoding == "br":
        import brotli

        return brotli.decompress(raw)
    if encoding == "gzip":
        import gzip

        return gzip.decompress(raw)
    return raw


def page_weight(url: str, cookie: str = "") -> Weight:
    page = fetch(url, cookie)
    links = _Links()
    links.feed(page.body.decode("utf-8", errors="replace"))
    weight = Weight(html=page.sent)
    for href in links.stylesheets:
        sheet = fetch(urljoin(url, href))
        weight.css += sheet.sent
        weight.static.append(sheet)
        for ref in CSS_URL.findall(sheet.body.decode("utf-8", errors="replace")):
            if _is_font(ref):
                font = fetch(urljoin(sheet.url, ref))
                weight.fonts += font.sent
                weight.static.append(font)
    for src in links.scripts:
        script = fetch(urljoin(url, src))
        weight.js += script.sent
        weight.static.append(script)
    return weight
