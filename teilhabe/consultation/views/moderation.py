"""Moderation of comments (``consultation.moderate``): what waits for a moderator
(comments of pre-moderated consultations, reported comments), what was published
lately, and approving or hiding one comment. Hiding is final for the public, so it is
asked for with a reason and confirmed on a second page. Only the municipality's own
comments are found: another municipality's moderator gets 403 (no role here)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from .. import comments
from ..forms import HideForm
from ..models import Comment, CommentReport
from .drafts import ScopedMixin

RECENT = 20


class ModeratorMixin(LoginRequiredMixin, ScopedMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.can_moderate:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _comments(municipality):
    return (
        Comment.objects.for_municipality(municipality)
        .select_related("section__draft__consultation", "organisation", "parent")
        .annotate(open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True)))
    )


class ModerationView(ModeratorMixin, TemplateView):
    template_name = "consultation/moderation.html"

    def get_context_data(self, **kwargs):
        base = _comments(self.municipality)
        open_reports = CommentReport.objects.filter(resolved_at__isnull=True).order_by(
            "created_at", "id"
        )
        return {
            **super().get_context_data(**kwargs),
            # The office turns a published comment into a demand from here.
            "can_manage": self.request.user.has_perm("consultation.manage", self.municipality),
            "pending": list(base.filter(status=Comment.Status.PENDING).order_by("created_at")),
            "reported": list(
                base.filter(status=Comment.Status.PUBLISHED, open_reports__gt=0)
                .prefetch_related(Prefetch("reports", queryset=open_reports, to_attr="shown"))
                .order_by("created_at")
            ),
            "recent": list(
                base.filter(status=Comment.Status.PUBLISHED).order_by("-published_at", "-id")[
                    :RECENT
                ]
            ),
        }


class CommentModerateView(ModeratorMixin, View):
    """One comment: approve it (waiting or reported) or hide it with a reason, after a
    confirmation page."""

    template_name = "consultation/comment_moderate.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.comment = None

    def get_comment(self):
        return get_object_or_404(
            _comments(self.municipality).prefetch_related("reports"), pk=self.kwargs["pk"]
        )

    def render_page(self, form=None, confirming=False, status=200, error=None):
        comment = self.comment
        return render(
            self.request,
            self.template_name,
            {
                "municipality": self.municipality,
                "comment": comment,
                "section": comment.section,
                "draft": comment.section.draft,
                "consultation": comment.section.draft.consultation,
                "form": form or HideForm(),
                "confirming": confirming,
                "error": error,
            },
            status=status,
        )

    def get(self, request, *args, **kwargs):
        self.comment = self.get_comment()
        return self.render_page()

    def post(self, request, *args, **kwargs):
        self.comment = self.get_comment()
        action = request.POST.get("action")
        try:
            if action == "approve":
                comments.approve_comment(self.comment, user=request.user)
                messages.success(request, _("The comment is published."))
                return redirect("consultation:moderation", municipality=self.municipality.slug)
            if action == "hide":
                form = HideForm(request.POST)
                if not form.is_valid():
                    return self.render_page(form, status=400)
                if form.cleaned_data["confirm"] != "yes":
                    return self.render_page(form, confirming=True)
                comments.hide_comment(
                    self.comment, user=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("The comment is hidden."))
                return redirect("consultation:moderation", municipality=self.municipality.slug)
        except comments.CommentError as error:
            return self.render_page(status=409, error=error.message)
        return redirect(request.path)
