import unicodedata
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from crisis_coach.common import search
from crisis_coach.common.pagination import paginate
from crisis_coach.common.quotes import quoted
from crisis_coach.search import highlight, selectors

# A query is a few words typed into a box; past this it is pasted text, cut rather than refused.
QUERY_MAX = 200
KIND_PER_PAGE = 20

LABELS = {
    "setbacks": gettext_lazy("Setbacks"),
    "stakeholders": gettext_lazy("Stakeholders"),
    "steps": gettext_lazy("Steps"),
    "conversations": gettext_lazy("Conversations"),
    "reflections": gettext_lazy("Closing reflections"),
    "notes": gettext_lazy("Timeline notes"),
    "contacts": gettext_lazy("Contacts"),
    "interactions": gettext_lazy("Touches"),
    "commitments": gettext_lazy("Promises"),
    "communities": gettext_lazy("Communities"),
}


@dataclass
class Result:
    title: str  # highlighted, safe
    url: str
    context: str
    snippet: str  # highlighted, safe


def _in_setback(incident) -> str:
    return _("in %(title)s") % {"title": quoted(incident.title)}


def _link_and_context(key: str, row) -> tuple[str, str, str]:
    """A result's link, its title when the row has none of its own, and the line below it."""
    if key == "setbacks":
        return (
            reverse("incidents:detail", args=[row.public_id]),
            "",
            _("Setback · %(stage)s") % {"stage": row.get_stage_display()},
        )
    if key == "stakeholders":
        url = reverse("incidents:confront", args=[row.incident.public_id])
        return url, "", _("Stakeholder · %(where)s") % {"where": _in_setback(row.incident)}
    if key == "steps":
        url = reverse("incidents:resolve", args=[row.incident.public_id])
        return url, "", _("Step · %(where)s") % {"where": _in_setback(row.incident)}
    if key == "conversations":
        url = reverse("incidents:confront", args=[row.incident.public_id])
        title = (
            _("Conversation with %(name)s") % {"name": row.stakeholder.name}
            if row.stakeholder
            else _("Conversation")
        )
        return url, title, _in_setback(row.incident)
    if key == "reflections":
        url = reverse("incidents:resolve", args=[row.incident.public_id])
        return url, _("Closing reflection"), _in_setback(row.incident)
    if key == "notes":
        url = reverse("incidents:detail", args=[row.incident.public_id])
        when = date_format(timezone.localtime(row.at), "DATE_FORMAT")
        return url, _("Note of %(date)s") % {"date": when}, _in_setback(row.incident)
    if key == "contacts":
        url = reverse("network:contact_detail", args=[row.public_id])
        about = ", ".join(part for part in (row.role, row.organisation) if part)
        return url, "", _("Contact · %(about)s") % {"about": about} if about else _("Contact")
    if key == "interactions":
        url = reverse("network:contact_detail", args=[row.contact.public_id])
        when = date_format(row.happened_on, "DATE_FORMAT")
        return url, "", _("Touch with %(name)s · %(date)s") % {"name": row.contact.name, "date": when}
    if key == "commitments":
        url = reverse("network:contact_detail", args=[row.contact.public_id])
        return url, "", _("Promise to %(name)s") % {"name": row.contact.name}
    url = reverse("network:community_detail", args=[row.public_id])
    return url, "", pgettext("a kind of search result", "Community")


def _result(kind: selectors.Kind, row, terms: list[search.Term]) -> Result:
    url, own_title, context = _link_and_context(kind.key, row)
    title = highlight.highlight(kind.title_of(row) if kind.title else own_title, terms)
    return Result(title, url, context, highlight.snippet(kind.body_of(row), terms))


@dataclass
class ShownGroup:
    key: str
    label: str
    total: int
    results: list[Result]

    @property
    def hidden(self) -> int:
        return self.total - len(self.results)


def _query(request) -> str:
    """The query as typed, control characters (a NUL would fail in SQL, a tab or line break from a
    paste) read as spaces."""
    text = request.GET.get("q", "")[:QUERY_MAX]
    return " ".join("".join(" " if unicodedata.category(char) == "Cc" else char for char in text).split())


def _without_each_word(terms: list[search.Term]) -> list[str]:
    """The query once without each of its terms, for an empty result of several terms."""
    if len(terms) < 2:
        return []
    spelled = [f'"{term.text}"' if term.phrase else term.text for term in terms]
    return [" ".join(spelled[:index] + spelled[index + 1 :]) for index in range(len(spelled))]


@login_required
def results(request):
    """The person's own setbacks and network matching every word of ?q=: each kind's first few,
    or one kind (?kind=) page by page."""
    q = _query(request)
    terms = search.parse(q)
    kind = selectors.kind_for(request.GET.get("kind", ""))
    context = {"q": q, "terms": terms, "groups": [], "kind": None, "page": None}
    if terms and kind:
        page = paginate(request, selectors.search_kind(request.user, q, kind), KIND_PER_PAGE)
        page.object_list = [_result(kind, row, terms) for row in page.object_list]
        context.update(kind=kind.key, kind_label=LABELS[kind.key], page=page, total=page.paginator.count)
    elif terms:
        groups = selectors.search_everything(request.user, q)
        context["groups"] = [
            ShownGroup(
                group.kind.key,
                LABELS[group.kind.key],
                group.total,
                [_result(group.kind, row, terms) for row in group.rows],
            )
            for group in groups
            if group.total
        ]
        context["total"] = sum(group.total for group in groups)
    if terms and not context["total"]:
        context["suggestions"] = _without_each_word(terms)
    return render(request, "search/results.html", context)
