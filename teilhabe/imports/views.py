"""The office's import pages: upload (with the current data to download as a template),
and one page per import that shows the check's progress, the preview and, after the
confirmation, the import's progress and result. Views parse, call ``services`` and
render; only the municipality's integration office (and the operator) use them."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from teilhabe.exports import datasets, files
from teilhabe.plan.models import ConceptCycle
from teilhabe.tenants.scoping import MunicipalityMixin, municipality_from_url

from . import progress, services
from .forms import UploadForm
from .models import DataImport

MANAGE = "tenants.manage_municipality"
TEMPLATE_FORMATS = ("csv", "xlsx")


class ImportStaffMixin(LoginRequiredMixin, MunicipalityMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.has_perm(MANAGE, self.municipality):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class UploadView(ImportStaffMixin, FormView):
    template_name = "imports/upload.html"
    form_class = UploadForm

    def get_initial(self):
        initial = {}
        if self.request.GET.get("kind") in DataImport.Kind.values:
            initial["kind"] = self.request.GET["kind"]
        cycle = self.request.GET.get("cycle")
        if cycle:
            initial["cycle"] = (
                ConceptCycle.objects.for_municipality(self.municipality).filter(slug=cycle).first()
            )
        return initial

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "municipality": self.municipality}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            recent=DataImport.objects.for_municipality(self.municipality)
            .select_related("cycle")
            .defer("content", "preview")[:10],
            cycles=ConceptCycle.objects.for_municipality(self.municipality),
            formats=TEMPLATE_FORMATS,
        )
        return context

    def form_valid(self, form):
        upload = form.save(self.request.user)
        return redirect("imports:import", municipality=self.municipality.slug, pk=upload.pk)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class ImportView(ImportStaffMixin, TemplateView):
    """The import's state: the check's and the import's progress (htmx asks again
    every 2 s), the preview with the errors per row and column, the confirmation or
    cancellation, the result."""

    template_name = "imports/import.html"

    def upload(self):
        return get_object_or_404(
            DataImport.objects.for_municipality(self.municipality).select_related("cycle"),
            pk=self.kwargs["pk"],
        )

    def get(self, request, *args, **kwargs):
        upload = self.upload()
        context = self.get_context_data(upload=upload)
        if request.headers.get("HX-Request"):
            # 286 tells htmx to stop asking: the check or the import is over.
            status = 286 if upload.is_settled else 200
            return self.response_class(
                request, ["imports/includes/state.html"], context, status=status
            )
        status = 400 if upload.status == DataImport.Status.REFUSED else 200
        return self.render_to_response(context, status=status)

    def post(self, request, *args, **kwargs):
        upload = self.upload()
        if request.POST.get("action") == "cancel":
            try:
                services.cancel(upload.pk, self.municipality)
            except services.NotCancellable:
                messages.info(request, _("This import can no longer be cancelled."))
            return redirect(request.path)
        try:
            services.confirm(upload.pk, self.municipality)
        except services.NotConfirmable:
            messages.info(request, _("This file is not waiting for confirmation."))
        return redirect(request.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["Status"] = DataImport.Status
        if "upload" in context:
            context["progress"] = progress.read(context["upload"])
        return context


def _template_rows(municipality, kind, request):
    if kind == DataImport.Kind.MEASURES:
        cycle = get_object_or_404(
            ConceptCycle.objects.for_municipality(municipality), slug=request.GET.get("cycle", "")
        )
        headers = [*datasets.MEASURES.headers, datasets.DRAFT_COLUMN.name]
        return cycle.slug, headers, datasets.measure_rows(municipality, cycle, include_drafts=True)
    dataset = (
        datasets.ORGANISATIONS if kind == DataImport.Kind.ORGANISATIONS else datasets.DEPARTMENTS
    )
    return dataset.slug, dataset.headers, dataset.rows(municipality)


def template_file(request, municipality, kind, fmt):
    """The municipality's current data in the import's columns (measures of one cycle
    with their drafts): export, change, import."""
    municipality = municipality_from_url({"municipality": municipality})
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm(MANAGE, municipality):
        raise PermissionDenied
    if kind not in DataImport.Kind.values or fmt not in TEMPLATE_FORMATS:
        raise Http404
    name, headers, rows = _template_rows(municipality, kind, request)
    if fmt == "csv":
        content = files.as_csv(headers, rows)
    else:
        content = files.as_xlsx(headers, rows, title=files.sheet_title(name, kind))
    response = HttpResponse(content, content_type=files.CONTENT_TYPES[fmt])
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{kind}-{name}-{stamp}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response
