"""The evidence log's pages, for the case's owner (a coach reads it on coaching's page).

Every view reaches the case through incidents' owner-scoped selector, and the entry inside it
(selectors.entry_of): another person's case or entry is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from crisis_coach.common.addressing import addressed, addressed_lazy
from crisis_coach.common.conflicts import EditConflict, conflict_redirect, conflict_resolved, edit_form
from crisis_coach.common.deletion import ConfirmDeleteView
from crisis_coach.common.pagination import paginate
from crisis_coach.common.services import create_once
from crisis_coach.evidence import selectors, services
from crisis_coach.evidence.forms import EvidenceFilterForm, EvidenceForm, ReportForm
from crisis_coach.incidents.selectors import incident_for_owner, incident_heading_for_owner
from crisis_coach.incidents.services import TRASH_DAYS
from crisis_coach.incidents.views._common import case_part
from crisis_coach.wellbeing.rules import distress_signalled
from crisis_coach.wellbeing.views import support_url

PAGE_SIZE = 25
MANY = ("present_stakeholders", "present_contacts")


def log_context(request, incident) -> dict:
    """The log of a case, filtered and paginated: the owner's page and the coach's read-only one."""
    filters = EvidenceFilterForm(request.GET or None, incident=incident)
    person = filters.cleaned_data.get("person") if filters.is_valid() else None
    page = paginate(request, selectors.entries_for_log(incident, stakeholder=person), PAGE_SIZE)
    return {"incident": incident, "filters": filters, "page": page, "person": person}


@require_GET
@login_required
def log(request, public_id):
    incident = incident_heading_for_owner(request.user, public_id)

    def values(case) -> dict:
        return {**log_context(request, case), "trash_count": selectors.trash_count(case)}

    return render(
        request, "evidence/log.html", {"incident": incident, "part": case_part(request, incident, values)}
    )


@login_required
def entry_add(request, public_id):
    incident = incident_for_owner(request.user, public_id)
    form = EvidenceForm(
        request.POST or None, incident=incident, initial={"happened_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        create_once(form, request.user, lambda: services.entry_create(incident=incident, **fields))
        messages.success(request, _("Logged in the evidence log."))
        return _after_save(request, incident, fields)
    return render(request, "evidence/entry_form.html", {"form": form, "incident": incident})


def _after_save(request, incident, fields: dict):
    """To the log; by way of the calm support page when what was written signals despair (the
    safety net, wellbeing.rules.distress_signalled)."""
    log_url = reverse("evidence:log", args=[incident.public_id])
    written = " ".join(value for value in fields.values() if isinstance(value, str))
    if distress_signalled(written, request.user.language):
        return redirect(support_url(log_url))
    return redirect(log_url)


def _names_of_many(conflict, entry, form) -> None:
    """The conflict box shows who was present as names, marked where they differ from what was
    typed (conflicts.conflict_rows compares single values only)."""
    labels = {str(EvidenceForm._meta.labels[name]): name for name in MANY}
    typed = getattr(form, "cleaned_data", {})
    for row in conflict["rows"]:
        name = labels.get(str(row["label"]))
        if name is None:
            continue
        saved = list(getattr(entry, name).all())
        row["value"] = ", ".join(p.name for p in saved)
        row["differs"] = name in typed and set(typed[name]) != set(saved)


@login_required
def entry_edit(request, public_id, entry_id):
    incident = incident_for_owner(request.user, public_id)
    entry = selectors.entry_of(incident, entry_id)
    form, conflict = edit_form(request, EvidenceForm, entry, incident=incident)
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_update(
                entry=entry, expected_version=form.cleaned_data["version"], **form.service_fields()
            )
        except EditConflict as error:
            return conflict_redirect(request, error)
        conflict_resolved(request, entry)
        messages.success(request, _("Saved. The earlier version is kept in the entry's history."))
        return _after_save(request, incident, form.service_fields())
    if conflict:
        _names_of_many(conflict, entry, form)
    context = {"form": form, "incident": incident, "entry": entry, "conflict": conflict}
    return render(request, "evidence/entry_form.html", context)


@require_GET
@login_required
def entry_history(request, public_id, entry_id):
    incident = incident_for_owner(request.user, public_id)
    entry = selectors.entry_of(incident, entry_id)
    context = {"incident": incident, "entry": entry, "versions": selectors.entry_versions(entry, incident)}
    return render(request, "evidence/entry_history.html", context)


class EntryDelete(ConfirmDeleteView):
    """To the case's trash, not for good: purge_trash deletes it after TRASH_DAYS."""

    title = addressed_lazy("Delete this entry?")
    button = gettext_lazy("Move to trash")

    def get_object(self):
        incident = incident_for_owner(self.request.user, self.kwargs["public_id"])
        return selectors.entry_of(incident, self.kwargs["entry_id"])

    def perform(self, entry):
        services.entry_trash(entry=entry)

    def get_question(self, entry):
        return addressed("Delete the entry of %(date)s?") % {"date": _date(entry.happened_on)}

    def get_quoted(self, entry):
        return entry.what_happened

    def get_explanation(self, entry):
        return _(
            "It moves to this case's trash, where you can restore it, with its history, for %(days)s "
            "days. After that it is deleted for good."
        ) % {"days": TRASH_DAYS}

    def get_success_url(self, entry):
        return reverse("evidence:log", args=[self.kwargs["public_id"]])

    def get_success_message(self, entry):
        return _("Moved to this case's trash. You can restore it for %(days)s days.") % {"days": TRASH_DAYS}


