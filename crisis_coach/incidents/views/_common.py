"""Small pieces the crisis-flow views share."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from crisis_coach.incidents import presenters, rules


def today():
    """The signed-in person's local date (their time zone is active for the request)."""
    return timezone.localdate()


def case_context(incident) -> dict:
    """What every page of one incident shows around its content: the stepper and the next action."""
    day = today()
    action = rules.next_best_action(incident, today=day, now=timezone.now())
    return {
        "incident": incident,
        "progress": presenters.stage_progress(incident),
        "next_action": presenters.show_next_action(incident, action),
        "clock": presenters.clock_for(incident, day),
        "today": day,
        # The plan's rows show a verdict of the rule (ActionStep.is_overdue), never a date compared.
        "overdue_step_ids": {step.pk for step in rules.overdue_steps(incident, day)},
    }


def partial_or_redirect(request, template: str, context: dict, url: str, *, progress_of=None):
    """htmx swaps in the partial; without JavaScript the browser follows the redirect.

    With `progress_of` (the incident, read again after the change) the partial comes with the
    case header's stage badge, stepper, next best action and clock, swapped out of band: what the
    change made true shows at once, not after a reload."""
    if request.htmx:
        if progress_of is not None:
            context = {**case_context(progress_of), **context, "partial": template}
            template = "incidents/_partial_with_progress.html"
        return TemplateResponse(request, template, context)
    return redirect(url)
