from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SignerForm


class ConsolidationForm(forms.Form):
    """Which accepted reports to include, and the settings of the document."""

    reports = forms.TypedMultipleChoiceField(
        label=_("Reports to include"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only accepted reports can be included. All are chosen by default."),
        error_messages={"required": _("Choose at least one accepted report to consolidate.")},
    )
    number = forms.CharField(label=_("Document number"), max_length=60, help_text=_("For example 15/BC-UBND, or …/BC-UBND until the number is given."))
    place = forms.CharField(label=_("Place"), max_length=120)
    issued_on = forms.DateField(
        label=_("Date"), required=False, input_formats=["%d/%m/%Y"],
        widget=forms.DateInput(format="%d/%m/%Y"), help_text=_("dd/mm/yyyy; leave empty to write the date by hand."),
        error_messages={"invalid": _("Enter the date as dd/mm/yyyy, for example 05/02/2027.")},
    )
    parent_body = forms.CharField(label=_("Parent body"), max_length=200, required=False, help_text=_("Written above the issuing body, not bold (e.g. UBND THÀNH PHỐ HẢI PHÒNG for a department)."))
    issuing_body = forms.CharField(label=_("Issuing body"), max_length=200, help_text=_("In capitals, bold, e.g. ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG or SỞ NGOẠI VỤ."))
    subject = forms.CharField(label=_("Subject line"), max_length=500, required=False, help_text=_("Leave empty for the standard subject naming the plan and year."))
    signer_form = forms.ChoiceField(label=_("Signature form"), choices=SignerForm.choices, required=False)
    signer_authority = forms.CharField(label=_("Signed for"), max_length=120, help_text=_("After TM. or KT.: ỦY BAN NHÂN DÂN, or GIÁM ĐỐC."))
    signer_position = forms.CharField(label=_("Signer's position"), max_length=120, help_text=_("CHỦ TỊCH, PHÓ CHỦ TỊCH, PHÓ GIÁM ĐỐC ..."))
    signer_name = forms.CharField(label=_("Signer's name"), max_length=120, required=False)
    recipients = forms.CharField(
        label=_("Recipients"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One per line; “Lưu” is added at the end."),
    )
    archive = forms.CharField(label=_("Filed at (Lưu)"), max_length=120, help_text=_("For example VT, Ng.v"))
    include_appendix = forms.BooleanField(label=_("Add an appendix listing the reports used"), required=False)

    def __init__(self, *args, reports=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reports"].choices = [
            (r.pk, f"{r.agency.name} (#{r.pk})") for r in reports
        ]

    def clean_recipients(self) -> list[str]:
        lines = [line.strip().lstrip("-").strip().rstrip(";").strip() for line in self.cleaned_data["recipients"].splitlines()]
        return [line for line in lines if line]

    def settings(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("reports", None)
        return data


def settings_initial(consolidation) -> dict:
    c = consolidation
    return {
        "number": c.number, "place": c.place, "issued_on": c.issued_on, "parent_body": c.parent_body,
        "issuing_body": c.issuing_body, "subject": c.subject, "signer_form": c.signer_form,
        "signer_authority": c.signer_authority, "signer_position": c.signer_position, "signer_name": c.signer_name,
        "recipients": "\n".join(c.recipients or []), "archive": c.archive, "include_appendix": c.include_appendix,
    }


class PassagesForm(forms.Form):
    """One text area per narrative passage, labelled with where it came from."""

    def __init__(self, *args, passages=(), **kwargs):
        super().__init__(*args, **kwargs)
        for passage in passages:
            self.fields[passage["key"]] = forms.CharField(
                label=passage["label"], required=False, initial=passage["text"],
                widget=forms.Textarea(attrs={"rows": 4}), help_text=passage["source"],
            )
