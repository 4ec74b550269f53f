"""Workflows of the consultation: numbering and merging demands, answering them.

Every function checks that what it links (fields, tags, goals, measures, departments,
sources) belongs to the demand's municipality, and refuses with ``ConsultationError``
(nothing saved) otherwise. Numbers of demands are given under the concept cycle's row
lock, so two offices' clicks at the same moment never get the same number (the
unique constraint is the last word).

Comments: see ``comments.py``; statements: ``statements.py``."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.plan.models import ConceptCycle

from .models import Answer, Demand, DemandTag

FOREIGN = _("%(what)s belongs to another municipality.")


class ConsultationError(Exception):
    """A change the rules refuse; the message is for the person who tried it."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def check_same_municipality(municipality_id, objects, what):
    """Refuse ``objects`` (model instances) of another municipality than ``municipality_id``."""
    for obj in objects:
        if obj is not None and _municipality_id(obj) != municipality_id:
            raise ConsultationError(FOREIGN % {"what": what})


def _municipality_id(obj):
    from teilhabe.tenants.scoping import municipality_id_of

    return municipality_id_of(obj)


def lock_cycle(cycle):
    """The cycle's row, locked until the transaction ends."""
    return ConceptCycle.objects.select_for_update().get(pk=cycle.pk)


# --- Demands ----------------------------------------------------------------------------


def add_demand(
    *,
    cycle,
    text,
    statement=None,
    comment=None,
    station=None,
    consultation=None,
    fields=(),
    tags=(),
):
    """A new demand of ``cycle`` from exactly one source, numbered next in the cycle.
    ``text``: a ``Translations`` value or a German text."""
    sources = {"statement": statement, "comment": comment, "station": station}
    given = [name for name, value in sources.items() if value is not None]
    if len(given) != 1:
        raise ConsultationError(_("A demand comes from exactly one source."))
    municipality_id = cycle.municipality_id
    check_same_municipality(
        municipality_id, [statement, comment, station, consultation], _("The source")
    )
    check_same_municipality(municipality_id, fields, _("A field of action"))
    check_same_municipality(municipality_id, tags, _("A tag"))
    if any(field.cycle_id != cycle.pk for field in fields):
        raise ConsultationError(_("A field of action of another concept cycle was chosen."))
    if isinstance(text, str):
        text = {"de": text}
    if not (text.get("de") or "").strip():
        raise ConsultationError(_("A demand needs a German text."))
    with transaction.atomic():
        lock_cycle(cycle)
        last = Demand.objects.filter(cycle=cycle).aggregate(last=Max("number"))["last"] or 0
        demand = Demand.objects.create(
            municipality_id=municipality_id,
            cycle=cycle,
            consultation=consultation,
            number=last + 1,
            text=text,
            source=given[0],
            **sources,
        )
        demand.fields.set(fields)
        demand.tags.set(tags)
    return demand


def merge_demands(keep, duplicates):
    """Merge ``duplicates`` into ``keep``: they point to it, its fields and tags grow by
    theirs, and its answer answers them all. Refused for a demand already merged, one
    of another cycle, or a duplicate with a published answer of its own."""
    duplicates = [d for d in duplicates if d.pk != keep.pk]
    if not duplicates:
        raise ConsultationError(_("Choose at least one other demand to merge."))
    with transaction.atomic():
        lock_cycle(keep.cycle)
        keep = Demand.objects.get(pk=keep.pk)
        rows = list(
            # Their rows locked (in order), as saving and publishing an answer lock them.
            Demand.objects.select_for_update(of=("self",))
            .filter(pk__in=[d.pk for d in duplicates])
            .order_by("pk")
            .select_related("answer")
        )
        if keep.merged_into_id is not None:
            raise ConsultationError(_("This demand was itself merged into another."))
        for duplicate in rows:
            if duplicate.cycle_id != keep.cycle_id:
                raise ConsultationError(_("Only demands of the same concept cycle can be merged."))
            if duplicate.merged_into_id is not None:
                raise ConsultationError(
                    _("Demand %(number)s was merged before.") % {"number": duplicate.number}
                )
            answer = getattr(duplicate, "answer", None)
            if answer is not None and answer.state == Answer.State.PUBLISHED:
                raise ConsultationError(
                    _("Demand %(number)s has a published answer; withdraw it first.")
                    % {"number": duplicate.number}
                )
        for duplicate in rows:
            keep.fields.add(*duplicate.fields.all())
            keep.tags.add(*duplicate.tags.all())
            # Earlier merged into a duplicate: now into the one kept.
            Demand.objects.filter(merged_into=duplicate).update(merged_into=keep)
            duplicate.merged_into = keep
            duplicate.save(update_fields=["merged_into"])
    return keep


