"""Under /incidents/<public_id>/thoughts/ (crisis_coach/urls.py): one case's thought records."""

from django.urls import path

from crisis_coach.wellbeing.thoughts import views

app_name = "thoughts"

urlpatterns = [
    path("", views.thought_list, name="list"),
    path("add/", views.thought_add, name="add"),
    path("<uuid:record_id>/edit/", views.thought_edit, name="edit"),
    path("<uuid:record_id>/balance/", views.thought_balance, name="balance"),
    path("<uuid:record_id>/delete/", views.thought_delete, name="delete"),
]
