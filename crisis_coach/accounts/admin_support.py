"""The admin of a person's private content shows it to staff only while that person has support
access open (accounts/support.py), superusers included, and tells the person each time.

Outside a window the list is empty and an object's pages answer as for an object that does not
exist; a staff member learns nothing of the content, not even how much of it there is.
"""

from django.db.models import Model
from django.template.response import TemplateResponse
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from crisis_coach.accounts.support import staff_views_record, users_with_support_access


class SupportAccessAdminMixin:
    """For a ModelAdmin (or inline) of content people own. `support_owner_path` is the lookup from the
    model to its owner: "owner", or "contact__owner" for what hangs off a contact."""

    support_owner_path = "owner"

    def get_queryset(self, request):
        # Every admin page of an object (change, delete, history) and every list reads through here.
        return (
            super()
            .get_queryset(request)
            .filter(**{f"{self.support_owner_path}__in": users_with_support_access().values("pk")})
        )

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", None) and response.context_data.get("cl")
        if changelist is not None:
            # One query for the owners of the page's rows, however many rows and owners it has.
            owner_ids = changelist.result_list.values_list(self.support_owner_path, flat=True)
            staff_views_record(
                staff=request.user,
                owner_ids=list(owner_ids),
                what=format_lazy(_("{things} list"), things=capfirst(self.model._meta.verbose_name_plural)),
            )
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return self._recorded(request, super().change_view(request, object_id, form_url, extra_context))

    def delete_view(self, request, object_id, extra_context=None):
        return self._recorded(request, super().delete_view(request, object_id, extra_context))

    def history_view(self, request, object_id, extra_context=None):
        return self._recorded(request, super().history_view(request, object_id, extra_context))

    def _recorded(self, request, response):
        """Record the view of the object a page showed; a redirect (not found, saved) showed none."""
        if isinstance(response, TemplateResponse) and response.status_code == 200:
            obj = response.context_data.get("original") or response.context_data.get("object")
            if isinstance(obj, Model):
                owner_id = self.model._default_manager.filter(pk=obj.pk).values_list(
                    self.support_owner_path, flat=True
                )
                staff_views_record(
                    staff=request.user,
                    owner_ids=list(owner_id),
                    # The object's number, never its words: the line is on the person's page, and in
                    # the security events every staff member reads.
                    what=format_lazy(
                        _("{thing} #{number}"),
                        thing=capfirst(self.model._meta.verbose_name),
                        number=obj.pk,
                    ),
                )
        return response
