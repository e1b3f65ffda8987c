from django import forms
from django.utils.translation import gettext_lazy as _

from .models import BudgetSource


class EstimateForm(forms.Form):
    task = forms.ModelChoiceField(label=_("Task"), queryset=None)
    source = forms.ChoiceField(label=_("Source of funds"), choices=BudgetSource.choices)
    amount = forms.IntegerField(label=_("Estimate (đồng)"), min_value=0)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = plan.tasks.order_by("order")
        self.fields["task"].label_from_instance = lambda t: f"{t.code} — {t.title[:80]}"


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Reason for returning"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))
