"""The organisation's page for its representatives and the office ("hub"): profile,
team, events, statements in one place, and the team's invitations and removals
(``representatives.py``), each behind a confirmation page."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from teilhabe.bodies import selectors as bodies_selectors
from teilhabe.tenants.scoping import MunicipalityMixin
from teilhabe.web.forms import ConfirmForm

from . import representatives, selectors
from .claims import representatives_of
from .forms import RepresentativeInviteForm
from .models import Organisation


class HubMixin(LoginRequiredMixin, MunicipalityMixin):
    permission = "directory.view_organisation_hub"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.organisation = get_object_or_404(
            Organisation.objects.for_municipality(self.municipality).select_related("municipality"),
            slug=kwargs["slug"],
        )
        if not request.user.has_perm(self.permission, self.organisation):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "organisation": self.organisation}

    def hub_url(self):
        return reverse(
            "directory:hub",
            kwargs={"municipality": self.municipality.slug, "slug": self.organisation.slug},
        )


class HubView(HubMixin, TemplateView):
    template_name = "directory/hub.html"

    def get_context_data(self, **kwargs):
        is_office = self.request.user.has_perm("directory.verify_organisation", self.organisation)
        return {
            **super().get_context_data(**kwargs),
            "is_office": is_office,
            **selectors.organisation_hub(self.organisation, for_office=is_office),
            # Its bodies, internal ones too: the hub is for its representatives.
            "body_memberships": bodies_selectors.bodies_of(self.organisation, internal=True),
        }


class RepresentativeInviteView(HubMixin, TemplateView):
    """GET: the form. POST of the form: a confirmation page saying what will happen (a
    new account and a mail, or the role added to an account and a mail). POST of the
    confirmation (same data and ``confirm``): ``representatives.invite_representative``."""

    permission = "directory.manage_representatives"
    template_name = "directory/representative_invite.html"

    def form_page(self, form, status=200):
        return self.render_to_response(self.get_context_data(form=form), status=status)

    def get(self, request, *args, **kwargs):
        return self.form_page(RepresentativeInviteForm(initial={"language": get_language()}))

    def post(self, request, *args, **kwargs):
        form = RepresentativeInviteForm(request.POST)
        if not form.is_valid():
            return self.form_page(form, status=400)
        data = form.cleaned_data
        try:
            what = representatives.invitation_preview(self.organisation, data["email"])
            if what == "already":
                form.add_error("email", _("This person represents the organisation already."))
                return self.form_page(form, status=409)
            if "edit" in request.POST:
                return self.form_page(form)
            if not ConfirmForm(request.POST).is_valid():
                return render(
                    request,
                    "directory/representative_invite_confirm.html",
                    {
                        **self.get_context_data(form=form),
                        "what": what,
                        "confirm_form": ConfirmForm(),
                    },
                )
            representatives.invite_representative(
                self.organisation,
                email=data["email"],
                full_name=data["full_name"],
                language=data["language"],
                by=request.user,
                base_url=request.build_absolute_uri("/").rstrip("/"),
            )
        except representatives.RepresentativesError as error:
            form.add_error("email", error.message)
            return self.form_page(form, status=409)
        messages.success(request, _("The invitation has been sent."))
        return redirect(self.hub_url())


class RepresentativeRemoveView(HubMixin, TemplateView):
    """GET: "Remove this person?" (what happens, who is told); POST: remove."""

    permission = "directory.manage_representatives"
    template_name = "directory/representative_remove.html"

    def get_person(self):
        person = representatives_of(self.organisation).filter(pk=self.kwargs["user"]).first()
        if person is None:
            raise Http404
        return person

    def get_context_data(self, **kwargs):
        person = self.get_person()
        return {
            **super().get_context_data(**kwargs),
            "person": person,
            "is_self": person.pk == self.request.user.pk,
            "confirm_form": ConfirmForm(),
        }

    def post(self, request, *args, **kwargs):
        person = self.get_person()
        if not ConfirmForm(request.POST).is_valid():
            return self.render_to_response(self.get_context_data(), status=400)
        try:
            representatives.remove_representative(self.organisation, person, by=request.user)
        except representatives.RepresentativesError as error:
            context = self.get_context_data(error=error.message)
            return self.render_to_response(context, status=409)
        messages.success(request, _("Removed."))
        if person.pk == request.user.pk and not request.user.has_perm(
            "directory.verify_organisation", self.organisation
        ):
            return redirect("accounts:dashboard")
        return redirect(self.hub_url())
