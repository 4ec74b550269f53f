"""The office edits consultations and drafts (``consultation.manage`` on the
municipality): a consultation's texts, period, access, moderation and events; a new
draft version (a copy of the latest, keys kept); a draft's title and publication, its
text pasted per language ("# " chapters, "## " sections) and its original files.
Another municipality's consultation is not found; a person without the permission is
refused (403)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from ..drafts import (
    DraftError,
    import_sections,
    new_version,
    store_draft_file,
    structured_text,
)
from ..forms import ConsultationForm, DraftFileForm, DraftForm, ImportForm, NewVersionForm
from ..models import Consultation, Draft, DraftFile, Section
from .drafts import ScopedMixin


class OfficeMixin(LoginRequiredMixin, ScopedMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.can_manage:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def edit_url(consultation):
    return reverse(
        "consultation:edit",
        kwargs={"municipality": consultation.municipality.slug, "consultation": consultation.slug},
    )


class ConsultationEditView(OfficeMixin, View):
    """Create (``neu/``) or edit a consultation; the edit page lists its drafts and
    starts a new version."""

    template_name = "consultation/manage/consultation.html"

    def get_object(self):
        if "consultation" not in self.kwargs:
            return None
        return self.get_consultation(self.kwargs["consultation"])

    def render_page(self, form, status=200, version_form=None):
        consultation = form.instance if form.instance.pk else None
        drafts = (
            list(Draft.objects.filter(consultation=consultation).order_by("-version"))
            if consultation
            else []
        )
        return render(
            self.request,
            self.template_name,
            {
                "municipality": self.municipality,
                "form": form,
                "consultation": consultation,
                "drafts": drafts,
                "version_form": version_form or NewVersionForm(),
            },
            status=status,
        )

    def form(self, data=None):
        instance = self.get_object() or Consultation(
            municipality=self.municipality, is_published=False
        )
        return ConsultationForm(data, instance=instance, municipality=self.municipality)

    def get(self, request, *args, **kwargs):
        return self.render_page(self.form())

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "new_version":
            consultation = self.get_object()
            if consultation is None:
                return redirect(request.path)
            version_form = NewVersionForm(request.POST)
            version_form.is_valid()
            try:
                draft = new_version(consultation, copy=version_form.cleaned_data.get("copy"))
            except DraftError as error:
                messages.error(request, str(error))
                return redirect(request.path)
            messages.success(request, _("Draft %(version)s created.") % {"version": draft.version})
            return redirect(draft_edit_url(draft, consultation))
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_page(form, status=400)
        with transaction.atomic():
            consultation = form.save()
        messages.success(request, _("Saved."))
        consultation.municipality = self.municipality
        return redirect(edit_url(consultation))


def draft_edit_url(draft, consultation):
    return reverse(
        "consultation:draft_edit",
        kwargs={
            "municipality": consultation.municipality.slug,
            "consultation": consultation.slug,
            "version": draft.version,
        },
    )


class DraftEditView(OfficeMixin, View):
    """A draft version: its title and publication, its text pasted per language, its
    original files. Each form on the page is sent on its own (``action``)."""

    template_name = "consultation/manage/draft.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.consultation = None
        self.draft = None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.can_manage:
            self.consultation = self.get_consultation(kwargs["consultation"])
            self.draft = get_object_or_404(
                Draft.objects.for_municipality(self.municipality).filter(
                    consultation=self.consultation
                ),
                version=kwargs["version"],
            )
            self.draft.consultation = self.consultation
            self.draft.municipality = self.municipality
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, status=200, **forms):
        municipality = self.municipality
        sections = list(Section.objects.filter(draft=self.draft).order_by("position", "id"))
        context = {
            "municipality": municipality,
            "consultation": self.consultation,
            "draft": self.draft,
            "sections": sections,
            "files": list(DraftFile.objects.filter(draft=self.draft).order_by("language")),
            "draft_form": forms.get("draft_form")
            or DraftForm(instance=self.draft, municipality=municipality),
            "import_form": forms.get("import_form") or self.import_form(sections),
            "file_form": forms.get("file_form") or DraftFileForm(municipality=municipality),
            "error_form": forms.get("error_form"),
        }
        return render(self.request, self.template_name, context, status=status)

    def import_form(self, sections):
        """The paste form, holding the text as it stands in the language asked for
        (``?sprache=``, German by default)."""
        form = ImportForm(municipality=self.municipality)
        choices = {code for code, _name in form.fields["language"].choices}
        language = self.request.GET.get("sprache")
        language = language if language in choices else "de"
        form.initial = {"language": language, "text": structured_text(sections, language)}
        return form

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        municipality = self.municipality
        if action == "draft":
            form = DraftForm(request.POST, instance=self.draft, municipality=municipality)
            if not form.is_valid():
                return self.render_page(400, draft_form=form, error_form=form)
            form.save()
        elif action == "import":
            form = ImportForm(request.POST, municipality=municipality)
            if form.is_valid():
                try:
                    import_sections(
                        self.draft, form.cleaned_data["language"], form.cleaned_data["text"]
                    )
                except DraftError as error:
                    form.add_error("text", str(error))
            if form.errors:
                return self.render_page(400, import_form=form, error_form=form)
        elif action == "file":
            form = DraftFileForm(request.POST, request.FILES, municipality=municipality)
            if form.is_valid():
                try:
                    store_draft_file(
                        self.draft, form.cleaned_data["language"], form.cleaned_data["file"]
                    )
                except ValidationError as error:
                    form.add_error("file", error)
            if form.errors:
                return self.render_page(400, file_form=form, error_form=form)
        else:
            return redirect(request.path)
        messages.success(request, _("Saved."))
        return redirect(request.path)
