"""Reads for coaching. Consent is checked here, once: a coach reaches a case only through
`shared_case_for_coach`, which answers 404 unless the client has an active link to that coach
AND has shared the case (and it is not in the trash)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import (
    Aggregate,
    BooleanField,
    Case,
    Count,
    DateField,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from crisis_coach.coaching import rules
from crisis_coach.coaching.models import (
    CaseAccess,
    CoachComment,
    CoachingLink,
    CoachNote,
    CoachProfile,
    LinkStatus,
)
from crisis_coach.common import search
from crisis_coach.incidents.models import (
    ActionStep,
    Incident,
    ProposalState,
    RiskLevel,
    Stage,
)
from crisis_coach.incidents.rules import DONT_DELAY_DAYS
from crisis_coach.incidents.selectors import case_queryset, loaded_case
from crisis_coach.wellbeing import selectors as wellbeing_selectors
from crisis_coach.wellbeing.thoughts import selectors as thought_selectors

STALE_DAYS = 14  # No activity for two weeks: the case may have stalled.
URGENT_RISKS = (RiskLevel.HIGH, RiskLevel.CRITICAL)


# --- Links -----------------------------------------------------------------------------------


def coach_profile_by_code(code: str) -> CoachProfile | None:
    """The coach whose invite code this is (already normalised), or None."""
    return CoachProfile.objects.select_related("user").filter(invite_code=code).first()


def active_link_for_client(client) -> CoachingLink | None:
    return CoachingLink.objects.active().select_related("coach").filter(client=client).first()


def coach_reading_thoughts(incident: Incident):
    """The coach who may read this case's thought records now (its client's active coach, when the
    case is shared with the thought records ticked), or None. No query unless the case shares them."""
    if not rules.coach_may_see(incident, rules.THOUGHTS):
        return None
    link = active_link_for_client(incident.owner_id)
    return link.coach if link else None


def coach_seeing_check_ins(client):
    """The client's active coach when a live open case of hers shares check-ins (the coach then sees
    the check-ins of that case's days, selectors.case_period), or None. One query."""
    sharing = Incident.objects.alive().filter(
        rules.section_q(rules.CHECK_INS), owner=OuterRef("client"), shared_with_coach=True
    )
    link = (
        CoachingLink.objects.active()
        .select_related("coach")
        .filter(Exists(sharing.exclude(stage=Stage.CLOSED)), client=client)
        .first()
    )
    return link.coach if link else None


def past_links_for_client(client) -> QuerySet[CoachingLink]:
    return CoachingLink.objects.filter(client=client, status=LinkStatus.ENDED).select_related("coach")


def active_links_for_coach(coach) -> QuerySet[CoachingLink]:
    return CoachingLink.objects.active().filter(coach=coach).select_related("client").order_by("started_at")


def active_link_of_coach(coach, public_id) -> CoachingLink:
    """The coach's own active link, for ending it. 404 for anyone else's or an ended one."""
    return get_object_or_404(
        CoachingLink.objects.active().select_related("client"), coach=coach, public_id=public_id
    )


def active_link_of_client(client, public_id) -> CoachingLink:
    """The client's own active link, for ending it. 404 for anyone else's or an ended one."""
    return get_object_or_404(
        CoachingLink.objects.active().select_related("coach"), client=client, public_id=public_id
    )


def incidents_to_share(client) -> QuerySet[Incident]:
    """The client's live setbacks with what their share switches on /coaching/ show, and no more."""
    return (
        Incident.objects.alive()
        .filter(owner=client)
        .only(
            "public_id", "title", "stage", "shared_with_coach", "occurred_on", *rules.CHOSEN_SECTIONS.values()
        )
    )


def newest_links_for_coach(coach, limit: int) -> QuerySet[CoachingLink]:
    """The coach's `limit` newest active clients, for the dashboard (all of them: links_for_clients_page)."""
    return active_links_for_coach(coach).order_by("-started_at")[:limit]


