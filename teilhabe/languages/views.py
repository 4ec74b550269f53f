"""The office's translation pages under ``/<municipality>/uebersetzungen/``: content
languages, what is untranslated or outdated, export for an agency, import of the
returned file (preview, then confirmation).

Every page needs ``tenants.manage_municipality`` on the municipality in the URL: the
integration office of that municipality (and the operator). Department editors
translate in their own forms; the overview lists draft texts of every department, so
it stays with the office. An import belongs to its municipality, so another
municipality's import is not found."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView

from teilhabe.tenants.scoping import MunicipalityMixin

from . import selectors, services, xliff
from .forms import ContentLanguagesForm, ExportForm, ImportForm
from .models import TranslationImport

MANAGE = "tenants.manage_municipality"


class TranslationStaffMixin(LoginRequiredMixin, MunicipalityMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.has_perm(MANAGE, self.municipality):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def language_or_404(self, code):
        if code not in selectors.translation_languages(self.municipality):
            raise Http404
        return code


class OverviewView(TranslationStaffMixin, TemplateView):
    template_name = "languages/staff/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reports"] = selectors.overview(self.municipality)
        return context


class ContentLanguagesView(TranslationStaffMixin, FormView):
    template_name = "languages/staff/content_languages.html"
    form_class = ContentLanguagesForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "municipality": self.municipality}

    def form_valid(self, form):
        try:
            services.change_content_languages(
                self.municipality, form.cleaned_data["languages"], form.fallbacks()
            )
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                form.add_error("languages" if name == "content_languages" else None, errors)
            return self.form_invalid(form)
        messages.success(self.request, _("The content languages have been saved."))
        return redirect("languages:overview", municipality=self.municipality.slug)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class LanguageView(TranslationStaffMixin, TemplateView):
    """One language: counts per cycle, event and the rest, the export form and the
    texts still to translate (with a link to where each is edited)."""

    template_name = "languages/staff/language.html"
    per_page = 50

    def get_context_data(self, export_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        language = self.language_or_404(kwargs["language"])
        units = selectors.units_of(self.municipality)
        report = selectors.language_report(self.municipality, language, units)
        page = Paginator(report.to_do, self.per_page).get_page(self.request.GET.get("page"))
        context.update(
            report=report,
            page_obj=page,
            export_form=export_form
            or ExportForm(scopes=selectors.scope_choices(self.municipality, units)),
        )
        return context


class ExportView(LanguageView):
    """The texts to translate into a language as an XLIFF or CSV file; a bad choice
    shows the language page again with the error."""

    def get(self, request, *args, **kwargs):
        language = self.language_or_404(kwargs["language"])
        form = ExportForm(request.GET, scopes=selectors.scope_choices(self.municipality))
        if not form.is_valid():
            context = self.get_context_data(export_form=form, **kwargs)
            return self.render_to_response(context, status=400)
        data = form.cleaned_data
        units = selectors.export_units(
            self.municipality,
            language,
            scope=data["scope"],
            include_outdated=data["include"] == "outdated",
        )
        stamp = timezone.localdate().isoformat()
        name = f"{self.municipality.slug}-{language}-{data['scope'].replace(':', '-')}-{stamp}"
        if data["format"] == "csv":
            response = HttpResponse(
                xliff.write_csv(units, language), content_type="text/csv; charset=utf-8"
            )
            name += ".csv"
        else:
            original = f"teilhabe:{self.municipality.slug}:{data['scope']}"
            response = HttpResponse(
                xliff.write_xliff(units, language, original=original),
                content_type="application/xliff+xml; charset=utf-8",
            )
            name += ".xlf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "no-store"
        return response


class ImportView(TranslationStaffMixin, FormView):
    template_name = "languages/staff/import.html"
    form_class = ImportForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recent"] = TranslationImport.objects.filter(
            municipality=self.municipality, imported_at__isnull=False
        ).order_by("-imported_at")[:5]
        return context

    def form_valid(self, form):
        upload = services.store_upload(
            self.municipality, self.request.user, form.cleaned_data["file"]
        )
        return redirect(
            "languages:import_preview", municipality=self.municipality.slug, pk=upload.pk
        )

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class ImportPreviewView(TranslationStaffMixin, TemplateView):
    """What the file would change, unit by unit; the confirmation (POST) imports it
    all or nothing."""

    template_name = "languages/staff/import_preview.html"

    def upload(self):
        return get_object_or_404(
            TranslationImport.objects.filter(municipality=self.municipality), pk=self.kwargs["pk"]
        )

    def get(self, request, *args, **kwargs):
        upload = self.upload()
        if upload.imported_at:
            return self.render_to_response(self.get_context_data(upload=upload, preview=None))
        preview = services.preview_import(upload)
        status = 200 if preview.is_importable else 400
        return self.render_to_response(
            self.get_context_data(upload=upload, preview=preview), status=status
        )

    def post(self, request, *args, **kwargs):
        upload = self.upload()
        try:
            written = services.confirm_import(upload.pk, self.municipality)
        except services.AlreadyImported:
            messages.info(request, _("This file has already been imported."))
            return redirect(request.path)
        except services.ImportRefused as refused:
            context = self.get_context_data(upload=upload, preview=refused.preview, refused=True)
            return self.render_to_response(context, status=409)
        messages.success(
            request,
            ngettext(
                "%(count)s translation has been imported.",
                "%(count)s translations have been imported.",
                written,
            )
            % {"count": written},
        )
        upload.refresh_from_db(fields=["language"])
        return redirect(
            "languages:language", municipality=self.municipality.slug, language=upload.language
        )
