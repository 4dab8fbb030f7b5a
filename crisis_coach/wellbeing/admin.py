from django.contrib import admin

from crisis_coach.wellbeing.models import SupportResource


@admin.register(SupportResource)
class SupportResourceAdmin(admin.ModelAdmin):
    """The support panel's resources, kept by an operator: only details they have verified."""

    list_display = ["name", "country", "language", "how_to_reach", "hours", "position", "is_active"]
    list_filter = ["country", "language", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["name", "how_to_reach"]
    ordering = ["country", "language", "position", "name"]
