"""django-axes decides a lockout inside its own code; its signal is the only place to log it."""

from axes.signals import user_locked_out
from django.dispatch import receiver


@receiver(user_locked_out)
def record_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    from .models import SecurityEventKind
    from .services import security_event_record

    security_event_record(kind=SecurityEventKind.LOCKED_OUT, username=username or "", request=request)
