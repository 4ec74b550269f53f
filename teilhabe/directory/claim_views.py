"""Pages of the organisation self-service's requests (``claims.py``): asking to
represent an organisation or registering a new one, confirming the address, and the
office's decision. Views parse, call the workflow and render."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from teilhabe.tenants.scoping import MunicipalityMixin
from teilhabe.web.caching import personal_page
from teilhabe.web.ratelimit import RateLimitMixin, is_limited

from . import claims
from .forms import ClaimDecisionForm, ClaimForm, ClaimRefusalForm, NewOrganisationClaimForm
from .models import Organisation, RepresentationClaim


def claim_mail_allowed(request, email):
    """Count a confirmation mail to ``email``; False past the hourly limit."""
    per_hour = settings.TEILHABE_EVENT_LINK_MAILS_PER_HOUR
    address = email.strip().casefold()
    return not is_limited(
        request,
        "claim-mail",
        rate=f"{per_hour}/h" if per_hour else None,
        key=lambda *_: address,
    )


class ClaimView(RateLimitMixin, MunicipalityMixin, FormView):
    """Ask to represent an organisation of the directory (``slug``), or register a new
    one (no ``slug``). Without an account: name and address, confirmed by a link."""

    template_name = "directory/claim.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.organisation = None
        if "slug" in kwargs:
            self.organisation = get_object_or_404(
                Organisation.objects.for_municipality(self.municipality).published(),
                slug=kwargs["slug"],
            )

    def get_form_class(self):
        return ClaimForm if self.organisation else NewOrganisationClaimForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "logged_in": self.request.user.is_authenticated}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "organisation": self.organisation}

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        data = form.cleaned_data
        user = self.request.user
        email = data.get("email", "")
        try:
            claim = claims.submit_claim(
                self.municipality,
                organisation=self.organisation,
                new_organisation=None if self.organisation else form.new_organisation(),
                user=user if user.is_authenticated else None,
                full_name=data.get("full_name", ""),
                email=email,
                message=data["message"],
                language=translation.get_language(),
                may_mail=lambda: claim_mail_allowed(self.request, email),
            )
        except claims.ClaimError as error:
            form.add_error(None, error.message)
            return self.render_to_response(self.get_context_data(form=form), status=409)
        return render(
            self.request,
            "directory/claim_sent.html",
            {"municipality": self.municipality, "claim": claim, "email": email},
        )


@personal_page
class ClaimConfirmView(RateLimitMixin, MunicipalityMixin, View):
    """The link in the confirmation mail. GET shows a button (mail scanners that follow
    links must not confirm); POST confirms. A forged, expired or foreign link: 404."""

    template_name = "directory/claim_confirm.html"

    def dispatch(self, request, *args, **kwargs):
        self.claim = claims.claim_from_token(kwargs["token"], self.municipality)
        if self.claim is None:
            return render(
                request,
                "directory/claim_link_invalid.html",
                {"municipality": self.municipality},
                status=404,
            )
        return super().dispatch(request, *args, **kwargs)

    def context(self, **extra):
        return {"municipality": self.municipality, "claim": self.claim, **extra}

    def get(self, request, *args, **kwargs):
        return render(request, self.template_name, self.context())

    def post(self, request, *args, **kwargs):
        try:
            self.claim = claims.confirm_claim(self.claim)
        except claims.ClaimError as error:
            return render(
                request, self.template_name, self.context(error=error.message), status=409
            )
        return render(request, self.template_name, self.context())


# --- The office's decision ------------------------------------------------------------------


class ClaimMixin(LoginRequiredMixin, MunicipalityMixin):
    """A waiting or decided request, for the office of its municipality only (another
    municipality's request is not found)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.claim = get_object_or_404(
            RepresentationClaim.objects.for_municipality(self.municipality)
            .exclude(status=RepresentationClaim.Status.UNCONFIRMED)
            .select_related("organisation__municipality", "municipality", "user", "decided_by"),
            pk=kwargs["pk"],
        )
        if not request.user.has_perm("directory.decide_claim", self.claim.organisation):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        organisation = self.claim.organisation
        return {
            **super().get_context_data(**kwargs),
            "claim": self.claim,
            "representatives": list(claims.representatives_of(organisation))
            if organisation
            else [],
        }

    def decided(self, error):
        messages.info(self.request, error.message)
        return redirect(self.claim.get_absolute_url())


class ClaimDetailView(ClaimMixin, TemplateView):
    """The office's review of a request: who asks, their message, the organisation and
    its present representatives; verifying is this page's form (it says who is mailed)."""

    template_name = "directory/claim_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation = self.claim.organisation
        context.setdefault(
            "form",
            ClaimDecisionForm(
                initial={
                    "mark_verified": organisation is not None and not organisation.is_verified,
                    "publish": False,
                }
            ),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = ClaimDecisionForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            claims.verify_claim(
                self.claim,
                by=request.user,
                mark_verified=form.cleaned_data["mark_verified"],
                publish=form.cleaned_data["publish"],
            )
        except claims.ClaimError as error:
            return self.decided(error)
        messages.success(
            request,
            _("%(name)s now represents the organisation and has been told by e-mail.")
            % {"name": self.claim.full_name},
        )
        return redirect(self.claim.get_absolute_url())


class ClaimRefuseView(ClaimMixin, FormView):
    """Refusing a request, on its own page that says what will happen (a mail)."""

    template_name = "directory/claim_refuse.html"
    form_class = ClaimRefusalForm

    def get(self, request, *args, **kwargs):
        if self.claim.status != RepresentationClaim.Status.PENDING:
            return redirect(self.claim.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        try:
            claims.refuse_claim(
                self.claim, by=self.request.user, reason=form.cleaned_data["reason"]
            )
        except claims.ClaimError as error:
            return self.decided(error)
        messages.success(
            self.request, _("The request has been refused. The person has been told why.")
        )
        return redirect("accounts:dashboard")
