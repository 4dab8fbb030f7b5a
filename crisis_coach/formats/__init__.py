"""Date formats per language (settings.FORMAT_MODULE_PATH), one per kind of date shown.

Django's own formats mix kinds and, for Arabic, fall back to the American "m/d/Y" for dates with
a time, which an Arabic reader takes as day first. Here each language has one format for a day
and one for a moment (day and time), both unambiguous; the short and long names of each kind are
the same format, so a template or `date_format` call cannot pick a different look by accident.
Anything not set here (input formats, number separators) comes from Django's locale formats.
Relative dates ("3 days overdue") are translated plural strings, not formats.
"""
