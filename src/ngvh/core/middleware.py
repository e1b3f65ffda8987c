from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    """Vietnamese unless the user chose English with the switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many office
    browsers are installed in English; the product's default is Vietnamese, so only the
    explicit choice (the language cookie set by the switch) counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class RefuseNulBytesMiddleware:
    """A NUL byte in a query or form value is never meaningful, and PostgreSQL refuses it
    in text columns (a 500 in the middle of a filter). Refuse such requests up front with a
    plain 400, on every page and the API alike."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.http import HttpResponseBadRequest
        from django.utils.translation import gettext as _

        values = [v for _k, vs in request.GET.lists() for v in vs]
        if any("\x00" in v for v in values) or "\x00" in request.path:
            return HttpResponseBadRequest(_("The address contains a character that is not allowed."))
        return self.get_response(request)


class NoStoreForSignedInMiddleware:
    """``Cache-Control: no-store, private`` on every answer to a signed-in user or an API
    token: a shared machine's browser or a proxy must not keep a page of someone's data
    (reports, accounts, evidence) for the next person to see with the Back button."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.META.get("HTTP_AUTHORIZATION"):
            from django.utils.cache import patch_cache_control

            patch_cache_control(response, no_store=True, private=True)
        return response
