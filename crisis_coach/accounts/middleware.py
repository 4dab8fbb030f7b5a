from django.utils import timezone, translation


class UserPreferencesMiddleware:
    """Serve a signed-in user in their own language and time zone.

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
        else:
            timezone.deactivate()
        return self.get_response(request)
