"""The pages of bodies anyone may read, and what members see on them: the list of
bodies, a body's page (members current and former, meetings), a meeting's page, its
minutes, the members' calendars.

An internal body, an internal meeting and its minutes answer 404 to whoever is not
staff or a member (``selectors.visible_body`` / ``visible_meeting``): the same answer
as for an address that does not exist."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from teilhabe.accounts.rules import edited_department_ids
from teilhabe.consultation import documents
from teilhabe.tenants.scoping import MunicipalityMixin, municipality_from_url
from teilhabe.web.caching import personal_page, public_page

from .. import selectors, services
from ..calendar import meetings_ics
from ..models import Body, CalendarKey, Membership, MinutesFile
from ..rules import member_filter


@public_page
class BodyListView(MunicipalityMixin, TemplateView):
    template_name = "bodies/body_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["bodies"] = selectors.bodies_for(self.municipality, self.request.user)
        context["can_create"] = self.request.user.has_perm("bodies.manage", self.municipality)
        return context


class BodyMixin(MunicipalityMixin):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.body = selectors.visible_body(self.municipality, kwargs["slug"], request.user)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "body": self.body}


# Live: which members are current and which meetings are ahead changes with the day.
@public_page(live=True)
class BodyView(BodyMixin, TemplateView):
    template_name = "bodies/body_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.body_page(self.body, self.request.user))
        return context


@public_page
class MeetingView(BodyMixin, TemplateView):
    template_name = "bodies/meeting_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["meeting"] = selectors.visible_meeting(self.body, kwargs["pk"], user)
        context["internal"] = user.has_perm("bodies.view_meetings", self.body)
        context["can_change"] = user.has_perm("bodies.change_body", self.body)
        return context


@public_page
class MinutesView(BodyMixin, View):
    """A minutes file, as a download (``consultation.documents``), for whoever may see
    its meeting."""

    def get(self, request, *args, **kwargs):
        meeting = selectors.visible_meeting(self.body, kwargs["pk"], request.user)
        minutes = get_object_or_404(MinutesFile, meeting=meeting, pk=kwargs["file"])
        return documents.document_response(minutes)


def _calendar_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _meetings_file(body):
    name = _("Meetings: %(body)s") % {"body": str(body)}
    content = meetings_ics(selectors.meetings_calendar(body), settings.TEILHABE_BASE_URL, name)
    return _calendar_response(content, f"{body.slug}.ics")


@personal_page
def meetings_ics_view(request, municipality, slug):
    """Every meeting of a body as a calendar file, for a logged-in member or staff."""
    municipality = municipality_from_url({"municipality": municipality})
    body = get_object_or_404(Body.objects.for_municipality(municipality), slug=slug)
    if not request.user.has_perm("bodies.view_meetings", body):
        raise Http404
    return _meetings_file(body)


@personal_page
def private_ics_view(request, municipality, key, slug):
    """The same file under the member's private address, for calendar programs (which
    cannot log in): the key names the person; whether they may see the body's meetings
    is asked anew on every request, so a member who left gets 404."""
    municipality = municipality_from_url({"municipality": municipality})
    found = (
        CalendarKey.objects.for_municipality(municipality)
        .select_related("user")
        .filter(key=key, user__is_active=True)
        .first()
    )
    body = Body.objects.for_municipality(municipality).filter(slug=slug).first()
    if found is None or body is None or not found.user.has_perm("bodies.view_meetings", body):
        raise Http404
    return _meetings_file(body)


@personal_page  # it shows a personal secret: never stored
class CalendarAddressView(LoginRequiredMixin, MunicipalityMixin, TemplateView):
    """A member's private calendar addresses, one per body whose meetings they see; a
    new key (POST) makes the old addresses worthless."""

    template_name = "bodies/calendar.html"

    def bodies(self):
        user, municipality = self.request.user, self.municipality
        bodies = Body.objects.for_municipality(municipality).select_related("municipality")
        if not user.has_perm("bodies.manage", municipality):
            member_of = Membership.objects.current().filter(member_filter(user)).values("body")
            bodies = bodies.filter(pk__in=member_of) | bodies.filter(
                managed_by__in=edited_department_ids(user)
            )
        return list(bodies.distinct().order_by("kind", "short_name", "name__de"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bodies = self.bodies()
        key = services.calendar_key(self.request.user, self.municipality) if bodies else None
        context["bodies"] = bodies
        context["key"] = key
        context["base_url"] = settings.TEILHABE_BASE_URL
        return context

    def post(self, request, *args, **kwargs):
        services.calendar_key(request.user, self.municipality, renew=True)
        messages.success(
            request, _("Your calendar addresses are new. The old ones no longer work.")
        )
        return redirect(request.path)
