"""Invariants of stored data, checked rather than hoped for (manage.py check_integrity).

Some columns are derived from other rows and stored so that lists can filter and sort on them (a
case's summary and stage, a contact's last-contacted date); the timeline is written next to every
write of a case. The services keep them in step; this is how an operator finds out whether they did,
after a bulk seed, an import, a restored backup or a hand-made UPDATE.

Each app owns its invariants, in its own `integrity.py`, registered with `@invariant`; the command
imports every app's module (autodiscover_modules), so this module imports no app. A check returns
the primary keys of the rows that break it, without loading the rows that keep it: work per batch
of rows, not per row, so that a run over 100,000 cases stays a fixed number of statements per batch.
A repair, where the value is derivable, goes through the app's own services.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db import models
from django.db.models import BooleanField, Func

# Rows per statement when a check walks a whole table by id range.
BATCH = 5000


class DistinctFrom(Func):
    """`a IS DISTINCT FROM b`: unlike `=`, a NULL on one side and a value on the other differ."""

    arg_joiner = " IS DISTINCT FROM "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def id_ranges(queryset: models.QuerySet, size: int = BATCH) -> Iterator[tuple[int, int]]:
    """Half-open [low, high) id ranges covering `queryset`'s rows, from one query for the bounds."""
    bounds = queryset.aggregate(low=models.Min("pk"), high=models.Max("pk"))
    if bounds["low"] is None:
        return
    for low in range(bounds["low"], bounds["high"] + 1, size):
        yield low, low + size


@dataclass(frozen=True)
class Invariant:
    """What must hold, in an operator's words, and how to find (and maybe repair) the rows that break it.

    `find()` returns the primary keys of the `model` rows that break it; `repair(pks)`, when the
    right value can be derived from other rows, writes it and returns how many rows it repaired.
    Without `repair` the drift is only reported: `unrepaired` says why (missing history is not
    invented)."""

    name: str
    rows: str  # what a drifted row is, plural, e.g. "cases"
    broken: str  # what is wrong with them, e.g. "store a summary that differs from their rows"
    model: type[models.Model]
    find: Callable[[], list[int]]
    repair: Callable[[list[int]], int] | None = None
    unrepaired: str = ""


_registry: dict[str, Invariant] = {}


def invariant(
    name: str,
    *,
    rows: str,
    broken: str,
    model: type[models.Model],
    repair: Callable[[list[int]], int] | None = None,
    unrepaired: str = "",
):
    """Register the decorated `find()` as an invariant. Registration order is check (and repair)
    order: a repair may fix what a later check looks at (a case's stage, then its timeline)."""

    def register(find: Callable[[], list[int]]) -> Callable[[], list[int]]:
        _registry[name] = Invariant(name, rows, broken, model, find, repair, unrepaired)
        return find

    return register


def invariants() -> list[Invariant]:
    return list(_registry.values())


def examples(check: Invariant, pks: list[int], count: int = 3) -> list[str]:
    """A few of the drifted rows, by public id where the model has one (what an operator can look up)."""
    shown = sorted(pks)[:count]
    if any(field.name == "public_id" for field in check.model._meta.fields):
        by_pk = dict(check.model.objects.filter(pk__in=shown).values_list("pk", "public_id"))
        return [str(by_pk[pk]) for pk in shown if pk in by_pk]
    return [f"id {pk}" for pk in shown]