# --- Answers ----------------------------------------------------------------------------


def save_answer(
    demand,
    *,
    user,
    outcome,
    reason,
    answered_on,
    department=None,
    goals=(),
    measures=(),
    propose=False,
):
    """Write (office: a draft) or propose (department editor: waiting for the office)
    the answer to ``demand``. A published answer changed by the office stays
    published; one changed by an editor goes back to the office as a proposal."""
    municipality_id = demand.municipality_id
    check_same_municipality(municipality_id, [department], _("The department"))
    check_same_municipality(municipality_id, goals, _("A goal"))
    check_same_municipality(municipality_id, measures, _("A measure"))
    if demand.merged_into_id is not None:
        raise ConsultationError(_("A merged demand is answered by the demand it was merged into."))
    _check_same_cycle(demand, goals, measures)
    if isinstance(reason, str):
        reason = {"de": reason}
    if not (reason.get("de") or "").strip():
        raise ConsultationError(_("An answer needs a reason in German."))
    with transaction.atomic():
        # The demand's row first: two first answers at once wait for each other here
        # instead of both inserting (one answer per demand).
        locked = Demand.objects.select_for_update().only("pk", "merged_into").get(pk=demand.pk)
        if locked.merged_into_id is not None:  # merged while the form was open
            raise ConsultationError(
                _("A merged demand is answered by the demand it was merged into.")
            )
        answer = Answer.objects.select_for_update().filter(demand=demand).first()
        if answer is None:
            answer = Answer(municipality_id=municipality_id, demand=demand)
        elif propose and answer.state == Answer.State.PUBLISHED:
            # The office published it while the editor wrote: only the office changes it now.
            raise ConsultationError(_("The office has published this answer meanwhile."))
        answer.revision += 1
        answer.outcome = outcome
        answer.reason = reason
        answer.answered_on = answered_on
        answer.department = department
        answer.written_by = user
        if propose:
            answer.state = Answer.State.PROPOSED
            answer.approved_by = None
            answer.published_at = None
        elif answer.state == Answer.State.PROPOSED:
            answer.state = Answer.State.DRAFT
        answer.save()
        answer.goals.set(goals)
        answer.measures.set(measures)
    return answer


def _check_same_cycle(demand, goals, measures):
    """Goals and measures of the demand's concept cycle only (the forms offer no
    others; this holds for every caller)."""
    if any(measure.cycle_id != demand.cycle_id for measure in measures):
        raise ConsultationError(_("A goal or measure of another concept cycle was chosen."))
    goal_ids = {goal.pk for goal in goals}
    if goal_ids:
        from teilhabe.plan.models import Goal

        same = Goal.objects.filter(pk__in=goal_ids, field__cycle_id=demand.cycle_id).count()
        if same != len(goal_ids):
            raise ConsultationError(_("A goal or measure of another concept cycle was chosen."))


