"""Messages as codes with parameters, translated only where they are shown.

A parser or a service that refuses something says *what* went wrong as a
:class:`Message`: a code (``"agencies.file.not_json"``) and plain parameters. It does
not pick a language: the edges (views, commands) call :meth:`Message.text`, which
renders the code's template with gettext in the active language, or in the language
asked for (a command printing Vietnamese and English).

Each app keeps the wording of its codes, as ``gettext_lazy`` templates with
``%(name)s`` placeholders, in its own module and registers them from its
``AppConfig.ready()``; the Vietnamese lives in the app's catalogue like any other
string. Nothing here imports an app: core is the lowest layer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

_TEMPLATES: dict[str, object] = {}


def register(templates: Mapping[str, object]) -> None:
    """Add codes and their (lazy) templates. A code names one wording: registering it
    again with another template is a mistake and is refused."""
    for code, template in templates.items():
        known = _TEMPLATES.get(code)
        if known is None:
            _TEMPLATES[code] = template
        elif known is not template and known != template:  # the same words again are fine
            raise ValueError(f"message code {code!r} is already registered with another template")


def registered() -> Mapping[str, object]:
    """Every registered code and its template (read-only)."""
    return MappingProxyType(_TEMPLATES)


@dataclass(frozen=True)
class Message:
    """What to say, without the words: a registered code and its parameters."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: str | None = None) -> str:
        """The message in ``lang`` (``"vi"``, ``"en"``), or in the active language."""
        from django.utils import translation

        try:
            template = _TEMPLATES[self.code]
        except KeyError:
            raise LookupError(f"message code {self.code!r} is not registered (see ngvh.core.messages)") from None
        if lang is None:
            return str(template) % dict(self.params)
        with translation.override(lang):
            return str(template) % dict(self.params)

    def __str__(self) -> str:
        return self.text()


class MessageError(Exception):
    """An error that carries a :class:`Message`; ``str()`` shows its code and parameters
    (for logs), :meth:`text` the words for a person."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(message.code, dict(message.params))

    def text(self, lang: str | None = None) -> str:
        return self.message.text(lang)

    def __str__(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self.message.params.items())
        return f"{self.message.code}({params})"


def exception_text(exc: BaseException, lang: str | None = None) -> str:
    """The words for a person of an error from a parser or a service, in ``lang`` or in
    the active language: a :class:`MessageError`'s own :meth:`~MessageError.text` (which
    may add where the error points), else its :class:`Message` if it carries one, else
    ``str(exc)``."""
    if isinstance(exc, MessageError):
        return exc.text(lang)
    message = getattr(exc, "message", None)
    if isinstance(message, Message):
        return message.text(lang)
    return str(exc)
