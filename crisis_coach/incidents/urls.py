from django.urls import path

from crisis_coach.common.views import coming_soon

app_name = "incidents"

# Placeholder until the incidents section is built (see the open issues).
urlpatterns = [
    path("", coming_soon, {"section": "incidents"}, name="list"),
]
