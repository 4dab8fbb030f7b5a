"""Build the icon font: Bootstrap Icons (npm) cut to the icons the app uses (`make icons`, in `make css`).

The package's font holds some 2,000 glyphs: 134 KB of woff2 that every first visit downloaded, for
the 80 or so icons the templates show. This reads the `bi-…` class names used in templates/,
static/js/ and crisis_coach/, and writes into var/build/icons/ (build output, never committed):
- bootstrap-icons.woff2, the package's font with only those glyphs (fontTools' subsetter);
- bootstrap-icons.css, the package's own base rules and one `content` rule per icon used.

A name that is not in the package fails the build, so a typo cannot ship as an empty square.
tests/common/test_icons.py checks the result against the templates.
"""

import json
import logging
import re
import sys
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "node_modules" / "bootstrap-icons" / "font"
OUT = ROOT / "var" / "build" / "icons"
SOURCES = [("templates", "*.html"), ("templates", "*.txt"), ("static/js", "*.js"), ("crisis_coach", "*.py")]
ICON_CLASS = re.compile(r"(?<![\w-])bi-([a-z0-9]+(?:-[a-z0-9]+)*)")
# The package's rules before its first icon: the @font-face and the base rule every icon shares.
BASE_RULES = re.compile(r"(@font-face\s*\{.*?\}\s*)(.*?)(?=\.bi-123::before)", re.DOTALL)


def icons_used(root: Path = ROOT) -> set[str]:
    names = set()
    for folder, pattern in SOURCES:
        for path in (root / folder).rglob(pattern):
            names.update(ICON_CLASS.findall(path.read_text(encoding="utf-8")))
    return names


def stylesheet(codepoints: dict[str, int]) -> str:
    package_css = (PACKAGE / "bootstrap-icons.css").read_text(encoding="utf-8")
    font_face, base = BASE_RULES.search(package_css).groups()
    font_face = re.sub(r"src:[^;]*;", 'src: url("./bootstrap-icons.woff2") format("woff2");', font_face)
    rules = "".join(
        f'.bi-{name}::before {{ content: "\\{code:x}"; }}\n' for name, code in sorted(codepoints.items())
    )
    return f"/* Bootstrap Icons, cut to the icons used (scripts/build_icons.py) */\n{font_face}{base}{rules}"


def main() -> int:
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # the package's font has notes it need not print
    known = json.loads((PACKAGE / "bootstrap-icons.json").read_text(encoding="utf-8"))
    used = icons_used()
    unknown = sorted(used - known.keys())
    if unknown:
        names = ", ".join(f"bi-{name}" for name in unknown)
        print(f"build_icons: not in bootstrap-icons: {names}", file=sys.stderr)
        return 1
    codepoints = {name: known[name] for name in used}
    OUT.mkdir(parents=True, exist_ok=True)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = []
    options.name_IDs = []
    options.notdef_outline = False
    font = subset.load_font(str(PACKAGE / "fonts" / "bootstrap-icons.woff2"), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints.values())
    subsetter.subset(font)
    subset.save_font(font, str(OUT / "bootstrap-icons.woff2"), options)
    (OUT / "bootstrap-icons.css").write_text(stylesheet(codepoints), encoding="utf-8")
    size = (OUT / "bootstrap-icons.woff2").stat().st_size
    print(f"build_icons: {len(codepoints)} icons, {size} bytes of woff2")
    return 0


if __name__ == "__main__":
    sys.exit(main())
