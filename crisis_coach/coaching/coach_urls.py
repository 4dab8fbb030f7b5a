from django.urls import path

from crisis_coach.coaching.views import coach, evidence

app_name = "coach"

urlpatterns = [
    path("", coach.dashboard, name="dashboard"),
    path("code/", coach.code_regenerate, name="code_regenerate"),
    path("clients/", coach.clients, name="clients"),
    path("clients/<uuid:link_id>/end/", coach.link_end, name="link_end"),
    path("cases/<uuid:public_id>/", coach.case_review, name="case"),
    path("cases/<uuid:public_id>/evidence/", evidence.case_evidence, name="evidence"),
    path("cases/<uuid:public_id>/comments/", coach.comment_add, name="comment_add"),
    path("cases/<uuid:public_id>/steps/propose/", coach.step_propose, name="step_propose"),
    path("cases/<uuid:public_id>/notes/", coach.note_add, name="note_add"),
    path("notes/<uuid:note_id>/delete/", coach.note_delete, name="note_delete"),
]
