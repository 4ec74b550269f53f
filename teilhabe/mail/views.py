"""The office's mail log under ``/<municipality>/postausgang/``: every outgoing mail of
the municipality with its state, filtered by state and purpose; a failed or interrupted
mail can be sent again after a confirmation step. Mails older than the retention period
are deleted (teilhabe.mail.tasks.purge_sent_mail) and so are gone from the log too."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from teilhabe.tenants.scoping import MunicipalityMixin

from . import services
from .forms import MailLogFilterForm
from .models import OutgoingMail


class MailLogView(LoginRequiredMixin, MunicipalityMixin, ListView):
    template_name = "mail/log.html"
    context_object_name = "mails"
    paginate_by = 50

    def get_queryset(self):
        if not self.request.user.has_perm("mail.view_log", self.municipality):
            raise PermissionDenied
        self.filters = MailLogFilterForm(self.request.GET or None)
        mails = OutgoingMail.objects.for_municipality(self.municipality).defer(
            "body_text", "body_html", "attachments"
        )
        return self.filters.filter(mails).order_by("-created_at", "-pk")

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "filters": self.filters,
            "retention_days": settings.TEILHABE_MAIL_RETENTION_DAYS,
        }


class RetryMailView(LoginRequiredMixin, MunicipalityMixin, TemplateView):
    """GET: what sending again means (for an interrupted mail: maybe a second copy);
    POST: send again."""

    template_name = "mail/retry.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.mail = get_object_or_404(
            OutgoingMail.objects.for_municipality(self.municipality), pk=kwargs["pk"]
        )
        if not request.user.has_perm("mail.retry_mail", self.mail):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "mail": self.mail}

    def post(self, request, *args, **kwargs):
        try:
            services.retry_mail(self.mail)
        except services.MailError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The mail has been queued to be sent again."))
        return redirect("mail:log", municipality=self.municipality.slug)
