"""The form renderer (settings.FORM_RENDERER, crisis_coach/common/forms.py) writes widgets exactly as
Django's widget templates do, only faster, and forms in Bootstrap 5 markup (templates/forms/)."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from crisis_coach.common.forms import BootstrapFormRenderer, LongTextFormMixin

WIDGETS = [
    (forms.TextInput(attrs={"maxlength": 20, "placeholder": 'say "hi" <now>'}), "a & b"),
    (forms.TextInput(), None),
    (forms.NumberInput(attrs={"min": 1, "max": 5}), 3),
    (forms.URLInput(), "https://example.test/?a=1&b=2"),
    (forms.EmailInput(), ""),
    (forms.PasswordInput(), "secret"),
    (forms.HiddenInput(), 7),
    (forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), datetime.date(2024, 2, 29)),
    (forms.DateTimeInput(format="%Y-%m-%dT%H:%M"), datetime.datetime(2024, 2, 29, 8, 5)),
    (forms.CheckboxInput(), True),
    (forms.CheckboxInput(), False),
    (forms.Textarea(attrs={"rows": 2}), "line one\n<b>line two</b>"),
    (forms.Textarea(), mark_safe("<i>already safe</i>")),
    (forms.Textarea(), ""),
    (forms.Select(choices=[("", "---"), ("a", "A & B"), ("b", '<b>"q"</b>')]), "a"),
    (forms.Select(choices=[(1, "one"), (2, "two")]), 2),
    (forms.Select(choices=[("Group <1>", [("a", "A"), ("b", "B")]), ("c", "C")]), "b"),
    (forms.Select(choices=[("", "none"), ("x", "X")]), None),
    (forms.SelectMultiple(choices=[("a", "A"), ("b", "B"), ("c", "C")]), ["a", "c"]),
    (forms.NullBooleanSelect(), True),
]
ATTRS = {"id": "id_f", "class": "form-control is-invalid", "required": True, "disabled": False}


@pytest.mark.parametrize(("widget", "value"), WIDGETS, ids=lambda w: type(w).__name__)
def test_widgets_are_written_exactly_as_djangos_templates_write_them(widget, value):
    expected = widget.render("f", value, attrs=ATTRS, renderer=DjangoTemplates())
    assert widget.render("f", value, attrs=ATTRS, renderer=BootstrapFormRenderer()) == expected


class Sample(LongTextFormMixin, forms.Form):
    name = forms.CharField(label="Name", max_length=20, help_text="As people call you.")
    kind = forms.ChoiceField(label="Kind", choices=[("", "---"), ("a", "A")], required=False)
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)
    agree = forms.BooleanField(label="I agree", required=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self):
        raise forms.ValidationError("Something is off.")


def test_a_valid_looking_form_renders_bootstrap_fields_with_labels_and_help():
    html = str(Sample())
    assert (
        '<label for="id_name" class="form-label requiredField">Name<span class="asteriskField">*</span>'
        in html
    )
    assert 'class="form-control"' in html and 'class="form-select"' in html
    assert 'aria-describedby="id_name_helptext"' in html
    assert '<div id="id_name_helptext" class="form-text">As people call you.</div>' in html
    assert '<div id="div_id_agree" class="form-check">' in html and 'class="form-check-input"' in html
    assert '<input type="hidden" name="version" id="id_version">' in html
    assert "alert-danger" not in html


def test_errors_are_shown_next_to_their_field_and_announced():
    form = Sample({"name": "", "agree": ""})
    assert not form.is_valid()
    html = str(form)
    assert (
        '<div class="alert alert-block alert-danger"><ul class="m-0">' in html
        and "<li>Something is off.</li>" in html
    )
    assert 'class="form-control is-invalid"' in html and 'aria-invalid="true"' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert (
        '<div id="id_name_error" class="invalid-feedback"><p id="error_1_id_name">'
        "<strong>This field is required.</strong></p></div>"
    ) in html
    assert 'class="form-check-input is-invalid"' in html


@pytest.mark.parametrize("language", ["en", "zh-hant", "ar"])
def test_an_empty_choice_says_choose_instead_of_djangos_dashes(language):
    from django.utils import translation

    class Pick(forms.Form):
        kind = forms.ChoiceField(choices=[("", "---------"), ("a", "A")], required=False)
        named = forms.ChoiceField(choices=[("", "Any stage"), ("a", "A")], required=False)

    with translation.override(language):
        html = str(Pick(renderer=BootstrapFormRenderer()))
        choose = translation.pgettext("the empty option of a list", "Choose…")
    assert "---------" not in html
    assert f'<option value="" selected>{choose}</option>' in html
    assert '<option value="" selected>Any stage</option>' in html  # a named empty choice is kept
    assert language == "en" or choose != "Choose…"
