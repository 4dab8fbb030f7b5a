from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from crisis_coach.accounts.selectors import two_factor_enabled, unverified_email_for
from crisis_coach.coaching import selectors as coaching_selectors
from crisis_coach.common import page_cache
from crisis_coach.common.pagination import paginate
from crisis_coach.common.redirects import safe_next
from crisis_coach.incidents import selectors as incident_selectors
from crisis_coach.incidents import services as incident_services
from crisis_coach.incidents.models import StepStatus
from crisis_coach.reminders import links, selectors, services
from crisis_coach.reminders.calendar import calendar_feed as build_calendar_feed
from crisis_coach.reminders.forms import ReminderSettingsForm
from crisis_coach.wellbeing import selectors as wellbeing_selectors
from crisis_coach.wellbeing.forms import CheckInForm
from crisis_coach.wellbeing.radar import selectors as radar_selectors

# A coach's Today shows a few cases needing attention; the dashboard has them all.
ATTENTION_SHOWN = 5
# Each group of Today shows its first few items, so the page stays short and quick however much is
# late; "Show all" opens one group (?show=overdue), page by page.
GROUP_SHOWN = 10
EXPANDED_PER_PAGE = 50


@dataclass
class ShownGroup:
    """One group of Today as the page shows it: the first items, or one page of an opened group."""

    key: str
    label: str
    total: int
    items: list
    page: Page | None = None  # when opened

    @property
    def hidden(self) -> int:
        return 0 if self.page else self.total - len(self.items)


def _shown_group(request, key: str, label, items: list) -> ShownGroup:
    if request.GET.get("show") == key:
        page = paginate(request, items, EXPANDED_PER_PAGE)
        return ShownGroup(key, label, len(items), page.object_list, page)
    return ShownGroup(key, label, len(items), items[:GROUP_SHOWN])


@login_required
def today(request):
    """Everything due or overdue across the person's incidents and network, in their time zone."""
    user = request.user
    # Today is cached (common/page_cache.py) under her data version (accounts migration 0013); a
    # coach's also shows her caseload's cases that need attention, once two-factor sign-in is on
    # (coaching.decorators), so both are in its version. Its values are read only on a miss.
    version = user.data_version
    coach_needs_two_factor = False
    if user.is_coach:
        coach_needs_two_factor = not two_factor_enabled(user)
        version = f"{version}.{user.coach_profile.caseload_version}.{int(coach_needs_two_factor)}"
    context = {
        "coach_needs_two_factor": coach_needs_two_factor,
        "part": page_cache.part(request, version, lambda: _today_part(request, coach_needs_two_factor)),
    }
    return render(request, "reminders/today.html", context)


def _today_part(request, coach_needs_two_factor: bool) -> dict:
    user, day = request.user, timezone.localdate()
    agenda = selectors.agenda_for(user, today=day)
    # The coaching part: steps the coach proposed wait for an answer; a coach's own caseload.
    proposals = list(coaching_selectors.pending_proposals_for_client(user))
    # Quick wins that had not worked yet, a week on: "did it work now?" (incidents.rules.follow_up_due).
    follow_ups = incident_selectors.follow_ups_due(user, today=day)
    context = {
        "agenda": agenda,
        "groups": [_shown_group(request, key, label, items) for key, label, items in agenda.groups if items],
        "proposals": _shown_group(request, "proposals", gettext_lazy("From your coach"), proposals),
        "follow_ups": _shown_group(request, "follow_ups", gettext_lazy("Did it work now?"), follow_ups),
        "attention_cases": [],
        "unverified_email": unverified_email_for(user),
        "attention_shown": ATTENTION_SHOWN,
    }
    if user.is_coach and not coach_needs_two_factor:
        cases = coaching_selectors.filtered_caseload(user, attention=True)
        context["attention_cases"] = list(cases[: ATTENTION_SHOWN + 1])
    context.update(_check_in_context(user))
    # The radar's monthly prompt and the prevention plan's due steps (wellbeing/radar/_today.html).
    context["prevention"] = radar_selectors.today_prevention(user, today=day, shown=GROUP_SHOWN)
    return context


