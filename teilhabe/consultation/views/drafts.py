"""Public pages of consultations: the list, a consultation, a draft with its sections
and comments, its original files, what changed from the previous version; writing,
confirming and reporting comments.

Who sees what: the public sees published consultations of published cycles and their
published drafts (``public()``); the office (``consultation.manage`` on the
municipality) sees everything of its own municipality, to check a draft before it is
published. Every look-up is scoped to the municipality in the address.

The draft page shows links to the comment form, not the form: it stays a cacheable
public page. The comment form, its confirmation and the report form (CSRF tokens)
are pages of their own, never cached."""

import uuid

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.views import View
from django.views.generic import FormView, TemplateView

from teilhabe.directory.models import Organisation
from teilhabe.languages.content import installed_languages
from teilhabe.tenants.scoping import MunicipalityMixin
from teilhabe.web.caching import personal_page, public_page
from teilhabe.web.ratelimit import RateLimitMixin, is_limited

from .. import comments, documents
from ..drafts import (
    attach_comments,
    changes_between,
    chapters_of,
    languages_of,
    previous_draft,
)
from ..forms import CommentForm, ReportForm
from ..models import Comment, Consultation, Draft, DraftFile, Section, Statement


class ScopedMixin(MunicipalityMixin):
    """The municipality from the address, what the user may do in it, and the
    consultations and drafts they may see there."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        user = request.user
        self.can_manage = user.has_perm("consultation.manage", self.municipality)
        self.can_moderate = user.has_perm("consultation.moderate", self.municipality)

    def consultations(self):
        consultations = Consultation.objects.for_municipality(self.municipality)
        return consultations if self.can_manage else consultations.public()

    def drafts(self):
        drafts = Draft.objects.for_municipality(self.municipality)
        return drafts if self.can_manage else drafts.public()

    def get_consultation(self, slug):
        consultation = get_object_or_404(self.consultations().select_related("cycle"), slug=slug)
        consultation.municipality = self.municipality
        return consultation


@public_page(live=True)
class ConsultationListView(ScopedMixin, TemplateView):
    """The municipality's consultations, by concept cycle, newest first."""

    template_name = "consultation/consultation_list.html"

    def get_context_data(self, **kwargs):
        consultations = list(
            self.consultations()
            .select_related("cycle")
            .order_by("-cycle__starts_on", "cycle_id", "-starts_on", "id")
        )
        groups = []
        for consultation in consultations:
            consultation.municipality = self.municipality  # for its address, no query
            if not groups or groups[-1][0].pk != consultation.cycle_id:
                groups.append((consultation.cycle, []))
            groups[-1][1].append(consultation)
        return {
            **super().get_context_data(**kwargs),
            "groups": groups,
            "can_manage": self.can_manage,
            "can_moderate": self.can_moderate,
        }


@public_page(live=True)
class ConsultationView(ScopedMixin, TemplateView):
    """One consultation: description, period, who takes part, its events and drafts."""

    template_name = "consultation/consultation_detail.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.consultation = self.get_consultation(kwargs["consultation"])

    def get_context_data(self, **kwargs):
        consultation = self.consultation
        drafts = list(
            self.drafts()
            .filter(consultation=consultation)
            .prefetch_related("files")
            .order_by("-version")
        )
        events = consultation.events.all().select_related("municipality").order_by("starts_at")
        if not self.can_manage:
            events = events.public()
        return {
            **super().get_context_data(**kwargs),
            "consultation": consultation,
            "drafts": drafts,
            "events": list(events),
            # Only published organisations are named on a public page.
            "invited": list(consultation.invited_organisations.published().order_by("name"))
            if consultation.access == Consultation.Access.INVITED
            else [],
            "is_open": consultation.is_open(),
            "statements": list(
                Statement.objects.public()
                .filter(consultation=consultation)
                .prefetch_related(
                    Prefetch(
                        "organisations", queryset=Organisation.objects.published().order_by("name")
                    )
                )
                .order_by("submitted_on", "id")
            ),
            "can_manage": self.can_manage,
            "can_moderate": self.can_moderate,
        }


