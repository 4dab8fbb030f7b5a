"""Every catalogue is complete and sound: no untranslated or fuzzy entry, the same placeholders as the
English, Arabic plurals that are really inflected, and no Simplified character in Traditional Chinese."""

import dataclasses
import importlib.util
import re
from functools import cache
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))
QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


@dataclasses.dataclass
class Entry:
    flags: str = ""
    msgid: str = ""
    msgid_plural: str = ""
    msgstrs: list = dataclasses.field(default_factory=list)


def parsed_entries(text: str):
    """Each entry of a .po file, header excluded."""
    for block in text.strip().split("\n\n"):
        entry, current = Entry(), None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry.flags += line
            elif line.startswith("#"):
                continue
            elif line.startswith("msgid "):
                current, entry.msgid = "msgid", "".join(QUOTED.findall(line))
            elif line.startswith("msgid_plural"):
                current, entry.msgid_plural = "msgid_plural", "".join(QUOTED.findall(line))
            elif line.startswith("msgctxt"):
                current = "other"
            elif line.startswith("msgstr"):
                current = "msgstr"
                entry.msgstrs.append("".join(QUOTED.findall(line)))
            elif line.startswith('"') and current in ("msgid", "msgid_plural"):
                setattr(entry, current, getattr(entry, current) + "".join(QUOTED.findall(line)))
            elif line.startswith('"') and current == "msgstr":
                entry.msgstrs[-1] += "".join(QUOTED.findall(line))
        if entry.msgid:
            yield entry


def entries(text: str):
    """(flags, msgid, [msgstr, …]) for each entry of a .po file, header excluded."""
    for entry in parsed_entries(text):
        yield entry.flags, entry.msgid, entry.msgstrs


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


# Python's named and positional placeholders, and Django's template variables in blocktranslate.
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sdf]|%[sdf]|\{\{ *[a-z_.]+ *\}\}")


def placeholder_mismatches(text: str) -> list[str]:
    """Entries whose translation drops or invents a placeholder. A plural form may leave out the number
    ("دقيقة واحدة", one minute), so a plural's forms must together use what the English uses."""
    found = []
    for entry in parsed_entries(text):
        if not all(entry.msgstrs):
            continue  # reported by the completeness test
        wanted = set(PLACEHOLDER.findall(entry.msgid + entry.msgid_plural))
        forms = [set(PLACEHOLDER.findall(msgstr)) for msgstr in entry.msgstrs]
        used = set().union(*forms) if entry.msgid_plural else forms[0]
        if used != wanted:
            found.append(entry.msgid)
    return found


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_translations_keep_the_placeholders_of_the_english(path):
    mismatches = placeholder_mismatches(path.read_text())
    assert mismatches == [], f"{len(mismatches)} with other placeholders, e.g. {mismatches[:5]}"


def test_the_placeholder_check_catches_a_dropped_or_renamed_one():
    sample = (
        'msgid "Hi %(name)s"\nmsgstr "你好"\n\n'
        'msgid "Due %(day)s"\nmsgstr "到期 %(date)s"\n\n'
        'msgid "ok %(name)s"\nmsgstr "好 %(name)s"\n\n'
        'msgid "%(count)s minute"\nmsgid_plural "%(count)s minutes"\n'
        'msgstr[0] "لا دقائق"\nmsgstr[1] "دقيقة واحدة"\nmsgstr[2] "دقيقتان"\n'
        'msgstr[3] "%(count)s دقائق"\nmsgstr[4] "%(count)s دقيقة"\nmsgstr[5] "%(count)s دقيقة"\n'
    )
    assert placeholder_mismatches(sample) == ["Hi %(name)s", "Due %(day)s"]


def arabic_plurals_not_inflected(text: str) -> list[str]:
    """Plurals that show a number, where a form is empty or only repeats the singular (form 1): Arabic
    says one, two, three to ten, eleven to ninety-nine and a hundred differently (nplurals=6)."""
    found = []
    for entry in parsed_entries(text):
        if not entry.msgid_plural or not PLACEHOLDER.search(entry.msgid_plural):
            continue
        if entry.msgid == entry.msgid_plural:
            continue  # a count beside a label ("Trash (3)"): no word agrees with the number
        one = entry.msgstrs[1] if len(entry.msgstrs) > 1 else ""
        others = [form for index, form in enumerate(entry.msgstrs) if index != 1]
        if len(entry.msgstrs) != 6 or not one or any(not form or form == one for form in others):
            found.append(entry.msgid)
    return found


def test_arabic_plurals_are_inflected_for_every_number():
    not_inflected = arabic_plurals_not_inflected((LOCALE / "ar/LC_MESSAGES/django.po").read_text())
    assert not_inflected == [], f"{len(not_inflected)} plurals, e.g. {not_inflected[:5]}"


def test_the_plural_check_catches_an_empty_or_repeated_form():
    forms = ["لا أيام", "يوم واحد", "يومان", "%(count)s أيام", "%(count)s يومًا", "%(count)s يوم"]

    def plural(msgid, values):
        lines = "".join(f'msgstr[{i}] "{value}"\n' for i, value in enumerate(values))
        return f'msgid "{msgid}"\nmsgid_plural "%(count)s days"\n{lines}'

    sample = "\n".join(
        [
            plural("good", forms),
            plural("empty", forms[:4] + ["", forms[5]]),
            plural("repeated", forms[:5] + [forms[1]]),
        ]
    )
    assert arabic_plurals_not_inflected(sample) == ["empty", "repeated"]


@cache
def simplified_only_characters() -> frozenset[str]:
    """Characters written only in Simplified Chinese, from OpenCC's own tables (the
    opencc-python-reimplemented package carries them as text): a Simplified character whose Traditional
    forms do not include itself, even after Taiwan's variants (羣 is written 群 in Taiwan)."""
    tables = Path(importlib.util.find_spec("opencc").origin).parent / "dictionary"

    def mapping(name):
        rows = (line.split("\t", 1) for line in (tables / name).read_text().splitlines() if "\t" in line)
        return {key: values.split() for key, values in rows}

    taiwan = mapping("TWVariants.txt")
    simplified_only = set()
    for character, traditional in mapping("STCharacters.txt").items():
        written_in_taiwan = {taiwan.get(form, [form])[0] for form in traditional}
        if character not in traditional and character not in written_in_taiwan:
            simplified_only.add(character)
    # OpenCC maps 雇 to 僱, but Taiwan's Ministry of Education dictionary has 雇 in its own right (雇主,
    # an employer), as our catalogue writes it.
    return frozenset(simplified_only - set(TRADITIONAL_IN_TAIWAN))


TRADITIONAL_IN_TAIWAN = "雇"


def simplified_characters_in(text: str) -> dict[str, str]:
    simplified = simplified_only_characters()
    return {
        entry.msgid: "".join(
            sorted({character for msgstr in entry.msgstrs for character in msgstr} & simplified)
        )
        for entry in parsed_entries(text)
        if any(character in simplified for msgstr in entry.msgstrs for character in msgstr)
    }


def test_traditional_chinese_has_no_simplified_character():
    found = simplified_characters_in((LOCALE / "zh_Hant/LC_MESSAGES/django.po").read_text())
    assert found == {}, f"{len(found)} entries with Simplified characters, e.g. {list(found.items())[:5]}"


def test_the_simplified_check_catches_simplified_characters_only():
    sample = 'msgid "a"\nmsgstr "这是我们的计划"\n\nmsgid "b"\nmsgstr "這是我們的社群與雇主計畫"\n'
    assert simplified_characters_in(sample) == {"a": "们计这"}  # 划 is written in both scripts (划船, to row)
