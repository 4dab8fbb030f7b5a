"""The icon font is Bootstrap Icons cut to the icons the app uses (scripts/build_icons.py, run by
`make css`): every icon a template names has its rule and its glyph, and nothing else rides along."""

import re
import subprocess
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

from scripts.build_icons import icons_used

ROOT = Path(__file__).resolve().parents[2]
BUILT = ROOT / "var" / "build" / "icons"
PACKAGE_FONT = ROOT / "node_modules" / "bootstrap-icons" / "font" / "fonts" / "bootstrap-icons.woff2"
RULE = re.compile(r'\.bi-([a-z0-9-]+)::before \{ content: "\\([0-9a-f]+)"; \}')


def built_rules() -> dict[str, int]:
    return {name: int(code, 16) for name, code in RULE.findall((BUILT / "bootstrap-icons.css").read_text())}


def test_every_icon_a_template_names_has_its_rule_and_its_glyph():
    used = icons_used()
    rules = built_rules()
    glyphs = TTFont(BUILT / "bootstrap-icons.woff2").getBestCmap()

    assert {"search", "trash", "check2", "person-circle"} <= used
    assert set(rules) == used
    assert [name for name, code in rules.items() if code not in glyphs] == []


def test_the_cut_font_is_a_small_part_of_the_package():
    assert (BUILT / "bootstrap-icons.woff2").stat().st_size * 10 < PACKAGE_FONT.stat().st_size
    assert len(TTFont(BUILT / "bootstrap-icons.woff2").getBestCmap()) == len(icons_used())


def test_a_name_that_is_not_an_icon_fails_the_build(tmp_path):
    # The build reads the real sources; a stray name is added to a copy of one template folder.
    script = (ROOT / "scripts" / "build_icons.py").read_text()
    fake_root = tmp_path / "project"
    (fake_root / "scripts").mkdir(parents=True)
    (fake_root / "templates").mkdir()
    (fake_root / "static" / "js").mkdir(parents=True)
    (fake_root / "crisis_coach").mkdir()
    (fake_root / "node_modules").symlink_to(ROOT / "node_modules")
    (fake_root / "scripts" / "build_icons.py").write_text(script)
    page = '<i class="bi bi-trash"></i><i class="bi bi-trashh"></i>'
    (fake_root / "templates" / "page.html").write_text(page)

    result = subprocess.run(
        [sys.executable, str(fake_root / "scripts" / "build_icons.py")], capture_output=True, text=True
    )

    assert result.returncode == 1
    assert "bi-trashh" in result.stderr
