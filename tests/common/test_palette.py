"""The colours the server writes (crisis_coach/common/palette.py) are the theme's own: a phone's bar
around the installed app matches the page, in both themes."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from crisis_coach.common import palette

THEME = (Path(__file__).resolve().parents[2] / "frontend" / "scss" / "theme.scss").read_text()


@pytest.mark.parametrize(
    "variable,colour",
    [
        ("primary", palette.PRIMARY),
        ("body-bg", palette.BACKGROUND),
        ("body-bg-dark", palette.BACKGROUND_DARK),
    ],
)
def test_the_stylesheet_and_the_server_agree_on_each_colour(variable, colour):
    assert re.search(rf"^\${variable}: {colour};", THEME, re.MULTILINE), f"${variable} is not {colour}"


@pytest.mark.django_db
def test_the_manifest_and_the_pages_paint_the_browser_in_the_theme(client):
    manifest = client.get(reverse("manifest")).json()
    page = client.get(reverse("home")).content.decode()

    assert (manifest["theme_color"], manifest["background_color"]) == (palette.PRIMARY, palette.BACKGROUND)
    light = f'content="{palette.PRIMARY}" media="(prefers-color-scheme: light)"'
    dark = f'content="{palette.BACKGROUND_DARK}" media="(prefers-color-scheme: dark)"'
    assert f'<meta name="theme-color" {light}>' in page and f'<meta name="theme-color" {dark}>' in page
