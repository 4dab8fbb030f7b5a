"""Every URL that names an object, and the tests proving nobody else reaches that object.

tests/security/test_url_registry.py fails when the project gains a URL pattern that takes an object
identifier (uuid, int, slug, token, …) and is not listed here, or when a test named here is gone.
tests/security/test_access_matrix.py checks every name below that lists MATRIX for a stranger, an
unlinked coach and an ex-coach: 404 for reading and for writing (405 for a GET on a POST-only view),
nothing changed, while the rightful user still reaches it; on the coach's URLs of a client's case
(coach:, and the case report as the coach reads it) her own linked coach without two-factor sign-in
is sent to set it up (TWO_FACTOR). An account's own object (a signed-in session) is tested the same
way: everyone else is a stranger to it, coaches included. Adding a URL: add it here, and teach the
matrix how to build it (test_access_matrix.url_for), or name the test of its own that proves it (a
passkey: allauth asks for the password again before any lookup). A URL whose identifier is itself
the key (a secret token) goes in TOKEN_TESTED instead, with the tests proving a guessed or altered
token opens nothing; NOT_OWNED_OBJECTS says why the rest need neither.
"""

MATRIX = "tests/security/test_access_matrix.py::test_intruders_get_404_and_change_nothing"
INCIDENTS = "tests/incidents/test_access.py::test_strangers_and_coaches_get_404_on_every_incident_url"
WRONG_PARENT = (
    "tests/incidents/test_access.py::"
    "test_children_of_another_incident_are_404_even_for_the_owner_through_the_wrong_parent"
)
TRASH = (
    "tests/incidents/test_access.py::"
    "test_trashed_incident_is_404_outside_the_trash_and_restorable_only_by_its_owner"
)
NETWORK = (
    "tests/network/test_access.py::test_another_user_gets_404_for_every_network_object_and_changes_nothing"
)
COACH_CONSENT = (
    "tests/coaching/test_access.py::test_without_consent_every_coach_url_is_404_and_writes_nothing"
)
COACH_NOTE = "tests/coaching/test_access.py::test_coach_cannot_delete_another_coachs_note"
CLIENT_SHARE = "tests/coaching/test_access.py::test_stranger_cannot_toggle_sharing_of_someone_elses_incident"
CLIENT_ANSWER = (
    "tests/coaching/test_access.py::test_stranger_cannot_reply_or_answer_proposals_on_someone_elses_case"
)
LINK_END = "tests/coaching/test_access.py::test_stranger_cannot_end_someone_elses_link"
REVIEW = "tests/incidents/test_reviews.py::test_strangers_get_404_and_a_review_through_another_case_is_404"
PASSKEY = "tests/security/test_access_matrix.py::test_another_users_passkey_is_a_404_to_rename_or_remove"
TWO_FACTOR = (
    "tests/security/test_access_matrix.py::"
    "test_a_coach_without_two_factor_is_sent_to_set_it_up_and_changes_nothing"
)

# Sharing section by section (issue 20): a shared case shows its coach the plan, and each of the
# evidence log, the thought records and the check-ins only when the client shares it. The matrix's
# world shares every section; these rows are her own linked coach on a section not shared: 404.
SECTION_NOT_SHARED = (
    "tests/security/test_access_matrix.py::test_her_coach_gets_404_on_a_section_of_the_case_not_shared"
)
SECTION_SHARING = (
    "tests/coaching/test_section_sharing.py::test_each_section_shows_once_shared_and_hides_again_at_once"
)

# The coach's own playbooks (coaching/playbooks/), and her linked clients adding their steps.
PLAYBOOK_COACH = (
    "tests/coaching/test_playbooks.py::test_another_coach_cannot_see_edit_copy_or_archive_my_playbook"
)
PLAYBOOK_CLIENT = "tests/coaching/test_playbooks.py::test_only_the_owner_with_her_coach_may_add"