entry_delete = login_required(EntryDelete.as_view())


def _date(value) -> str:
    return date_format(value, "DATE_FORMAT")


@require_GET
@login_required
def trash(request, public_id):
    incident = incident_for_owner(request.user, public_id)
    context = {"incident": incident, "entries": selectors.entries_in_trash(incident), "days": TRASH_DAYS}
    return render(request, "evidence/trash.html", context)


@require_POST
@login_required
def entry_restore(request, public_id, entry_id):
    incident = incident_for_owner(request.user, public_id)
    entry = selectors.entry_of(incident, entry_id, in_trash=True)
    services.entry_restore(entry=entry)
    messages.success(request, _("Restored to the evidence log."))
    return redirect("evidence:log", incident.public_id)


def _report(request, incident):
    """(form, report): the report of what the form chose, or None until its choice is valid."""
    form = ReportForm(request.GET or None, incident=incident)
    if not form.is_valid():
        return form, None
    chosen = form.cleaned_data
    report = selectors.evidence_report(
        incident, start=chosen["start"], end=chosen["end"], stakeholders=chosen["people"]
    )
    return form, report


def report_context(request, incident, form, report) -> dict:
    return {
        "incident": incident,
        "form": form,
        "report": report,
        "generated_at": timezone.now(),
        "query": request.GET.urlencode(),
    }


@require_GET
@login_required
def report(request, public_id):
    """The form choosing what the report covers, and, once chosen, the report itself (print view)."""
    incident = incident_for_owner(request.user, public_id)
    form, evidence = _report(request, incident)
    status = 400 if form.is_bound and evidence is None else 200
    return render(
        request, "evidence/report.html", report_context(request, incident, form, evidence), status=status
    )


def file_name(incident, day) -> str:
    slug = slugify(incident.title)[:60] or "case"
    return f"evidence-{slug}-{day:%Y-%m-%d}.pdf"


@require_GET
@login_required
def report_pdf(request, public_id):
    """The same report as a PDF, rendered here with WeasyPrint in the reader's language (right to
    left in Arabic), with the Noto fonts for Chinese and Arabic."""
    incident = incident_for_owner(request.user, public_id)
    form, evidence = _report(request, incident)
    if evidence is None:
        return redirect(f"{reverse('evidence:report', args=[incident.public_id])}?{request.GET.urlencode()}")
    return pdf_response(request, incident, report_context(request, incident, form, evidence))


def pdf_response(request, incident, context) -> HttpResponse:
    import weasyprint  # here: loading Pango costs every other request nothing

    context["rtl"] = translation.get_language_bidi()
    html = render_to_string("evidence/report_pdf.html", context, request=request)
    pdf = weasyprint.HTML(string=html).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    name = file_name(incident, timezone.localdate())
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
