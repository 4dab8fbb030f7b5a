"""The stored summary of a case that the coach's caseload filters, sorts and searches on.

A coach with thousands of shared cases cannot afford, on every page of the dashboard, to look into
every case's steps, conversations, timeline and replies. So each case carries a few derived
columns (Incident.risk_level, last_activity_at, conversation_held, next_step_due_on, search_text and
search_vector), recomputed here in one UPDATE from the rows they summarise. Every service that
writes to a case ends with services.case_changed, which stores it; the bulk seeders and the importer
call `case_summary_refresh` once for all their cases. tests/incidents/test_case_summary.py checks the
columns after each kind of write.

The time-dependent verdicts (is a step overdue *today*, has the case been quiet for 14 days) are
not stored: they are cheap comparisons of these columns with the date of the request.
"""

import functools

from django.contrib.postgres.aggregates import StringAgg
from django.db import connection, transaction
from django.db.models import Case, Exists, F, Min, OuterRef, QuerySet, Subquery, TextField, Value, When
from django.db.models.functions import Coalesce, Concat, Greatest
from django.db.models.sql.subqueries import UpdateQuery

from crisis_coach.common import search
from crisis_coach.incidents.models import (
    ActionStep,
    Assessment,
    Conversation,
    EventKind,
    Incident,
    Reflection,
    Stakeholder,
    TimelineEvent,
)


def _joined_text(queryset, field: str) -> Coalesce:
    # In the rows' order of creation, not the table's physical order: an update moves a row, and the
    # stored text of a case whose words did not change must equal a recomputation (integrity.py).
    joined = (
        queryset.order_by()
        .values("incident")
        .annotate(text=StringAgg(field, " ", order_by="pk"))
        .values("text")
    )
    return Coalesce(Subquery(joined, output_field=TextField()), Value(""), output_field=TextField())


def _reflection_text() -> Coalesce:
    words = Reflection.objects.filter(incident=OuterRef("pk")).values(
        text=Concat("strengths", Value(" "), "lessons", Value(" "), "next_step", output_field=TextField())
    )
    return Coalesce(Subquery(words, output_field=TextField()), Value(""), output_field=TextField())


def summary_columns(*, words: bool = True) -> dict:
    """The derived columns as SQL expressions of one incident (OuterRef("pk")), for UPDATE ... SET.
    Without `words`, not the search text and vector: a write that changes none of the searched words
    (a step's status, its check, its drop) keeps them, since rebuilding them is most of the cost of
    the summary (bench/RESULTS.md: about 25 of a tick's 45 ms)."""
    steps = ActionStep.objects.filter(incident=OuterRef("pk"))
    # The client's activity: edits of the case, its timeline (but not the coach's comments), and the
    # client's replies to the coach. The replies are read through the reverse relation that
    # crisis_coach.coaching adds ("coach_comments"): the crisis flow does not import coaching.
    events = TimelineEvent.objects.filter(incident=OuterRef("pk")).exclude(kind=EventKind.COACH_COMMENT)
    last_reply = (
        Incident.objects.filter(pk=OuterRef("pk"), coach_comments__author=OuterRef("owner"))
        .order_by("-coach_comments__created_at")
        .values("coach_comments__created_at")[:1]
    )
    open_steps = steps.in_plan().open()
    # Every step's title is searchable, proposals included: the coach may look for what they proposed.
    # Beyond the plan, only what the client shares with the coach (coaching/rules.py): the reflection's
    # words while share_reflection is on. The evidence log, thought records and check-ins are never in it.
    body = (
        "what_happened",
        _joined_text(Stakeholder.objects.filter(incident=OuterRef("pk")), "what_they_said"),
        _joined_text(steps, "title"),
        Case(
            When(share_reflection=True, then=_reflection_text()), default=Value(""), output_field=TextField()
        ),
    )
    columns = {
        "risk_level": Coalesce(
            Subquery(Assessment.objects.filter(incident=OuterRef("pk")).values("risk_level")), Value("")
        ),
        "last_activity_at": Greatest(
            "updated_at",
            Subquery(events.order_by("-at").values("at")[:1]),
            Subquery(last_reply),
        ),
        "conversation_held": Exists(
            Conversation.objects.filter(incident=OuterRef("pk"), held_at__isnull=False)
        ),
        "next_step_due_on": Subquery(
            open_steps.order_by().values("incident").annotate(first=Min("due_on")).values("first")
        ),
    }
    if words:
        # Both through cc_normalise (crisis_coach/common/search.py); the title outranks the rest.
        columns["search_text"] = search.joined_text("title", *body)
        columns["search_vector"] = search.titled_document(F("title"), search.joined_text(*body))
    return columns


def lock_cases(incidents: QuerySet[Incident]) -> list[int]:
    """Lock the incidents' rows until the transaction ends, in a statement of their own, and return
    their ids. A summary UPDATE that waited for another transaction's lock would still read the
    steps and events as they were when it began, and store a summary missing what that transaction
    wrote; the next statement, run once the lock is ours, sees it. (NO KEY UPDATE, like the UPDATE
    itself, so it does not wait for transactions that merely added a row pointing to the incident.)
    Call it inside a transaction."""
    return list(incidents.select_for_update(no_key=True).order_by("pk").values_list("pk", flat=True))


def summary_update(incidents: QuerySet[Incident], *, words: bool = True) -> int:
    """Recompute the stored summary of incidents whose rows this transaction has locked (lock_cases);
    without `words`, all but the search columns (summary_columns)."""
    return incidents.update(**summary_columns(words=words))


# A case id no case has, which the compiled UPDATE of one case (_one_case_update) stands on.
_ANY_CASE = -20_261_204


@functools.cache
def _one_case_update(words: bool) -> tuple[str, tuple]:
    """summary_update of one case as SQL, built and compiled once a process. Building the columns'
    expressions and compiling them costs three times what PostgreSQL takes to run the statement
    (6.0 against 1.9 ms on the bench's cases, 2026-12-04), and every write to a case pays it."""
    query = Incident.objects.filter(pk=_ANY_CASE).query.chain(UpdateQuery)
    query.add_update_values(summary_columns(words=words))
    return query.get_compiler(connection=connection).as_sql()


def summary_update_one(pk: int, *, words: bool = True) -> None:
    """summary_update(Incident.objects.filter(pk=pk), words=words), from the compiled statement:
    services.case_changed's path, after every write to a case. tests/incidents/test_case_summary.py
    holds both to the same columns."""
    sql, params = _one_case_update(words)
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk if param == _ANY_CASE else param for param in params])


def case_summary_refresh(incidents: QuerySet[Incident]) -> int:
    """Recompute the stored summary of every incident in a queryset: the bulk path (the importer,
    the seeders). One case after a write goes through services.case_changed."""
    with transaction.atomic(savepoint=False):
        return summary_update(Incident.objects.filter(pk__in=lock_cases(incidents)))
