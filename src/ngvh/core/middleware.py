import csp.middleware as _csp
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
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


class CSPMiddleware(_csp.CSPMiddleware):
    """django-csp's middleware with the site-wide policy built once.

    django-csp rebuilds the ``Content-Security-Policy`` header from the ``CSP_*`` settings
    on every response. When a response carries no per-view change (``csp_update`` and
    the like, as the API documentation's page has) and no nonce was asked for, the header
    is the same text every time; it is kept, and rebuilt when a ``CSP_*`` setting changes
    at run time (tests). Anything else goes through django-csp unchanged.
    """

    _site_policy: str | None = None

    def build_policy(self, request, response):
        per_view = any(getattr(response, a, None) for a in ("_csp_config", "_csp_update", "_csp_replace"))
        if per_view or getattr(request, "_csp_nonce", None):
            return super().build_policy(request, response)
        policy = CSPMiddleware._site_policy
        if policy is None:
            policy = CSPMiddleware._site_policy = super().build_policy(request, response)
        return policy


@receiver(setting_changed)
def _csp_setting_changed(*, setting, **kwargs) -> None:
    if setting.startswith("CSP_"):
        CSPMiddleware._site_policy = None
