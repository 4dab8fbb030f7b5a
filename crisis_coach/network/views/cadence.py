"""The two-level cadence: the person's defaults per relationship, and snoozing a contact."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from crisis_coach.common.redirects import safe_next
from crisis_coach.network import selectors, services
from crisis_coach.network.forms import CadenceDefaultsForm, SnoozeForm
from crisis_coach.network.views.keep_in_touch import done


@login_required
def cadence_defaults(request):
    """Keep-in-touch defaults: the gaps a new or imported contact starts with, by relationship."""
    own = selectors.cadence_defaults(user=request.user)
    form = CadenceDefaultsForm(request.POST or None, own=own)
    if request.method == "POST" and form.is_valid():
        changed = services.cadence_defaults_save(
            owner=request.user, values=form.values(), apply_to_contacts=form.cleaned_data["apply_to_contacts"]
        )
        text = _("Your keep-in-touch defaults are saved. New contacts start with them.")
        if form.cleaned_data["apply_to_contacts"]:
            text += " " + ngettext(
                "%(count)d contact on the old default changed with it.",
                "%(count)d contacts on the old default changed with them.",
                changed,
            ) % {"count": changed}
        messages.success(request, text)
        return redirect("network:cadence_defaults")
    return render(request, "network/cadence_defaults.html", {"form": form})


@login_required
def contact_snooze(request, public_id):
    """The snooze choices (the digest links here), and the POST that snoozes. With htmx, the
    keep-in-touch row is swapped for the outcome, or for itself with the message next to the date."""
    contact = selectors.contact_for_user(request.user, public_id)
    today = services.local_today(request.user)
    form = SnoozeForm(request.POST or None, today=today)
    if request.method == "POST" and form.is_valid():
        until = form.snoozed_until()
        services.contact_snooze(contact=contact, until=until, today=today)
        return done(
            request,
            _("%(name)s is snoozed: due again on %(date)s.")
            % {"name": contact.name, "date": date_format(until, "DATE_FORMAT")},
        )
    contact.touch = contact.touch_status(today)
    context = {
        "contact": contact,
        "snooze_form": form,
        "today": today,
        "next": safe_next(request, reverse("network:keep_in_touch")),
    }
    if request.htmx and request.method == "POST":
        return render(request, "network/_due_row.html", {**context, "snooze_open": True})
    return render(request, "network/contact_snooze.html", context)
