"""The staff pages of bodies: create and edit a body (the office), its members, its
meetings (scheduling mails the members, after a confirmation page), minutes and
attendance (the office and the editors of the department that runs the body:
``bodies.change_body``). Views parse, call ``services``, render.

Another municipality's body is not found (404); a person without the permission is
refused (403)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from teilhabe.tenants.scoping import MunicipalityMixin
from teilhabe.web.forms import ConfirmForm

from .. import selectors, services
from ..forms import (
    AttendanceForm,
    BodyForm,
    CancelMeetingForm,
    MeetingForm,
    MembershipEditForm,
    MembershipForm,
    MinutesForm,
)
from ..models import Body, Meeting, Membership


def body_url(body, name="bodies:body", **kwargs):
    return reverse(
        name, kwargs={"municipality": body.municipality.slug, "slug": body.slug, **kwargs}
    )


class StaffMixin(LoginRequiredMixin, MunicipalityMixin):
    """A body of the municipality the user may change (``bodies.change_body``)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.body = get_object_or_404(
            Body.objects.for_municipality(self.municipality).select_related(
                "municipality", "managed_by"
            ),
            slug=kwargs["slug"],
        )
        if not request.user.has_perm("bodies.change_body", self.body):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "body": self.body}

    def page(self, status=200, **context):
        return self.render_to_response(self.get_context_data(**context), status=status)


