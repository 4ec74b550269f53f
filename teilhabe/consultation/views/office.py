"""The office works the demands (``consultation.manage``): the list with its filters and
groups, splitting a statement's text or a station's results into demands, a comment
as a demand, merging duplicates, a demand's fields and tags, the tags; and answers:
the office drafts and publishes them, a department editor
(``consultation.propose_answer``) proposes one for a demand the office gave to their
department, the office approves it or sends it back with a note.

Views parse, check the permission, call a service (services.py) and render. Steps
that cannot be undone from the same page (saving split demands, merging, publishing)
show what will happen first."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from teilhabe.accounts.rules import edited_department_ids
from teilhabe.directory.models import Department
from teilhabe.events.models import Station
from teilhabe.plan.models import FieldOfAction
from teilhabe.tenants.scoping import MunicipalityMixin
from teilhabe.web.services import save_checked

from .. import office_forms, services
from ..models import Answer, Comment, Demand, DemandTag, Statement

PER_PAGE = 50


def demands_url(municipality, **query):
    url = reverse("consultation:demands", kwargs={"municipality": municipality.slug})
    if query:
        from urllib.parse import urlencode

        url += "?" + urlencode(query)
    return url


def answer_url(demand):
    return reverse(
        "consultation:answer",
        kwargs={
            "municipality": demand.municipality.slug,
            "cycle": demand.cycle.slug,
            "number": demand.number,
        },
    )


class StaffMixin(LoginRequiredMixin, MunicipalityMixin):
    """A page of the office in the municipality of the URL. ``allowed`` says who may
    see it (default: ``consultation.manage``); objects of another municipality are not
    found."""

    permission = "consultation.manage"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.load(**kwargs)
        if not self.allowed():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def load(self, **kwargs):
        pass

    def allowed(self):
        return self.request.user.has_perm(self.permission, self.municipality)

    def render_invalid(self, **context):
        return self.render_to_response(self.get_context_data(**context), status=400)


class DemandMixin(StaffMixin):
    """A page about one demand: ``forderungen/<cycle>/<number>/…``."""

    def load(self, **kwargs):
        self.demand = get_object_or_404(
            Demand.objects.for_municipality(self.municipality).select_related(
                "cycle", "municipality", "statement", "comment", "station", "merged_into"
            ),
            cycle__slug=kwargs["cycle"],
            number=kwargs["number"],
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "demand": self.demand}


# --- The list ------------------------------------------------------------------------------


class DemandListView(StaffMixin, TemplateView):
    """All demands of the municipality, filtered, optionally grouped by field of action
    or by tag, with their answer's state. A fixed number of queries per page."""

    template_name = "consultation/office/demands.html"

    def get_context_data(self, **kwargs):
        form = office_forms.DemandFilterForm(
            self.request.GET or None, municipality=self.municipality
        )
        demands = form.filter(Demand.objects.for_municipality(self.municipality).in_work())
        demands = (
            demands.select_related("cycle", "answer", "statement__municipality", "municipality")
            .prefetch_related(
                Prefetch("fields", queryset=FieldOfAction.objects.order_by("number")),
                Prefetch("tags", queryset=DemandTag.objects.order_by("slug")),
            )
            .order_by("-cycle__starts_on", "number")
            .distinct()
        )
        page = Paginator(demands, PER_PAGE).get_page(self.request.GET.get("page"))
        grouping = form.grouping()
        groups = group_demands(page.object_list, grouping) if grouping else None
        query = self.request.GET.copy()
        query.pop("page", None)
        return {
            **super().get_context_data(**kwargs),
            "form": form,
            "page_obj": page,
            "demands": page.object_list,
            "groups": groups,
            "grouping": grouping,
            "query": query.urlencode(),
        }


def group_demands(demands, grouping):
    """``[(heading, [demand])]`` by field of action or tag (a demand under each of its
    fields or tags; those without one last), from the prefetched relations."""
    groups, missing = {}, []
    for demand in demands:
        keys = list(demand.fields.all()) if grouping == "field" else list(demand.tags.all())
        if not keys:
            missing.append(demand)
        for key in keys:
            groups.setdefault(key, []).append(demand)
    if grouping == "field":
        ordered = sorted(groups.items(), key=lambda item: (item[0].cycle_id, item[0].number))
        headings = [(f"{k.number}. {k.translated('title')}", v) for k, v in ordered]
        none = _("Without a field of action")
    else:
        ordered = sorted(groups.items(), key=lambda item: item[0].slug)
        headings = [(str(k.translated("name")), v) for k, v in ordered]
        none = _("Without a tag")
    if missing:
        headings.append((none, missing))
    return headings


