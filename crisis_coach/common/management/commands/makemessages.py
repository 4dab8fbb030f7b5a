"""Django's makemessages, which also extracts the strings Python code passes to addressed().

Django's documented way to give xgettext more keywords: override the command's xgettext_options.
addressed("…") is a plain msgid, like gettext; its feminine and neutral forms are extracted from
crisis_coach/common/addressed_strings.py (common/addressing.py).
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [
        *makemessages.Command.xgettext_options,
        "--keyword=addressed",
        "--keyword=addressed_lazy",
        "--keyword=addressed_plural:1,2",
    ]
