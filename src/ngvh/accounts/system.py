"""The system actor: who "did it" when a command or a timer wrote, not a person.

One real, inactive account row (``is_system``), with no usable password, so it can never
sign in; events and change history name it like any other user, and show it as
"Hệ thống (lệnh/tác vụ định kỳ)". Policies let it act only where they say so explicitly
(``accounts.policies.is_system``).

Commands that write derive from :class:`SystemCommand`: ``self.actor`` is the system
actor, and every history row written while the command runs names it, unless a service
names someone else.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.core.management.base import BaseCommand
from django.db import IntegrityError, transaction
from django.utils.functional import SimpleLazyObject
from simple_history.models import HistoricalRecords

from .models import Role, User

SYSTEM_USERNAME = "system"


def system_actor() -> User:
    """The system actor's row, created on first use.

    Two timers starting at once may both try to create it: the database keeps one
    (``one_system_actor``) and the other reads it. Should a person already hold the
    username ``system``, the row is named ``ngvh-system`` instead.
    """
    actor = User.objects.filter(is_system=True).first()
    if actor is not None:
        return actor
    for username in (SYSTEM_USERNAME, f"ngvh-{SYSTEM_USERNAME}"):
        actor = User(username=username, is_system=True, is_active=False, role=Role.COORDINATOR)
        actor.set_unusable_password()
        try:
            with transaction.atomic():
                actor.save()
            return actor
        except IntegrityError:
            existing = User.objects.filter(is_system=True).first()
            if existing is not None:
                return existing
    raise RuntimeError("the system actor could not be created: the usernames system and ngvh-system are taken")


class _Acting:
    """What django-simple-history reads from a request: the user making the change."""

    def __init__(self, user):
        self.user = user


@contextmanager
def history_actor(user):
    """Name ``user`` on every history row written inside the block (outside a request).

    django-simple-history takes the acting user from the request its middleware stores;
    a command has no request, so this stores the user the same way, and puts back what
    was there before.
    """
    context = HistoricalRecords.context
    missing = object()
    previous = getattr(context, "request", missing)
    context.request = _Acting(user)
    try:
        yield user
    finally:
        if previous is missing:
            del context.request
        else:
            context.request = previous


class SystemCommand(BaseCommand):
    """A management command run by an operator or a timer: it acts as the system actor."""

    @property
    def actor(self) -> User:
        if not hasattr(self, "_actor"):
            self._actor = system_actor()
        return self._actor

    def execute(self, *args, **options):
        # Lazy: a command that only reads never creates the row.
        with history_actor(SimpleLazyObject(lambda: self.actor)):
            return super().execute(*args, **options)