def _check_in_context(user) -> dict:
    """The daily check-in on Today (wellbeing/_check_in_today.html): its form until it is done, then
    its summary, and the support panel when the safety rule (wellbeing.rules) asks for it."""
    checkin = wellbeing_selectors.today_check_in(user, today=timezone.localdate())
    context = {"checkin": checkin, "checkin_form": None if checkin.done else CheckInForm()}
    # "Only you see it", unless a case shares its check-ins with the coach (one query).
    context["checkin_coach"] = coaching_selectors.coach_seeing_check_ins(user)
    if checkin.support_reason:
        context.update(wellbeing_selectors.support_panel(user, language=translation.get_language()))
    return context


@login_required
@require_POST
def step_done(request, public_id, step_id):
    """One click on Today: the step is done, back to Today. Another person's step is a 404."""
    incident = incident_selectors.incident_for_owner(request.user, public_id)
    step = incident_selectors.step_of(incident, step_id)
    if not step.is_in_plan:
        raise Http404("a proposal is accepted or declined, not done")
    incident_services.step_set_status(step=step, status=StepStatus.DONE)
    messages.success(request, _("Done: %(title)s") % {"title": step.title})
    # Today as the form left it (an opened group, one of its pages); never another page.
    today_url = reverse("reminders:today")
    return redirect(safe_next(request, today_url, within=today_url))


@login_required
def reminder_settings(request):
    settings_row = selectors.settings_for(request.user)
    form = ReminderSettingsForm(request.POST or None, instance=settings_row)
    if request.method == "POST" and form.is_valid():
        services.settings_update(
            reminder_settings=settings_row,
            frequency=form.cleaned_data["frequency"],
            checkin_reminder=form.cleaned_data["checkin_reminder"],
        )
        messages.success(request, _("Your reminder settings are saved."))
        return redirect("reminders:settings")
    # The address this site was reached at (the emails, sent without a request, use SITE_URL).
    feed_path = reverse("reminders:calendar_feed", args=[settings_row.calendar_token])
    context = {"form": form, "calendar_url": request.build_absolute_uri(feed_path)}
    return render(request, "reminders/settings.html", context)


@login_required
def calendar_regenerate(request):
    """GET asks first (the old URL stops working); POST makes the new URL."""
    settings_row = selectors.settings_for(request.user)
    if request.method == "POST":
        services.calendar_token_regenerate(reminder_settings=settings_row)
        messages.success(request, _("Your calendar has a new private address. The old one no longer works."))
        return redirect("reminders:settings")
    return render(request, "reminders/calendar_regenerate.html")


def calendar_feed(request, token):
    """The private feed: the long random token in the URL is the only key (calendar apps cannot log in)."""
    settings_row = selectors.settings_for_calendar_token(token)
    response = HttpResponse(
        build_calendar_feed(reminder_settings=settings_row), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


# Mail providers send the RFC 8058 one-click POST without a CSRF cookie; the signed token in the
# URL is what proves the request came from the email, so CSRF protection adds nothing here.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """Without logging in: GET shows a confirm button and changes nothing; POST unsubscribes."""
    public_id = links.read_unsubscribe_token(token)
    if public_id is None:
        return render(request, "reminders/unsubscribe.html", {"state": "invalid"}, status=400)
    settings_row = selectors.settings_for_public_id(public_id)
    if request.method == "POST":
        changed = services.unsubscribe(reminder_settings=settings_row)
        return render(request, "reminders/unsubscribe.html", {"state": "done" if changed else "already"})
    state = "confirm" if settings_row.wants_email else "already"
    return render(request, "reminders/unsubscribe.html", {"state": state})