def _form_errors(form, error):
    """A service's refusal as an error of the form (its field, or the whole form)."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


# --- Bodies -------------------------------------------------------------------------------


class BodyCreateView(LoginRequiredMixin, MunicipalityMixin, TemplateView):
    template_name = "bodies/manage/body_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(
            "bodies.manage", self.municipality
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", BodyForm(municipality=self.municipality))
        return context

    def post(self, request, *args, **kwargs):
        form = BodyForm(request.POST, municipality=self.municipality)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        body = services.save_body(form)
        messages.success(request, _("The body has been created. Now add its members."))
        return redirect(body_url(body, "bodies:members"))


class BodyEditView(StaffMixin, TemplateView):
    template_name = "bodies/manage/body_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", BodyForm(instance=self.body, municipality=self.municipality))
        return context

    def post(self, request, *args, **kwargs):
        form = BodyForm(request.POST, instance=self.body, municipality=self.municipality)
        if not form.is_valid():
            return self.page(status=400, form=form)
        body = services.save_body(form)
        messages.success(request, _("Saved."))
        return redirect(body_url(body))


# --- Members ------------------------------------------------------------------------------


class MembersView(StaffMixin, TemplateView):
    """Every membership of the body, each with its edit link, and the form to add one."""

    template_name = "bodies/manage/members.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", MembershipForm(body=self.body))
        current, former = selectors.member_lists(self.body, internal=True)
        context.update(current=current, former=former)
        return context

    def post(self, request, *args, **kwargs):
        form = MembershipForm(request.POST, body=self.body)
        if not form.is_valid():
            return self.page(status=400, form=form)
        try:
            member = form.member()
            if member is None:
                services.add_person_membership(
                    self.body, form.person_values(), **form.membership_values()
                )
            else:
                services.add_membership(self.body, member, **form.membership_values())
        except services.BodyError as error:
            _form_errors(form, error)
            return self.page(status=400, form=form)
        messages.success(request, _("The member has been added."))
        return redirect(request.path)


class MembershipEditView(StaffMixin, TemplateView):
    template_name = "bodies/manage/membership_form.html"

    def membership(self):
        return get_object_or_404(
            Membership.objects.select_related("organisation", "department", "person"),
            body=self.body,
            pk=self.kwargs["pk"],
        )

    def form(self, data=None):
        membership = self.membership()
        return MembershipEditForm(data, instance=membership, municipality=self.municipality)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context.setdefault("form", self.form())
        context["membership"] = form.instance
        return context

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.page(status=400, form=form)
        data = form.cleaned_data
        try:
            if form.instance.person_id:
                services.change_person(form.instance.person, **form.person_values())
            services.change_membership(
                form.instance,
                role=data["role"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                note=form.instance.note,
            )
        except services.BodyError as error:
            _form_errors(form, error)
            return self.page(status=400, form=form)
        messages.success(request, _("Saved."))
        return redirect(body_url(self.body, "bodies:members"))


# --- Meetings -----------------------------------------------------------------------------


class MeetingScheduleView(StaffMixin, TemplateView):
    """GET: the form. POST of the form: the confirmation page, which says who gets an
    invitation (nothing is sent). POST of the confirmation: schedule and invite, once per
    submission key."""

    template_name = "bodies/manage/meeting_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", MeetingForm())
        return context

    def post(self, request, *args, **kwargs):
        form = MeetingForm(request.POST)
        if not form.is_valid():
            return self.page(status=400, form=form)
        if "edit" in request.POST:
            return self.page(form=form)
        if not ConfirmForm(request.POST).is_valid():
            addresses, without = services.invitation_list(self.body)
            context = self.get_context_data(
                form=form, addresses=len(addresses), without=without, confirm_form=ConfirmForm()
            )
            return render(request, "bodies/manage/meeting_confirm.html", context)
        try:
            meeting, created = services.schedule_meeting(
                self.body,
                **form.values(),
                submission_key=form.cleaned_data["submission_key"],
                by=request.user,
            )
        except services.BodyError as error:
            _form_errors(form, error)
            return self.page(status=400, form=form)
        if created:
            messages.success(
                request,
                ngettext(
                    "The meeting is scheduled; %(count)s invitation is on its way.",
                    "The meeting is scheduled; %(count)s invitations are on their way.",
                    meeting.invitations_sent,
                )
                % {"count": meeting.invitations_sent},
            )
        else:
            messages.info(
                request, _("This meeting had already been scheduled; nobody got a mail twice.")
            )
        meeting.body = self.body
        return redirect(meeting.get_absolute_url())


class MeetingMixin(StaffMixin):
    def get_meeting(self):
        meeting = get_object_or_404(
            Meeting.objects.filter(body=self.body).prefetch_related("agenda", "minutes"),
            pk=self.kwargs["pk"],
        )
        meeting.body = self.body
        return meeting

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("meeting", self.get_meeting())
        return context


class MeetingEditView(MeetingMixin, TemplateView):
    """Date, place, visibility and agenda of a scheduled meeting (nobody is mailed)."""

    template_name = "bodies/manage/meeting_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", MeetingForm(instance=context["meeting"]))
        return context

    def post(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        form = MeetingForm(request.POST, instance=meeting)
        if not form.is_valid():
            return self.page(status=400, form=form, meeting=meeting)
        try:
            services.change_meeting(meeting, **form.values())
        except services.BodyError as error:
            _form_errors(form, error)
            return self.page(status=400, form=form, meeting=meeting)
        messages.success(request, _("Saved."))
        return redirect(meeting.get_absolute_url())


class MeetingCancelView(MeetingMixin, TemplateView):
    """GET: the cancellation page, which says who gets a mail (nothing changes). POST
    with a reason and the confirmation: cancel and mail the members, once."""

    template_name = "bodies/manage/meeting_cancel.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", CancelMeetingForm())
        addresses, without = services.invitation_list(self.body)
        context.update(addresses=len(addresses), without=without)
        return context

    def post(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        form = CancelMeetingForm(request.POST)
        if not form.is_valid():
            return self.page(status=400, form=form, meeting=meeting)
        meeting, cancelled = services.cancel_meeting(meeting, reason=form.cleaned_data["reason"])
        if cancelled:
            messages.success(request, _("The meeting is cancelled; the members get an e-mail."))
        else:
            messages.info(
                request, _("This meeting had already been cancelled; nobody got a mail twice.")
            )
        meeting.body = self.body
        return redirect(meeting.get_absolute_url())


class MeetingManageView(MeetingMixin, TemplateView):
    """Minutes (upload) and attendance of a meeting; each form is sent on its own."""

    template_name = "bodies/manage/meeting_manage.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = context["meeting"]
        context.setdefault("minutes_form", MinutesForm())
        context.setdefault(
            "attendance_form",
            AttendanceForm(
                choices=services.attendance_choices(meeting),
                initial={"attendees": list(meeting.attendees.values_list("pk", flat=True))},
            ),
        )
        return context

    def post(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        if request.POST.get("action") == "attendance":
            form = AttendanceForm(request.POST, choices=services.attendance_choices(meeting))
            if not form.is_valid():
                return self.page(status=400, meeting=meeting, attendance_form=form)
            try:
                services.record_attendance(meeting, form.cleaned_data["attendees"])
            except services.BodyError as error:
                form.add_error("attendees", error.message)
                return self.page(status=400, meeting=meeting, attendance_form=form)
            messages.success(request, _("The attendance has been saved."))
            return redirect(request.path)
        form = MinutesForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.page(status=400, meeting=meeting, minutes_form=form)
        try:
            services.store_minutes(meeting, form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
            return self.page(status=400, meeting=meeting, minutes_form=form)
        messages.success(request, _("The minutes have been uploaded."))
        return redirect(request.path)
