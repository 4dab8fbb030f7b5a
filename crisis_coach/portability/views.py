"""Your data: download it all, restore it into an empty account, or delete the account for good."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET

from crisis_coach.accounts.models import SecurityEvent
from crisis_coach.accounts.services import account_delete, record_security_event
from crisis_coach.portability.export import build_export
from crisis_coach.portability.forms import DeleteAccountForm, ImportForm
from crisis_coach.portability.importer import account_has_data
from crisis_coach.portability.uploads import UploadSizeLimit


@require_GET
@login_required
def export(request):
    document = build_export(request.user)
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    name = f"crisis-coach-export-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = content_disposition_header(True, name)
    record_security_event(user=request.user, kind=SecurityEvent.Kind.EXPORT, request=request)
    return response


@csrf_exempt  # only so the size limit is in place before the body is read: CSRF is checked below
@login_required
def data_import(request):
    request.upload_handlers.insert(0, UploadSizeLimit(request))
    return _data_import(request)


@csrf_protect
def _data_import(request):
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    too_large = getattr(request, "upload_too_large", False)  # set while the body was parsed
    form = ImportForm(data, files, user=request.user, too_large=too_large)
    if request.method == "POST" and form.is_valid():
        counts = form.save()
        if not form.errors:
            record_security_event(user=request.user, kind=SecurityEvent.Kind.IMPORT, request=request)
            messages.success(
                request,
                _("Imported %(incidents)s setbacks and %(contacts)s contacts.") % counts,
            )
            if skipped := counts.get("playbooks_skipped"):
                messages.warning(
                    request,
                    ngettext(
                        "The file's playbook was not imported: playbooks belong to a coach's account.",
                        "The file's %(n)s playbooks were not imported: playbooks belong to a coach's "
                        "account.",
                        skipped,
                    )
                    % {"n": skipped},
                )
            return redirect("incidents:list")
    context = {"form": form, "has_data": account_has_data(request.user)}
    return render(request, "accounts/data_import.html", context)


@login_required
def account_delete_confirm(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        account_delete(user=request.user)
        logout(request)
        messages.success(request, _("Your account and all its data are deleted. Take care."))
        return redirect("home")
    context = {"form": form, "export_url": reverse("accounts:export")}
    return render(request, "accounts/account_delete.html", context)
