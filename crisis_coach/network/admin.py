"""Staff support only (DESIGN.md §2): read-mostly views to answer "where did my contact go?".

A person's network is their private content: staff see it only while the person has support access
open, and each look is on the person's security page (accounts/admin_support.py)."""

from django.contrib import admin

from crisis_coach.accounts.admin_support import SupportAccessAdminMixin
from crisis_coach.network.models import (
    Commitment,
    Community,
    Contact,
    ImportantDate,
    Interaction,
    Participation,
)


class ImportantDateInline(admin.TabularInline):
    model = ImportantDate
    extra = 0


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 0
    readonly_fields = ["resolved_on"]


@admin.register(Contact)
class ContactAdmin(SupportAccessAdminMixin, admin.ModelAdmin):
    list_display = ["name", "owner", "relationship", "importance", "cadence_days", "last_contacted_on"]
    list_filter = ["relationship"]
    search_fields = ["name", "owner__email"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner"]
    readonly_fields = ["public_id", "last_contacted_on", "added_on"]
    inlines = [ImportantDateInline, CommitmentInline]


@admin.register(Interaction)
class InteractionAdmin(SupportAccessAdminMixin, admin.ModelAdmin):
    support_owner_path = "contact__owner"
    list_display = ["contact", "happened_on", "channel"]
    list_select_related = ["contact"]
    raw_id_fields = ["contact"]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0


@admin.register(Community)
class CommunityAdmin(SupportAccessAdminMixin, admin.ModelAdmin):
    list_display = ["name", "owner", "kind"]
    search_fields = ["name", "owner__email"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner"]
    inlines = [ParticipationInline]
