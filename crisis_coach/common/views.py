import sys

from django.db import DatabaseError, connection, transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from crisis_coach.common import palette
from crisis_coach.common.tasks import oldest_pending_task_seconds


@never_cache
@require_GET
@transaction.non_atomic_requests  # ATOMIC_REQUESTS would connect (and fail) before the view runs.
def healthz(request):
    """For load balancers: 200 while the database answers, 503 when it does not.

    Also how long the oldest due task (an email) has waited for the worker: a growing number means
    the worker is stopped. It does not change the status, since the pages still work without it.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        waiting = oldest_pending_task_seconds()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "oldest_pending_task_seconds": waiting})


@require_GET
def manifest(request):
    """The web app manifest, so the app can be added to a phone's home screen.

    A view rather than a static file: its name is in the reader's language and its icons carry
    their hashed static names. No service worker: nothing signed in is ever cached on the device.
    """
    icons = [
        {"src": static(f"img/icon-{px}.png"), "sizes": f"{px}x{px}", "type": "image/png", "purpose": "any"}
        for px in (192, 512)
    ]
    icons.append({**icons[-1], "purpose": "maskable"})
    document = {
        "name": gettext("Crisis Coach"),
        "short_name": gettext("Crisis Coach"),
        "description": gettext("Assess, confront and resolve a setback at work, one step at a time."),
        "lang": translation.get_language(),
        "dir": "rtl" if translation.get_language_bidi() else "ltr",
        "start_url": reverse("home"),
        "scope": reverse("home"),
        "display": "standalone",
        "background_color": palette.BACKGROUND,
        "theme_color": palette.PRIMARY,
        "icons": icons,
    }
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


def home(request):
    if not request.user.is_authenticated:
        return render(request, "common/landing.html")
    return redirect("reminders:today")


def server_error(request):
    """Django's handler500. A database outage answers 503 with a calm page, not a stack trace.

    The page is rendered without touching the database (no session, no user): it stands alone.
    """
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError):
        return render(request, "503.html", status=503)
    return render(request, "500.html", status=500)
