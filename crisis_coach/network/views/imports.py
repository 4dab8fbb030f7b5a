"""Contacts in and out: the upload, the job's page (progress, preview and choices, result) and the
vCard export. The reading and the saving run in tasks (network/importing/services.py)."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET
from django_htmx.http import HttpResponseClientRefresh

from crisis_coach import limits
from crisis_coach.common import page_cache
from crisis_coach.common.pagination import paginate
from crisis_coach.network import selectors
from crisis_coach.network.importing import services
from crisis_coach.network.importing.forms import ContactFileForm, UploadSizeLimit
from crisis_coach.network.importing.reading import NO_YEAR
from crisis_coach.network.importing.vcard import contacts_vcf
from crisis_coach.network.models import Contact, ImportStatus, Relationship

PREVIEW_PER_PAGE = 50
# A few made-up contacts to try the import with (docs/samples/contacts.vcf, served as it is).
SAMPLE = settings.BASE_DIR / "docs" / "samples" / "contacts.vcf"


@csrf_exempt  # only so the size limit is in place before the body is read: CSRF is checked below
@login_required
def contact_import(request):
    request.upload_handlers.insert(0, UploadSizeLimit(request))
    return _contact_import(request)


def _upload_context(form) -> dict:
    return {
        "form": form,
        "max_contacts": limits.CONTACT_IMPORT_MAX_CONTACTS,
        "max_megabytes": limits.CONTACT_IMPORT_FILE_MAX // (1024 * 1024),
    }


@csrf_protect
def _contact_import(request):
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = ContactFileForm(data, files, too_large=getattr(request, "upload_too_large", False))
    if request.method == "POST" and form.is_valid():
        job = services.import_start(
            owner=request.user,
            file_name=form.cleaned_data["file"].name or "",
            text=form.text,
            file_format=form.file_format,
            total=form.count,
        )
        return redirect("network:contact_import_job", public_id=job.public_id)
    return render(request, "network/contact_import.html", _upload_context(form))


def _status_context(job) -> dict:
    percent = int(job.processed * 100 / job.total) if job.total else 0
    return {"job": job, "percent": min(percent, 100)}


@login_required
def contact_import_status(request, public_id):
    """The progress fragment htmx polls; once the job has moved on, the whole page is reloaded."""
    job = selectors.contact_import_for_user(request.user, public_id)
    if request.htmx and not job.is_running:
        return HttpResponseClientRefresh()
    return render(request, "network/_import_status.html", _status_context(job))


def _decisions_from(post, items) -> dict:
    """The choices posted for the duplicates on one page; anything unexpected is left out."""
    decisions = {}
    for item in items:
        row = item["row"]
        if row["action"] != "duplicate":
            continue
        n = row["n"]
        action = post.get(f"action-{n}")
        if action not in services.ACTIONS:
            continue
        picks = {}
        for field, _current, _imported in item["conflicts"]:
            if post.get(f"pick-{n}-{field}") in ("existing", "imported"):
                picks[field] = post[f"pick-{n}-{field}"]
        decisions[str(n)] = {"action": action, "picks": picks}
    return decisions


ORDER = {"duplicate": 0, "create": 1, "skip": 2}
ACTION_LABELS = [
    ("merge", gettext_lazy("Merge")),
    ("both", gettext_lazy("Keep both")),
    ("skip", gettext_lazy("Skip")),
]


def _field_label(field: str) -> str:
    if field == "birthday":
        return _("Birthday")
    return capfirst(Contact._meta.get_field(field).verbose_name)


def _shown(field: str, value) -> str:
    if field == "relationship":
        return Relationship(value).label if value in Relationship.values else str(value)
    if field == "birthday":
        return date_format(value, "MONTH_DAY_FORMAT" if value.year == NO_YEAR else "DATE_FORMAT")
    return str(value)


def _preview_items(request, job):
    rows = sorted(job.rows, key=lambda row: (ORDER[row["action"]], row["n"]))
    page_obj = paginate(request, rows, per_page=PREVIEW_PER_PAGE)
    matched_ids = [row["match"] for row in page_obj if row["action"] == "duplicate"]
    matched = {}
    if matched_ids:
        contacts = Contact.objects.filter(owner=request.user, pk__in=matched_ids)
        matched = {contact.pk: contact for contact in services.with_birthdays(contacts)}
    items = []
    for row in page_obj:
        contact = matched.get(row["match"])
        item = {"row": row, "contact": contact, "conflicts": [], "decision": services.decision_for(job, row)}
        if row["birthday"]:
            item["birthday"] = _shown("birthday", datetime.date.fromisoformat(row["birthday"]))
        if contact is not None:
            item["conflicts"] = services.conflicts(contact, row)
            picks = item["decision"]["picks"]
            item["sides"] = [
                {
                    "field": field,
                    "label": _field_label(field),
                    "current": _shown(field, current),
                    "imported": _shown(field, imported),
                    "pick": picks.get(field, "existing"),
                }
                for field, current, imported in item["conflicts"]
            ]
        items.append(item)
    return page_obj, items


@login_required
def contact_import_job(request, public_id):
    if request.method == "POST":
        return _import_choose(request, selectors.contact_import_for_user(request.user, public_id))
    # A GET reads the job without its file and rows: the page is cached (common/page_cache.py) under
    # her data version (accounts migration 0013), and only a miss reads them.
    return _import_page(request, selectors.contact_import_heading_for_user(request.user, public_id))


def _import_choose(request, job):
    if job.status != ImportStatus.PREVIEW:
        return _import_page(request, job)
    page_obj, items = _preview_items(request, job)
    services.import_choose(job=job, decisions=_decisions_from(request.POST, items))
    if "confirm" in request.POST:
        services.import_confirm(job=job)
        return redirect("network:contact_import_job", public_id=job.public_id)
    next_page = page_obj.next_page_number() if page_obj.has_next() else page_obj.number
    messages.success(request, _("Your choices are saved."))
    return redirect(f"{request.path}?page={next_page}")


def _import_page(request, job):
    def values() -> dict:
        context = _status_context(job)
        if job.status == ImportStatus.FAILED:
            context.update(_upload_context(ContactFileForm(refused=job.error)))
        if job.status == ImportStatus.PREVIEW:
            page_obj, items = _preview_items(request, job)
            counts = dict.fromkeys(ORDER, 0)
            for row in job.rows:
                counts[row["action"]] += 1
            context.update(page_obj=page_obj, items=items, counts=counts, actions=ACTION_LABELS)
        return context

    part = page_cache.part(request, request.user.data_version, values)
    return render(request, "network/contact_import_job.html", {"part": part})


@require_GET
@login_required
def contact_export(request):
    response = HttpResponse(contacts_vcf(request.user), content_type="text/vcard; charset=utf-8")
    name = f"contacts-{timezone.localdate().isoformat()}.vcf"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@require_GET
@login_required
def contact_import_sample(request):
    response = HttpResponse(SAMPLE.read_bytes(), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, "contacts.vcf")
    return response