def publish_answer(answer, *, user, revision=None):
    """The office approves and publishes ``answer`` (a draft or a proposal). With
    ``revision`` (the one the office read on the confirmation page) it is refused if the
    answer was changed since, e.g. an editor proposed new text meanwhile."""
    with transaction.atomic():
        # The demand's row first, as saving and merging take it.
        demand = (
            Demand.objects.select_for_update().only("pk", "merged_into").get(pk=answer.demand_id)
        )
        if demand.merged_into_id is not None:
            raise ConsultationError(
                _("A merged demand is answered by the demand it was merged into.")
            )
        answer = Answer.objects.select_for_update().get(pk=answer.pk)
        if revision is not None and answer.revision != revision:
            raise ConsultationError(
                _("The answer was changed while you read it. Read it again, then publish.")
            )
        if answer.state != Answer.State.PUBLISHED:
            answer.state = Answer.State.PUBLISHED
            answer.approved_by = user
            answer.published_at = timezone.now()
            answer.review_note = ""
            answer.save(update_fields=["state", "approved_by", "published_at", "review_note"])
    return answer


def withdraw_answer(answer):
    """A published answer back to a draft: no longer public, the demand counts as not
    answered until the office publishes again. Under the demand's lock, as publishing
    and merging take it."""
    with transaction.atomic():
        Demand.objects.select_for_update().only("pk").get(pk=answer.demand_id)
        answer = Answer.objects.select_for_update().get(pk=answer.pk)
        if answer.state != Answer.State.PUBLISHED:
            raise ConsultationError(_("This answer is not published."))
        answer.state = Answer.State.DRAFT
        answer.published_at = None
        answer.save(update_fields=["state", "published_at"])
    return answer


def unmerge_demand(demand):
    """``demand``, merged into another, stands on its own again (with its own answer,
    if it had one). The fields of action and tags it gave the demand it was merged
    into stay there: the office removes them if they do not fit."""
    with transaction.atomic():
        lock_cycle(demand.cycle)
        demand = Demand.objects.select_for_update().get(pk=demand.pk)
        if demand.merged_into_id is None:
            raise ConsultationError(_("This demand is not merged into another."))
        demand.merged_into = None
        demand.save(update_fields=["merged_into"])
    return demand


def delete_tag(tag):
    """Delete ``tag``: the demands that had it lose it; nothing else changes."""
    with transaction.atomic():
        tag = DemandTag.objects.select_for_update().get(pk=tag.pk)
        tag.delete()


# --- The office works the demands ---------------------------------------------------------


def add_demands(*, cycle, texts, fields=(), **source):
    """Several demands from one source (``statement=``, ``comment=`` or ``station=``)
    in one transaction: all are numbered and saved, or none (e.g. a statement's text
    split into paragraphs, a station's results)."""
    with transaction.atomic():
        return [add_demand(cycle=cycle, text=text, fields=fields, **source) for text in texts]


def change_demand(demand, *, text=None, fields=(), tags=()):
    """The office corrects a demand's text (translations kept) and its fields of action
    and tags, all of its municipality and its cycle."""
    check_same_municipality(demand.municipality_id, fields, _("A field of action"))
    check_same_municipality(demand.municipality_id, tags, _("A tag"))
    if any(field.cycle_id != demand.cycle_id for field in fields):
        raise ConsultationError(_("A field of action of another concept cycle was chosen."))
    with transaction.atomic():
        if text is not None:
            if not (text.get("de") or "").strip():
                raise ConsultationError(_("A demand needs a German text."))
            demand.text = text
            demand.save(update_fields=["text"])
        demand.fields.set(fields)
        demand.tags.set(tags)
    return demand


def return_answer(answer, *, user, note):
    """The office sends a proposed answer back to its department with ``note``."""
    if not (note or "").strip():
        raise ConsultationError(_("Say what should be changed."))
    with transaction.atomic():
        answer = Answer.objects.select_for_update().get(pk=answer.pk)
        if answer.state != Answer.State.PROPOSED:
            raise ConsultationError(_("Only a proposed answer can be sent back."))
        answer.state = Answer.State.DRAFT
        answer.review_note = note.strip()
        answer.save(update_fields=["state", "review_note"])
    return answer
