"""Forms for activities: thin, they turn posted text into ``ActivityData``."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from ngvh.core.countries import country_choices

from .data import ActivityData
from .models import ActivityKind, ActivityStatus, ForeignPartner, PartnerKind

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


class DateInput(forms.DateInput):
    def __init__(self):
        super().__init__(format="%d/%m/%Y", attrs={"inputmode": "numeric", "autocomplete": "off", "class": "input--date"})


class MoneyField(forms.CharField):
    """Đồng, typed as ``1.250.000`` or ``1250000``; never negative."""

    default_error_messages = {"invalid": _("Enter an amount in đồng using digits only, for example 1.250.000.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "class": "input--money"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        text = re.sub(r"[\s.,]|đồng|đ", "", (value or "").strip().lower())
        if text == "":
            return 0
        if not re.fullmatch(r"-?\d{1,16}", text):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(text)

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{value:,}".replace(",", ".")
        return value


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind of activity"), choices=[("", "—")] + list(ActivityKind.choices))
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices, initial=ActivityStatus.DONE, widget=forms.RadioSelect)
    start_date = forms.DateField(label=_("Start date"), input_formats=DATE_FORMATS, widget=DateInput(), help_text=_("For example 15/05/2025"))
    end_date = forms.DateField(
        label=_("End date"), input_formats=DATE_FORMATS, widget=DateInput(), required=False, help_text=_("Leave empty for a one-day activity")
    )
    agency = forms.ModelChoiceField(label=_("Recording agency"), queryset=None, required=False)
    tasks = forms.ModelMultipleChoiceField(
        label=_("Tasks of the plan it serves"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick every task this activity carries out."),
    )
    place_country = forms.ChoiceField(label=_("Country where it took place"), initial="VN")
    place_name = forms.CharField(
        label=_("Place"), max_length=255, required=False, help_text=_("In Viet Nam: commune, district or city. Abroad: the city.")
    )
    countries = forms.MultipleChoiceField(
        label=_("Other countries reached"), required=False, help_text=_("Hold Ctrl (or Cmd) to choose several.")
    )
    partner_agencies = forms.ModelMultipleChoiceField(label=_("Partner agencies"), queryset=None, required=False)
    foreign_partners = forms.ModelMultipleChoiceField(label=_("Foreign partners"), queryset=None, required=False)
    new_partner_name = forms.CharField(
        label=_("New foreign partner"), max_length=255, required=False, help_text=_("A locality or organisation not in the list yet, e.g. Kitakyushu")
    )
    new_partner_country = forms.ChoiceField(label=_("Country of the new partner"), required=False)
    new_partner_kind = forms.ChoiceField(label=_("The new partner is"), choices=PartnerKind.choices, required=False, initial=PartnerKind.LOCALITY)
    participants_total = forms.IntegerField(
        label=_("Participants (total)"), min_value=0, required=False, help_text=_("Leave empty if the number is not known.")
    )
    participants_foreign = forms.IntegerField(label=_("Of which foreign"), min_value=0, required=False)
    budget_state = MoneyField(label=_("State budget (đồng)"))
    budget_private = MoneyField(label=_("Socialised/private funds (đồng)"))
    budget_foreign = MoneyField(label=_("Foreign funds (đồng)"))
    media_count = forms.IntegerField(
        label=_("Media coverage"), min_value=0, initial=0, required=False, help_text=_("Number of articles, broadcasts and posts about it")
    )
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    evidence = forms.FileField(
        label=_("Evidence file"), required=False, help_text=_("A photo, a PDF or an Office document. You can add more files later.")
    )
    evidence_public = forms.BooleanField(label=_("Other agencies may see this file"), required=False)
    confirm_unassigned = forms.BooleanField(
        label=_("I confirm: record it against these tasks even though my agency is not assigned to them"), required=False
    )

    def __init__(self, *args, plan, agencies, can_choose_agency: bool, with_evidence: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        from ngvh.plans.models import Task

        countries = country_choices()
        self.fields["place_country"].choices = countries
        self.fields["countries"].choices = [c for c in countries if c[0] != "VN"]
        self.fields["new_partner_country"].choices = [("", "—")] + [c for c in countries if c[0] != "VN"]
        self.fields["tasks"].queryset = Task.objects.filter(plan=plan).select_related("group").order_by("order")
        self.fields["tasks"].label_from_instance = lambda t: f"{t.code} — {t.title[:140]}"
        self.fields["agency"].queryset = agencies
        self.fields["partner_agencies"].queryset = agencies
        self.fields["foreign_partners"].queryset = ForeignPartner.objects.order_by("name")
        self.fields["foreign_partners"].label_from_instance = lambda p: f"{p.name} ({p.country})"
        if can_choose_agency:
            self.fields["agency"].required = True
        else:
            del self.fields["agency"]
        if not with_evidence:
            del self.fields["evidence"]
            del self.fields["evidence_public"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("new_partner_name") and not cleaned.get("new_partner_country"):
            self.add_error("new_partner_country", _("Choose the country of the new partner."))
        return cleaned

    def to_data(self, *, agency_id: int, foreign_partner_ids: list[int]) -> ActivityData:
        c = self.cleaned_data
        return ActivityData(
            title=c["title"],
            kind=c["kind"],
            status=c["status"],
            start_date=c["start_date"],
            end_date=c.get("end_date") or c["start_date"],
            agency_id=c["agency"].pk if c.get("agency") else agency_id,
            description=c.get("description", ""),
            place_country=c.get("place_country") or "VN",
            place_name=c.get("place_name", ""),
            task_ids=[t.pk for t in c.get("tasks") or []],
            partner_agency_ids=[a.pk for a in c.get("partner_agencies") or []],
            foreign_partner_ids=foreign_partner_ids,
            country_codes=list(c.get("countries") or []),
            participants_total=c.get("participants_total"),
            participants_foreign=c.get("participants_foreign"),
            budget_state=c.get("budget_state") or 0,
            budget_private=c.get("budget_private") or 0,
            budget_foreign=c.get("budget_foreign") or 0,
            media_count=c.get("media_count") or 0,
            outcome=c.get("outcome", ""),
        )

    @staticmethod
    def initial_from(activity) -> dict:
        return {
            "title": activity.title,
            "kind": activity.kind,
            "status": activity.status,
            "start_date": activity.start_date,
            "end_date": activity.end_date,
            "agency": activity.agency_id,
            "tasks": list(activity.tasks.all()),
            "place_country": activity.place_country,
            "place_name": activity.place_name,
            "countries": [c.code for c in activity.countries.all()],
            "partner_agencies": list(activity.partner_agencies.all()),
            "foreign_partners": list(activity.foreign_partners.all()),
            "participants_total": activity.participants_total,
            "participants_foreign": activity.participants_foreign,
            "budget_state": activity.budget_state,
            "budget_private": activity.budget_private,
            "budget_foreign": activity.budget_foreign,
            "media_count": activity.media_count,
            "outcome": activity.outcome,
            "description": activity.description,
        }


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Evidence file"), help_text=_("A photo, a PDF or an Office document."))
    caption = forms.CharField(label=_("Caption"), max_length=255, required=False)
    is_public = forms.BooleanField(label=_("Other agencies may see this file"), required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Filled-in template (.xlsx)"), help_text=_("Every row is checked before anything is saved."))
