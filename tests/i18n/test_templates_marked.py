"""Every word a template shows goes through gettext, so no screen can stay half-translated.

The check strips what is not shown text (tags, comments, variables, translate blocks,
scripts and styles) from each of our templates and fails on any word that is left.
"""

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# Email subjects and bodies are checked too: they are text templates.
TEMPLATE_FILES = sorted(p for p in TEMPLATES.rglob("*") if p.suffix in {".html", ".txt"})

BLOCKS = [
    re.compile(r"{%\s*blocktranslate.*?{%\s*endblocktranslate\s*%}", re.S),
    re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S),
    re.compile(r"<script\b.*?</script>", re.S | re.I),
    re.compile(r"<style\b.*?</style>", re.S | re.I),
    re.compile(r"{#.*?#}", re.S),
    re.compile(r"{%.*?%}", re.S),
    re.compile(r"{{.*?}}", re.S),
]
# Attributes people read (tooltips, screen readers, placeholders) must be translated too.
VISIBLE_ATTRIBUTES = re.compile(r'\b(?:title|aria-label|placeholder|alt)="([^"]*)"')
TAG = re.compile(r"<[^>]+>", re.S)
ENTITY = re.compile(r"&[a-z]+;|&#\d+;")
WORD = re.compile(r"[A-Za-z]{2,}")


def unmarked_text(source: str) -> list[str]:
    for block in BLOCKS[:5]:
        source = block.sub(" ", source)
    found = [
        value
        for value in VISIBLE_ATTRIBUTES.findall(source)
        if WORD.search(BLOCKS[5].sub("", BLOCKS[6].sub("", value)))
    ]
    for block in BLOCKS[5:]:
        source = block.sub(" ", source)
    source = ENTITY.sub(" ", TAG.sub(" ", source))
    found += [line.strip() for line in source.splitlines() if WORD.search(line)]
    return found


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_template_has_no_unmarked_text(path):
    assert unmarked_text(path.read_text()) == []


def test_the_check_catches_unmarked_text():
    assert unmarked_text("<p>Hello there</p>") == ["Hello there"]
    assert unmarked_text('<a title="Open it">{% translate "x" %}</a>') == ["Open it"]
    assert (
        unmarked_text('<p>{% translate "Hello" %} {{ name }}</p><i aria-label="{% translate \'x\' %}"></i>')
        == []
    )