def links_for_clients_page(coach) -> QuerySet[CoachingLink]:
    """Every active client of the coach, newest first, in a stable order to paginate."""
    return active_links_for_coach(coach).order_by("-started_at", "-id")


def require_coach(user) -> None:
    """Coach pages do not exist for people who are not coaches."""
    if not user.is_coach:
        raise Http404


# --- Cases a coach may see -------------------------------------------------------------------


def _consented(coach) -> Exists:
    return Exists(CoachingLink.objects.active().filter(client=OuterRef("owner"), coach=coach))


def shared_cases(coach) -> QuerySet[Incident]:
    """Every case the coach may read right now: live, shared, of a client actively linked to them."""
    return Incident.objects.alive().filter(_consented(coach), shared_with_coach=True)


def _review_cases() -> QuerySet[Incident]:
    """Cases with everything the review shows, their owner included."""
    return case_queryset().select_related("owner")


def shared_case_for_coach(coach, public_id) -> Incident:
    """One shared case with everything the review shows, or 404. Read-only: a coach never edits a case."""
    require_coach(coach)
    incidents = _review_cases().filter(_consented(coach), shared_with_coach=True, deleted_at__isnull=True)
    return get_object_or_404(incidents, public_id=public_id)


def shared_case_heading_for_coach(coach, public_id) -> Incident:
    """One shared case's ids, title and stage, and its owner's data version, or 404: what the cached
    review reads on every load (the consent, the page's title, the cache's version). The same 404 as
    shared_case_for_coach; shared_case_loaded reads the rest on a miss."""
    require_coach(coach)
    incidents = (
        Incident.objects.alive()
        .select_related("owner")
        .filter(_consented(coach), shared_with_coach=True)
        .only("id", "public_id", "owner_id", "title", "stage", "owner__id", "owner__data_version")
    )
    return get_object_or_404(incidents, public_id=public_id)


def shared_case_loaded(incident: Incident) -> Incident:
    """`incident` with everything the review shows and its owner: as shared_case_for_coach read it,
    or read again by its id when only its heading was read."""
    return loaded_case(incident, _review_cases())


def shared_section_for_coach(coach, public_id, section: str) -> Incident:
    """A shared case whose client shares `section` with the coach (rules.CHOSEN_SECTIONS), with its
    owner, for that section's read-only page; 404 otherwise, the same 404 as a case not shared at all.
    One query: the page reads the section itself."""
    require_coach(coach)
    incidents = (
        Incident.objects.alive()
        .select_related("owner")
        .filter(_consented(coach), rules.section_q(section), shared_with_coach=True)
    )
    return get_object_or_404(incidents, public_id=public_id)


def require_section(incident: Incident, section: str) -> None:
    """404 unless the client shares `section` of this case (already fetched with consent)."""
    if not rules.coach_may_see(incident, section):
        raise Http404


def case_period(incident: Incident) -> tuple[date, date]:
    """The days of the case on the client's calendar: from the day it happened to the day it closed,
    or today while it is open (never before the day it happened)."""
    zone = incident.owner.zone
    end = timezone.localdate(incident.closed_at or timezone.now(), zone)
    return incident.occurred_on, max(end, incident.occurred_on)


def check_ins_during_case(incident: Incident) -> QuerySet:
    """The client's check-ins on the days of the case (case_period), newest day first."""
    start, end = case_period(incident)
    return wellbeing_selectors.check_ins_for(incident.owner).filter(day__gte=start, day__lte=end)


def thought_records_of_case(incident: Incident) -> QuerySet:
    return thought_selectors.thought_records_for(incident)


def case_comments(incident: Incident) -> QuerySet[CoachComment]:
    """Top-level comments with their replies, oldest first (two queries whatever the count)."""
    return (
        CoachComment.objects.filter(incident=incident, reply_to__isnull=True)
        .select_related("author", "step", "conversation__stakeholder")
        .prefetch_related(Prefetch("replies", queryset=CoachComment.objects.select_related("author")))
    )


