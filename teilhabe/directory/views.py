from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, UpdateView

from teilhabe.tenants.scoping import MunicipalityMixin

from .forms import DirectoryFilterForm, OrganisationProfileForm
from .models import Department, Organisation, UmbrellaMembership


class OrganisationListView(MunicipalityMixin, ListView):
    """The public directory: full-text search, filters, pages of 20."""

    template_name = "directory/organisation_list.html"
    paginate_by = 20
    context_object_name = "organisations"

    def get_queryset(self):
        self.filter_form = DirectoryFilterForm(self.request.GET or None)
        queryset = Organisation.objects.for_municipality(self.municipality).published()
        return (
            self.filter_form.filter(queryset)
            .select_related("municipality")
            .prefetch_related("activities", "languages")
            .order_by("name")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["is_filtered"] = any(
            self.request.GET.get(k) for k in DirectoryFilterForm.base_fields
        )
        return context

    def get_template_names(self):
        if self.request.headers.get("HX-Request"):
            return ["directory/includes/organisation_results.html"]
        return [self.template_name]


class OrganisationDetailView(MunicipalityMixin, DetailView):
    template_name = "directory/organisation_detail.html"
    context_object_name = "organisation"

    def get_object(self, queryset=None):
        organisations = (
            Organisation.objects.for_municipality(self.municipality)
            .select_related("municipality")
            .prefetch_related(
                "activities",
                "languages",
                Prefetch(
                    "umbrella_memberships",
                    queryset=UmbrellaMembership.objects.select_related(
                        "umbrella__municipality"
                    ).filter(umbrella__is_published=True),
                ),
                Prefetch(
                    "member_memberships",
                    queryset=UmbrellaMembership.objects.select_related(
                        "member__municipality"
                    ).filter(member__is_published=True),
                ),
            )
        )
        organisation = get_object_or_404(organisations, slug=self.kwargs["slug"])
        user = self.request.user
        if not organisation.is_published and not user.has_perm(
            "directory.view_internal_organisation", organisation
        ):
            raise Http404
        return organisation

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_see_internal"] = user.has_perm(
            "directory.view_internal_organisation", self.object
        )
        context["can_edit"] = user.has_perm("directory.change_organisation", self.object)
        return context


class OrganisationEditView(LoginRequiredMixin, MunicipalityMixin, UpdateView):
    """Representatives and the office keep an organisation's profile."""

    template_name = "directory/organisation_form.html"
    form_class = OrganisationProfileForm
    context_object_name = "organisation"

    def get_object(self, queryset=None):
        organisation = get_object_or_404(
            Organisation.objects.for_municipality(self.municipality), slug=self.kwargs["slug"]
        )
        if not self.request.user.has_perm("directory.change_organisation", organisation):
            raise PermissionDenied
        return organisation

    @transaction.atomic
    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("The profile has been saved."))
        return response


class DepartmentListView(MunicipalityMixin, ListView):
    template_name = "directory/department_list.html"
    context_object_name = "departments"

    def get_queryset(self):
        return Department.objects.for_municipality(self.municipality).order_by(
            "kind", "number", "name"
        )
