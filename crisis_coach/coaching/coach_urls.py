from django.urls import path

from crisis_coach.common.views import coming_soon

app_name = "coach"

# Placeholder until the coach section is built (see the open issues).
urlpatterns = [
    path("", coming_soon, {"section": "coach"}, name="dashboard"),
]
