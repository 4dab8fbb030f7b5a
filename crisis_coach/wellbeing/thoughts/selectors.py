"""Reads of a case's thought records. The caller has the case from incidents' owner-scoped selector
(incident_for_owner): the record is looked up inside it, so another case's record is a 404."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from crisis_coach.wellbeing.models import ThoughtRecord


def thought_records_for(incident) -> QuerySet[ThoughtRecord]:
    """The case's records, newest first (the list paginates it; index thought_record_incident)."""
    return ThoughtRecord.objects.filter(incident=incident).order_by("-created_at", "-id")


def thought_record_of(incident, public_id) -> ThoughtRecord:
    return get_object_or_404(ThoughtRecord, incident=incident, public_id=public_id)
