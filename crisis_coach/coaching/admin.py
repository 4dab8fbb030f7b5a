from django.contrib import admin

from crisis_coach.coaching.models import CoachProfile


@admin.register(CoachProfile)
class CoachProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    search_fields = ["user__email", "user__display_name"]
    raw_id_fields = ["user"]
