"""WCAG's contrast ratio, for the tests that check colours (the chart palette, the pages in each theme)."""


def _linear(channel: float) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def rgb(colour) -> tuple[float, float, float]:
    """ "#3b80a3" or (59, 128, 163) as three 0–255 channels."""
    if isinstance(colour, str):
        hex_digits = colour.lstrip("#")
        return tuple(int(hex_digits[i : i + 2], 16) for i in (0, 2, 4))
    return tuple(colour[:3])


def luminance(colour) -> float:
    r, g, b = (_linear(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one, other) -> float:
    """From 1 (the same colour) to 21 (black on white); text needs 4.5, shapes 3 (WCAG 1.4.3, 1.4.11)."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
