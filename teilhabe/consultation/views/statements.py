"""Statements and position papers: an organisation's representative (or the office, for
an organisation) writes one as a draft with its demands and document, then hands it
in (a confirmation step: handing in makes it public). The public page and the
document download show only handed-in statements, except to who may edit them."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from teilhabe.plan.models import FieldOfAction
from teilhabe.tenants.scoping import MunicipalityMixin
from teilhabe.web.caching import keep_private, public_page

from .. import documents, statements
from ..models import Demand, Statement
from ..services import ConsultationError
from ..statement_forms import DemandRows, StatementForm


def _statement(municipality, pk):
    return get_object_or_404(
        Statement.objects.for_municipality(municipality).select_related(
            "municipality", "cycle", "consultation"
        ),
        pk=pk,
    )


class StatementEditView(LoginRequiredMixin, MunicipalityMixin, TemplateView):
    """Write a new statement (no ``pk``) or change a draft; the office also changes one
    that was handed in."""

    template_name = "consultation/statement_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = None
        if "pk" in kwargs:
            self.object = _statement(self.municipality, kwargs["pk"])
            if not statements.may_edit(request.user, self.object):
                raise PermissionDenied
        self.office = request.user.has_perm("consultation.manage", self.municipality)
        self.organisations = statements.organisations_for(request.user, self.municipality)
        if self.object is None and not self.organisations.exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def build(self):
        data = self.request.POST if self.request.method == "POST" else None
        files = self.request.FILES if self.request.method == "POST" else None
        instance = self.object or Statement(municipality=self.municipality)
        organisations = self.organisations
        if self.object is not None and not self.office:
            organisations = organisations.filter(pk__in=self.object.organisations.all())
        form = StatementForm(
            data,
            files,
            instance=instance,
            municipality=self.municipality,
            organisations=organisations,
            office=self.office,
            represented=self.organisations,
        )
        fields = (
            FieldOfAction.objects.for_municipality(self.municipality)
            .select_related("cycle")
            .order_by("cycle__starts_on", "number")
        )
        if not self.office:
            fields = fields.public()
        existing = statements.demands_of(self.object) if self.object else []
        rows = DemandRows(data, prefix="demands", field_choices=fields, demands=existing)
        return form, rows

    def get(self, request, *args, **kwargs):
        form, rows = self.build()
        return self.render_to_response(self.get_context_data(form=form, rows=rows))

    def post(self, request, *args, **kwargs):
        form, rows = self.build()
        if form.is_valid() and rows.is_valid():
            demands = rows.rows(form.cleaned_data["cycle"])
            if demands is not None:
                try:
                    statement = statements.save_statement(
                        form.instance,
                        user=request.user,
                        organisations=form.chosen_organisations(),
                        demands=demands,
                        upload=form.cleaned_data.get("document"),
                        office=self.office,
                    )
                except ConsultationError as error:
                    form.add_error(None, error.message)
                else:
                    messages.success(request, _("Saved."))
                    if statement.status == Statement.Status.DRAFT:
                        return redirect(
                            "consultation:statement_hand_in",
                            municipality=self.municipality.slug,
                            pk=statement.pk,
                        )
                    return redirect(statement.get_absolute_url())
        context = self.get_context_data(form=form, rows=rows)
        return self.render_to_response(context, status=400)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "object": self.object, "office": self.office}


class StatementHandInView(LoginRequiredMixin, MunicipalityMixin, TemplateView):
    """The confirmation step: what handing in does, then the button."""

    template_name = "consultation/statement_hand_in.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = _statement(self.municipality, kwargs["pk"])
        if not statements.may_edit(request.user, self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            statement = statements.hand_in(self.object, user=request.user)
        except ConsultationError as error:
            messages.error(request, error.message)
            return redirect(request.path)
        messages.success(request, _("The statement was handed in and is now public."))
        return redirect(statement.get_absolute_url())

    def get_context_data(self, **kwargs):
        statement = self.object
        return {
            **super().get_context_data(**kwargs),
            "statement": statement,
            "organisations": list(statement.organisations.order_by("name")),
            "demands": Demand.objects.filter(statement=statement).order_by("number"),
        }


@public_page
class StatementView(MunicipalityMixin, TemplateView):
    """A statement: its organisations, date, basis, summary, document and demands."""

    template_name = "consultation/statement.html"

    def get_context_data(self, **kwargs):
        statement = _statement(self.municipality, self.kwargs["pk"])
        if statement.status != Statement.Status.SUBMITTED or not statement.cycle.is_published:
            if not statements.may_read(self.request.user, statement):
                raise Http404
            keep_private(self.request)
        user = self.request.user
        can_edit = user.is_authenticated and statements.may_edit(user, statement)
        can_manage = user.has_perm("consultation.manage", self.municipality)
        # The public sees published organisations and public fields of action only;
        # those who write or manage the statement see all of its own.
        organisations = statement.organisations.order_by("name")
        fields = FieldOfAction.objects.order_by("number")
        if not (can_edit or can_manage):
            organisations = organisations.published()
            fields = fields.public()
        return {
            **super().get_context_data(**kwargs),
            "statement": statement,
            "organisations": list(organisations),
            "document": getattr(statement, "document", None),
            "demands": list(
                Demand.objects.filter(statement=statement)
                .select_related("cycle", "municipality")
                .prefetch_related(Prefetch("fields", queryset=fields))
                .order_by("number")
            ),
            "can_edit": can_edit,
            "can_manage": can_manage,
        }


class StatementDocumentView(MunicipalityMixin, TemplateView):
    """The document of a statement, as a download."""

    def get(self, request, *args, **kwargs):
        statement = _statement(self.municipality, kwargs["pk"])
        if not statements.may_read(request.user, statement):
            raise Http404
        document = getattr(statement, "document", None)
        if document is None:
            raise Http404
        return documents.document_response(document)
