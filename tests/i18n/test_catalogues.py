"""Every catalogue is complete: no untranslated and no fuzzy entry may land."""

import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))
QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def entries(text: str):
    """(flags, msgid, [msgstr, …]) for each entry of a .po file, header excluded."""
    for block in text.strip().split("\n\n"):
        flags, msgid, msgstrs, current = "", "", [], None
        for line in block.splitlines():
            if line.startswith("#,"):
                flags += line
            elif line.startswith("#"):
                continue
            elif line.startswith("msgid "):
                current, msgid = "msgid", "".join(QUOTED.findall(line))
            elif line.startswith(("msgctxt", "msgid_plural")):
                current = "other"
            elif line.startswith("msgstr"):
                current = "msgstr"
                msgstrs.append("".join(QUOTED.findall(line)))
            elif line.startswith('"') and current == "msgid":
                msgid += "".join(QUOTED.findall(line))
            elif line.startswith('"') and current == "msgstr":
                msgstrs[-1] += "".join(QUOTED.findall(line))
        if msgid:
            yield flags, msgid, msgstrs


def test_there_are_catalogues_for_both_languages():
    assert {path.parts[-3] for path in CATALOGUES} == {"ar", "zh_Hant"}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_catalogue_has_no_untranslated_or_fuzzy_entry(path):
    text = path.read_text()
    header = text.split("\n\n", 1)[0]
    assert "#, fuzzy" not in header, "the header is still marked fuzzy"
    untranslated = [msgid for _flags, msgid, msgstrs in entries(text) if not all(msgstrs)]
    fuzzy = [msgid for flags, msgid, _msgstrs in entries(text) if "fuzzy" in flags]
    assert untranslated == [], f"{len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"


def test_the_parser_sees_untranslated_and_fuzzy_entries():
    sample = 'msgid ""\nmsgstr "x"\n\n#, fuzzy\nmsgid "A"\nmsgstr "a"\n\nmsgid "B"\nmsgstr ""\n'
    assert list(entries(sample)) == [("#, fuzzy", "A", ["a"]), ("", "B", [""])]
