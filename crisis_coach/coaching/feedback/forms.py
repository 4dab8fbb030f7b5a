from django import forms
from django.utils.translation import gettext_lazy as _

from crisis_coach.coaching.models import CoachingRating, CoachNudge
from crisis_coach.common.submissions import OnceFormMixin

NUDGE_MAX = CoachNudge._meta.get_field("body").max_length
COMMENT_MAX = CoachingRating._meta.get_field("comment").max_length


class NudgeForm(OnceFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Send a nudge"),
        max_length=NUDGE_MAX,
        help_text=_("A short word on Today and in the digest (up to 280 characters). One every 3 days."),
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )


class RatingForm(OnceFormMixin, forms.Form):
    SCORES = [(str(n), str(n)) for n in range(1, 6)]

    score = forms.TypedChoiceField(
        label=_("How helpful was the coaching on this case?"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1 not at all, 5 very much."),
    )
    comment = forms.CharField(
        label=_("Anything to add? (optional)"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
    anonymous = forms.BooleanField(
        label=_("Rate anonymously"),
        required=False,
        help_text=_(
            "Your coach sees anonymous ratings only together with at least two others, and the stored "
            "rating no longer names you once it is counted."
        ),
    )
