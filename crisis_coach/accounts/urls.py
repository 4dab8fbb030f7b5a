from django.urls import path

from crisis_coach.accounts import views

# The accounts: namespace; crisis_coach/urls.py mounts these with portability/urls.py (export,
# import, delete) under /accounts/, beside django-allauth's sign-up, sign-in, email, password and
# two-factor pages (its own URL names: account_login, account_signup, mfa_index, …).
urlpatterns = [
    path("settings/", views.account_settings, name="settings"),
    path("welcome/", views.welcome, name="welcome"),
    path("security/", views.security, name="security"),
    path("security/sign-out-elsewhere/", views.sign_out_elsewhere, name="sign_out_elsewhere"),
    path("security/sessions/<int:session_id>/end/", views.session_end, name="session_end"),
    path("security/support-access/", views.support_access_allow, name="support_access_allow"),
    path("security/support-access/end/", views.support_access_stop, name="support_access_end"),
    path("language/", views.set_language, name="set_language"),
]
