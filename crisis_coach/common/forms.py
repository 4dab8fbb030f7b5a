"""Forms: the one way they are rendered, and the rules every form's fields share.

Every form is rendered by Django's form renderer API, set once in settings (FORM_RENDERER =
`BootstrapFormRenderer`): a page writes `{{ form }}` (templates/forms/form.html), or places one field
with `{{ form.name.as_field_group }}` (templates/forms/field.html, or the field's own `template_name`).
The markup is Bootstrap 5's: label, widget with its class, `is-invalid` and the error next to the
field, help text, the ids that Django's aria-describedby points at. tests/common/test_form_markup.py
holds every app's forms to it.

Django renders each widget through two or three templates (a <select>: two per option); on the
crisis pages (10-20 fields, one select listing a hundred contacts) that was most of the request, so
the renderer writes the common widgets in Python, character for character as Django's templates
(tests/common/test_forms.py compares them).
"""

import datetime

from django import forms
from django.core.validators import MaxLengthValidator
from django.db.models.fields import BLANK_CHOICE_DASH
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext, pgettext

from crisis_coach.common.addressing import addressed
from crisis_coach.limits import LONG_TEXT_MAX


def _bootstrap_class(widget: forms.Widget) -> str:
    if isinstance(widget, (forms.CheckboxInput, forms.RadioSelect)):  # CheckboxSelectMultiple too
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


def _free_text(widget: forms.Widget) -> bool:
    """Text a person types in their own words: a textarea, or a text or search box."""
    if isinstance(widget, forms.Textarea):
        return True
    return isinstance(widget, forms.TextInput) and widget.attrs.get("type", widget.input_type) in {
        "text",
        "search",
    }


