"""The moments of a case that apps above incidents act on (they connect receivers in AppConfig.ready).

incidents cannot import the apps built on it (pyproject.toml's layers), so what they keep of a case
and purge with its trash hears of the purge here.
"""

from django.dispatch import Signal

# Sent by the purge_trash command with cutoff=: rows of live cases trashed before it go for good.
# Each receiver returns how many it deleted. (A purged case takes all its rows with it anyway.)
trash_purging = Signal()
