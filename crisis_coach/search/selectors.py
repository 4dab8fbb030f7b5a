"""The person's search across their own setbacks and network (the navbar's box, /search/).

Nothing is stored for it: each kind's rows are searched on the fly, the vector and the text built
in the query from the row's fields (crisis_coach/common/search.py, the same cc_normalise as the
coach's stored search). Every queryset starts from the owner, so a scan reads one person's rows,
never the table; that is also why a short term may use strpos (`term_q(short=True)`) on every term
here: a person's few thousand rows at most, with no index to serve them anyway. The price is
parsing every one of the owner's rows into its vector at every search; should that grow too slow,
store a vector per kind, as Incident does for the coach.

One query per kind, its total counted in the same query (a window count), so the overview costs a
fixed number of queries however much the person has written.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, F, QuerySet, TextField, Value, Window
from django.db.models.functions import Cast, Coalesce

from crisis_coach.common import search
from crisis_coach.incidents.models import (
    ActionStep,
    Conversation,
    EventKind,
    Incident,
    Reflection,
    Stakeholder,
    TimelineEvent,
)
from crisis_coach.network.models import Commitment, Community, Contact, Interaction

# Each group of the overview shows this many; "Show all" opens the kind, page by page.
GROUP_SHOWN = 5


@dataclass(frozen=True)
class Kind:
    """One kind of row the search finds: the owner's rows of it, the field that is its title
    (weighted above the others) and its body fields, as paths from the row."""

    key: str
    rows: Callable[..., QuerySet]
    title: str | None
    body: tuple[str, ...]
    newest: tuple[str, ...]
    # Searched with the body but not in the snippet: the result's title or context line shows them
    # ("Conversation with Grace", "Touch with Grace"), so "Grace" finds the talk with Grace.
    named: tuple[str, ...] = ()

    def title_of(self, row) -> str:
        return _value(row, self.title) if self.title else ""

    def body_of(self, row) -> str:
        """The body fields' text, as the result's snippet shows it."""
        return " · ".join(text for text in (_value(row, path) for path in self.body) if text.strip())


def _value(row, path: str) -> str:
    value = row
    try:
        for name in path.split("__"):
            value = getattr(value, name)
    except ObjectDoesNotExist:  # no assessment yet
        return ""
    return str(value or "")


def _alive_incidents(user):
    return Incident.objects.alive().filter(owner=user)


def _case_rows(model, user):
    """Rows hanging off the owner's incidents, never off one in the trash."""
    return model.objects.filter(incident__owner=user, incident__deleted_at__isnull=True)


KINDS = (
    Kind(
        "setbacks",
        lambda user: _alive_incidents(user).select_related("assessment"),
        "title",
        ("what_happened", "assessment__root_cause", "assessment__prevention"),
        ("-occurred_on", "-created_at"),
    ),
    Kind(
        "stakeholders",
        lambda user: _case_rows(Stakeholder, user).select_related("incident"),
        "name",
        ("what_they_said",),
        ("-created_at",),
    ),
    Kind(
        "steps",
        lambda user: _case_rows(ActionStep, user).select_related("incident"),
        "title",
        ("detail",),
        ("-created_at",),
    ),
    Kind(
        "conversations",
        lambda user: _case_rows(Conversation, user).select_related("incident", "stakeholder"),
        None,
        ("acknowledge", "cause", "amends", "ask", "outcome_notes"),
        ("-created_at",),
        named=("stakeholder__name",),
    ),
    Kind(
        "reflections",
        lambda user: _case_rows(Reflection, user).select_related("incident"),
        None,
        ("strengths", "lessons", "next_step"),
        ("-written_at",),
    ),
    Kind(
        "notes",
        lambda user: _case_rows(TimelineEvent, user).filter(kind=EventKind.NOTE).select_related("incident"),
        None,
        ("text",),
        ("-at", "-id"),
    ),
    Kind(
        "contacts",
        lambda user: Contact.objects.filter(owner=user),
        "name",
        ("organisation", "role", "how_met", "notes"),
        ("-created_at",),
    ),
    Kind(
        "interactions",
        lambda user: Interaction.objects.filter(contact__owner=user).select_related("contact"),
        "summary",
        ("shared",),
        ("-happened_on", "-created_at"),
        named=("contact__name",),
    ),
    Kind(
        "commitments",
        lambda user: Commitment.objects.filter(contact__owner=user).select_related("contact"),
        "what",
        (),
        ("-due_on", "-created_at"),
        named=("contact__name",),
    ),
    Kind(
        "communities",
        lambda user: Community.objects.filter(owner=user),
        "name",
        ("notes",),
        ("-created_at",),
    ),
)
_BY_KEY = {kind.key: kind for kind in KINDS}


def _field(path: str):
    # A missing assessment or stakeholder gives NULL, which would empty the whole joined text.
    return Coalesce(Cast(F(path), TextField()), Value(""), output_field=TextField())


def _matching(kind: Kind, user, terms: list[search.Term]) -> QuerySet:
    """The owner's rows of the kind holding every term, best match first, then the newest."""
    fields = ([kind.title] if kind.title else []) + list(kind.body) + list(kind.named)
    weighted = [(_field(path), "A" if path == kind.title else "B") for path in fields]
    rows = kind.rows(user).alias(
        _v=search.document(*weighted), _t=search.joined_text(*(_field(path) for path in fields))
    )
    for term in terms:
        # short=True for every term: the rows are already bounded to the owner (module docstring).
        rows = rows.filter(search.term_q(term, vector="_v", text="_t", short=True))
    return rows.order_by(search.rank(terms, vector="_v").desc(), *kind.newest, "-pk")


@dataclass
class Group:
    kind: Kind
    total: int
    rows: list


def search_everything(user, text: str) -> list[Group]:
    """For the owner only: every kind, in KINDS' order, with its first GROUP_SHOWN matches of
    every term of the query and how many match in all. One query per kind; none for a query
    without terms."""
    terms = search.parse(text)
    if not terms:
        return []
    groups = []
    for kind in KINDS:
        rows = list(_matching(kind, user, terms).annotate(_total=Window(Count("pk")))[:GROUP_SHOWN])
        groups.append(Group(kind, rows[0]._total if rows else 0, rows))
    return groups


def kind_for(key: str) -> Kind | None:
    return _BY_KEY.get(key)


def search_kind(user, text: str, kind: Kind) -> QuerySet:
    """The owner's rows of one kind matching the query, to paginate (none without terms)."""
    terms = search.parse(text)
    if not terms:
        return kind.rows(user).none()
    return _matching(kind, user, terms)