def notes_for_case(coach, incident: Incident) -> QuerySet[CoachNote]:
    """The coach's own notes on this case and on its client in general. Only ever for the coach."""
    return CoachNote.objects.filter(coach=coach, client_id=incident.owner_id).filter(
        Q(incident=incident) | Q(incident__isnull=True)
    )


def note_of_coach(coach, public_id) -> CoachNote:
    """One of the coach's own notes, whether or not the client is still linked to them.

    What a coach keeps of an ended client (README, "Coaching"): their own notes, because they wrote
    them, read-only on the note's own page (to delete it), never anything of the case; the notes show
    on the case review again if the client links and shares with them again. They go with the
    client's account or the case (on_delete=CASCADE)."""
    require_coach(coach)
    return get_object_or_404(CoachNote.objects.select_related("incident"), coach=coach, public_id=public_id)


def recent_accesses(incident: Incident, limit: int = 10) -> tuple[list[CaseAccess], int]:
    """The latest coach views of the case, for the client's "viewed by your coach" log, and how many
    there are in all, in one query: each row carries the total."""
    accesses = list(
        CaseAccess.objects.filter(incident=incident)
        .select_related("coach")
        .only("at", "coach__display_name")
        .annotate(total=Window(Count("id")))[:limit]
    )
    return accesses, accesses[0].total if accesses else 0


# --- The caseload ----------------------------------------------------------------------------


