from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crisis_coach.common import page_cache
from crisis_coach.common.pagination import paginate
from crisis_coach.common.redirects import redirect_back
from crisis_coach.common.services import create_once_for
from crisis_coach.network import rules, selectors, services
from crisis_coach.network.forms import SnoozeForm
from crisis_coach.network.views._common import flag_overdue


@login_required
def keep_in_touch(request):
    """Who is due for a touch, dates to congratulate, promises coming due."""

    def values() -> dict:
        today = services.local_today(request.user)
        page_obj = paginate(request, selectors.contacts_due_for_touch(user=request.user, today=today))
        page_obj.object_list = selectors.add_touch_status(page_obj.object_list, today)
        return {
            "today": today,
            "page_obj": page_obj,
            # Only asked when nobody is due: "everyone is up to date" would be wrong for an empty network.
            "has_contacts": bool(page_obj.object_list) or selectors.has_contacts(user=request.user),
            "upcoming": selectors.upcoming_dates(user=request.user, today=today),
            "commitments": flag_overdue(
                selectors.commitments_due_soon(user=request.user, today=today), today
            ),
            "trust": selectors.trust_record_for_user(user=request.user, today=today),
            "upcoming_days": rules.UPCOMING_DAYS,
            "snooze_form": SnoozeForm(today=today),
        }

    # Cached (common/page_cache.py) under her data version (accounts migration 0013), read on a miss.
    part = page_cache.part(request, request.user.data_version, values)
    return render(request, "network/keep_in_touch.html", {"part": part})


@login_required
@require_POST
def touch_log(request, public_id):
    """One click: "I was in touch today"."""
    contact = selectors.contact_for_user(request.user, public_id)
    create_once_for(request, "network.touch_log", lambda: services.touch_log_quick(contact=contact))
    return done(request, _("Touch logged with %(name)s.") % {"name": contact.name})


@login_required
@require_POST
def date_congratulate(request, public_id):
    important_date = selectors.important_date_for_user(request.user, public_id)
    create_once_for(
        request,
        "network.date_congratulate",
        lambda: services.important_date_congratulate(important_date=important_date),
    )
    return done(request, _("Congratulations to %(name)s noted.") % {"name": important_date.contact.name})


def done(request, text: str):
    """htmx swaps the row for the outcome; a plain POST gets the message and goes back."""
    if request.htmx:
        return render(request, "network/_done_row.html", {"text": text})
    messages.success(request, text)
    return redirect_back(request, "network:keep_in_touch")
