"""A richly seeded account: one of everything an export must carry, built through the services."""

from datetime import date, timedelta

from django.utils import timezone

from crisis_coach.incidents import services as flow
from crisis_coach.incidents.models import ActionStep, Conversation, Incident, Reflection, Stakeholder
from crisis_coach.network import services as network
from crisis_coach.network.rules import CadenceDefault
from tests.factories import make_assessment, make_incident


def seed_coaching(user, coach) -> dict:
    """Link `coach`, share the user's open case, and add a comment thread, a proposal and a private note."""
    from crisis_coach.coaching import services as coaching

    link = coaching.link_create(client=user, coach_profile=coach.coach_profile)
    case = Incident.objects.get(owner=user, title="Boss trouble")
    coaching.incident_set_shared(incident=case, shared=True)
    step = case.steps.get()
    comment = coaching.coach_comment_add(
        coach=coach, incident=case, body="Good start.", step=step, notify=False
    )
    coaching.comment_reply_add(author=user, comment=comment, body="Thanks, coach")
    coaching.step_propose(coach=coach, incident=case, title="Ask HR for a mediator", kind="relationship")
    note = coaching.coach_note_add(coach=coach, client=user, incident=case, body="SECRET coach note")
    return {"link": link, "case": case, "comment": comment, "note": note}


def seed_rich_account(user) -> dict:
    user.display_name = "Mei 美 <b>"
    user.language = "zh-hant"
    user.time_zone = "Asia/Taipei"
    user.save()
    from crisis_coach.reminders.models import DigestSent, ReminderSettings

    ReminderSettings.objects.create(user=user, frequency="weekly")
    DigestSent.objects.create(user=user, period="2026-W47", item_count=3)

    mentor = network.contact_create(
        owner=user, name="Dana Mentor", organisation="Guild", role="Director", relationship="mentor",
        importance=5, cadence_days=14, profile_url="https://example.test/dana", notes="Line one\nline two\n",
        how_met="Conference 2024",
    )  # fmt: skip
    boss = network.contact_create(owner=user, name="Ms Wang", relationship="manager")
    # Keep-in-touch defaults and a snooze (export schema 3): the peer takes the person's own default.
    network.cadence_defaults_save(owner=user, values={"peer": CadenceDefault(20, 40)})
    quiet = network.contact_create(owner=user, name="Quiet Contact", relationship="peer")
    network.contact_snooze(contact=quiet, until=date(2026, 12, 20), today=date(2026, 11, 25))
    network.important_date_create(contact=mentor, kind="birthday", date=date(1980, 3, 14))
    network.important_date_create(contact=mentor, kind="other", label="Wedding", date=date(2020, 6, 1))
    network.interaction_log(
        contact=mentor, happened_on=date(2026, 11, 1), channel="call", summary="Caught up"
    )
    network.interaction_log(
        contact=boss, happened_on=date(2026, 11, 10), channel="meeting", summary="1:1", shared="A report"
    )
    kept = network.commitment_create(contact=mentor, what="Send the article", due_on=date(2026, 11, 5))
    network.commitment_mark_kept(commitment=kept, today=date(2026, 11, 4))
    broken = network.commitment_create(contact=boss, what="Draft the plan", due_on=date(2026, 11, 8))
    network.commitment_mark_broken(commitment=broken, today=date(2026, 11, 9))
    network.commitment_create(contact=boss, what="Weekly update", due_on=date(2026, 12, 1))
    guild = network.community_create(
        owner=user, name="Trade Guild", kind="association", url="https://guild.test"
    )
    network.participation_log(community=guild, happened_on=date(2026, 10, 3), kind="spoke", notes="Panel")
    network.community_create(owner=user, name="Online group", kind="online")

    closed = make_incident(user, title="錯過了客戶的還價", control_at_start=2, severity=4)
    manager = flow.stakeholder_save(
        incident=closed,
        stakeholder=Stakeholder(
            name="Ms Wang", relation="manager", influence=5, stance="critical", what_they_said="Fix it.",
            contact=boss,
        ),
    )  # fmt: skip
    colleague = flow.stakeholder_save(
        incident=closed, stakeholder=Stakeholder(name="Lee", relation="colleague", influence=None)
    )
    make_assessment(closed, prevention="A tracker", situation="one_off")
    flow.conversation_save(
        incident=closed,
        conversation=Conversation(
            stakeholder=manager, planned_for=timezone.now() - timedelta(days=3), acknowledge="I missed it.",
            cause="Too busy", amends="Win two accounts", ask="One quarter", listened_first=True,
            no_excuses=True, held_at=timezone.now() - timedelta(days=2), outcome="mixed",
            outcome_notes="Okay",
        ),
    )  # fmt: skip
    flow.conversation_save(incident=closed, conversation=Conversation(stakeholder=colleague))
    flow.conversation_save(incident=closed, conversation=Conversation(stakeholder=None, ask="orphan talk"))
    first = flow.step_save(
        incident=closed,
        step=ActionStep(
            title="Call back", kind="quick_win", due_on=date(2026, 11, 25), show_result_to=manager
        ),
    )
    flow.step_set_status(step=first, status="done")
    second = flow.step_save(
        incident=closed, step=ActionStep(title="Coffee with Dana", kind="relationship", contact=mentor)
    )
    flow.step_set_status(step=second, status="dropped")
    flow.timeline_note_add(incident=closed, text="Felt better\n  after the talk ")
    flow.reflection_save(
        incident=closed,
        reflection=Reflection(
            strengths="Candour", lessons="Track offers", next_step="Lead", control_at_close=8
        ),
    )

    open_case = make_incident(
        user, title="Boss trouble", crisis_type="difficult_boss", shared_with_coach=True
    )
    flow.step_save(incident=open_case, step=ActionStep(title="Prepare", detail="Notes"))
    trashed = make_incident(user, title="In the trash", occurred_on=date(2026, 1, 2))
    flow.incident_trash(incident=trashed)
    return {"closed": closed, "open": open_case, "trashed": trashed, "mentor": mentor}


def seed_charted_account(user) -> dict:
    """The rich account with a step done now (on the test clock, tests/clock.py), so every Insights
    chart has something in this week: the pace chart and "steps done in 12 weeks" included."""
    from tests.factories import make_step

    seed = seed_rich_account(user)
    make_step(seed["open"], title="Talk to HR", status="done", done_at=timezone.now())
    return seed