INCIDENT_NAMES = [
    "detail", "edit", "delete", "reopen", "note_add", "assess", "assessment_save", "stakeholder_add",
    "confront", "conversation_plan", "resolve", "step_add", "playbook_add", "reflection_save",
]  # fmt: skip
INCIDENT_CHILD_NAMES = [
    "stakeholder_edit", "stakeholder_delete", "stakeholder_to_contact", "conversation_edit",
    "conversation_record", "conversation_delete", "step_edit", "step_status", "step_move", "step_delete",
    "step_check", "step_drop",
]  # fmt: skip
NETWORK_NAMES = [
    "contact_detail", "contact_edit", "contact_delete", "interaction_create", "important_date_create",
    "commitment_create", "touch_log", "interaction_delete", "important_date_edit", "important_date_delete",
    "date_congratulate", "commitment_edit", "commitment_kept", "commitment_broken", "commitment_reopen",
    "commitment_delete", "community_detail", "community_edit", "community_delete", "participation_delete",
    "interaction_edit", "participation_edit",
    "contact_snooze",
]  # fmt: skip

# A case's evidence log (evidence: under /incidents/<id>/evidence/): the owner's alone; her coach
# reads it on coach:evidence.
EVIDENCE = "tests/evidence/test_access.py::test_strangers_and_coaches_get_404_on_every_evidence_url"
EVIDENCE_WRONG_PARENT = (
    "tests/evidence/test_access.py::test_an_entry_of_another_case_is_404_through_the_wrong_parent"
)
EVIDENCE_NAMES = ["log", "add", "trash", "report", "report_pdf"]
EVIDENCE_ENTRY_NAMES = ["history", "edit", "delete", "restore"]

# A case's thought records (thoughts: under /incidents/<id>/thoughts/): the owner's alone, her linked
# coach on a shared case included; her coach reads them on coach:thoughts when she shares them.
THOUGHTS = (
    "tests/wellbeing/test_thought_access.py::test_strangers_and_coaches_get_404_on_every_thought_record_url"
)
THOUGHTS_WRONG_PARENT = (
    "tests/wellbeing/test_thought_access.py::test_a_record_of_another_case_is_404_through_the_wrong_parent"
)
THOUGHT_CASE_NAMES = ["list", "add"]
THOUGHT_RECORD_NAMES = ["edit", "balance", "delete"]

# The career risk radar and the prevention plan (radar: under /radar/): the person's own alone, her
# linked coach included, until sharing per section lands (issue 21).
RADAR = (
    "tests/wellbeing/test_radar.py::test_strangers_and_coaches_her_own_included_get_404_on_every_radar_url"
)
RADAR_NAMES = ["result", "suggestions_add", "step_edit", "step_status", "step_delete"]

# Coaching sessions (coaching:session_* for the client, coach:session_* for the coach): the two
# people's alone, and the coach's only while the client is still linked to them.
SESSION_EX_COACH = (
    "tests/coaching/test_sessions.py::test_an_ex_coach_gets_404_and_the_client_keeps_the_record_read_only"
)
SESSION_SHARED_NAMES = [
    "session_detail", "session_accept", "session_decline", "session_move", "session_agenda", "session_cancel",
]  # fmt: skip

