from django.urls import path

from crisis_coach.common.views import coming_soon

app_name = "network"

# Placeholder until the network section is built (see the open issues).
urlpatterns = [
    path("", coming_soon, {"section": "network"}, name="contacts"),
]
