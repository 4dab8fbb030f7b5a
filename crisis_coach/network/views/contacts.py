from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from crisis_coach.common import page_cache
from crisis_coach.common.addressing import addressed
from crisis_coach.common.conflicts import (
    EditConflict,
    conflict_redirect,
    conflict_resolved,
    edit_form,
    model_fields,
)
from crisis_coach.common.deletion import ConfirmDeleteView, fill
from crisis_coach.common.pagination import paginate
from crisis_coach.common.services import create_once
from crisis_coach.incidents.selectors import stakeholder_roles_of
from crisis_coach.network import rules, selectors, services
from crisis_coach.network.forms import ContactFilterForm, ContactForm, ImportantDateForm, InteractionForm
from crisis_coach.network.models import Relationship
from crisis_coach.network.views._common import flag_overdue


@login_required
def contact_list(request):
    filters = ContactFilterForm(request.GET)

    def values() -> dict:
        today = services.local_today(request.user)
        contacts = selectors.contact_list(user=request.user, today=today, **filters.values())
        page_obj = paginate(request, contacts)
        page_obj.object_list = selectors.add_touch_status(page_obj.object_list, today)
        return {"page_obj": page_obj, "today": today}

    # Cached (common/page_cache.py) under her data version (accounts migration 0013), read on a miss.
    part = page_cache.part(request, request.user.data_version, values)
    return render(request, "network/contact_list.html", {"filters": filters, "part": part})


@login_required
def contact_create(request):
    # ?relationship=mentor opens the form with a mentor's default gaps.
    relationship = request.GET.get("relationship", "")
    form = ContactForm(
        request.POST or None,
        initial={"relationship": relationship} if relationship in Relationship.values else None,
        cadence_defaults=selectors.cadence_defaults(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        contact = create_once(
            form, request.user, lambda: services.contact_create(owner=request.user, **form.cleaned_data)
        )
        messages.success(request, _("%(name)s is in your network.") % {"name": contact.name})
        return redirect("network:contact_detail", public_id=contact.public_id)
    return render(request, "network/contact_form.html", {"form": form})


@login_required
def contact_detail(request, public_id):
    contact = selectors.contact_for_user(request.user, public_id)
    today = services.local_today(request.user)
    commitments = flag_overdue(contact.commitments.all(), today)
    dates = [(item, item.next_occurrence(today)) for item in contact.important_dates.all()]
    context = {
        "contact": contact,
        "today": today,
        "overdue_days": contact.days_overdue(today),
        "touch": contact.touch_status(today),
        "history_page": paginate(request, selectors.contact_history(contact=contact)),
        "dates": dates,
        "commitments": commitments,
        "trust": rules.trust_record(commitments, today=today),
        "interaction_form": InteractionForm(today=today),
        "stakeholder_roles": stakeholder_roles_of(contact),
    }
    return render(request, "network/contact_detail.html", context)


@login_required
def contact_edit(request, public_id):
    contact = selectors.contact_for_user(request.user, public_id)
    form, conflict = edit_form(request, ContactForm, contact)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_update(
                contact=contact,
                expected_version=form.cleaned_data["version"],
                **model_fields(form.cleaned_data),
            )
        except EditConflict as error:
            return conflict_redirect(request, error)
        conflict_resolved(request, contact)
        messages.success(request, _("Saved."))
        return redirect("network:contact_detail", public_id=contact.public_id)
    context = {"form": form, "contact": contact, "conflict": conflict}
    return render(request, "network/contact_form.html", context)


class ContactDelete(ConfirmDeleteView):
    title = gettext_lazy("Delete contact")
    explanation = gettext_lazy(
        "Their important dates, interaction history and promises go too. This cannot be undone."
    )

    def get_object(self):
        return selectors.contact_for_user(self.request.user, self.kwargs["public_id"])

    def perform(self, contact):
        services.contact_delete(contact=contact)

    def get_question(self, contact):
        return fill(addressed("Delete %(name)s?"), name=contact.name)

    def get_cancel_url(self, contact):
        return reverse("network:contact_detail", args=[contact.public_id])

    def get_success_url(self, contact):
        return reverse("network:contacts")

    def get_success_message(self, contact):
        return _("%(name)s was removed from your network.") % {"name": contact.name}


contact_delete = login_required(ContactDelete.as_view())


@login_required
def interaction_create(request, public_id):
    contact = selectors.contact_for_user(request.user, public_id)
    form = InteractionForm(request.POST or None, today=services.local_today(request.user))
    if request.method == "POST" and form.is_valid():
        create_once(
            form, request.user, lambda: services.interaction_log(contact=contact, **form.cleaned_data)
        )
        messages.success(request, _("Touch logged with %(name)s.") % {"name": contact.name})
        return redirect("network:contact_detail", public_id=contact.public_id)
    return render(request, "network/interaction_form.html", {"form": form, "contact": contact})


@login_required
def interaction_edit(request, public_id):
    interaction = selectors.interaction_for_user(request.user, public_id)
    form, conflict = edit_form(
        request, InteractionForm, interaction, today=services.local_today(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.interaction_update(
                interaction=interaction,
                expected_version=form.cleaned_data["version"],
                **model_fields(form.cleaned_data),
            )
        except EditConflict as error:
            return conflict_redirect(request, error)
        conflict_resolved(request, interaction)
        messages.success(request, _("Touch saved."))
        return redirect("network:contact_detail", public_id=interaction.contact.public_id)
    context = {
        "form": form,
        "contact": interaction.contact,
        "interaction": interaction,
        "conflict": conflict,
    }
    return render(request, "network/interaction_form.html", context)


@login_required
@require_POST
def interaction_delete(request, public_id):
    interaction = selectors.interaction_for_user(request.user, public_id)
    services.interaction_delete(interaction=interaction)
    messages.success(request, _("Interaction deleted."))
    return redirect("network:contact_detail", public_id=interaction.contact.public_id)


@login_required
def important_date_create(request, public_id):
    contact = selectors.contact_for_user(request.user, public_id)
    form = ImportantDateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        create_once(
            form, request.user, lambda: services.important_date_create(contact=contact, **form.cleaned_data)
        )
        messages.success(request, _("Date saved."))
        return redirect("network:contact_detail", public_id=contact.public_id)
    return render(request, "network/important_date_form.html", {"form": form, "contact": contact})


@login_required
def important_date_edit(request, public_id):
    important_date = selectors.important_date_for_user(request.user, public_id)
    form, conflict = edit_form(request, ImportantDateForm, important_date)
    if request.method == "POST" and form.is_valid():
        try:
            services.important_date_update(
                important_date=important_date,
                expected_version=form.cleaned_data["version"],
                **model_fields(form.cleaned_data),
            )
        except EditConflict as error:
            return conflict_redirect(request, error)
        conflict_resolved(request, important_date)
        messages.success(request, _("Date saved."))
        return redirect("network:contact_detail", public_id=important_date.contact.public_id)
    context = {
        "form": form,
        "contact": important_date.contact,
        "important_date": important_date,
        "conflict": conflict,
    }
    return render(request, "network/important_date_form.html", context)


@login_required
@require_POST
def important_date_delete(request, public_id):
    important_date = selectors.important_date_for_user(request.user, public_id)
    services.important_date_delete(important_date=important_date)
    messages.success(request, _("Date removed."))
    return redirect("network:contact_detail", public_id=important_date.contact.public_id)
