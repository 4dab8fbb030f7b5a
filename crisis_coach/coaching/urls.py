from django.urls import path

from crisis_coach.common.views import coming_soon

app_name = "coaching"

# Placeholder until the coaching section is built (see the open issues).
urlpatterns = [
    path("", coming_soon, {"section": "coaching"}, name="home"),
]