# --- New demands -------------------------------------------------------------------------


class SplitMixin:
    """Preview, then save: the first valid POST shows the demands the text gives; the
    POST of the preview (``confirmed``) saves them all or none."""

    template_name = "consultation/office/split.html"

    def form_kwargs(self):
        return {"cycle": self.cycle}

    def get(self, request, *args, **kwargs):
        form = self.form_class(initial=self.initial(), **self.form_kwargs())
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST, **self.form_kwargs())
        if not form.is_valid():
            return self.render_invalid(form=form)
        if not form.cleaned_data.get("confirmed"):
            data = request.POST.copy()
            data["confirmed"] = "True"
            preview = self.form_class(data, **self.form_kwargs())
            preview.is_valid()
            return self.render_to_response(self.get_context_data(form=preview, preview=form.parts))
        cycle = form.cleaned_data.get("cycle", self.cycle)
        try:
            demands = services.add_demands(
                cycle=cycle,
                texts=form.parts,
                fields=list(form.cleaned_data["fields"]),
                **self.source(),
            )
        except services.ConsultationError as error:
            form.add_error(None, error.message)
            return self.render_invalid(form=form)
        count = len(demands)
        messages.success(
            request,
            ngettext("%(count)s demand was saved.", "%(count)s demands were saved.", count)
            % {"count": count},
        )
        return redirect(self.success_url())

    def initial(self):
        return {}


class StatementSplitView(SplitMixin, StaffMixin, TemplateView):
    form_class = office_forms.SplitForm

    def load(self, **kwargs):
        self.statement = get_object_or_404(
            Statement.objects.for_municipality(self.municipality).select_related("cycle"),
            pk=kwargs["pk"],
        )
        self.cycle = self.statement.cycle

    def source(self):
        return {"statement": self.statement, "consultation": self.statement.consultation}

    def success_url(self):
        return self.statement.get_absolute_url()

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "heading": _("Split a statement into demands"),
            "about": self.statement,
            "back_url": self.statement.get_absolute_url(),
        }


class StationDemandsView(SplitMixin, StaffMixin, TemplateView):
    form_class = office_forms.StationDemandsForm

    def load(self, **kwargs):
        self.station = get_object_or_404(
            Station.objects.filter(item__event__municipality=self.municipality).select_related(
                "item__event"
            ),
            pk=kwargs["station"],
        )
        self.cycle = None

    def form_kwargs(self):
        return {"municipality": self.municipality}

    def initial(self):
        return {"text": self.station.results.text("de")}

    def source(self):
        return {"station": self.station}

    def success_url(self):
        return demands_url(self.municipality, source=Demand.Source.STATION)

    def get_context_data(self, **kwargs):
        event = self.station.item.event
        return {
            **super().get_context_data(**kwargs),
            "heading": _("The results of a station as demands"),
            "about": self.station,
            "back_url": reverse(
                "events:results",
                kwargs={"municipality": self.municipality.slug, "slug": event.slug},
            ),
        }


class CommentDemandView(StaffMixin, TemplateView):
    """A published comment becomes a demand of its consultation's cycle."""

    template_name = "consultation/office/comment_demand.html"

    def load(self, **kwargs):
        self.comment = get_object_or_404(
            Comment.objects.for_municipality(self.municipality)
            .public()
            .select_related("section__draft__consultation__cycle"),
            pk=kwargs["pk"],
        )
        self.consultation = self.comment.section.draft.consultation
        self.cycle = self.consultation.cycle

    def get(self, request, *args, **kwargs):
        form = office_forms.CommentDemandForm(initial={"text": self.comment.text}, cycle=self.cycle)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = office_forms.CommentDemandForm(request.POST, cycle=self.cycle)
        if not form.is_valid():
            return self.render_invalid(form=form)
        demand = services.add_demand(
            cycle=self.cycle,
            comment=self.comment,
            consultation=self.consultation,
            text=form.cleaned_data["text"],
            fields=list(form.cleaned_data["fields"]),
        )
        messages.success(request, _("Saved as demand %(number)s.") % {"number": demand.number})
        return redirect(demands_url(self.municipality, source=Demand.Source.COMMENT))

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "comment": self.comment}


