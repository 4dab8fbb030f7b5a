from django.contrib import admin
from django.urls import include, path

from crisis_coach.accounts import urls as accounts_urls
from crisis_coach.common import views as common_views
from crisis_coach.portability import urls as portability_urls

urlpatterns = [
    path("", common_views.home, name="home"),
    path("healthz", common_views.healthz, name="healthz"),
    # One accounts: namespace for both lists: the data pages sit with the account's settings, but
    # portability imports every app, and accounts, the bottom app, imports none (pyproject.toml).
    path("accounts/", include((accounts_urls.urlpatterns + portability_urls.urlpatterns, "accounts"))),
    path("incidents/", include("crisis_coach.incidents.urls")),
    path("coaching/", include("crisis_coach.coaching.urls")),
    path("coach/", include("crisis_coach.coaching.coach_urls")),
    path("network/", include("crisis_coach.network.urls")),
    path("today/", include("crisis_coach.reminders.urls")),
    path("insights/", include("crisis_coach.insights.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "crisis_coach.common.views.server_error"
