from django.urls import include, path

from crisis_coach.coaching.feedback import views as feedback
from crisis_coach.coaching.playbooks.urls import client_patterns as playbook_patterns
from crisis_coach.coaching.sessions.urls import client_urlpatterns as session_urls
from crisis_coach.coaching.views import client

app_name = "coaching"

urlpatterns = [
    path("", client.home, name="home"),
    path("welcome/", client.welcome, name="welcome"),
    path("sessions/", include(session_urls)),
    path("links/<uuid:link_id>/end/", client.link_end, name="link_end"),
    path("share-all/", client.share_all, name="share_all"),
    # The support panel's "tell my coach" (wellbeing/_support_panel.html): POST only, never automatic.
    path("hard-time/", client.hard_time, name="hard_time"),
    path("cases/<uuid:public_id>/share/", client.incident_share, name="incident_share"),
    path("cases/<uuid:public_id>/playbooks/", include(playbook_patterns)),
    path(
        "cases/<uuid:public_id>/comments/<uuid:comment_id>/reply/", client.comment_reply, name="comment_reply"
    ),
    path(
        "cases/<uuid:public_id>/proposals/<uuid:step_id>/accept/",
        client.proposal_answer,
        {"answer": "accept"},
        name="proposal_accept",
    ),
    path(
        "cases/<uuid:public_id>/proposals/<uuid:step_id>/decline/",
        client.proposal_answer,
        {"answer": "decline"},
        name="proposal_decline",
    ),
    path("nudges/<uuid:nudge_id>/dismiss/", feedback.nudge_dismiss, name="nudge_dismiss"),
    path("cases/<uuid:public_id>/rate/", feedback.rating, name="rating"),
    path("cases/<uuid:public_id>/rate/skip/", feedback.rating_skip, name="rating_skip"),
]
