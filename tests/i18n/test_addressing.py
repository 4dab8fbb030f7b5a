"""Arabic addresses each person as they chose: as a woman, as a man, or without choosing.

The list of strings that need forms is kept complete here: every string marked at a call site
(`{% translate … context you %}`, `addressed(…)`) has its feminine and neutral forms in the Arabic
catalogue, every listed string is marked somewhere, and an Arabic entry that speaks to the reader in
the masculine is either marked or known not to address anyone.
"""

import ast
import gettext
import re
from functools import cache
from pathlib import Path

import pytest
from django.template import engines
from django.templatetags.i18n import BlockTranslateNode, TranslateNode
from django.urls import reverse
from django.utils import translation

from crisis_coach.common import addressing
from crisis_coach.common.addressing import FEMININE_CONTEXT, NEUTRAL_CONTEXT, AddressAs, addressed

ROOT = Path(__file__).resolve().parents[2]
AR_MO = ROOT / "locale" / "ar" / "LC_MESSAGES" / "django.mo"
SEPARATOR = "\x04"

# Imperatives and second-person words whose written form differs for a woman: an Arabic entry that
# uses one speaks to the reader in the masculine, unless it is listed in NOT_ADDRESSING (several are
# also a third person: اقترح is "propose" and "he proposed"). A past tense such as كتبت is written
# the same for a woman, so it is not here.
# Arabic's vowel marks (a shadda, a fatha) belong to the word they sit on.
_LETTER = r"[\w\u064b-\u0652]"
MASCULINE_ADDRESS = re.compile(
    rf"(?<!{_LETTER})(?:أضف|اكتب|احفظ|اختر|أدخل|سجّل|ارجع|افتح|جرّب|حاول|اطلب|ابدأ|راجع|تذكّر|اسأل|أرسل|غيّر|احذف|اقرأ|"
    r"دوّن|ضع|خذ|كن|استخدم|اذكر|حدّد|اعرض|أعد|انتقل|ركّز|فكّر|اجمع|اتصل|ابحث|انظر|اترك|أكمل|اسمح|أوقف|اقترح|"
    r"قيّم|صف|اشرح|تابع|اطّلع|أجب|ارفض|اربط|انسخ|حمّل|نزّل|دع|تجنّب|عد|امنح|أنشئ|اجعل|احرص|تأكّد|لاحظ|أغلق|"
    r"تريد|تستطيع|متأكد|مستعد|تحتاج|تعرف|تشعر|ستجد|تكتب|تضيف|تختار|ترى|تفعل|ستحتاج|تبدأ|تتذكر|تقول|ترغب|"
    r"ستتلقى|ستصلك|تعمل|تحصل|تجد|تكون|تقرأ|عدّل|مستعدًا|جاهزًا|واثقًا)"
    rf"(?!{_LETTER})"
)

# Entries the check above matches that speak to nobody in the masculine: a third person ("%(name)s
# proposed" reads اقترح), a feminine subject (تحتاج الخطوة), the person's own words to the app, or a
# page's name quoted as it appears.
NOT_ADDRESSING = {
    "%(coach)s proposed a step for your setback “%(title)s”:",
    "%(name)s proposed a new time for the session",
    "%(name)s proposed a new time or place for the session.",
    "%(name)s proposed a session",
    "%(name)s proposed a session.",
    "%(name)s proposed a step for “%(title)s”",
    "A date of kind “other” needs a label.",
    "As it was before this talk. Change it if the talk moved them.",
    "Delete my account for good",
    "Give the step a title, or clear the row.",
    "Has seen your work and can help you choose a direction.",
    (
        "How often to be in touch with each kind of relationship: ideally, and at the latest. A new or "
        "imported contact starts with these; you can still change a contact’s own gaps on their page. "
        "Leave “at the latest” empty for no latest."
    ),
    "Its owner may have stopped sharing it, or coaching has ended. You can no longer read it or write on it.",
    "Need attention",
    "Needed when the status is “Dropped”.",
    (
        "Someone signed in to your account with one of your recovery codes. That code no longer works. "
        "If it was not you, change your password and make new recovery codes now."
    ),
    "The .json file from “Download your data”, at most %(size)s MB.",
    "The latest gap cannot be shorter than the ideal one (%(days)s days).",
    "The latest gap cannot be shorter than the ideal one.",
    "This case had a nudge from another coach on %(date)s.",
    "Viewed by our support staff",
    "Your clients’ cases that need attention",
    "Your coach proposed a step",
    "Your coach proposed a step for one of your setbacks.",
}


@cache
def arabic() -> dict:
    """The compiled Arabic catalogue: msgid, or context + "\\x04" + msgid, to msgstr."""
    with AR_MO.open("rb") as mo:
        return gettext.GNUTranslations(mo)._catalog


def listed() -> set[str]:
    """The strings the catalogue has both other forms of."""
    keys = {key if isinstance(key, str) else key[0] for key in arabic()}
    feminine = {key.split(SEPARATOR, 1)[1] for key in keys if key.startswith(FEMININE_CONTEXT + SEPARATOR)}
    neutral = {key.split(SEPARATOR, 1)[1] for key in keys if key.startswith(NEUTRAL_CONTEXT + SEPARATOR)}
    assert feminine == neutral
    return feminine


