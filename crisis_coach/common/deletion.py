"""One confirm-then-delete page for everything a person deletes (or ends): GET asks, POST does it.

Each app subclasses ConfirmDeleteView beside its other views, says how to fetch the object (its
owner-scoped selector), how to delete it (its service) and the page's words; one template,
common/confirm_delete.html, shows them all.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.views import View

from crisis_coach.common.addressing import addressed_lazy


def fill(message: str, **values) -> SafeString:
    """`message % values` as {% blocktranslate %} does it: the translated message is ours and
    trusted (where it wraps the person's text in <bdi>, that text keeps its own direction in a
    sentence of another language); each value is escaped."""
    return mark_safe(message % {name: conditional_escape(value) for name, value in values.items()})


class ConfirmDeleteView(View):
    """GET shows what will be deleted and asks; POST deletes it through the app's service and
    redirects with a message. Other methods get 405.

    A subclass gives:
    - get_object(): the object through the app's owner-scoped selector, so another person's is a
      404, on GET and POST alike, before anything is done;
    - perform(obj): the app's service that deletes it (never the ORM here);
    - get_success_url(obj) and get_success_message(obj): where to go after, and what to say;
    - the page: `title`, get_question(obj), get_quoted(obj) (the person's text, shown as typed),
      `explanation` or get_explanation(obj), `button`, get_cancel_url(obj), and get_next(obj) for
      a `next` the form carries back.
    """

    http_method_names = ["get", "post", "head"]
    template_name = "common/confirm_delete.html"
    title = addressed_lazy("Delete?")
    button = addressed_lazy("Yes, delete")
    explanation = ""

    def get_object(self):
        raise NotImplementedError

    def perform(self, obj) -> None:
        raise NotImplementedError

    def get_success_url(self, obj) -> str:
        raise NotImplementedError

    def get_success_message(self, obj) -> str:
        raise NotImplementedError

    def get_question(self, obj) -> str:
        raise NotImplementedError

    def get_quoted(self, obj) -> str:
        return ""

    def get_explanation(self, obj) -> str:
        return self.explanation

    def get_cancel_url(self, obj) -> str:
        return self.get_success_url(obj)

    def get_next(self, obj) -> str:
        return ""

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        context = {
            "title": self.title,
            "question": self.get_question(obj),
            "quoted": self.get_quoted(obj),
            "explanation": self.get_explanation(obj),
            "button": self.button,
            "cancel_url": self.get_cancel_url(obj),
            "next": self.get_next(obj),
        }
        return render(request, self.template_name, context)

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        # Read before the service runs: what it deletes may take related rows with it.
        url, message = self.get_success_url(obj), self.get_success_message(obj)
        self.perform(obj)
        messages.success(request, message)
        return redirect(url)
