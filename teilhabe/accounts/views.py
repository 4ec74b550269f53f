from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from teilhabe.tenants.scoping import MunicipalityMixin, scope_to_municipalities
from teilhabe.web.forms import ConfirmForm
from teilhabe.web.ratelimit import RateLimitMixin

from . import services
from .forms import (
    ActivationForm,
    InviteForm,
    LoginForm,
    PasswordResetForm,
    PeopleFilterForm,
    RolesForm,
)
from .models import Role, User


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@method_decorator(transaction.atomic, name="post")
class PasswordResetView(RateLimitMixin, auth_views.PasswordResetView):
    """Requests per client address are rate-limited (429 page); mails per e-mail address
    are limited in ``PasswordResetForm.save`` (no mail, same answer)."""

    template_name = "accounts/password_reset.html"
    form_class = PasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")


# --- The office's people (``/<municipality>/personen/``) ------------------------------------
#
# The people who hold a role in the municipality, each with their roles; inviting a
# person; changing a person's roles; deactivating and reactivating an account. Only for
# ``accounts.manage_roles`` on the municipality; a person of another municipality is not
# found (404). What the office may change, and the last-administrator rule, are in
# services.py; removals and (de)activation ask first (ConfirmForm).


class PeopleMixin(LoginRequiredMixin, MunicipalityMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.has_perm("accounts.manage_roles", self.municipality):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def people(self):
        """The accounts with a role in this municipality (never the operator's), each
        with ``roles_here``: its roles here with their departments and organisations."""
        roles_here = Role.objects.filter(municipality=self.municipality).prefetch_related(
            "departments", "organisations"
        )
        return scope_to_municipalities(User.objects.all(), [self.municipality.pk]).prefetch_related(
            Prefetch("roles", queryset=roles_here, to_attr="roles_here")
        )

    def get_person(self):
        return get_object_or_404(self.people(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "role_heading": capfirst(Role._meta.verbose_name_plural),
            "active_heading": capfirst(User._meta.get_field("is_active").verbose_name),
        }

    def url(self, name, **kwargs):
        return reverse(f"people:{name}", kwargs={"municipality": self.municipality.slug, **kwargs})


class PeopleListView(PeopleMixin, TemplateView):
    """Name, e-mail address, roles, active, last log-in: nothing more about a person.
    An unknown role in the filter is a form error (400) and filters nothing."""

    template_name = "accounts/people/list.html"

    def get(self, request, *args, **kwargs):
        filters = PeopleFilterForm(request.GET or None)
        people = self.people().order_by("full_name", "email")
        status = 200
        if filters.is_bound and not filters.is_valid():
            status = 400
        elif filters.is_bound and filters.cleaned_data["role"]:
            chosen = Role.objects.filter(
                municipality=self.municipality, kind=filters.cleaned_data["role"]
            )
            people = people.filter(pk__in=chosen.values("user_id"))
        context = self.get_context_data(filters=filters, people=people)
        return self.render_to_response(context, status=status)


class InviteView(PeopleMixin, TemplateView):
    """GET: the form. POST of the form: the confirmation page, saying whether a new
    account gets a mail or an existing one the role (nothing changes yet). POST of the
    confirmation page (the same data and ``confirm``): ``services.invite_person``."""

    template_name = "accounts/people/invite.html"

    def form_page(self, form, status=200):
        return self.render_to_response(self.get_context_data(form=form), status=status)

    def get(self, request, *args, **kwargs):
        form = InviteForm(municipality=self.municipality, initial={"language": get_language()})
        return self.form_page(form)

    def post(self, request, *args, **kwargs):
        form = InviteForm(request.POST, municipality=self.municipality)
        if not form.is_valid():
            return self.form_page(form, status=400)
        data = form.cleaned_data
        try:
            what = services.invitation_kind(self.municipality, data["email"])
            if "edit" in request.POST:
                return self.form_page(form)
            if not ConfirmForm(request.POST).is_valid():
                return render(
                    request,
                    "accounts/people/invite_confirm.html",
                    {
                        "municipality": self.municipality,
                        "form": form,
                        "what": what,
                        "confirm_form": ConfirmForm(),
                    },
                )
            user, _created = services.invite_person(
                self.municipality,
                email=data["email"],
                full_name=data["full_name"],
                kind=data["kind"],
                departments=data["departments"],
                organisations=data["organisations"],
                language=data["language"],
                base_url=request.build_absolute_uri("/").rstrip("/"),
            )
        except services.PeopleError as error:
            form.add_error("email", error.message)
            return self.form_page(form, status=409)
        messages.success(request, _("Saved."))
        return redirect(self.url("person", pk=user.pk))


def _assignments(kinds, departments, organisations):
    """A person's roles as (role, department or organisation or None) pairs."""
    pairs = {(kind, None) for kind in kinds}
    if Role.Kind.DEPARTMENT_EDITOR in kinds:
        pairs |= {(Role.Kind.DEPARTMENT_EDITOR, d) for d in departments}
    if Role.Kind.ORGANISATION_REPRESENTATIVE in kinds:
        pairs |= {(Role.Kind.ORGANISATION_REPRESENTATIVE, o) for o in organisations}
    return pairs


class PersonView(PeopleMixin, TemplateView):
    """A person's roles here, as one form; what it removes (a role, a department, an
    organisation) is named on a confirmation page before it is saved."""

    template_name = "accounts/people/person.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.person = None

    def current(self):
        roles = self.person.roles_here
        return {
            "kinds": [r.kind for r in roles],
            "departments": [d for r in roles for d in r.edited_departments()],
            "organisations": [
                o
                for r in roles
                if r.kind == Role.Kind.ORGANISATION_REPRESENTATIVE
                for o in r.organisations.all()
            ],
        }

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "person": self.person,
            "may_change_account": services.may_change_account(self.person, [self.municipality.pk]),
        }

    def get(self, request, *args, **kwargs):
        self.person = self.get_person()
        form = RolesForm(municipality=self.municipality, initial=self.current())
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        self.person = self.get_person()
        form = RolesForm(request.POST, municipality=self.municipality)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        current = self.current()
        removed = _assignments(**current) - _assignments(
            data["kinds"], data["departments"], data["organisations"]
        )
        if removed and "edit" not in request.POST and not ConfirmForm(request.POST).is_valid():
            return render(
                request,
                "accounts/people/roles_confirm.html",
                {
                    "municipality": self.municipality,
                    "person": self.person,
                    "form": form,
                    "removed": sorted(
                        (Role.Kind(kind).label, str(item) if item else "") for kind, item in removed
                    ),
                    "confirm_form": ConfirmForm(),
                },
            )
        if "edit" in request.POST:
            return self.render_to_response(self.get_context_data(form=form))
        try:
            services.change_roles(
                self.municipality,
                self.person,
                kinds=data["kinds"],
                departments=data["departments"],
                organisations=data["organisations"],
            )
        except services.PeopleError as error:
            form.add_error(None, error.message)
            return self.render_to_response(self.get_context_data(form=form), status=409)
        messages.success(request, _("Saved."))
        return redirect(self.url("person", pk=self.person.pk))


class ActivationView(PeopleMixin, TemplateView):
    """GET: "Deactivate (or reactivate) the account?"; POST: do it. Only for accounts
    that work for this municipality alone (``may_change_account``), else 403."""

    template_name = "accounts/people/activation.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.has_perm("accounts.manage_roles", self.municipality):
            raise PermissionDenied
        self.person = self.get_person()
        if not services.may_change_account(self.person, [self.municipality.pk]):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        form = kwargs.get("form") or ActivationForm(
            initial={"active": "0" if self.person.is_active else "1"}
        )
        return {
            **super().get_context_data(**kwargs),
            "person": self.person,
            "form": form,
            "person_url": self.url("person", pk=self.person.pk),
        }

    def post(self, request, *args, **kwargs):
        form = ActivationForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            services.set_active(self.municipality, self.person, active=form.cleaned_data["active"])
        except services.PeopleError as error:
            form.add_error(None, error.message)
            return self.render_to_response(self.get_context_data(form=form), status=409)
        messages.success(request, _("Saved."))
        return redirect(self.url("person", pk=self.person.pk))
