import time

from django.utils import timezone, translation

from crisis_coach.accounts.services import SESSION_SEEN_KEY, user_session_seen
from crisis_coach.common import addressing


class UserPreferencesMiddleware:
    """Serve a signed-in user in their own language and time zone, addressed as they chose.

    Runs after LocaleMiddleware (which handles the cookie and Accept-Language for
    anonymous visitors) and after authentication. The language switcher saves the
    choice on the user, so the setting and the switcher never disagree.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            if user.language:
                translation.activate(user.language)
                request.LANGUAGE_CODE = translation.get_language()
            timezone.activate(user.zone)
            with addressing.override(user.address_as):
                return self.get_response(request)
        timezone.deactivate()
        return self.get_response(request)


class SessionActivityMiddleware:
    """Keep each session's browser, address and "last seen" for the security page, at most once every
    SEEN_EVERY per session.

    allauth's own tracking (USERSESSIONS_TRACK_ACTIVITY) reads and writes a row on every signed-in
    request, two queries on every page; this costs none on most requests and one write (plus the
    session's) every few minutes.
    """

    SEEN_EVERY = 300  # seconds

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.user.is_authenticated
            and request.session.session_key
            and time.time() - request.session.get(SESSION_SEEN_KEY, 0) >= self.SEEN_EVERY
        ):
            user_session_seen(request=request)
        return response
