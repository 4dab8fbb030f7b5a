from django.urls import path

from crisis_coach.common.views import coming_soon

app_name = "reminders"

# Placeholder until the today section is built (see the open issues).
urlpatterns = [
    path("", coming_soon, {"section": "today"}, name="today"),
]
