"""Small pieces the crisis-flow views share."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from crisis_coach.common import page_cache
from crisis_coach.incidents import presenters, rules, selectors


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


def case_part(request, incident, values, *, cached: bool = True) -> page_cache.Part:
    """A case page's content ({% page_part %}), cached under the owner's data version (common/
    page_cache.py). On a miss the case is loaded (selectors.loaded_case: a cached page reads only its
    heading on every request) and the content is case_context's values with `values(case)`'s. A page
    showing a conflict's two versions is never cached."""

    def build() -> dict:
        case = selectors.loaded_case(incident)
        return {**case_context(case), **values(case)}

    if not cached:
        return page_cache.uncached(build)
    return page_cache.part(request, request.user.data_version, build)


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
