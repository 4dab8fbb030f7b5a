"""Optimistic locking for every edit form of a record.

The same record can be open in two tabs or on two devices. Each versioned model has a `version`
column that every write of its form's fields bumps; the form carries the version it was opened
from, and a save from a stale form is refused with `EditConflict` instead of silently replacing
what the other tab saved.

The conflict page is shown after a redirect (POST → 303 → GET), at the edit page's own address:
what the person typed waits in the session under a one-time token in the URL, so a reload shows
the same page again rather than re-posting the form, and nothing typed is lost.
"""

import copy
import secrets
from collections.abc import Iterable

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import F
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SESSION_KEY = "edit_conflicts"
# Conflicts kept per session at once (one per open tab, in practice); the oldest goes first.
KEEP = 5


class EditConflict(Exception):
    """Someone saved the same object since this form was opened; `current` is what they saved."""

    def __init__(self, current):
        super().__init__("edit conflict")
        self.current = current


# --- models and services ------------------------------------------------------------------------


def save_versioned(instance, *, expected_version: int | None, fields: Iterable[str]) -> None:
    """Write `fields` of `instance` unless the row moved on from `expected_version`; bump its version.

    Only the named fields are written, so what other writers keep in the row (a step's position, a
    contact's last touch) is never put back to the value this request read. None writes regardless
    (code acting on a row it has just read, such as the demo data); edit forms always carry a version.
    """
    model = type(instance)
    values = {
        model._meta.get_field(name).attname: getattr(instance, model._meta.get_field(name).attname)
        for name in fields
    }
    if any(field.name == "updated_at" for field in model._meta.concrete_fields):
        values["updated_at"] = timezone.now()  # update() skips auto_now
    rows = model.objects.filter(pk=instance.pk)
    if expected_version is not None:
        rows = rows.filter(version=expected_version)
    updated = rows.update(version=F("version") + 1, **values)
    if not updated:
        current = model.objects.filter(pk=instance.pk).first()
        if current is None:  # deleted in the other tab meanwhile
            raise Http404("deleted meanwhile")
        raise EditConflict(current)
    instance.version = (instance.version if expected_version is None else expected_version) + 1


# --- forms --------------------------------------------------------------------------------------


class VersionedForm(forms.ModelForm):
    """Carries the version the person started editing from, for optimistic locking."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    # Whether creating the object can conflict (a one-per-parent row that another tab may create first).
    versioned_on_create = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and not self.versioned_on_create:
            del self.fields["version"]
        elif not self.is_bound:
            # 0 means "there was nothing yet": creating it then conflicts with one made meanwhile.
            self.initial["version"] = self.instance.version if self.instance.pk else 0


def model_fields(cleaned_data: dict) -> dict:
    """The form's values without its version, for a service's keyword arguments."""
    return {name: value for name, value in cleaned_data.items() if name != "version"}


# --- views --------------------------------------------------------------------------------------

CONFLICT_MESSAGE = gettext_lazy(
    "This was changed elsewhere (another tab or device) after you opened it. The version saved "
    "there is shown above; yours is in this form. Save again to keep yours."
)


def _record_key(instance) -> str:
    return f"{instance._meta.label_lower}:{instance.pk}"


def conflict_redirect(request, error: EditConflict, url: str | None = None) -> HttpResponseRedirect:
    """Keep what was typed and send the browser (303, a GET) to the page that shows both versions."""
    token = secrets.token_urlsafe(12)
    data = {name: values for name, values in request.POST.lists() if name != "csrfmiddlewaretoken"}
    kept = list(request.session.get(SESSION_KEY, {}).items())[-(KEEP - 1) :]
    request.session[SESSION_KEY] = {**dict(kept), token: {"record": _record_key(error.current), "data": data}}
    response = HttpResponseRedirect(f"{url or request.path}?conflict={token}#conflict")
    response.status_code = 303
    return response


def pending_conflict(request, instance) -> QueryDict | None:
    """What the person typed before the conflict this URL names, with the version now saved (theirs,
    shown above the form: saving again deliberately replaces it). None on an ordinary visit."""
    token = request.GET.get("conflict")
    if not token or instance is None or instance.pk is None:
        return None
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if not entry or entry.get("record") != _record_key(instance):
        return None
    data = QueryDict(mutable=True)
    for name, values in entry["data"].items():
        data.setlist(name, values)
    data["version"] = str(instance.version)
    return data


def conflict_resolved(request, instance) -> None:
    """A successful save: drop what was kept for this record (touches the session only if needed)."""
    entries = request.session.get(SESSION_KEY)
    if not entries:
        return
    key = _record_key(instance)
    remaining = {token: entry for token, entry in entries.items() if entry.get("record") != key}
    if len(remaining) != len(entries):
        request.session[SESSION_KEY] = remaining


def _display(instance, name: str):
    field = instance._meta.get_field(name)
    value = getattr(instance, name)
    if field.choices:
        return instance._get_FIELD_display(field)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return value


def conflict_rows(form, instance) -> list[dict]:
    """Each field of the form as the other tab saved it, marked where it differs from what was typed."""
    typed = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = []
    for name, field in form.fields.items():
        if name == "version" or isinstance(field.widget, forms.HiddenInput):
            continue
        try:
            value = _display(instance, name)
        except FieldDoesNotExist:  # a form-only field: nothing stored to compare with
            continue
        rows.append(
            {
                "label": field.label,
                "value": value,
                "long": isinstance(field.widget, forms.Textarea),
                "differs": name in typed and typed[name] != getattr(instance, name),
            }
        )
    return rows


def conflict_form(request, form_class, instance, **kwargs):
    """On the page a conflicting save was sent to: (the form with what was typed, what the page
    shows above it). (None, None) on an ordinary visit.

    The form works on a copy, so `instance` keeps the saved values for the page and the rows.
    """
    data = pending_conflict(request, instance)
    if data is None:
        return None, None
    form = form_class(data, instance=copy.copy(instance), **kwargs)
    conflict = {"rows": conflict_rows(form, instance), "restart_url": request.path}
    form.add_error(None, CONFLICT_MESSAGE)
    return form, conflict


def edit_form(request, form_class, instance, **kwargs):
    """Bind an edit page's form: to the POST; after a conflict, to what was typed; else to the record.

    Returns (form, conflict); conflict is None, or what the page shows above the form.
    """
    if request.method == "POST":
        return form_class(request.POST, instance=instance, **kwargs), None
    form, conflict = conflict_form(request, form_class, instance, **kwargs)
    return form or form_class(instance=instance, **kwargs), conflict
