"""The demo client's network: someone overdue for a touch, one due, one snoozed, a birthday this
week, a promise due, and two keep-in-touch defaults of her own."""

import datetime

from django.db import transaction

from crisis_coach.network import rules, services
from crisis_coach.network.models import Contact


@transaction.atomic
def seed(people) -> None:
    """Add the demo network once; does nothing if the demo client already has contacts."""
    client = people.client
    if Contact.objects.filter(owner=client).exists():
        return
    today = services.local_today(client)

    def days(n: int) -> datetime.date:
        return today + datetime.timedelta(days=n)

    # Two keep-in-touch defaults of her own; the contacts below without gaps take them.
    services.cadence_defaults_save(
        owner=client,
        values={"mentor": rules.CadenceDefault(45, 90), "peer": rules.CadenceDefault(30, 60)},
    )

    manager = services.contact_create(
        owner=client,
        today=days(-200),
        name="Mariam Saleh",
        organisation="Harbour Trading Co.",
        role="Head of Trade",
        relationship="manager",
        importance=5,
        cadence_days=14,
        latest_gap_days=28,  # last touched 30 days ago: overdue
        how_met="My manager since 2023",
        notes="Prefers a short call to a long email.",
    )
    services.interaction_log(
        contact=manager,
        happened_on=days(-30),
        channel="meeting",
        summary="Talked through the lost counter-offer and what I will change.",
        shared="A one-page plan for following up new client offers.",
    )

    mentor = services.contact_create(
        owner=client,
        today=days(-400),
        name="Daniel Okafor",
        organisation="Freelance",
        role="Export consultant",
        relationship="mentor",
        importance=4,
        cadence_days=30,
        how_met="Met at the regional trade fair",
        profile_url="https://example.com/daniel-okafor",
        email="daniel.okafor@example.com",
        phone="+234 1 555 0142",
    )
    services.interaction_log(
        contact=mentor, happened_on=days(-5), channel="call", summary="Advice on rebuilding trust at work."
    )
    services.important_date_create(
        contact=mentor,
        kind="birthday",
        label="",
        date=days(3).replace(year=1976),  # a leap year, so even 29 February exists
        repeats_yearly=True,
    )

    recruiter = services.contact_create(
        owner=client,
        today=days(-60),
        name="Priya Natarajan",
        organisation="Talent Bridge",
        role="Recruiter",
        email="priya@talentbridge.example",
        relationship="recruiter",
        importance=3,
        cadence_days=60,
    )
    services.interaction_log(
        contact=recruiter,
        happened_on=days(-10),
        channel="email",
        summary="Shared what I am looking for next.",
    )
    services.commitment_create(contact=recruiter, what="Send my updated CV", due_on=days(2))

    colleague = services.contact_create(
        owner=client,
        today=days(-300),
        name="Tomás Ruiz",
        organisation="Harbour Trading Co.",
        role="Logistics lead",
        relationship="colleague",
        importance=3,
        cadence_days=21,
    )
    services.interaction_log(
        contact=colleague,
        happened_on=days(-3),
        channel="message",
        summary="Swapped notes on the new client pipeline.",
    )
    kept = services.commitment_create(
        contact=colleague, what="Share the shipping checklist", due_on=days(-12)
    )
    services.commitment_mark_kept(commitment=kept, today=days(-13))

    # Due (past the ideal gap of her relationship's default, not yet the latest), and a snoozed one.
    peer = services.contact_create(
        owner=client,
        today=days(-100),
        name="Leila Haddad",
        organisation="Gulf Freight Forum",
        role="Account manager",
        relationship="peer",
        importance=3,
    )
    services.interaction_log(
        contact=peer, happened_on=days(-40), channel="social", summary="Congratulated her on the new role."
    )
    snoozed = services.contact_create(
        owner=client,
        today=days(-200),
        name="Sam Chen",
        organisation="Harbour Trading Co.",
        role="Finance partner",
        relationship="colleague",
        importance=2,
    )
    services.interaction_log(
        contact=snoozed, happened_on=days(-50), channel="meeting", summary="Budget review for new clients."
    )
    services.contact_snooze(contact=snoozed, until=days(5), today=today)

    guild = services.community_create(
        owner=client, name="Regional Exporters Association", kind="association", url="", notes=""
    )
    services.participation_log(
        community=guild,
        happened_on=days(-20),
        kind="attended",
        notes="Workshop on negotiating with new clients.",
    )
