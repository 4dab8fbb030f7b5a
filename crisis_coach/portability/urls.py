"""The person's data pages: export, import, delete the account.

They live under /accounts/ in the accounts: namespace (accounts:export, accounts:import,
accounts:delete), beside the account's settings. crisis_coach/urls.py mounts this list together
with accounts/urls.py: this app imports every app, so accounts, the bottom app, cannot import it.
"""

from django.urls import path

from crisis_coach.portability import views

urlpatterns = [
    path("export/", views.export, name="export"),
    path("import/", views.data_import, name="import"),
    path("delete/", views.account_delete_confirm, name="delete"),
]
