"""The catalogues keep to docs/glossary.md: no msgstr uses a word the glossary lists as wrong for
its language (信用紀錄 for the trust record, مدرب without its shadda, التدريب المهني for coaching…)."""

import re
import unicodedata
from pathlib import Path

import pytest

from tests.i18n.test_catalogues import CATALOGUES, QUOTED, entries

GLOSSARY = Path(__file__).resolve().parents[2] / "docs" / "glossary.md"
NEVER_COLUMNS = {"zh_Hant": "never (zh_Hant)", "ar": "never (ar)"}
CORRECT_COLUMNS = {"zh_Hant": "繁體中文", "ar": "العربية"}


def normal(text: str) -> str:
    # NFC puts an Arabic shadda and its vowel in one order, however they were typed.
    return unicodedata.normalize("NFC", text)


def glossary_rows(text: str) -> list[dict[str, str]]:
    """The rows of the table between the glossary markers, as {column header: cell}."""
    table = text.split("<!-- glossary:begin -->", 1)[1].split("<!-- glossary:end -->", 1)[0]
    lines = [line.strip() for line in table.strip().splitlines() if line.strip().startswith("|")]
    cells = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
    header, _rule, *body = cells
    return [dict(zip(header, row, strict=True)) for row in body]


def variants(cell: str) -> list[str]:
    return [normal(v.strip()) for v in cell.split(" / ") if v.strip() and v.strip() != "—"]


def wrong_words(rows, language: str) -> dict[str, list[str]]:
    """{wrong variant: [the English terms it is wrong for]} for one language."""
    found: dict[str, list[str]] = {}
    for row in rows:
        for variant in variants(row[NEVER_COLUMNS[language]]):
            found.setdefault(variant, []).append(row["English"])
    return found


def violations(po_text: str, wrong: dict[str, list[str]]) -> list[str]:
    """One line per msgstr that contains a wrong variant: the variant, its term and the msgid."""
    found = []
    for _flags, msgid, msgstrs in entries(po_text):
        for msgstr in msgstrs:
            text = normal(msgstr)
            for variant, terms in wrong.items():
                if variant in text:
                    found.append(f"{variant!r} ({', '.join(terms)}) in the msgstr of {msgid[:60]!r}")
    return found


ROWS = glossary_rows(GLOSSARY.read_text())


def test_the_glossary_lists_wrong_variants_for_both_languages():
    assert len(ROWS) >= 15
    for language in NEVER_COLUMNS:
        assert wrong_words(ROWS, language), f"no wrong variant listed for {language}"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_catalogue_uses_no_word_the_glossary_calls_wrong(path):
    found = violations(path.read_text(), wrong_words(ROWS, path.parts[-3]))
    assert found == [], f"{len(found)} wrong glossary variants:\n" + "\n".join(found)


@pytest.mark.parametrize("language", NEVER_COLUMNS)
def test_no_wrong_variant_is_part_of_a_correct_term(language):
    # 人物 alone would flag 欣賞的人物: a wrong variant must not hide inside a right word.
    correct = [v for row in ROWS for v in variants(row[CORRECT_COLUMNS[language]])]
    clashes = [(wrong, right) for wrong in wrong_words(ROWS, language) for right in correct if wrong in right]
    assert clashes == []


def test_the_check_catches_a_planted_wrong_variant():
    planted = (
        'msgid ""\nmsgstr ""\n\n'
        'msgid "Trust record"\nmsgstr "信用紀錄"\n\n'
        'msgid "Coaching"\nmsgstr "التدريب المهني"\n\n'
        'msgid "Coach linked"\nmsgstr "ربط مدرب"\n\n'
        'msgid "Follow the people you admire"\nmsgstr "追蹤你欣賞的人物"\n'
    )
    zh = violations(planted, wrong_words(ROWS, "zh_Hant"))
    ar = violations(planted, wrong_words(ROWS, "ar"))
    assert [line.split(" (")[0] for line in zh] == ["'信用紀錄'"]
    assert {line.split(" (")[0] for line in ar} == {"'التدريب المهني'", "'مدرب'"}


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def plural_entries(po_text: str):
    """(msgid_plural, [msgstr[0], …]) for each plural entry of a .po file."""
    for block in po_text.strip().split("\n\n"):
        if "\nmsgid_plural " not in block:
            continue
        plural = "".join(QUOTED.findall(block.split("\nmsgid_plural ", 1)[1].split("\nmsgstr", 1)[0]))
        forms = ["".join(QUOTED.findall(part.split("]", 1)[1])) for part in block.split("\nmsgstr[")[1:]]
        yield plural, forms


def test_arabic_plurals_have_six_forms_and_show_the_number_from_three_on():
    # Forms 1 and 2 say the number in words (خطوة واحدة، خطوتان); 3–10, 11–99 and 100+ show it.
    arabic = next(path for path in CATALOGUES if path.parts[-3] == "ar")
    problems = []
    for plural, forms in plural_entries(arabic.read_text()):
        if len(forms) != 6 or not all(forms):
            problems.append(f"{plural!r}: {len(forms)} forms, some empty")
        elif PLACEHOLDER.search(plural) and not all(PLACEHOLDER.search(form) for form in forms[3:]):
            problems.append(f"{plural!r}: a form from 3 on does not show the number")
    assert problems == []
