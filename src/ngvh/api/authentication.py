"""``Authorization: Token <key>`` (or ``Bearer <key>``) for systems that call the API.

A token acts as its account: the same selectors and policies apply, so a token can do
nothing its owner could not do on the pages. CSRF does not apply (no cookie is involved).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .selectors import token_for_key
from .services import api_token_touch

SCHEMES = ("token", "bearer")


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1", "replace").split()
        if not header or header[0].lower() not in SCHEMES:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the token as “Authorization: Token <key>”."))
        token = token_for_key(header[1])
        if token is None:
            raise exceptions.AuthenticationFailed(_("This token is not valid or has been revoked."))
        api_token_touch(token=token)
        return token.user, token

    def authenticate_header(self, request):
        return "Token"


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <key>`: create a token on your account's API tokens page.",
        }
