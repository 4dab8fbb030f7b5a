"""The cockpit's who-can-help panel: its one button, "Plan a touch" (the panel itself is read by
selectors.who_can_help in the cockpit's view)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from crisis_coach.common.services import create_once_for
from crisis_coach.incidents.selectors import incident_for_owner
from crisis_coach.network import selectors, services


@login_required
@require_POST
def touch_plan(request, public_id, contact_id):
    incident = incident_for_owner(request.user, public_id)
    contact = selectors.contact_for_user(request.user, contact_id)
    back = reverse("incidents:detail", args=[incident.public_id]) + "#who-can-help"
    if incident.is_closed:
        messages.info(request, _("This setback is closed: reopen it to plan more steps."))
        return redirect(back)
    create_once_for(
        request, "network.touch_plan", lambda: services.touch_plan(incident=incident, contact=contact)
    )
    messages.success(
        request,
        _("Added to your plan: get in touch with %(name)s within three days.") % {"name": contact.name},
    )
    return redirect(back)
