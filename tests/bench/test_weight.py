"""bench/weight.py counts what a browser downloads for a page, compressed, and names the static
files a repeat visit would fetch again or that go out without brotli (the bench itself is `make bench`)."""

import gzip
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli
import pytest

from bench.weight import page_weight

PAGE = b'<html><link rel="stylesheet" href="/s/a.css"><script src="/s/a.js"></script><p>Hi</p></html>'
CSS = b'@font-face{src:url("./f.woff2?v=1") format("woff2")} .bi{background:url(data:image/svg+xml;x)}'
IMMUTABLE = "max-age=315360000, public, immutable"
FILES = {
    "/page/": (gzip.compress(PAGE), "gzip", "no-cache"),
    "/s/a.css": (brotli.compress(CSS), "br", IMMUTABLE),
    "/s/f.woff2": (b"w" * 700, "", IMMUTABLE),
    "/s/a.js": (gzip.compress(b"console.log(1)" * 20), "gzip", "max-age=60"),
}


class Files(BaseHTTPRequestHandler):
    def do_GET(self):
        body, encoding, cache = FILES[self.path.split("?")[0]]
        self.send_response(200)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Cache-Control", cache)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Files)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_a_first_visit_counts_the_compressed_html_styles_fonts_and_scripts(server):
    weight = page_weight(f"{server}/page/")

    sizes = {name: len(FILES[name][0]) for name in FILES}
    assert (weight.html, weight.css, weight.fonts, weight.js) == (
        sizes["/page/"],
        sizes["/s/a.css"],
        sizes["/s/f.woff2"],
        sizes["/s/a.js"],
    )
    assert weight.first_visit == sum(sizes.values())
    assert weight.repeat_visit == sizes["/page/"]


def test_it_names_a_script_that_is_neither_immutable_nor_in_brotli(server):
    weight = page_weight(f"{server}/page/")

    assert weight.uncached() == [f"{server}/s/a.js"]
    assert weight.uncompressed() == [f"{server}/s/a.js"]  # the font is woff2: compressed already
