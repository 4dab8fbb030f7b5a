from django.urls import path

from crisis_coach.incidents.views import assess, confront, incidents, resolve, reviews

app_name = "incidents"

urlpatterns = [
    path("", incidents.incident_list, name="list"),
    path("new/", incidents.incident_create, name="create"),
    path("trash/", incidents.trash, name="trash"),
    path("<uuid:public_id>/", incidents.incident_detail, name="detail"),
    path("<uuid:public_id>/edit/", incidents.incident_edit, name="edit"),
    path("<uuid:public_id>/delete/", incidents.incident_delete, name="delete"),
    path("<uuid:public_id>/restore/", incidents.incident_restore, name="restore"),
    path("<uuid:public_id>/reopen/", incidents.incident_reopen, name="reopen"),
    path("<uuid:public_id>/notes/", incidents.note_add, name="note_add"),
    path("<uuid:public_id>/notes/<int:event_id>/edit/", incidents.note_edit, name="note_edit"),
    path("<uuid:public_id>/notes/<int:event_id>/history/", incidents.note_history, name="note_history"),
    # Assess
    path("<uuid:public_id>/assess/", assess.assess, name="assess"),
    path("<uuid:public_id>/assess/save/", assess.assessment_save, name="assessment_save"),
    path("<uuid:public_id>/stakeholders/add/", assess.stakeholder_add, name="stakeholder_add"),
    path(
        "<uuid:public_id>/stakeholders/<uuid:stakeholder_id>/edit/",
        assess.stakeholder_edit,
        name="stakeholder_edit",
    ),
    path(
        "<uuid:public_id>/stakeholders/<uuid:stakeholder_id>/delete/",
        assess.stakeholder_delete,
        name="stakeholder_delete",
    ),
    path(
        "<uuid:public_id>/stakeholders/<uuid:stakeholder_id>/to-contact/",
        assess.stakeholder_to_contact,
        name="stakeholder_to_contact",
    ),
    # Confront
    path("<uuid:public_id>/confront/", confront.confront, name="confront"),
    path("<uuid:public_id>/conversations/plan/", confront.conversation_plan, name="conversation_plan"),
    path(
        "<uuid:public_id>/conversations/<uuid:conversation_id>/edit/",
        confront.conversation_edit,
        name="conversation_edit",
    ),
    path(
        "<uuid:public_id>/conversations/<uuid:conversation_id>/record/",
        confront.conversation_record,
        name="conversation_record",
    ),
    path(
        "<uuid:public_id>/conversations/<uuid:conversation_id>/delete/",
        confront.conversation_delete,
        name="conversation_delete",
    ),
    # Resolve
    path("<uuid:public_id>/resolve/", resolve.resolve, name="resolve"),
    path("<uuid:public_id>/steps/add/", resolve.step_add, name="step_add"),
    path("<uuid:public_id>/steps/playbook/", resolve.playbook_add, name="playbook_add"),
    path("<uuid:public_id>/steps/<uuid:step_id>/edit/", resolve.step_edit, name="step_edit"),
    path("<uuid:public_id>/steps/<uuid:step_id>/status/", resolve.step_status, name="step_status"),
    path("<uuid:public_id>/steps/<uuid:step_id>/check/", resolve.step_check, name="step_check"),
    path("<uuid:public_id>/steps/<uuid:step_id>/drop/", resolve.step_drop, name="step_drop"),
    # Learning across cases: a prevention step of an earlier case, copied into this plan.
    path(
        "<uuid:public_id>/steps/copy/<uuid:step_id>/",
        assess.prevention_copy,
        name="prevention_copy",
    ),
    path("<uuid:public_id>/steps/<uuid:step_id>/move/", resolve.step_move, name="step_move"),
    path("<uuid:public_id>/steps/<uuid:step_id>/delete/", resolve.step_delete, name="step_delete"),
    path("<uuid:public_id>/reflection/", resolve.reflection_save, name="reflection_save"),
    # Reviews after the close
    path("<uuid:public_id>/reviews/<uuid:review_id>/", reviews.review, name="review"),
    path("<uuid:public_id>/reviews/<uuid:review_id>/skip/", reviews.review_skip, name="review_skip"),
]
