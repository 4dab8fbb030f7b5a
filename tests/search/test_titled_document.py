"""The case summary builds its search vector with cc_titled_document (common/migrations/0003), which
evaluates a case's subqueries once; it must give the very vector document() gives inline, or every
case stored before would read as drifted (check_integrity) and rank differently."""

import pytest
from django.db.models import TextField, Value

from crisis_coach.common.search import document, titled_document
from crisis_coach.incidents.models import Incident
from tests.factories import make_incident

pytestmark = pytest.mark.django_db

TEXTS = [
    ("Lost the Müller account", "The client's counter-offer arrived; I negotiated badly."),
    ("أُقيل المدير", "إعادة الهيكلة في الشركة، والمسؤولية على عاتقي"),
    ("專案延誤", "老闆在會議上公開批評了我的報告"),
    ("", ""),
    ("Title only", None),
]


@pytest.mark.parametrize("title,body", TEXTS)
def test_it_is_the_vector_document_writes_inline(client_user, title, body):
    case = make_incident(client_user)
    title_value, body_value = Value(title, output_field=TextField()), Value(body, output_field=TextField())
    vectors = Incident.objects.filter(pk=case.pk).values_list(
        titled_document(title_value, body_value), document((title_value, "A"), (body_value, "B"))
    )
    one_call, inline = vectors.get()
    assert one_call == inline
    assert one_call or not (title or body)  # and it holds the words
