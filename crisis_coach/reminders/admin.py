from django.contrib import admin

from crisis_coach.reminders.models import DigestSent, ReminderSettings


@admin.register(ReminderSettings)
class ReminderSettingsAdmin(admin.ModelAdmin):
    list_display = ["user", "frequency", "updated_at"]
    list_filter = ["frequency"]
    search_fields = ["user__email"]
    # The calendar token is a secret; support staff do not need to see it.
    exclude = ["calendar_token"]
    readonly_fields = ["user", "public_id"]


@admin.register(DigestSent)
class DigestSentAdmin(admin.ModelAdmin):
    list_display = ["user", "period", "item_count", "sent_at"]
    search_fields = ["user__email", "period"]
    readonly_fields = ["user", "period", "item_count", "sent_at"]
