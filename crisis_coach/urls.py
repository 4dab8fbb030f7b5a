from django.contrib import admin
from django.urls import include, path

from crisis_coach.accounts import urls as accounts_urls
from crisis_coach.accounts import views as accounts_views
from crisis_coach.common import views as common_views
from crisis_coach.portability import urls as portability_urls

urlpatterns = [
    path("", common_views.home, name="home"),
    path("healthz", common_views.healthz, name="healthz"),
    path("manifest.webmanifest", common_views.manifest, name="manifest"),
    # One accounts: namespace for both lists: the data pages sit with the account's settings, but
    # portability imports every app, and accounts, the bottom app, imports none (pyproject.toml).
    path("accounts/", include((accounts_urls.urlpatterns + portability_urls.urlpatterns, "accounts"))),
    # django-allauth's pages, but not its sessions page: the security page lists the sessions. Its
    # sign-in comes first, under allauth's own name, to answer 429 while sign-ins are paused.
    path("accounts/login/", accounts_views.LoginView.as_view(), name="account_login"),
    path("accounts/", include("allauth.account.urls")),
    path("accounts/2fa/", include("allauth.mfa.urls")),
    path("incidents/", include("crisis_coach.incidents.urls")),
    path("incidents/<uuid:public_id>/evidence/", include("crisis_coach.evidence.urls")),
    path("incidents/<uuid:public_id>/thoughts/", include("crisis_coach.wellbeing.thoughts.urls")),
    path("coaching/", include("crisis_coach.coaching.urls")),
    path("coach/", include("crisis_coach.coaching.coach_urls")),
    path("network/", include("crisis_coach.network.urls")),
    path("today/", include("crisis_coach.reminders.urls")),
    path("search/", include("crisis_coach.search.urls")),
    path("insights/", include("crisis_coach.insights.urls")),
    path("wellbeing/", include("crisis_coach.wellbeing.urls")),
    path("radar/", include("crisis_coach.wellbeing.radar.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "crisis_coach.common.views.server_error"