class DraftMixin(ScopedMixin):
    """``self.consultation`` and ``self.draft`` from the address, or 404."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.consultation = self.get_consultation(kwargs["consultation"])
        self.draft = get_object_or_404(
            self.drafts().filter(consultation=self.consultation), version=kwargs["version"]
        )
        self.draft.consultation = self.consultation
        self.draft.municipality = self.municipality


def chosen_language(request, languages):
    """The language version the reader chose (``?fassung=``) if the draft has it, else
    None: the reader's language with the usual fallback."""
    code = request.GET.get("fassung")
    return code if code in languages and code in installed_languages() else None


@public_page(live=True)
class DraftView(DraftMixin, TemplateView):
    """The draft's structured text: table of contents, chapters and sections, each
    section's published comments with replies and the link to comment on it. A fixed
    number of queries whatever the number of sections and comments."""

    template_name = "consultation/draft.html"

    def get_context_data(self, **kwargs):
        draft = self.draft
        sections = list(Section.objects.filter(draft=draft).order_by("position", "id"))
        for section in sections:
            section.draft = draft
        attach_comments(sections)
        files = list(DraftFile.objects.filter(draft=draft).order_by("language"))
        languages = languages_of(draft, sections, files)
        language = chosen_language(self.request, languages)
        previous = previous_draft(draft, self.drafts())
        refusal = comments.refusal(draft, self.request.user)
        return {
            **super().get_context_data(**kwargs),
            "consultation": self.consultation,
            "draft": draft,
            "chapters": chapters_of(sections),
            "sections": sections,
            "files": files,
            "languages": languages,
            "language": language,
            "current_language": language or translation.get_language(),
            "previous": previous,
            "refusal": refusal,
            "can_comment": not refusal,
            "can_manage": self.can_manage,
            "can_moderate": self.can_moderate,
        }


@public_page(live=True)
class DraftChangesView(DraftMixin, TemplateView):
    """What changed from the previous version, section by section."""

    template_name = "consultation/draft_changes.html"

    def get_context_data(self, **kwargs):
        previous = previous_draft(self.draft, self.drafts())
        if previous is None:
            raise Http404
        both = list(
            Section.objects.filter(draft__in=[self.draft, previous]).order_by("position", "id")
        )
        new = [s for s in both if s.draft_id == self.draft.pk]
        old = [s for s in both if s.draft_id == previous.pk]
        languages = languages_of(self.draft, new, [])
        language = chosen_language(self.request, languages)
        return {
            **super().get_context_data(**kwargs),
            "consultation": self.consultation,
            "draft": self.draft,
            "previous": previous,
            "changes": changes_between(old, new, language or translation.get_language()),
            "languages": languages,
            "language": language,
        }


@public_page
class DraftFileView(DraftMixin, View):
    """The original file of a draft in one language (public once the draft is)."""

    def get(self, request, *args, **kwargs):
        document = get_object_or_404(DraftFile, draft=self.draft, language=kwargs["language"])
        return documents.document_response(document)


# --- Comments -------------------------------------------------------------------------------


def comment_mail_allowed(request, email):
    """Count a confirmation mail to ``email``; False past the hourly limit."""
    per_hour = settings.TEILHABE_COMMENT_MAILS_PER_HOUR
    address = email.strip().casefold()
    return not is_limited(
        request,
        "comment-mail",
        rate=f"{per_hour}/h" if per_hour else None,
        key=lambda *_: address,
    )


