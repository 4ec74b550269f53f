from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, UpdateView

from teilhabe.bodies import selectors as bodies_selectors
from teilhabe.consultation import selectors as consultation_selectors
from teilhabe.tenants.scoping import MunicipalityMixin
from teilhabe.web.caching import public_page

from . import selectors, services
from .forms import DirectoryFilterForm, OrganisationProfileForm, RefusalForm
from .models import Department, Organisation, ProfileChange, UmbrellaMembership


@public_page(htmx=True)
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


@public_page
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
        # What became of the demands of its statements: one grouped query.
        context["demand_outcomes"] = consultation_selectors.organisation_outcome_summary(
            self.object
        )
        # Its bodies: public ones, internal ones too for the office and its representatives.
        context["body_memberships"] = bodies_selectors.bodies_of(
            self.object, internal=context["can_see_internal"]
        )
        if context["can_edit"]:
            context["pending_change"] = self.object.profile_changes.pending().first()
            context["can_review"] = user.has_perm("directory.verify_organisation", self.object)
        if user.has_perm("directory.decide_claim", self.object):
            context["open_claims"] = list(
                self.object.representation_claims.pending().select_related("municipality")
            )
        return context


class OrganisationEditView(LoginRequiredMixin, MunicipalityMixin, UpdateView):
    """Representatives and the office keep an organisation's profile. A representative's
    changes to a verified profile wait for the office (``services.save_profile``); the
    form then shows the waiting proposal, so a second edit continues from it."""

    template_name = "directory/organisation_form.html"
    form_class = OrganisationProfileForm
    context_object_name = "organisation"

    def get_object(self, queryset=None):
        organisation = get_object_or_404(
            Organisation.objects.for_municipality(self.municipality), slug=self.kwargs["slug"]
        )
        if not self.request.user.has_perm("directory.change_organisation", organisation):
            raise PermissionDenied
        # The office edits the verified values; only a proposer continues a proposal.
        self.pending = None
        if not self.request.user.has_perm("directory.verify_organisation", organisation):
            self.pending = organisation.profile_changes.pending().first()
        return organisation

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.pending is not None:
            kwargs["initial"] = self.pending.proposed
        return kwargs

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "pending": self.pending}

    def form_valid(self, form):
        change = services.save_profile(form, by=self.request.user)
        if change is not None:
            messages.success(
                self.request,
                _(
                    "Your changes have been sent to the integration office. The public "
                    "profile shows them once the office has approved them."
                ),
            )
        else:
            messages.success(self.request, _("The profile has been saved."))
        return redirect(self.object.get_absolute_url())


class ProfileChangeMixin(LoginRequiredMixin, MunicipalityMixin):
    """A proposed profile change, for the office of its municipality only."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.change = get_object_or_404(
            ProfileChange.objects.for_municipality(self.municipality).select_related(
                "organisation__municipality", "proposed_by", "decided_by"
            ),
            pk=kwargs["pk"],
        )
        if not request.user.has_perm("directory.verify_organisation", self.change.organisation):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "change": self.change}

    def decided(self, error):
        messages.info(self.request, error.message)
        return redirect(self.change.get_absolute_url())


class ProfileChangeView(ProfileChangeMixin, DetailView):
    """The office's review: each changed field, verified and proposed value side by
    side; approving applies them to the public profile."""

    template_name = "directory/profile_change.html"

    def get_object(self, queryset=None):
        return self.change

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "rows": selectors.change_rows(self.change)}

    def post(self, request, *args, **kwargs):
        try:
            services.approve_profile_change(self.change, by=request.user)
        except services.ProfileChangeError as error:
            return self.decided(error)
        messages.success(request, _("The changes have been approved and are now public."))
        return redirect(self.change.organisation.get_absolute_url())


class ProfileChangeRefuseView(ProfileChangeMixin, FormView):
    """Refusing a proposal, on its own page that says what will happen (a mail)."""

    template_name = "directory/profile_change_refuse.html"
    form_class = RefusalForm

    def get(self, request, *args, **kwargs):
        if self.change.status != ProfileChange.Status.PENDING:
            return redirect(self.change.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.refuse_profile_change(
                self.change, by=self.request.user, reason=form.cleaned_data["reason"]
            )
        except services.ProfileChangeError as error:
            return self.decided(error)
        messages.success(
            self.request, _("The changes have been refused. The representative has been told why.")
        )
        return redirect("accounts:dashboard")


@public_page
class DepartmentListView(MunicipalityMixin, ListView):
    template_name = "directory/department_list.html"
    context_object_name = "departments"

    def get_queryset(self):
        return Department.objects.for_municipality(self.municipality).order_by(
            "kind", "number", "name"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Each department's bodies (one query): public ones, internal ones for the office.
        internal = self.request.user.has_perm("bodies.manage", self.municipality)
        departments = context["departments"] = list(context["departments"])
        bodies = bodies_selectors.bodies_of_departments(departments, internal)
        for department in departments:
            department.bodies_listed = bodies.get(department.pk, [])
        return context
