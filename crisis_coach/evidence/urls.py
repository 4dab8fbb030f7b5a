"""Under /incidents/<public_id>/evidence/ (crisis_coach/urls.py): one case's evidence log."""

from django.urls import path

from crisis_coach.evidence import views

app_name = "evidence"

urlpatterns = [
    path("", views.log, name="log"),
    path("add/", views.entry_add, name="add"),
    path("trash/", views.trash, name="trash"),
    path("report/", views.report, name="report"),
    path("report.pdf", views.report_pdf, name="report_pdf"),
    path("<uuid:entry_id>/", views.entry_history, name="history"),
    path("<uuid:entry_id>/edit/", views.entry_edit, name="edit"),
    path("<uuid:entry_id>/delete/", views.entry_delete, name="delete"),
    path("<uuid:entry_id>/restore/", views.entry_restore, name="restore"),
]
