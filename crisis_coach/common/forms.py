"""Bootstrap 5 form rendering that costs one template per form instead of several per field.

crispy's bootstrap5 pack renders every field through four or five templates and a tag that rewrites
the widget's attributes, and Django renders every <option> of a select through two more templates;
on the crisis pages (10–20 fields, one select listing a hundred contacts) that was most of the
request. Forms that mix in `BootstrapFormMixin` are rendered by
`templates/includes/_form_fields.html` with the same markup: label, widget, errors next to the field,
help text, the same ids and aria attributes. It covers text-like inputs, selects, textareas and
checkboxes; a form with radio buttons or file inputs still goes through crispy.
"""

from django import forms
from django.forms.boundfield import BoundField
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


def _bootstrap_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


class BootstrapBoundField(BoundField):
    """A field whose widget carries Bootstrap's class, plus `is-invalid` once it has errors."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if widget.is_hidden:
            return attrs
        classes = (attrs.get("class") or widget.attrs.get("class") or "").split()
        wanted = [_bootstrap_class(widget)] + (["is-invalid"] if self.errors else [])
        attrs["class"] = " ".join(classes + [name for name in wanted if name not in classes])
        return attrs

    @property
    def is_checkbox(self) -> bool:
        return isinstance(self.field.widget, forms.CheckboxInput)


def _attributes(attrs: dict) -> str:
    """Attributes as django/forms/widgets/attrs.html writes them: True alone, False left out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class Select(forms.Select):
    """Django's <select> with the same markup, its options written in Python rather than through two
    templates each (select_option.html, attrs.html)."""

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)["widget"]
        html = [format_html('<select name="{}"', name), _attributes(context["attrs"]), ">"]
        for group_name, options, _index in context["optgroups"]:
            if group_name:
                html.append(format_html('\n  <optgroup label="{}">', group_name))
            html.extend(
                format_html('\n  <option value="{}"', option["value"])
                + _attributes(option["attrs"])
                + format_html(">{}</option>", option["label"])
                for option in options
            )
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))


class BootstrapFormMixin:
    """Renders with templates/includes/_form_fields.html; plain selects become the `Select` above."""

    bound_field_class = BootstrapBoundField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if type(field.widget) is forms.Select:
                field.widget = Select(attrs=field.widget.attrs, choices=field.widget.choices)
