"""The office writes to an event's participants (``<slug>/nachricht/``): the form, then
a confirmation page that says how many people of each chosen group get a mail, then
the sending (``services.send_message``). Needs ``events.manage_event`` on the event;
the messages sent are listed on the event's management page."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from .. import services
from ..forms import ConfirmForm, MessageForm
from .staff import EventStaffMixin


class WriteMessageView(EventStaffMixin, TemplateView):
    """GET: the form. POST of the form: the confirmation page (nothing is sent). POST
    of the confirmation page (``ConfirmForm``'s field with the same data): send, once
    per submission key, and back to the management page."""

    template_name = "events/staff/message_form.html"

    def get_form(self, data=None):
        sizes = services.message_group_sizes(self.event)
        return MessageForm(data, event=self.event, group_sizes=sizes)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = kwargs.get("form") or self.get_form()
        return context

    def form_page(self, form, status=200):
        return self.render_to_response(self.get_context_data(form=form), status=status)

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.form_page(form, status=400)
        groups = form.cleaned_data["groups"]
        preview = services.message_preview(self.event, groups, form.written_in())
        if not preview["total"]:
            form.add_error("groups", _("Nobody in the chosen groups would get the message."))
            return self.form_page(form, status=400)
        if "edit" in request.POST:
            return self.form_page(form)
        confirm_form = ConfirmForm(request.POST)
        if not confirm_form.is_valid():
            return render(
                request,
                "events/staff/confirm_message.html",
                {
                    "event": self.event,
                    "form": form,
                    "preview": preview,
                    "confirm_form": ConfirmForm(),
                },
            )
        try:
            message, created = services.send_message(
                self.event,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                groups=groups,
                author=request.user,
                submission_key=form.cleaned_data["submission_key"],
            )
        except services.RegistrationError as error:
            form.add_error("groups", error.message)
            return self.form_page(form, status=400)
        if created:
            messages.success(
                request,
                ngettext(
                    "The message is on its way to %(count)s person.",
                    "The message is on its way to %(count)s people.",
                    message.sent_count,
                )
                % {"count": message.sent_count},
            )
        else:
            messages.info(request, _("This message had already been sent; nobody got it twice."))
        manage = reverse(
            "events:manage",
            kwargs={"municipality": self.municipality.slug, "slug": self.event.slug},
        )
        return redirect(f"{manage}#messages-heading")
