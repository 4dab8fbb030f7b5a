from django.urls import path

from crisis_coach.network.views import (
    cadence,
    commitments,
    communities,
    contacts,
    imports,
    keep_in_touch,
    who_can_help,
)

app_name = "network"

urlpatterns = [
    path("", contacts.contact_list, name="contacts"),
    path("contacts/new/", contacts.contact_create, name="contact_create"),
    path("contacts/import/", imports.contact_import, name="contact_import"),
    path("contacts/import/sample.vcf", imports.contact_import_sample, name="contact_import_sample"),
    path("contacts/import/<uuid:public_id>/", imports.contact_import_job, name="contact_import_job"),
    path(
        "contacts/import/<uuid:public_id>/status/",
        imports.contact_import_status,
        name="contact_import_status",
    ),
    path("contacts/export.vcf", imports.contact_export, name="contact_export"),
    path("contacts/<uuid:public_id>/", contacts.contact_detail, name="contact_detail"),
    path("contacts/<uuid:public_id>/edit/", contacts.contact_edit, name="contact_edit"),
    path("contacts/<uuid:public_id>/delete/", contacts.contact_delete, name="contact_delete"),
    path(
        "contacts/<uuid:public_id>/interactions/new/", contacts.interaction_create, name="interaction_create"
    ),
    path(
        "contacts/<uuid:public_id>/dates/new/", contacts.important_date_create, name="important_date_create"
    ),
    path(
        "contacts/<uuid:public_id>/commitments/new/", commitments.commitment_create, name="commitment_create"
    ),
    path("contacts/<uuid:public_id>/touch/", keep_in_touch.touch_log, name="touch_log"),
    path("contacts/<uuid:public_id>/snooze/", cadence.contact_snooze, name="contact_snooze"),
    path("interactions/<uuid:public_id>/edit/", contacts.interaction_edit, name="interaction_edit"),
    path("interactions/<uuid:public_id>/delete/", contacts.interaction_delete, name="interaction_delete"),
    path("dates/<uuid:public_id>/edit/", contacts.important_date_edit, name="important_date_edit"),
    path("dates/<uuid:public_id>/delete/", contacts.important_date_delete, name="important_date_delete"),
    path("dates/<uuid:public_id>/congratulated/", keep_in_touch.date_congratulate, name="date_congratulate"),
    path("keep-in-touch/", keep_in_touch.keep_in_touch, name="keep_in_touch"),
    path("keep-in-touch/defaults/", cadence.cadence_defaults, name="cadence_defaults"),
    path("commitments/", commitments.commitment_list, name="commitments"),
    path("commitments/<uuid:public_id>/edit/", commitments.commitment_edit, name="commitment_edit"),
    path("commitments/<uuid:public_id>/kept/", commitments.commitment_kept, name="commitment_kept"),
    path("commitments/<uuid:public_id>/broken/", commitments.commitment_broken, name="commitment_broken"),
    path("commitments/<uuid:public_id>/reopen/", commitments.commitment_reopen, name="commitment_reopen"),
    path("commitments/<uuid:public_id>/delete/", commitments.commitment_delete, name="commitment_delete"),
    path("communities/", communities.community_list, name="communities"),
    path("communities/new/", communities.community_create, name="community_create"),
    path("communities/<uuid:public_id>/", communities.community_detail, name="community_detail"),
    path("communities/<uuid:public_id>/edit/", communities.community_edit, name="community_edit"),
    path("communities/<uuid:public_id>/delete/", communities.community_delete, name="community_delete"),
    path("participations/<uuid:public_id>/edit/", communities.participation_edit, name="participation_edit"),
    path(
        "participations/<uuid:public_id>/delete/",
        communities.participation_delete,
        name="participation_delete",
    ),
    path("cases/<uuid:public_id>/plan-touch/<uuid:contact_id>/", who_can_help.touch_plan, name="touch_plan"),
]
