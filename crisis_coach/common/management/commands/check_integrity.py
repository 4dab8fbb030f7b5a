from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils.module_loading import autodiscover_modules

from crisis_coach.common import integrity


@contextmanager
def _read_only_snapshot():
    """The whole run sees one moment of the database and cannot write to it. (Inside a transaction
    already, as in the tests, that transaction's own snapshot is used: the mode is set only first.)"""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


class Command(BaseCommand):
    help = (
        "Check the stored derived data (case summaries and stages, risk levels, last-contacted dates) "
        "and the timeline against the rows they come from, and report any drift. Read-only unless "
        "--fix, which repairs what can be derived and reports the rest. Exit status 1 when drift is "
        "left, 0 when clean."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="Repair what can be derived from other rows.")
        parser.add_argument(
            "--only", action="append", metavar="NAME", help="Run only this check (repeatable), e.g. network."
        )

    def handle(self, *args, fix: bool, only: list[str] | None, verbosity: int, **options):
        autodiscover_modules("integrity")  # each app registers its invariants in its integrity.py
        checks = self._chosen(only)
        if fix:
            found, fixed = self._run(checks, fix=True, verbosity=verbosity)
            left = sum(len(check.find()) for check in checks)
            self.stdout.write(f"check_integrity: {found} drift(s), {fixed} fixed, {left} left")
        else:
            with _read_only_snapshot():
                found, _fixed = self._run(checks, fix=False, verbosity=verbosity)
            left = found
            self.stdout.write(f"check_integrity: {found} drift(s)")
        if left:
            raise SystemExit(1)

    def _chosen(self, only: list[str] | None) -> list[integrity.Invariant]:
        checks = integrity.invariants()
        if not only:
            return checks
        # A name or its app's prefix: "network" runs network.*.
        chosen = [c for c in checks if any(c.name == n or c.name.startswith(f"{n}.") for n in only)]
        if not chosen:
            names = ", ".join(check.name for check in checks)
            raise CommandError(f"No check is called {', '.join(only)}. The checks: {names}.")
        return chosen

    def _run(self, checks: list[integrity.Invariant], *, fix: bool, verbosity: int) -> tuple[int, int]:
        """Each check in order, repaired before the next looks (a stage repair writes timeline lines)."""
        found = fixed = 0
        for check in checks:
            pks = check.find()
            if not pks:
                if verbosity > 1:
                    self.stdout.write(f"{check.name}: ok")
                continue
            found += len(pks)
            shown = ", ".join(integrity.examples(check, pks))
            self.stdout.write(f"{check.name}: {len(pks)} {check.rows} {check.broken} (e.g. {shown})")
            if not fix:
                continue
            if check.repair is None:
                self.stdout.write(f"  not fixed: {check.unrepaired}")
                continue
            repaired = check.repair(pks)
            fixed += repaired
            self.stdout.write(f"  fixed: {repaired} {check.rows}")
        return found, fixed
