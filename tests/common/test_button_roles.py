"""One button style per role, everywhere (issue 24): the one next thing is `btn-primary`, every other
action `btn-secondary` (an outline, frontend/scss/theme.scss), and what destroys or ends something
`btn-danger` (a red outline). `btn-link` is the quiet way out of a form (Cancel, Skip) or a row's
Edit; it never dresses a destructive action. The check-in scale's choices are radio labels
(`btn-check`), not actions, and keep their own outline.

The templates are read as written, so a page that is rare to reach is held to it too."""

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
ROLES = {"btn-primary", "btn-secondary", "btn-danger", "btn-link"}
SIZES = {"btn-sm", "btn-lg"}
# A class attribute whose value holds the word `btn`, as written in a template (template tags inside
# it are kept: they choose between roles, and each role they can choose is checked).
CLASS_WITH_BTN = re.compile(r'class="([^"]*(?<![\w-])btn(?![\w-])[^"]*)"')
BTN_CLASS = re.compile(r"\bbtn-[a-z-]+")


def button_classes() -> list[tuple[str, str]]:
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        for match in CLASS_WITH_BTN.finditer(path.read_text()):
            found.append((str(path.relative_to(TEMPLATES)), match.group(1)))
    return found


def test_the_templates_have_buttons_to_check():
    assert len(button_classes()) > 100


@pytest.mark.parametrize("template,classes", button_classes(), ids=lambda value: value[:60])
def test_every_button_takes_one_of_the_three_roles_or_the_quiet_link(template, classes):
    roles = set(BTN_CLASS.findall(classes)) - SIZES
    if "check-in-option" in classes:
        return  # a radio's label on the check-in scale: a choice, not an action
    assert roles, f"{template}: a button with no role: {classes!r}"
    assert roles <= ROLES, f"{template}: {sorted(roles - ROLES)} is not a role (primary, secondary, danger)"
    assert not ("btn-link" in roles and "text-danger" in classes), (
        f"{template}: a destructive action dressed as a link; it takes btn-danger"
    )