ACCESS_TESTED: dict[str, list[str]] = {
    **{f"incidents:{name}": [MATRIX, INCIDENTS] for name in INCIDENT_NAMES},
    **{f"incidents:{name}": [MATRIX, INCIDENTS, WRONG_PARENT] for name in INCIDENT_CHILD_NAMES},
    "incidents:restore": [MATRIX, TRASH],
    **{f"evidence:{name}": [MATRIX, EVIDENCE] for name in EVIDENCE_NAMES},
    **{f"evidence:{name}": [MATRIX, EVIDENCE, EVIDENCE_WRONG_PARENT] for name in EVIDENCE_ENTRY_NAMES},
    **{f"thoughts:{name}": [THOUGHTS] for name in THOUGHT_CASE_NAMES},
    **{f"thoughts:{name}": [THOUGHTS, THOUGHTS_WRONG_PARENT] for name in THOUGHT_RECORD_NAMES},
    # Learning across cases: the step named is a prevention step of another of the owner's cases.
    "incidents:prevention_copy": [
        MATRIX,
        "tests/incidents/test_learning_across_cases.py::test_copying_is_only_from_the_owners_other_cases",
    ],
    **{f"incidents:{name}": [MATRIX, REVIEW] for name in ("review", "review_skip")},
    # A note's edit and history name the note by its row id within the case; a system event is a 404.
    **{
        f"incidents:{name}": [
            MATRIX,
            "tests/incidents/test_timeline_notes.py::test_strangers_and_coaches_get_404_on_a_note_edit_and_its_history",
            "tests/incidents/test_timeline_notes.py::test_a_note_of_another_case_is_404_through_the_wrong_parent",
            "tests/incidents/test_timeline_notes.py::test_system_events_cannot_be_edited_their_edit_url_is_404",
        ]
        for name in ("note_edit", "note_history")
    },
    **{f"radar:{name}": [RADAR] for name in RADAR_NAMES},
    **{f"network:{name}": [MATRIX, NETWORK] for name in NETWORK_NAMES},
    **{
        f"network:{name}": [
            "tests/network/test_contact_import.py::test_another_users_import_is_a_404_and_changes_nothing"
        ]
        for name in ("contact_import_job", "contact_import_status")
    },
    "network:touch_plan": [
        MATRIX,
        "tests/network/test_who_can_help.py::test_another_users_case_or_contact_is_404_and_plans_nothing",
    ],
    "coaching:link_end": [MATRIX, LINK_END],
    "coaching:incident_share": [MATRIX, CLIENT_SHARE],
    "coaching:comment_reply": [MATRIX, CLIENT_ANSWER],
    "coaching:proposal_accept": [MATRIX, CLIENT_ANSWER],
    "coaching:proposal_decline": [MATRIX, CLIENT_ANSWER],
    "coach:link_end": [MATRIX, LINK_END, TWO_FACTOR],
    "coach:case": [MATRIX, COACH_CONSENT, TWO_FACTOR],
    "coach:evidence": [
        MATRIX,
        "tests/evidence/test_coach.py::test_a_coach_gets_404_for_a_case_not_shared",
        "tests/evidence/test_coach.py::test_unsharing_or_ending_the_link_closes_the_log_again",
        SECTION_NOT_SHARED,
        TWO_FACTOR,
    ],
    **{
        f"coach:{name}": [MATRIX, SECTION_NOT_SHARED, SECTION_SHARING, TWO_FACTOR]
        for name in ("thoughts", "check_ins")
    },
    "coach:comment_add": [MATRIX, COACH_CONSENT, TWO_FACTOR],
    "coach:step_propose": [MATRIX, COACH_CONSENT, TWO_FACTOR],
    "coach:note_add": [MATRIX, COACH_CONSENT, TWO_FACTOR],
    "coach:note_delete": [MATRIX, COACH_NOTE, TWO_FACTOR],
    **{f"coaching:{name}": [MATRIX, SESSION_EX_COACH] for name in SESSION_SHARED_NAMES},
    **{
        f"coach:{name}": [MATRIX, SESSION_EX_COACH, TWO_FACTOR]
        for name in [*SESSION_SHARED_NAMES, "session_summary", "session_note_add", "session_propose"]
    },
    "coach:case_session_propose": [MATRIX, COACH_CONSENT, TWO_FACTOR],
    # Nudges and ratings (coaching/feedback/): the coach's nudge on a shared case; the client's
    # dismiss of her own nudge, and the rating (or its skip) of her own closed case.
    "coach:nudge_send": [
        MATRIX,
        "tests/coaching/test_nudges.py::test_only_the_linked_coach_of_a_shared_case_can_nudge",
        TWO_FACTOR,
    ],
    "coaching:nudge_dismiss": [
        MATRIX,
        "tests/coaching/test_nudges.py::test_another_person_cannot_dismiss_a_nudge",
    ],
    **{
        f"coaching:{name}": [
            MATRIX,
            "tests/coaching/test_ratings.py::test_another_person_cannot_rate_or_skip_the_case",
        ]
        for name in ("rating", "rating_skip")
    },
    # The coach's own playbooks: another coach's, a former coach's included, are a 404.
    **{
        f"coach:{name}": [MATRIX, PLAYBOOK_COACH, TWO_FACTOR]
        for name in ("playbook_edit", "playbook_copy", "playbook_archive", "playbook_unarchive")
    },
    # A step of her current coach's playbook into the client's own case: her case, her coach only.
    **{f"coaching:{name}": [MATRIX, PLAYBOOK_CLIENT] for name in ("playbook_add", "playbook_step_add")},
    **{
        f"insights:{name}": [
            MATRIX,
            "tests/insights/test_case_report.py::test_strangers_get_404_for_the_report_and_the_markdown",
            "tests/insights/test_case_report.py::test_a_coach_gets_404_once_the_case_is_unshared_or_the_link_ends",
            "tests/insights/test_case_report.py::test_another_coach_gets_404_for_a_shared_case",
            TWO_FACTOR,
        ]
        for name in ("report", "report_markdown")
    },
    "reminders:step_done": [
        MATRIX,
        "tests/reminders/test_today.py::test_stranger_cannot_mark_someone_elses_step_done",
        "tests/reminders/test_today.py::test_step_of_another_incident_is_a_404",
    ],
    # The account's own signed-in browsers (the security page): another user's session is a 404.
    "accounts:session_end": [
        MATRIX,
        "tests/accounts/test_security_page.py::test_another_users_session_and_this_one_cannot_be_ended",
    ],
    # allauth's passkey pages (its views look the key up among the signed-in user's own): asked for
    # the password again first, so not in the matrix's world; their own test.
    **{name: [PASSKEY] for name in ("mfa_edit_webauthn", "mfa_remove_webauthn")},
}