class Median(Aggregate):
    """PostgreSQL's exact median; NULLs (cases still open) are ignored."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


class DaysBetween(Func):
    """date - date in PostgreSQL: a whole number of days."""

    template = "(%(expressions)s)"
    arg_joiner = " - "
    output_field = IntegerField()


def _count_of(queryset) -> Coalesce:
    counted = queryset.order_by().values("incident").annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


SORTS = {
    "client": "owner__display_name",
    "title": "title",
    "type": "crisis_type",
    "risk": "risk_rank",
    "stage": "stage_rank",
    "days": "days_open",
    "overdue": "overdue_count",
    "activity": "last_activity",
    "attention": "needs_attention",
}
DEFAULT_SORT = "-attention"


@dataclass(frozen=True)
class AttentionRules:
    """Why an open case needs the coach's attention, as conditions on its stored summary
    (incidents.case_summary) and today, so thousands of cases are judged without looking into
    their steps or timelines."""

    risk: Q  # high or critical risk, and no conversation held DONT_DELAY_DAYS after it happened
    # An open step of the plan is past its due date (incidents.models.overdue_q), read from the stored
    # next_step_due_on: the earliest due date of the open steps of the plan.
    overdue: Q
    stale: Q  # no activity of the client's for STALE_DAYS

    @classmethod
    def on(cls, today: date, now) -> "AttentionRules":
        is_open = ~Q(stage=Stage.CLOSED)
        return cls(
            risk=is_open
            & Q(risk_level__in=URGENT_RISKS, conversation_held=False)
            & Q(occurred_on__lt=today - timedelta(days=DONT_DELAY_DAYS)),
            overdue=is_open & Q(next_step_due_on__lt=today),
            stale=is_open & Q(last_activity_at__lt=now - timedelta(days=STALE_DAYS)),
        )

    @property
    def any(self) -> Q:
        return self.risk | self.overdue | self.stale


def _today_and_now(today: date | None, now) -> tuple[date, object]:
    now = now or timezone.now()
    return today or timezone.localdate(now), now


def caseload(coach, *, today: date | None = None, now=None) -> QuerySet[Incident]:
    """The coach's shared cases, annotated in SQL with everything the dashboard shows, filters and sorts.

    Activity is the client's: incident edits, timeline events other than coach comments, replies.
    The overdue count is a subquery, but PostgreSQL runs it only for the rows of the page unless
    the table is sorted by it.
    """
    today, now = _today_and_now(today, now)
    rules = AttentionRules.on(today, now)
    overdue = ActionStep.objects.filter(incident=OuterRef("pk")).overdue(today)
    return (
        shared_cases(coach)
        .select_related("owner")
        # The stored search text is for the index; the table never shows it.
        .defer("search_text", "search_vector")
        .annotate(
            overdue_count=_count_of(overdue),
            last_activity=F("last_activity_at"),
            days_open=Case(
                When(stage=Stage.CLOSED, then=Coalesce("resolution_days", 0)),
                default=DaysBetween(Value(today, output_field=DateField()), F("occurred_on")),
                output_field=IntegerField(),
            ),
            risk_rank=Case(
                *[When(risk_level=level, then=rank) for rank, level in enumerate(RiskLevel, 1)],
                default=0,
                output_field=IntegerField(),
            ),
            stage_rank=Case(
                *[When(stage=stage, then=rank) for rank, stage in enumerate(Stage, 1)],
                output_field=IntegerField(),
            ),
            attention_risk=_flag(rules.risk),
            attention_overdue=_flag(rules.overdue),
            attention_stale=_flag(rules.stale),
            needs_attention=_flag(rules.any),
        )
    )


def _flag(condition: Q) -> Case:
    return Case(When(condition, then=True), default=False, output_field=BooleanField())


# The case's stored search columns (incidents/case_summary.py), built by crisis_coach.common.search.
SEARCH_FIELDS = {"vector": "search_vector", "text": "search_text"}


def search_cases(cases: QuerySet[Incident], text: str) -> QuerySet[Incident]:
    """The cases holding every word and "quoted phrase" of the query (crisis_coach/common/search.py):
    in the case's stored search text (title, what happened, stakeholders' words, step titles, and
    the reflection only while the client shares it: what the coach reads of a shared case,
    incidents/case_summary.py) or the client's name. A term of three letters or more is
    found through the GIN indexes over every case first, so PostgreSQL never reads every case's
    text; a shorter one, which trigrams cannot find, by a scan of the coach's own cases only."""
    for term in search.parse(text):
        name = Q(owner__display_name__icontains=term.text)
        if term.short:
            cases = cases.filter(search.term_q(term, short=True, **SEARCH_FIELDS) | name)
        else:
            matching = Incident.objects.filter(search.term_q(term, **SEARCH_FIELDS))
            cases = cases.filter(Q(pk__in=matching.values("pk")) | name)
    return cases


def filtered_caseload(
    coach, *, stage: str = "", risk: str = "", attention: bool = False, q: str = "", sort: str = ""
) -> QuerySet[Incident]:
    """The dashboard's table: filters and a whitelisted sort, all in the database."""
    cases = caseload(coach)
    if stage:
        cases = cases.filter(stage=stage)
    if risk == "none":
        cases = cases.filter(risk_level="")
    elif risk:
        cases = cases.filter(risk_level=risk)
    if attention:
        cases = cases.filter(needs_attention=True)
    cases = search_cases(cases, q)
    key = sort if sort.lstrip("-") in SORTS else DEFAULT_SORT
    column = SORTS[key.lstrip("-")]
    descending = key.startswith("-")
    order = F(column).desc(nulls_last=True) if descending else F(column).asc(nulls_last=True)
    # The table always has a sort (the attention column by default), so no search.rank here: as a
    # tie-break it carried every match's vector through the window count, and a broad search over
    # 10,000 cases spilled to disk (80 → 60 ms of the ids query with the bench's data).
    return cases.order_by(order, "-occurred_on", "pk")


