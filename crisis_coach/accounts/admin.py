from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from crisis_coach.accounts.models import SecurityEvent, SupportAccess, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "language", "is_staff", "date_joined"]
    search_fields = ["email", "display_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["display_name", "language", "time_zone", "discreet_mode"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "display_name", "password1", "password2"]})
    ]

    def get_deleted_objects(self, objs, request):
        # Django's confirmation lists every row that goes with the account by its words (a contact's
        # name, a case's title): private content (admin_support.py). The accounts and the counts are
        # enough to confirm.
        _rows, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        return [str(user) for user in objs], model_count, perms_needed, protected


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """Read-only, for support ("why was I locked out?"); events are written by the app alone."""

    list_display = ["at", "user", "kind", "ip"]
    list_filter = ["kind"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SupportAccess)
class SupportAccessAdmin(admin.ModelAdmin):
    """Read-only: who has support access open, so staff know whose content they may read (support.py).
    Only the person opens or ends a window, from their security page."""

    list_display = ["user", "granted_at", "expires_at", "ended_at"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    date_hierarchy = "granted_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