def _addresses_you(node) -> bool:
    # A literal context is a string; `context you` is the variable `you`.
    return node.message_context is not None and getattr(node.message_context.var, "var", None) == "you"


def _template_msgids(nodelist) -> set[str]:
    found = set()
    for node in nodelist.get_nodes_by_type(TranslateNode):
        if _addresses_you(node):
            found.add(node.filter_expression.var.literal.replace("%", "%%"))
    for node in nodelist.get_nodes_by_type(BlockTranslateNode):
        if _addresses_you(node):
            found.add(node.render_token_list(node.singular)[0])
    return found


def marked() -> set[str]:
    """Every msgid a template or Python call site marks as addressing the reader."""
    engine = engines["django"].engine
    found = set()
    for path in (ROOT / "templates").rglob("*"):
        if path.suffix in (".html", ".txt") and "context you" in (text := path.read_text()):
            found |= _template_msgids(engine.from_string(text).nodelist)
    for path in (ROOT / "crisis_coach").rglob("*.py"):
        if "addressed" not in (text := path.read_text()) or path.name == "addressing.py":
            continue
        for node in ast.walk(ast.parse(text)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("addressed", "addressed_lazy", "addressed_plural")
                and isinstance(node.args[0], ast.Constant)
            ):
                found.add(node.args[0].value)
    return found


def test_every_string_marked_at_a_call_site_has_its_forms_and_every_listed_one_is_marked():
    marked_strings, listed_strings = marked(), listed()
    assert len(marked_strings) > 100
    assert sorted(marked_strings - listed_strings) == []
    assert sorted(listed_strings - marked_strings) == []


def test_each_form_is_translated_and_the_feminine_differs_from_the_masculine_somewhere():
    catalogue = arabic()
    singular = {key: value for key, value in catalogue.items() if isinstance(key, str)}
    differing = 0
    for msgid in listed():
        if msgid not in singular:  # a plural: its forms are checked with every plural
            continue
        feminine = singular[FEMININE_CONTEXT + SEPARATOR + msgid]
        assert feminine and singular[NEUTRAL_CONTEXT + SEPARATOR + msgid], msgid
        differing += feminine != singular[msgid]
    assert differing > 100


def test_an_arabic_entry_that_speaks_to_the_reader_in_the_masculine_is_marked():
    listed_strings = listed()
    unmarked = [
        msgid
        for msgid, msgstr in arabic().items()
        if isinstance(msgid, str)
        and msgid
        and SEPARATOR not in msgid
        and MASCULINE_ADDRESS.search(msgstr)
        and msgid not in listed_strings
        and msgid not in NOT_ADDRESSING
    ]
    assert unmarked == []


@pytest.mark.parametrize(
    "language, address_as, expected",
    [
        ("en", AddressAs.FEMININE, "Log a touch"),
        ("zh-hant", AddressAs.FEMININE, "記錄聯繫"),
        ("ar", AddressAs.MASCULINE, "plain"),
        ("ar", AddressAs.FEMININE, FEMININE_CONTEXT),
        ("ar", AddressAs.NEUTRAL, NEUTRAL_CONTEXT),
    ],
)
def test_addressed_gives_the_form_of_the_language_and_the_reader(language, address_as, expected):
    catalogue = arabic()
    expected = {
        "plain": catalogue.get("Log a touch"),
        FEMININE_CONTEXT: catalogue.get(FEMININE_CONTEXT + SEPARATOR + "Log a touch"),
        NEUTRAL_CONTEXT: catalogue.get(NEUTRAL_CONTEXT + SEPARATOR + "Log a touch"),
    }.get(expected, expected)
    with translation.override(language), addressing.override(address_as):
        assert addressed("Log a touch") == expected


def test_a_string_without_other_forms_falls_back_to_its_plain_translation():
    with translation.override("ar"), addressing.override(AddressAs.FEMININE):
        assert addressed("Settings") == translation.gettext("Settings") != "Settings"


def test_an_unknown_choice_is_addressed_without_choosing():
    with translation.override("ar"), addressing.override("bogus"):
        assert addressing.you() == NEUTRAL_CONTEXT


@pytest.mark.django_db
@pytest.mark.parametrize("address_as", [AddressAs.FEMININE, AddressAs.MASCULINE, AddressAs.NEUTRAL])
def test_the_pages_speak_to_a_woman_as_a_woman_and_to_a_man_as_a_man(client, address_as):
    from tests.factories import make_user

    person = make_user(language="ar")
    person.address_as = address_as
    person.save(update_fields=["address_as"])
    client.force_login(person)
    page = client.get(reverse("network:contact_create")).content.decode()
    forms = {
        AddressAs.MASCULINE: arabic()["Add a contact"],
        AddressAs.FEMININE: arabic()[FEMININE_CONTEXT + SEPARATOR + "Add a contact"],
        AddressAs.NEUTRAL: arabic()[NEUTRAL_CONTEXT + SEPARATOR + "Add a contact"],
    }
    assert forms[address_as] in page
    others = {form for choice, form in forms.items() if choice != address_as and form != forms[address_as]}
    assert not [form for form in others if re.search(rf"(?<!\w){re.escape(form)}(?!\w)", page)]
