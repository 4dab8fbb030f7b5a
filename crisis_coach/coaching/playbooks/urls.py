"""The playbooks' URLs: the coach's under /coach/playbooks/ (coach_urls.py includes coach_patterns,
in the coach: namespace), the client's under /coaching/cases/<id>/playbooks/ (coaching/urls.py
includes client_patterns, in the coaching: namespace)."""

from django.urls import path

from crisis_coach.coaching.playbooks import views

coach_patterns = [
    path("", views.playbook_list, name="playbooks"),
    path("archived/", views.playbook_list_archived, name="playbooks_archived"),
    path("new/", views.playbook_create, name="playbook_create"),
    path("<uuid:playbook_id>/edit/", views.playbook_edit, name="playbook_edit"),
    path("<uuid:playbook_id>/copy/", views.playbook_copy, name="playbook_copy"),
    path("<uuid:playbook_id>/archive/", views.playbook_archive, name="playbook_archive"),
    path("<uuid:playbook_id>/unarchive/", views.playbook_unarchive, name="playbook_unarchive"),
]

client_patterns = [
    path("<uuid:playbook_id>/add/", views.playbook_add, name="playbook_add"),
    path("<uuid:playbook_id>/add/<uuid:step_id>/", views.playbook_add, name="playbook_step_add"),
]
