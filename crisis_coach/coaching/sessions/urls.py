"""Included twice: `client_urlpatterns` under /coaching/sessions/ (coaching:), `coach_urlpatterns`
under /coach/sessions/ (coach:). The same views; the `side` argument says whose page it is."""

from django.urls import path

from crisis_coach.coaching.sessions import views


def _both(side: str) -> list:
    s = {"side": side}
    return [
        path("", views.session_list, s, name="sessions"),
        path("<uuid:public_id>/", views.session_detail, s, name="session_detail"),
        path(
            "<uuid:public_id>/accept/", views.session_answer, {**s, "answer": "accept"}, name="session_accept"
        ),
        path(
            "<uuid:public_id>/decline/",
            views.session_answer,
            {**s, "answer": "decline"},
            name="session_decline",
        ),
        path("<uuid:public_id>/change/", views.session_move, s, name="session_move"),
        path("<uuid:public_id>/agenda/", views.session_agenda, s, name="session_agenda"),
        path("<uuid:public_id>/cancel/", views.session_cancel, s, name="session_cancel"),
    ]


client_urlpatterns = [
    path("propose/", views.client_propose, name="session_propose"),
    *_both(views.CLIENT),
]

# Under /coach/ itself: from a shared case's review to proposing a session to its client.
coach_case_urlpatterns = [
    path("cases/<uuid:public_id>/session/", views.case_session_propose, name="case_session_propose"),
]

coach_urlpatterns = [
    path("propose/<uuid:link_id>/", views.coach_propose, name="session_propose"),
    *_both(views.COACH),
    path("<uuid:public_id>/summary/", views.session_summary, name="session_summary"),
    path("<uuid:public_id>/notes/", views.session_note_add, name="session_note_add"),
]