# --- One demand ------------------------------------------------------------------------------


class DemandEditView(DemandMixin, TemplateView):
    """The office corrects a demand's text, fields of action and tags."""

    template_name = "consultation/office/demand_edit.html"

    def get(self, request, *args, **kwargs):
        form = office_forms.DemandForm(demand=self.demand)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = office_forms.DemandForm(request.POST, demand=self.demand)
        if not form.is_valid():
            return self.render_invalid(form=form)
        text = self.demand.text.copy()
        for code, value in form.cleaned_data["text"].items():
            text.set(code, value)
        services.change_demand(
            self.demand,
            text=text,
            fields=list(form.cleaned_data["fields"]),
            tags=list(form.cleaned_data["tags"]),
        )
        messages.success(request, _("Saved."))
        return redirect(demands_url(self.municipality))


class DemandMergeView(DemandMixin, TemplateView):
    """Choose the duplicates, see what merging does, then merge."""

    template_name = "consultation/office/merge.html"

    def get(self, request, *args, **kwargs):
        form = office_forms.MergeForm(demand=self.demand)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = office_forms.MergeForm(request.POST, demand=self.demand)
        if not form.is_valid():
            return self.render_invalid(form=form)
        duplicates = list(form.cleaned_data["duplicates"])
        if not form.cleaned_data.get("confirmed"):
            data = request.POST.copy()
            data["confirmed"] = "True"
            preview = office_forms.MergeForm(data, demand=self.demand)
            preview.is_valid()
            return self.render_to_response(self.get_context_data(form=preview, preview=duplicates))
        try:
            services.merge_demands(self.demand, duplicates)
        except services.ConsultationError as error:
            form.add_error(None, error.message)
            return self.render_invalid(form=form)
        messages.success(request, _("The demands were merged."))
        return redirect(demands_url(self.municipality))


class DemandUnmergeView(DemandMixin, TemplateView):
    """The confirmation step, then the merged demand stands on its own again."""

    template_name = "consultation/office/unmerge.html"

    def post(self, request, *args, **kwargs):
        try:
            services.unmerge_demand(self.demand)
        except services.ConsultationError as error:
            messages.error(request, error.message)
            return redirect(request.path)
        messages.success(request, _("The demand stands on its own again."))
        return redirect(answer_url(self.demand))


# --- Tags -------------------------------------------------------------------------------------


class TagListView(StaffMixin, TemplateView):
    template_name = "consultation/office/tags.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "tags": DemandTag.objects.for_municipality(self.municipality).order_by("slug"),
        }


class TagEditView(StaffMixin, TemplateView):
    template_name = "consultation/office/tag_form.html"

    def load(self, **kwargs):
        self.object = None
        if "pk" in kwargs:
            self.object = get_object_or_404(
                DemandTag.objects.for_municipality(self.municipality), pk=kwargs["pk"]
            )

    def form(self, data=None):
        instance = self.object or DemandTag(municipality=self.municipality)
        return office_forms.TagForm(data, instance=instance, municipality=self.municipality)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if not form.is_valid() or save_checked(form) is None:
            return self.render_invalid(form=form)
        messages.success(request, _("Saved."))
        return redirect("consultation:tags", municipality=self.municipality.slug)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "object": self.object}


class TagDeleteView(StaffMixin, TemplateView):
    """The confirmation step (how many demands have the tag), then deleting it."""

    template_name = "consultation/office/tag_delete.html"

    def load(self, **kwargs):
        self.object = get_object_or_404(
            DemandTag.objects.for_municipality(self.municipality), pk=kwargs["pk"]
        )

    def post(self, request, *args, **kwargs):
        services.delete_tag(self.object)
        messages.success(request, _("The tag was deleted."))
        return redirect("consultation:tags", municipality=self.municipality.slug)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "object": self.object,
            "demand_count": self.object.demands.count(),
        }


# --- Answers ----------------------------------------------------------------------------------


def answer_of(demand):
    return (
        Answer.objects.filter(demand=demand)
        .select_related("department", "written_by", "approved_by")
        .prefetch_related("goals", "measures")
        .first()
    )


