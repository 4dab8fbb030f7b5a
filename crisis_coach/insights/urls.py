from django.urls import path

from crisis_coach.common.views import coming_soon

app_name = "insights"

# Placeholder until the insights section is built (see the open issues).
urlpatterns = [
    path("", coming_soon, {"section": "insights"}, name="home"),
]
