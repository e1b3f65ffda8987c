"""The wording of the plans app's message codes (see ``ngvh.core.messages``).

The readers, the parser and the import services refuse a document, and the parser notes
what it was unsure of, with these codes; the pages and ``ngvh plan`` translate them.
Registered from ``PlansConfig.ready()``.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

TEMPLATES = {
    # where in the document a refusal points
    "plans.where.line": _("line %(line)s"),
    "plans.where.row": _("table row %(row)s"),
    "plans.where.table_row": _("Table %(table)s, row %(row)s: %(message)s"),
    # reading the file
    "plans.file.empty": pgettext_lazy("refused file", "The file is empty."),
    "plans.file.unsupported": _("Unsupported file type “%(ext)s”. Upload a .docx, .doc, .pdf or .txt file."),
    "plans.file.no_libreoffice": _("LibreOffice is not installed on the server, so %(ext)s files cannot be read. Save it as .docx."),
    "plans.file.encoding": _(
        "Cannot read the file's character encoding (%(detected)s). Save it as Unicode (UTF-8) or .docx and upload it again."
    ),
    "plans.file.encoding.tcvn3": _("looks like TCVN3 (ABC)"),
    "plans.file.encoding.vni": _("looks like VNI"),
    "plans.file.encoding.unknown": _("not recognised: not UTF-8, UTF-16 or Windows-1258"),
    "plans.file.encoding.controls": _("%(encoding)s but full of control characters; probably not a text file"),
    "plans.file.no_word_library": _("The server lacks the Word reader library."),
    "plans.file.damaged_word": _("The %(ext)s file is damaged or not a Word document."),
    "plans.file.damaged_pdf": _("The .pdf file is damaged or not a PDF document."),
    "plans.file.pdf_scan": _(
        "The PDF has no text layer (it looks like a scan, images only). Upload the .docx or .doc file, "
        "or a PDF exported from Word."
    ),
    "plans.file.unreadable": _("This file could not be read. Check that it opens in Word or a PDF reader, then upload it again."),
    # the upload form
    "plans.upload.missing": pgettext_lazy("refused file", "Choose the plan document to upload."),
    "plans.upload.too_large": _("The file is larger than 10 MB. Upload a smaller file."),
    # the parser: what it refuses
    "plans.parse.bad_date": _("Invalid date: %(day)s/%(month)s/%(year)s."),
    "plans.parse.not_a_plan": _("This is %(kind)s, not a plan. Upload the plan itself (or the decision that issues it)."),
    "plans.parse.kind.report": pgettext_lazy("document kind", "a report (BÁO CÁO)"),
    "plans.parse.kind.submission": pgettext_lazy("document kind", "a submission (TỜ TRÌNH)"),
    "plans.parse.kind.notice": pgettext_lazy("document kind", "a notice (THÔNG BÁO)"),
    "plans.parse.kind.letter": pgettext_lazy("document kind", "an official letter (CÔNG VĂN)"),
    "plans.parse.kind.invitation": pgettext_lazy("document kind", "an invitation (GIẤY MỜI)"),
    "plans.parse.letter": _(
        "This is an official letter (công văn), not a plan (no “KẾ HOẠCH” line). Upload the plan itself."
    ),
    "plans.parse.no_number": _(
        "The plan number is missing (no “Số: .../KH-...” line or “Kèm theo Kế hoạch số ...” caption)."
    ),
    "plans.parse.no_date": _("The date of issue is missing (no “..., ngày ... tháng ... năm ...” line)."),
    "plans.parse.no_tasks": _(
        "No task table found (an appendix with TT, Nội dung, Đơn vị chủ trì columns), "
        "or the table has no tasks; nor are there tasks numbered under a “NHIỆM VỤ” section of "
        "the text (such as “1.1. Tổ chức ...” with a “Cơ quan chủ trì: ...” line)."
    ),
    "plans.parse.duplicate_task": _("Duplicate task code %(code)s."),
    "plans.parse.duplicate_group": _("Group %(code)s appears twice."),
    "plans.parse.period_order": _("Task %(code)s: the period “%(text)s” ends before it starts."),
    # the parser: what it notes for the plan's warnings
    "plans.warning.no_title_in_article": _("The plan's title was not found in Article 1 of the decision."),
    "plans.warning.no_document_type": _("No document type line (KẾ HOẠCH) and subject found."),
    "plans.warning.date_from_caption": _("No place-and-date line; the date comes from the appendix caption."),
    "plans.warning.no_issuer": _("The issuing body could not be determined."),
    "plans.warning.duplicate_item": _("Duplicate item number: %(code)s already exists; this item is coded %(unique)s."),
    "plans.warning.several_leads": pgettext_lazy(
        "plan warning",
        "Task %(code)s: the lead cell names several agencies; %(lead)s is taken as lead, "
        "the others (%(others)s) become coordinators.",
    ),
    "plans.warning.no_lead": pgettext_lazy("plan warning", "Task %(code)s has no lead unit."),
    "plans.warning.unreadable_timeframe": pgettext_lazy(
        "plan warning", "Task %(code)s: cannot read the timeframe “%(text)s”; recorded as unspecified."
    ),
    "plans.warning.continuation_row": pgettext_lazy("plan warning", "A row without a number was joined to task %(code)s."),
    "plans.warning.new_agency": _("Agency not in the list yet; it will be added: %(name)s."),
    "plans.warning.portal_typo": _("Corrected “%(written)s” to “%(fixed)s” (portal)."),
    "plans.warning.other_party": _("“%(name)s” does not look like an agency name; kept as another party."),
    # storing a parsed plan
    "plans.store.different_content": _(
        "Plan %(number)s is already stored with different content. Propose an amendment instead, "
        "or run again with --replace to replace it entirely."
    ),
    "plans.store.in_use": _(
        "Plan %(number)s cannot be replaced: reports or activities already refer to its tasks. Propose an amendment instead."
    ),
    "plans.store.too_long": _("Cannot store it: the %(what)s “%(value)s” is longer than %(limit)s characters. Check the document."),
    "plans.store.unusable": _("Cannot store it: the %(what)s “%(value)s” cannot be read. Check the document."),
    "plans.store.what.number": pgettext_lazy("stored field", "plan number"),
    "plans.store.what.place": pgettext_lazy("stored field", "place"),
    "plans.store.what.issuer": pgettext_lazy("stored field", "issuer"),
    "plans.store.what.group_code": pgettext_lazy("stored field", "group code"),
    "plans.store.what.task_code": pgettext_lazy("stored field", "task code"),
    "plans.store.what.timeframe": pgettext_lazy("stored field", "timeframe"),
    "plans.store.what.agency": pgettext_lazy("stored field", "agency name"),
    "plans.store.what.task_group": pgettext_lazy("stored field", "group of task"),
}