def caseload_page(request, cases: QuerySet[Incident], per_page: int, *, coach) -> Page:
    """One page of the caseload, as paginate() gives it, in two queries instead of three.

    The page's ids come with the number of matching cases (a window count), so the filters and the
    search run once, not once for the count and again for the page; and the sort runs over ids
    alone (narrow rows sort faster among thousands). Then only that page's cases are read with
    everything the table shows. A page number past the end falls back to the last page."""
    ordered = cases.annotate(matching=Window(Count("pk"))).values_list("pk", "matching")
    asked = _page_number(request)
    rows = list(ordered[(asked - 1) * per_page : asked * per_page])
    paginator = Paginator(ordered, per_page)
    paginator.count = rows[0][1] if rows else cases.count()  # known already: spare the COUNT query
    page = paginator.get_page(asked)
    if page.number != asked and paginator.count:
        rows = list(ordered[page.start_index() - 1 : page.end_index()])
    found = {case.pk: case for case in caseload(coach).filter(pk__in=[pk for pk, _ in rows]).order_by()}
    page.object_list = [found[pk] for pk, _ in rows if pk in found]
    return page


# Beyond this a page number only means "past the end" (and its offset would overflow SQL's bigint).
LAST_PAGE_NUMBER = 10**9


def _page_number(request) -> int:
    try:
        return min(max(int(request.GET.get("page", 1)), 1), LAST_PAGE_NUMBER)
    except ValueError:
        return 1


@dataclass(frozen=True)
class CaseloadSummary:
    active_clients: int
    open_cases: int
    needing_attention: int
    median_days_to_resolution: float | None


def caseload_summary(coach, *, today: date | None = None, now=None) -> CaseloadSummary:
    """The figures at the top of the dashboard, in two queries."""
    rules = AttentionRules.on(*_today_and_now(today, now))
    figures = shared_cases(coach).aggregate(
        open_cases=Count("pk", filter=~Q(stage=Stage.CLOSED)),
        needing_attention=Count("pk", filter=rules.any),
        median=Median("resolution_days"),
    )
    return CaseloadSummary(
        active_clients=CoachingLink.objects.active().filter(coach=coach).count(),
        open_cases=figures["open_cases"],
        needing_attention=figures["needing_attention"],
        median_days_to_resolution=figures["median"],
    )


# --- The client's side -----------------------------------------------------------------------


def comments_for_client(client, limit: int = 10) -> QuerySet[CoachComment]:
    """The latest coach comments on the client's own live cases (for /coaching/)."""
    return (
        CoachComment.objects.filter(
            incident__owner=client, incident__deleted_at__isnull=True, reply_to__isnull=True
        )
        .select_related("author", "incident", "step", "conversation__stakeholder")
        .prefetch_related(Prefetch("replies", queryset=CoachComment.objects.select_related("author")))
        .order_by("-created_at", "-id")[:limit]
    )


def pending_proposals_for_client(client) -> QuerySet[ActionStep]:
    """The steps the client's current coach proposed and the client has not answered yet. A former
    coach's proposals are no longer offered: accepting or declining answers a coach who is gone."""
    by_current_coach = Exists(
        CoachingLink.objects.active().filter(client=client, coach=OuterRef("proposed_by"))
    )
    return (
        ActionStep.objects.filter(
            by_current_coach,
            incident__owner=client,
            incident__deleted_at__isnull=True,
            proposal_state=ProposalState.PENDING,
        )
        .select_related("incident", "proposed_by")
        .order_by("created_at")
    )


def is_current_coach(link: CoachingLink | None, user_id) -> bool:
    """Whether `user_id` (a comment's author, a step's proposer) is the coach of the active `link`:
    only then does a reply reach anyone, or an answer to a proposal mean something."""
    return link is not None and user_id is not None and link.coach_id == user_id


def comment_of(incident: Incident, public_id) -> CoachComment:
    """A top-level comment on the client's own incident (the caller fetched it through its owner)."""
    return get_object_or_404(CoachComment, incident=incident, reply_to__isnull=True, public_id=public_id)


def pending_proposal_of(incident: Incident, public_id) -> ActionStep:
    return get_object_or_404(
        ActionStep, incident=incident, public_id=public_id, proposal_state=ProposalState.PENDING
    )
