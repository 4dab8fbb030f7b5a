from django.urls import include, path

from crisis_coach.coaching.feedback import views as feedback
from crisis_coach.coaching.playbooks.urls import coach_patterns as playbook_patterns
from crisis_coach.coaching.sessions.urls import coach_case_urlpatterns
from crisis_coach.coaching.sessions.urls import coach_urlpatterns as session_urls
from crisis_coach.coaching.views import coach, digest, evidence, sections

app_name = "coach"

urlpatterns = [
    path("", coach.dashboard, name="dashboard"),
    path("sessions/", include(session_urls)),
    *coach_case_urlpatterns,
    path("code/", coach.code_regenerate, name="code_regenerate"),
    path("clients/", coach.clients, name="clients"),
    path("digest/", digest.digest_settings, name="digest"),
    path("clients/<uuid:link_id>/end/", coach.link_end, name="link_end"),
    path("cases/<uuid:public_id>/", coach.case_review, name="case"),
    path("cases/<uuid:public_id>/evidence/", evidence.case_evidence, name="evidence"),
    path("cases/<uuid:public_id>/thoughts/", sections.case_thoughts, name="thoughts"),
    path("cases/<uuid:public_id>/check-ins/", sections.case_check_ins, name="check_ins"),
    path("cases/<uuid:public_id>/comments/", coach.comment_add, name="comment_add"),
    path("cases/<uuid:public_id>/steps/propose/", coach.step_propose, name="step_propose"),
    path("cases/<uuid:public_id>/notes/", coach.note_add, name="note_add"),
    path("notes/<uuid:note_id>/delete/", coach.note_delete, name="note_delete"),
    path("playbooks/", include(playbook_patterns)),
    path("cases/<uuid:public_id>/nudge/", feedback.nudge_send, name="nudge_send"),
    path("feedback/", feedback.feedback, name="feedback"),
]