class CommentView(RateLimitMixin, DraftMixin, FormView):
    """Comment on a section (GET: the form, POST: send it), or answer a comment
    (``?antwort=<id>``). Where commenting is not possible the page says why (403)."""

    template_name = "consultation/comment.html"
    form_class = CommentForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.section = get_object_or_404(Section, draft=self.draft, key=kwargs["key"])
        self.section.draft = self.draft
        self.parent = None
        reply_to = request.POST.get("antwort") or request.GET.get("antwort")
        if reply_to:
            try:
                public_id = uuid.UUID(reply_to)
            except ValueError as error:
                raise Http404 from error
            self.parent = (
                Comment.objects.public()
                .filter(section=self.section, public_id=public_id)
                .select_related("organisation")
                .first()
            )
            if self.parent is None:
                raise Http404

    def dispatch(self, request, *args, **kwargs):
        reason = comments.refusal(self.draft, request.user)
        if reason:
            return render(
                request,
                "consultation/comment_refused.html",
                self.page_context(reason=reason),
                status=403,
            )
        return super().dispatch(request, *args, **kwargs)

    def page_context(self, **extra):
        return {
            "municipality": self.municipality,
            "consultation": self.consultation,
            "draft": self.draft,
            "section": self.section,
            "parent": self.parent,
            **extra,
        }

    def organisations(self):
        return comments.representable_organisations(self.request.user, self.consultation)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "logged_in": self.request.user.is_authenticated,
            "organisations": self.organisations(),
        }

    def get_initial(self):
        return {"antwort": self.parent.public_id if self.parent else None}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **self.page_context()}

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        data = form.cleaned_data
        user = self.request.user
        email = data.get("email", "")
        try:
            comment = comments.submit_comment(
                self.section,
                text=data["text"],
                user=user if user.is_authenticated else None,
                organisation=data.get("organisation"),
                name=data.get("name", ""),
                email=email,
                parent=self.parent,
                language=translation.get_language(),
                may_mail=lambda: comment_mail_allowed(self.request, email),
            )
        except comments.CommentError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        return render(
            self.request,
            "consultation/comment_sent.html",
            self.page_context(comment=comment, email=email),
        )


@personal_page
class CommentConfirmView(RateLimitMixin, View):
    """The link in the confirmation mail. GET shows a button (mail scanners that follow
    links must not confirm); POST confirms. A forged, expired or foreign link: 404."""

    template_name = "consultation/comment_confirm.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        from teilhabe.tenants.scoping import municipality_from_url

        self.municipality = municipality_from_url(kwargs)
        comment = comments.comment_from_token(kwargs["token"])
        if comment is not None and comment.municipality_id != self.municipality.pk:
            comment = None
        self.comment = comment

    def dispatch(self, request, *args, **kwargs):
        if self.comment is None:
            return render(
                request,
                "consultation/comment_link_invalid.html",
                {"municipality": self.municipality},
                status=404,
            )
        return super().dispatch(request, *args, **kwargs)

    def context(self, **extra):
        section = self.comment.section
        return {
            "municipality": self.municipality,
            "comment": self.comment,
            "section": section,
            "draft": section.draft,
            "consultation": section.draft.consultation,
            **extra,
        }

    def get(self, request, *args, **kwargs):
        return render(request, self.template_name, self.context())

    def post(self, request, *args, **kwargs):
        try:
            comment = comments.confirm_comment(self.comment)
        except comments.CommentError as error:
            return render(
                request, self.template_name, self.context(error=error.message), status=409
            )
        self.comment = comment
        return render(request, self.template_name, self.context(confirmed=True))


class CommentReportView(RateLimitMixin, ScopedMixin, FormView):
    """Report a published comment as abusive."""

    template_name = "consultation/comment_report.html"
    form_class = ReportForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.comment = get_object_or_404(
            Comment.objects.for_municipality(self.municipality)
            .public()
            .filter(section__draft__in=self.drafts())
            .select_related("section__draft__consultation", "organisation"),
            public_id=kwargs["comment"],
        )

    def get_context_data(self, **kwargs):
        section = self.comment.section
        return {
            **super().get_context_data(**kwargs),
            "comment": self.comment,
            "section": section,
            "draft": section.draft,
            "consultation": section.draft.consultation,
        }

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        try:
            comments.report_comment(self.comment, reason=form.cleaned_data["reason"])
        except comments.CommentError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        return render(
            self.request,
            "consultation/comment_reported.html",
            self.get_context_data(form=form),
        )
