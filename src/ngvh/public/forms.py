from django import forms
from django.utils.translation import gettext_lazy as _

from ngvh.activities.models import ForeignPartner

from .models import NewsDirection
from .services import ArticleData


class ArticleForm(forms.Form):
    direction = forms.ChoiceField(label=_("Direction"), choices=NewsDirection.choices)
    partner = forms.ModelChoiceField(label=_("Partner city"), queryset=ForeignPartner.objects.order_by("name"), required=False)
    title = forms.CharField(label=_("Title (Vietnamese)"), max_length=300)
    summary = forms.CharField(label=_("Summary (Vietnamese)"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    body = forms.CharField(label=_("Text (Vietnamese)"), widget=forms.Textarea(attrs={"rows": 10}))
    source = forms.CharField(label=_("Source"), max_length=300, required=False)

    def __init__(self, *args, instance_article=None, **kwargs):
        if instance_article is not None and not args[0]:
            kwargs["initial"] = {
                "direction": instance_article.direction, "partner": instance_article.partner, "title": instance_article.title,
                "summary": instance_article.summary, "body": instance_article.body, "source": instance_article.source,
            }
        super().__init__(*args, **kwargs)

    def data_out(self) -> ArticleData:
        c = self.cleaned_data
        return ArticleData(direction=c["direction"], title=c["title"], body=c["body"], summary=c["summary"], source=c["source"],
                           partner_id=c["partner"].pk if c["partner"] else None)

    def add_service_errors(self, exc) -> None:
        for field, messages in exc.message_dict.items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)


class TranslationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}), required=False)

    def __init__(self, *args, language: str, instance=None, **kwargs):
        self.language = language
        if instance is not None:
            kwargs["initial"] = {"title": instance.title, "summary": instance.summary, "body": instance.body}
        super().__init__(*args, **kwargs)
