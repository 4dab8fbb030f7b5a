"""The demo case's evidence log: three facts written down over the last days, one edited once, so a
visitor finds a log in the order things happened, an "edited" entry with its history, and a report."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from crisis_coach.demo.incidents import DEMO_TITLE
from crisis_coach.evidence import services
from crisis_coach.network.models import Contact


def _moment(client, day, at: time):
    return timezone.make_aware(datetime.combine(day, at), client.zone)


def seed(people) -> None:
    client = people.client
    incident = client.incidents.filter(title=DEMO_TITLE).first()
    if incident is None or incident.evidence.exists():
        return
    today = timezone.localdate(timezone=client.zone)
    people_of_case = {person.name: person for person in incident.stakeholders.all()}
    manager, colleague = people_of_case["Grace Lin"], people_of_case["Daniel Wu"]
    client_firm = people_of_case["Harbor Lights Trading"]
    mentor = Contact.objects.filter(owner=client).order_by("created_at").first()
    services.entry_create(
        incident=incident,
        happened_on=today - timedelta(days=4),
        happened_at=time(16, 40),
        what_happened=(
            "Harbor Lights Trading's counter-offer arrived by email among 40 client replies that afternoon. "
            "It stayed unanswered; their buyer signed with a competitor two days later."
        ),
        proof="Email “RE: Quote HL-2291 – revised terms”, in the Sales inbox",
        concerns=client_firm,
        written_at=_moment(client, today - timedelta(days=3), time(18, 5)),
    )
    meeting = services.entry_create(
        incident=incident,
        happened_on=today - timedelta(days=3),
        happened_at=time(10, 15),
        what_happened=(
            "In the team meeting Grace Lin gave the Nordwind account to the new colleague. She said: "
            "“We need someone careful on this one.”"
        ),
        proof="Meeting notes “Team sync”, shared drive",
        concerns=manager,
        present_stakeholders=[colleague],
        written_at=_moment(client, today - timedelta(days=3), time(12, 30)),
    )
    # Edited the next day, once: Daniel's notes gave the exact words and a mentor heard of it at once.
    services.entry_update(
        entry=meeting,
        expected_version=None,
        present_stakeholders=[colleague],
        present_contacts=[mentor] if mentor else [],
        what_happened=(
            "In the team meeting Grace Lin gave the Nordwind account to the new colleague. She said, in "
            "front of the team: “We need someone careful on this one, after last week.”"
        ),
        edited_at=_moment(client, today - timedelta(days=2), time(9, 0)),
    )
    services.entry_create(
        incident=incident,
        happened_on=today - timedelta(days=1),
        what_happened="Grace Lin asked me by chat to send her every open offer by Friday.",
        proof="Teams chat with Grace Lin",
        concerns=manager,
        written_at=_moment(client, today - timedelta(days=1), time(17, 45)),
    )
