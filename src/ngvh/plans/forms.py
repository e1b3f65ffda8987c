"""Forms of the plan pages: the upload of a plan to review, and the review's task table."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .services import MAX_UPLOAD_BYTES, REVIEW_FIELDS


class ReviewUploadForm(forms.Form):
    document = forms.FileField(
        label=_("Plan document"),
        help_text=_("A .docx, .doc, .pdf (with text, not a scan) or .txt file, at most 10 MB."),
        error_messages={
            "required": _("Choose the plan document to upload."),
            "empty": _("The file is empty."),
            "invalid": _("Choose the plan document to upload."),
        },
    )

    def clean_document(self):
        document = self.cleaned_data["document"]
        if document.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB. Upload a smaller file."))
        return document


def review_rows_from_post(post, count: int) -> dict[int, dict]:
    """The task table's inputs (``t<index>-<field>``) as {index: {field: value}}."""
    rows: dict[int, dict] = {}
    for index in range(count):
        values = {}
        for name in REVIEW_FIELDS:
            key = f"t{index}-{name}"
            if key in post:
                values[name] = post.get(key, "")
        if values:
            rows[index] = values
    return rows
