"""Writes shared by every app: the double-submit guard of create forms (see submissions.py)."""

from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from crisis_coach.common.models import SubmissionToken
from crisis_coach.common.submissions import FIELD, read_token

T = TypeVar("T")

# A token guards its form for a day: long enough for any retry, short enough to keep the table small.
TOKENS_KEPT = timedelta(days=1)


def create_once(form, user, create: Callable[[], T]) -> T:
    """Run `create()` once per render of `form` (an OnceFormMixin form, already valid).

    A second post of the same render creates nothing and returns what the first created. Call it
    inside the request's transaction (ATOMIC_REQUESTS): the token commits with the new row.
    """
    return _create_once(user=user, form=form.submission_name(), token=form.submission_token, create=create)


def create_once_for(request, form: str, create: Callable[[], T]) -> T:
    """The same for a one-click button carrying {% submission_token %}; `form` names the button."""
    return _create_once(
        user=request.user, form=form, token=read_token(request.POST.get(FIELD)), create=create
    )


def _create_once(*, user, form: str, token: str, create: Callable[[], T]) -> T:
    if not token:
        return create()
    with transaction.atomic():  # the token and what it made are committed together, or neither
        claim = _claim(user, form, token)
        if claim is None:
            # Posted before: the unique constraint made this wait until the first post committed.
            earlier = SubmissionToken.objects.filter(user=user, form=form, token=token).first()
            made = earlier.target if earlier else None
            if made is not None:
                return made
            # What the first post made has been deleted since: posting the form again means it.
            claim = earlier or SubmissionToken.objects.create(
                user=user, form=form, token=token, created_at=timezone.now()
            )
        made = create()
        if getattr(made, "pk", None) is not None:
            SubmissionToken.objects.filter(pk=claim.pk).update(
                target_type=ContentType.objects.get_for_model(made), target_id=made.pk
            )
        return made


def _claim(user, form: str, token: str) -> SubmissionToken | None:
    try:
        with transaction.atomic():
            return SubmissionToken.objects.create(
                user=user, form=form, token=token, created_at=timezone.now()
            )
    except IntegrityError:
        return None


def submission_tokens_purge(*, now=None) -> int:
    """Forget tokens older than TOKENS_KEPT (purge_trash runs this daily). Returns how many."""
    cutoff = (now or timezone.now()) - TOKENS_KEPT
    count, _ = SubmissionToken.objects.filter(created_at__lt=cutoff).delete()
    return count
