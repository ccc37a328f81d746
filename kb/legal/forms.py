"""The regulation editor's form: the relation rules (kb.legal.relations) over the relations
as the editor left them in the form, so a cycle or a repeal dated before its instrument is
a message on the form, not an error when the page is saved."""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm

from .relations import check_page


class RegulationPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("legal_relations")
        if formset is None or not formset.is_valid():
            return cleaned  # the formset shows its own errors
        relations = [
            (form.cleaned_data["kind"], form.cleaned_data["target"], form.cleaned_data.get("effective_date"))
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("target")
        ]
        page = self.instance
        page.effective_date = cleaned.get("effective_date", page.effective_date)
        page.title = cleaned.get("title", page.title)
        try:
            check_page(page, relations)
        except ValidationError as exc:
            self.add_error(None, exc)
        page.__dict__["relations_checked_by_form"] = True
        if cleaned.get("status_override") and not (cleaned.get("status_override_reason") or "").strip():
            self.add_error("status_override_reason", "กำหนดสถานะเองต้องระบุเหตุผล (a reason is required)")
        return cleaned
