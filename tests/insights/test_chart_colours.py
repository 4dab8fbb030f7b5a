"""The charts' fixed colours stay visible on every page they are drawn on: the light and the dark theme
and paper. The theme's own colours (text, axis) follow the page; tests/e2e/test_chart_modes.py measures
those in the browser."""

import pytest

from crisis_coach.insights.charts import PALETTE
from crisis_coach.insights.stances import STANCE_COLOURS
from tests.contrast import contrast

# $body-bg and $body-bg-dark in frontend/scss/theme.scss, and the printed page (static/css/print.css).
PAGES = {"light": "#fafbfc", "dark": "#14191f", "paper": "#ffffff"}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("colour", [*PALETTE, *STANCE_COLOURS.values()])
def test_every_bar_line_and_band_keeps_3_to_1_against_the_page(colour, page):
    assert contrast(colour, PAGES[page]) >= 3, f"{colour} on the {page} page"


@pytest.mark.parametrize("stance", STANCE_COLOURS)
def test_the_white_word_on_a_stance_band_keeps_4_5_to_1(stance):
    # Without counting the dark outline (.chart-cell in static/css/insights.css): it only helps.
    assert contrast("#ffffff", STANCE_COLOURS[stance]) >= 4.5, stance