class BootstrapBoundField(BoundField):
    """A field whose widget carries Bootstrap's class, plus `is-invalid` once it has errors, and
    `dir="auto"` where people type free text, so Arabic in an English page (or English in an Arabic
    one) reads in its own direction."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if widget.is_hidden:
            return attrs
        classes = (attrs.get("class") or widget.attrs.get("class") or "").split()
        wanted = [_bootstrap_class(widget)] + (["is-invalid"] if self.errors else [])
        attrs["class"] = " ".join(classes + [name for name in wanted if name not in classes])
        if _free_text(widget) and "dir" not in widget.attrs:
            attrs.setdefault("dir", "auto")
        return attrs

    @property
    def is_checkbox(self) -> bool:
        return isinstance(self.field.widget, forms.CheckboxInput)

    @property
    def is_option_list(self) -> bool:
        """Radio buttons or checkboxes, one per choice: a fieldset with a legend."""
        return isinstance(self.field.widget, forms.RadioSelect)

    @property
    def is_password(self) -> bool:
        """A password: a show-password toggle beside it, and its rules shown once one is broken."""
        return isinstance(self.field.widget, forms.PasswordInput)


# Django's own widget templates, written in Python: the same output, character for character
# (tests/common/test_forms.py compares them), without two or three template renders per widget.
WIDGETS = "django/forms/widgets/"
OPTION_TEMPLATE = WIDGETS + "select_option.html"


def _attributes(attrs: dict) -> str:
    # widgets/attrs.html: True alone, False left out, anything else as a string.
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{escape(widget["value"])}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
        f"{value}{_attributes(widget['attrs'])}>"
    )


def _textarea(widget: dict) -> str:
    value = conditional_escape(widget["value"]) if widget["value"] else ""
    name = conditional_escape(widget["name"])
    return f'<textarea name="{name}"{_attributes(widget["attrs"])}>\n{value}</textarea>'


# Django's empty choice ("---------") reads as a glitch; every select says what to do instead.
DJANGO_BLANK_LABEL = BLANK_CHOICE_DASH[0][1]


def _name_the_empty_choice(widget: dict) -> None:
    for _group, options, _index in widget["optgroups"]:
        for option in options:
            if option["value"] in ("", None) and option["label"] == DJANGO_BLANK_LABEL:
                option["label"] = pgettext("the empty option of a list", "Choose…")


def _select(widget: dict) -> str:
    html = [f'<select name="{conditional_escape(widget["name"])}"{_attributes(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            html.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        html.extend(
            f'\n  <option value="{escape(option["value"])}"{_attributes(option["attrs"])}>'
            f"{conditional_escape(option['label'])}</option>\n"
            for option in options
        )
        if group_name:
            html.append("\n  </optgroup>")
    html.append("\n</select>")
    return "".join(html)


_WRITERS = {
    **{
        f"{WIDGETS}{kind}.html": _input
        for kind in ("text", "number", "email", "url", "password", "search", "tel", "color")
        + ("date", "datetime", "time", "hidden", "checkbox")
    },
    WIDGETS + "textarea.html": _textarea,
    WIDGETS + "select.html": _select,
}


class BootstrapFormRenderer(TemplatesSetting):
    """The project's form renderer (settings.FORM_RENDERER): templates from the project's TEMPLATES
    (so templates/forms/ and Django's widget templates, from the django.forms app), Bootstrap's
    classes on every widget, and the common widgets written in Python (see `_WRITERS`)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
    bound_field_class = BootstrapBoundField

    def render(self, template_name, context, request=None):
        write = _WRITERS.get(template_name)
        widget = context.get("widget")
        if widget is not None and "optgroups" in widget:
            _name_the_empty_choice(widget)
        if write is None or widget is None or (write is _select and not _plain_options(widget)):
            return super().render(template_name, context, request)
        return mark_safe(write(widget))


def _plain_options(widget: dict) -> bool:
    return all(
        option["template_name"] == OPTION_TEMPLATE
        for _, options, _ in widget["optgroups"]
        for option in options
    )


class SearchInput(forms.TextInput):
    input_type = "search"


class FieldsetsMixin:
    """A long form in named groups, one after the other, so it reads as a few short questions.

    `fieldsets` lists (legend, field names); `{{ form }}` then renders each group as a <fieldset>
    with its legend (templates/forms/form.html), and any field in no group (the edit version) last."""

    fieldsets: list[tuple[str, list[str]]] = []

    def grouped_fields(self) -> list[tuple[str, list[BoundField]]]:
        placed = {name for _legend, names in self.fieldsets for name in names}
        groups = [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.fieldsets
        ]
        rest = [self[name] for name in self.fields if name not in placed]
        return [*groups, ("", rest)] if rest else groups


class FilterFormMixin:
    """A filter bar's form, bound to the query string: a value that does not fit (a stale bookmark,
    a hand-edited `?sort=`) falls back to the field's default without an error, so the list still
    shows and the bar shows what was applied. Only the fields that did not fit are dropped.

    `{{ form }}` renders the fields through templates/forms/filter_bar.html, each in the grid column
    that `columns` names (Bootstrap's `col-auto` when it names none)."""

    template_name = "forms/filter_bar.html"
    columns: dict[str, str] = {}

    def bar(self) -> list[tuple[BoundField, str]]:
        return [(self[name], self.columns.get(name, "col-auto")) for name in self.fields]

    def full_clean(self):
        super().full_clean()
        wrong = [name for name in self._errors if name in self.fields]
        if not wrong:
            return
        data = self.data.copy()
        for name in wrong:
            data.pop(name, None)
        self.data = data
        super().full_clean()


class LongTextFormMixin:
    """Every textarea without a maximum of its own gets LONG_TEXT_MAX (`limit_long_text`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_long_text(self)


@deconstructible
class TextLengthValidator(MaxLengthValidator):
    """At most `limit_value` characters, a line break counting once: the browser's `maxlength`
    counts it once but sends CR LF, so text that the browser let through is never refused."""

    def clean(self, x):
        return len(x.replace("\r\n", "\n"))


# Moments a person may enter: a day inside Python's calendar (years 1 to 9999) at both ends, so the
# moment can be shown in any time zone (at most 14 hours from UTC). 31 December 9999 at 23:59 in
# New York is already the year 10000 in UTC: stored, it would break every page that shows it.
EARLIEST_MOMENT = datetime.datetime(1, 1, 2, tzinfo=datetime.UTC)
LATEST_MOMENT = datetime.datetime(9999, 12, 30, tzinfo=datetime.UTC)


class LocalDateTimeField(forms.DateTimeField):
    """A date and time typed on the person's own clock, in their time zone.

    Django refuses a reading that happens twice (01:30 on the night New York's clocks go back) or
    never (01:30 on the night London's go forward), so a talk held at 01:30 that night could not be
    recorded, its own pre-filled "now" included. A reading that happens twice is taken as the
    occurrence nearer to now (a "now" comes back as itself); one that never happens is read as if the
    clocks had not moved yet (02:30 summer time), as calendar apps do.
    """

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            try:
                typed = parse_datetime(value.strip())
            except ValueError as error:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error
            if typed is None:
                typed = forms.fields.BaseTemporalField.to_python(self, value)  # the other input formats
            if timezone.is_aware(typed):
                return typed
            zone = timezone.get_current_timezone()
            try:
                return self._moment(typed, zone)
            except OverflowError:  # at the calendar's very edge: within_calendar says so at the field
                return typed.replace(tzinfo=zone)
        return super().to_python(value)

    @staticmethod
    def _moment(typed: datetime.datetime, zone) -> datetime.datetime:
        readings = [typed.replace(tzinfo=zone, fold=fold).astimezone(datetime.UTC) for fold in (0, 1)]
        real = [moment for moment in readings if moment.astimezone(zone).replace(tzinfo=None) == typed]
        if not real:
            # Skipped by the clocks, which jumped forward: the offset from before the jump, the smaller
            # one, gives the later of the two instants.
            return max(readings)
        now = timezone.now()
        return min(real, key=lambda moment: abs(moment - now))  # both the same for an ordinary reading


def within_calendar(value: datetime.datetime | None) -> None:
    """A validator for date-time fields: refuses a moment at the edges of the calendar."""
    if value is None:
        return
    try:
        inside = EARLIEST_MOMENT <= value.astimezone(datetime.UTC) <= LATEST_MOMENT
    except OverflowError:
        inside = False
    if not inside:
        raise forms.ValidationError(
            addressed("Choose a date between the years 1 and 9999."), code="outside_calendar"
        )


def long_text_hint(limit: int) -> str:
    return ngettext("Up to %(count)s character.", "Up to %(count)s characters.", limit) % {
        "count": number_format(limit, force_grouping=True)
    }


def limit_long_text(form: forms.BaseForm, limit: int = LONG_TEXT_MAX) -> None:
    """Give each textarea of `form` that has no maximum yet `limit` characters: the browser stops
    there (`maxlength`), the server says so next to the field and keeps the text, and the help text
    states it. settings.DATA_UPLOAD_MAX_MEMORY_SIZE is computed from the same number."""
    for field in form.fields.values():
        if not isinstance(field, forms.CharField) or not isinstance(field.widget, forms.Textarea):
            continue
        if field.max_length is not None:
            continue
        field.max_length = limit
        field.validators.append(TextLengthValidator(limit))
        field.widget.attrs["maxlength"] = str(limit)
        hint = long_text_hint(limit)
        field.help_text = (
            pgettext("a field's help text, then its length limit", "%(help)s %(limit)s")
            % {"help": field.help_text, "limit": hint}
            if field.help_text
            else hint
        )