# URLs whose identifier is itself the key (a long random or signed token, for calendar apps and
# email links that cannot sign in): the tests prove a guessed, altered or odd token opens nothing.
TOKEN_TESTED: dict[str, list[str]] = {
    "reminders:calendar_feed": [
        "tests/reminders/test_calendar.py::test_wrong_token_is_404",
        "tests/reminders/test_calendar.py::test_odd_tokens_are_404_not_500",
        "tests/reminders/test_calendar.py::test_feed_never_shows_another_users_items",
    ],
    "reminders:unsubscribe": [
        "tests/reminders/test_unsubscribe.py::test_tampered_link_is_rejected_with_400",
        "tests/reminders/test_unsubscribe.py::test_garbage_token_is_400_not_500",
        "tests/reminders/test_unsubscribe.py::test_a_token_for_another_purpose_is_rejected",
    ],
}

# Patterns with an identifier that is not an object someone owns, and why they need no entry above.
NOT_OWNED_OBJECTS: dict[str, str] = {
    # django-allauth's links from its emails: the identifier is the key, checked by allauth itself.
    "account_reset_password_from_key": "a password-reset link: the user's id with a signed, expiring token",
    "account_confirm_email": "an address-verification link: an HMAC-signed, expiring key",
}
# Whole namespaces left out: the admin is for staff, and has its own registry below.
EXEMPT_NAMESPACES = {"admin"}

# The admin (issue 26): staff see a person's private content only while that person has support
# access open (accounts/admin_support.py). Each admin of content, by model label, with the tests
# proving staff without it see an empty list and no object, nor another person's grant opens it;
# every other admin with why it shows no one's content. test_support_access.py fails on an admin in
# neither, or one here without the mixin.
SUPPORT_ACCESS = [
    "tests/security/test_access_matrix.py::test_staff_without_support_access_see_no_content_in_the_admin",
    "tests/accounts/test_support_access.py::test_staff_without_support_access_see_an_empty_list_and_no_object",
    "tests/accounts/test_support_access.py::test_another_users_grant_does_not_open_mine",
]
ADMIN_CONTENT: dict[str, list[str]] = dict.fromkeys(
    ("network.Contact", "network.Interaction", "network.Community"), SUPPORT_ACCESS
)
ADMIN_NOT_CONTENT: dict[str, str] = {
    "accounts.User": "the account: address, name, settings; its deletion page gives counts, not rows",
    "accounts.SecurityEvent": "lockouts and sign-ins for support; staff views name an object's number only",
    "accounts.SupportAccess": "who has support access open, read-only",
    "account.EmailAddress": "the account's addresses",
    "mfa.Authenticator": "which second factors the account has (allauth's admin)",
    "usersessions.UserSession": "signed-in browsers: address and browser",
    "auth.Group": "staff permissions",
    "django_tasks_database.DBTaskResult": "tasks carry only row ids (accounts.QueuedEmail and the like)",
    "coaching.CoachProfile": "a coach's profile, which every client linking to them reads",
    "reminders.ReminderSettings": "how often reminders go; the calendar token is excluded",
    "reminders.DigestSent": "when a digest went and how many items it had",
    "wellbeing.SupportResource": "the operator's own list of support services",
}
