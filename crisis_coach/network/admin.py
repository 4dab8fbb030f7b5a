"""Staff support only (DESIGN.md §2): read-mostly views to answer "where did my contact go?"."""

from django.contrib import admin

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
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "relationship", "importance", "cadence_days", "last_contacted_on"]
    list_filter = ["relationship"]
    search_fields = ["name", "owner__email"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner"]
    readonly_fields = ["public_id", "last_contacted_on", "added_on"]
    inlines = [ImportantDateInline, CommitmentInline]


@admin.register(Interaction)
class InteractionAdmin(admin.ModelAdmin):
    list_display = ["contact", "happened_on", "channel"]
    list_select_related = ["contact"]
    raw_id_fields = ["contact"]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "kind"]
    search_fields = ["name", "owner__email"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner"]
    inlines = [ParticipationInline]
