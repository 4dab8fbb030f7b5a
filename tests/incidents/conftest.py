import pytest

from tests.factories import make_assessment, make_conversation, make_incident, make_stakeholder, make_step


@pytest.fixture
def case(client_user):
    """A case with one of everything, owned by client_user."""
    incident = make_incident(client_user)
    manager = make_stakeholder(incident)
    make_assessment(incident)
    conversation = make_conversation(incident, manager)
    step = make_step(incident)
    return {"incident": incident, "stakeholder": manager, "conversation": conversation, "step": step}
