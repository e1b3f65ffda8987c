from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ngvh.activities.forms import DATE_FORMATS, DateInput

from .models import PriceBand


class GiftForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255, help_text=_("For example: Tranh gốm Chu Đậu, Áo dài lụa Hải Phòng"))
    maker = forms.CharField(label=_("Maker"), max_length=255, required=False)
    price_band = forms.ChoiceField(label=_("Price band"), choices=PriceBand.choices)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class GiveForm(forms.Form):
    delegation = forms.TypedChoiceField(label=_("Delegation"), coerce=int)
    given_on = forms.DateField(label=_("Given on"), input_formats=DATE_FORMATS, widget=DateInput())

    def __init__(self, *args, delegations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegation"].choices = [("", "—")] + [(d.pk, f"{d.title} · {d.partner.name}") for d in delegations]


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("Photo"))

    def __init__(self, *args, **kwargs):
        from django.utils.translation import gettext

        from .photos import limit

        super().__init__(*args, **kwargs)
        mb = limit() // (1024 * 1024) or 1
        self.fields["photo"].help_text = gettext("A JPEG, PNG or WebP photo of at most %(mb)s MB.") % {"mb": mb}
