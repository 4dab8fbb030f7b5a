# A day: "12 Jan 2026"; a moment: "12 Jan 2026, 14:05" (day first and the month in letters: the
# app's English readers are not all American). See crisis_coach/formats/__init__.py.
DATE_FORMAT = SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j M"
YEAR_MONTH_FORMAT = "F Y"