class AnswerView(DemandMixin, TemplateView):
    """Write the answer to a demand: the office saves a draft (or changes a published
    answer, which stays published); a department editor proposes one for a demand the
    office gave to one of their departments."""

    template_name = "consultation/office/answer.html"

    def load(self, **kwargs):
        super().load(**kwargs)
        self.answer = answer_of(self.demand)
        self.office = self.request.user.has_perm("consultation.manage", self.municipality)

    def allowed(self):
        if self.office:
            return True
        if not self.request.user.has_perm("consultation.propose_answer", self.demand):
            return False
        answer = self.answer
        return (
            answer is not None
            and answer.state != Answer.State.PUBLISHED
            and answer.department_id in edited_department_ids(self.request.user)
        )

    def departments(self):
        if self.office:
            return None
        return Department.objects.for_municipality(self.municipality).filter(
            pk__in=edited_department_ids(self.request.user)
        )

    def form(self, data=None):
        initial = None
        if self.answer is None:
            initial = {"answered_on": timezone.localdate()}
        kwargs = {"initial": initial} if initial else {}
        return office_forms.AnswerForm(
            data, demand=self.demand, answer=self.answer, departments=self.departments(), **kwargs
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_invalid(form=form)
        data = form.cleaned_data
        reason = self.answer.reason.copy() if self.answer else None
        if reason is not None:
            for code, value in data["reason"].items():
                reason.set(code, value)
        try:
            answer = services.save_answer(
                self.demand,
                user=request.user,
                outcome=data["outcome"],
                reason=reason if reason is not None else data["reason"],
                answered_on=data["answered_on"],
                department=data["department"],
                goals=list(data["goals"]),
                measures=list(data["measures"]),
                propose=not self.office,
            )
        except services.ConsultationError as error:
            form.add_error(None, error.message)
            return self.render_invalid(form=form)
        if answer.state == Answer.State.PROPOSED:
            messages.success(request, _("Your proposal waits for the integration office."))
            return redirect("workspace:home")
        messages.success(request, _("Saved."))
        return redirect(answer_url(self.demand))

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "answer": self.answer,
            "office": self.office,
            "source": source_of(self.demand),
        }


def source_of(demand):
    """``(label, text or None, url or None)`` of where the demand comes from."""
    if demand.statement_id:
        return (
            demand.get_source_display(),
            str(demand.statement),
            demand.statement.get_absolute_url(),
        )
    if demand.comment_id:
        return (demand.get_source_display(), demand.comment.text, None)
    return (demand.get_source_display(), str(demand.station), None)


class AnswerActionMixin(DemandMixin):
    """Publishing or sending back the answer of a demand: the office only."""

    def load(self, **kwargs):
        super().load(**kwargs)
        self.answer = answer_of(self.demand)
        if self.answer is None:
            raise Http404

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "answer": self.answer}


class AnswerPublishView(AnswerActionMixin, TemplateView):
    """The confirmation step, then publishing (a draft or a proposal)."""

    template_name = "consultation/office/answer_publish.html"

    def post(self, request, *args, **kwargs):
        try:
            revision = int(request.POST.get("revision", ""))
        except ValueError:
            revision = -1  # no revision read: refused like a changed one
        try:
            services.publish_answer(self.answer, user=request.user, revision=revision)
        except services.ConsultationError as error:
            messages.error(request, error.message)
            return redirect(request.path)
        messages.success(request, _("The answer is published."))
        return redirect(answer_url(self.demand))


class AnswerWithdrawView(AnswerActionMixin, TemplateView):
    """The confirmation step, then the published answer is a draft again."""

    template_name = "consultation/office/answer_withdraw.html"

    def post(self, request, *args, **kwargs):
        try:
            services.withdraw_answer(self.answer)
        except services.ConsultationError as error:
            messages.error(request, error.message)
            return redirect(request.path)
        messages.success(request, _("The answer was withdrawn; it is a draft again."))
        return redirect(answer_url(self.demand))


class AnswerReturnView(AnswerActionMixin, TemplateView):
    """A proposal goes back to its department, with a note."""

    template_name = "consultation/office/answer_return.html"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=office_forms.ReturnForm()))

    def post(self, request, *args, **kwargs):
        form = office_forms.ReturnForm(request.POST)
        if not form.is_valid():
            return self.render_invalid(form=form)
        try:
            services.return_answer(self.answer, user=request.user, note=form.cleaned_data["note"])
        except services.ConsultationError as error:
            form.add_error(None, error.message)
            return self.render_invalid(form=form)
        messages.success(request, _("The proposal was sent back to the department."))
        return redirect(demands_url(self.municipality, state=Answer.State.PROPOSED))
