# A day: "12 يناير 2026"; a moment: "12 يناير 2026، 14:05", the month in letters so that no reader
# takes 12/01 for 1 December. See crisis_coach/formats/__init__.py.
DATE_FORMAT = SHORT_DATE_FORMAT = "j F Y"
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = "j F Y، H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
