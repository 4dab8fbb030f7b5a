"""The person's search across their own setbacks and network (the navbar's box, /search/).

Each kind's model stores the search vector and text of the row's own fields in two columns that
PostgreSQL generates on every write (search_vector_column in incidents/models.py and
network/models.py; a setback's are own_search_*, beside the coach's search_* of its whole case),
through the same cc_normalise as the coach's search (crisis_coach/common/search.py). Building them
in the query instead, from every one of the owner's rows at every search, cost 240-320 ms (median)
for a year of one person's data (50 setbacks, 150 stakeholders, 250 steps, 300 contacts, 600
touches) and grew with it; read from the columns, 55-80 ms for the same data.

A field of another row (a setback's assessment, the contact's name on a touch) cannot be in a
generated column: those few fields are built in the query and searched beside the stored columns
(a term is in the row's own words OR in them), and the rank reads both, in the order the Kind lists
its fields. Every queryset starts from the owner, so a scan reads one person's rows, never the table;
that is also why a short term may use strpos (`term_q(short=True)`) on every term here: a person's
few thousand rows at most, and no index is needed (none is built) to find them.

One query per kind, its total counted in the same query (a window count), so the overview costs a
fixed number of queries however much the person has written.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, F, QuerySet, TextField, Value, Window
from django.db.models.expressions import CombinedExpression
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
    (weighted above the others) and its body fields, as paths from the row. The row's own fields
    are in its stored columns `vector` and `text`; a path through a relation (assessment__...) is
    joined in the query."""

    key: str
    rows: Callable[..., QuerySet]
    title: str | None
    body: tuple[str, ...]
    newest: tuple[str, ...]
    # Searched with the body but not in the snippet: the result's title or context line shows them
    # ("Conversation with Grace", "Touch with Grace"), so "Grace" finds the talk with Grace.
    named: tuple[str, ...] = ()
    vector: str = "search_vector"
    text: str = "search_text"

    @property
    def fields(self) -> tuple[str, ...]:
        """Every searched path, in the order of the row's vector: title, body, names."""
        return ((self.title,) if self.title else ()) + self.body + self.named

    @property
    def joined(self) -> tuple[str, ...]:
        """The searched paths of other rows, which the stored columns cannot hold."""
        return tuple(path for path in self.fields if "__" in path)

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
        vector="own_search_vector",
        text="own_search_text",
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
    rows = kind.rows(user)
    vector = kind.vector
    if kind.joined:
        # The other rows' fields, built here (a name or two); the rank reads the row's whole vector,
        # its own stored words then these, as if all were one row's (Kind.fields).
        weighted = [(_field(path), "A" if path == kind.title else "B") for path in kind.joined]
        rows = rows.alias(
            _joined_v=search.document(*weighted),
            _joined_t=search.joined_text(*(_field(path) for path in kind.joined)),
        )
        rows = rows.alias(
            _v=CombinedExpression(F(kind.vector), "||", F("_joined_v"), output_field=SearchVectorField())
        )
        vector = "_v"
    for term in terms:
        # short=True for every term: the rows are already bounded to the owner (module docstring).
        found = search.term_q(term, vector=kind.vector, text=kind.text, short=True)
        if kind.joined:
            found |= search.term_q(term, vector="_joined_v", text="_joined_t", short=True)
        rows = rows.filter(found)
    return rows.order_by(search.rank(terms, vector=vector).desc(), *kind.newest, "-pk")


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
