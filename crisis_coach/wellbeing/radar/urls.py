"""Under /radar/ (crisis_coach/urls.py): the monthly career risk self-check and the standing
prevention plan, the signed-in person's own."""

from django.urls import path

from crisis_coach.wellbeing.radar import views

app_name = "radar"

urlpatterns = [
    path("", views.radar_check, name="check"),
    path("<uuid:check_id>/", views.radar_result, name="result"),
    path("<uuid:check_id>/add-steps/", views.suggestions_add, name="suggestions_add"),
    path("plan/", views.plan, name="plan"),
    path("plan/<uuid:step_id>/edit/", views.step_edit, name="step_edit"),
    path("plan/<uuid:step_id>/status/", views.step_status, name="step_status"),
    path("plan/<uuid:step_id>/delete/", views.step_delete, name="step_delete"),
]
