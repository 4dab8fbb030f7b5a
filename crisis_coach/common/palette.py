"""The theme colours the server writes itself: the web app manifest and <meta name="theme-color">.

The stylesheet keeps its own copies (frontend/scss/theme.scss: $primary, $body-bg, $body-bg-dark),
since Sass cannot read Python; tests/common/test_palette.py holds both to the same values."""

PRIMARY = "#2b6a8a"
BACKGROUND = "#fafbfc"
BACKGROUND_DARK = "#14191f"
