from django import forms
from django.utils.translation import gettext_lazy as _

from crisis_coach.reminders.models import ReminderSettings


class ReminderSettingsForm(forms.ModelForm):
    class Meta:
        model = ReminderSettings
        fields = ["frequency", "checkin_reminder"]
        widgets = {"frequency": forms.RadioSelect}
        help_texts = {
            "frequency": _(
                "A short email of what is due or coming up, sent in the morning of your time zone, "
                "only when there is something to do. "
                "“Never” also stops emails about your coach’s comments and proposed steps."
            ),
            "checkin_reminder": _("The email mentions it only on days you have not checked in yet."),
        }
