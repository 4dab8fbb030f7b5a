from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from crisis_coach.common.addressing import addressed_lazy
from crisis_coach.common.tasks import failed_tasks_retry

# The backend's admin lists the tasks (filter by status to see the failed ones) but cannot retry one.
admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(DBTaskResultAdmin):
    actions = ["retry"]

    @admin.action(description=addressed_lazy("Retry the selected failed tasks"), permissions=["retry"])
    def retry(self, request, queryset):
        retried = failed_tasks_retry(queryset)
        self.message_user(request, _("Tasks queued again: %(count)d.") % {"count": retried}, messages.SUCCESS)

    def has_retry_permission(self, request) -> bool:
        # The backend's admin lets nobody change a task; retrying is the one change staff may make.
        return request.user.has_perm("django_tasks_database.change_dbtaskresult")
