"""Statements and position papers: written as a draft by an organisation's
representative (or entered by the office, e.g. from a letter), with their document and
their list of demands, then handed in, which makes them public.

``save_statement`` writes the statement, its organisations, its document and its
demands in one transaction: a refused demand or document saves nothing. Who may write
for which organisation is ``consultation.submit_statement`` (rules.py), asked in the
views; this module checks what belongs together (one municipality, published
organisations, fields of action of the statement's cycle)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.directory.models import Organisation

from . import documents
from .models import Demand, Statement, StatementFile
from .services import ConsultationError, add_demand, check_same_municipality


def may_edit(user, statement):
    """The office always; a representative of one of its organisations while it is a
    draft."""
    if user.has_perm("consultation.manage", statement.municipality):
        return True
    if statement.status != Statement.Status.DRAFT:
        return False
    return any(
        user.has_perm("consultation.submit_statement", o) for o in statement.organisations.all()
    )


def may_read(user, statement):
    """Whoever may see a statement that is not public yet: who may edit it, and the
    office."""
    if statement.status == Statement.Status.SUBMITTED and statement.cycle.is_published:
        return True
    if not user.is_authenticated:
        return False
    if user.has_perm("consultation.manage", statement.municipality):
        return True
    return any(
        user.has_perm("consultation.submit_statement", o) for o in statement.organisations.all()
    )


def _check_organisations(statement, organisations):
    if not organisations:
        raise ConsultationError(_("A statement names at least one organisation."))
    check_same_municipality(statement.municipality_id, organisations, _("An organisation"))
    if any(not o.is_published for o in organisations):
        raise ConsultationError(_("Only published organisations can sign a statement."))


def save_statement(statement, *, user, organisations, demands=(), upload=None, office=False):
    """Save ``statement`` (a new or changed instance, not saved yet) with
    ``organisations`` (the first is the one submitting, then the co-signers), the
    document ``upload`` (replaces the one before) and ``demands``: a list of
    ``(demand or None, text, fields)``; a known demand with an empty text is removed
    while the statement is a draft. All or nothing."""
    _check_organisations(statement, organisations)
    check_same_municipality(
        statement.municipality_id, [statement.cycle, statement.consultation], _("The cycle")
    )
    if statement.consultation is not None and statement.consultation.cycle_id != statement.cycle_id:
        raise ConsultationError(_("The consultation belongs to another concept cycle."))
    if statement.pk is None:
        statement.entered_by_office = office
    stored = []
    try:
        with transaction.atomic():
            _save(statement, organisations, demands, upload, office, stored)
    except BaseException:
        for file in stored:  # a rollback leaves no file behind
            file.storage.delete(file.name)
        raise
    return statement


def _save(statement, organisations, demands, upload, office, stored):
    if statement.pk is not None:
        # NO KEY: the statement's demands (new ones reference it) can still be added
        # meanwhile, e.g. by the office's split, which holds the cycle's lock first.
        current = Statement.objects.select_for_update(no_key=True).get(pk=statement.pk)
        if current.status != Statement.Status.DRAFT and not office:
            raise ConsultationError(_("A statement that was handed in cannot be changed."))
        if current.cycle_id != statement.cycle_id and current.demands.exists():
            raise ConsultationError(
                _(
                    "The concept cycle cannot be changed: "
                    "the statement's demands are numbered in it."
                )
            )
        statement.status = current.status
        if current.consultation_id != statement.consultation_id:
            # Its demands belong to the consultation it was handed in to (the statement's
            # save below tells the public pages).
            current.demands.update(consultation=statement.consultation)
    statement.save()
    statement.organisations.set(organisations)
    if upload is not None:
        document = StatementFile.objects.filter(statement=statement).first()
        if document is None:
            document = StatementFile(statement=statement)
        elif document.file:
            replaced = document.file.name
            storage = document.file.storage
            transaction.on_commit(lambda: storage.delete(replaced))
        documents.store(document, upload)
        stored.append(document.file)
        document.save()
    for demand, text, fields in demands:
        if demand is not None and demand.statement_id != statement.pk:
            raise ConsultationError(_("The demand belongs to another statement."))
        if any(field.cycle_id != statement.cycle_id for field in fields):
            raise ConsultationError(_("A field of action of another concept cycle was chosen."))
        if demand is None:
            if (text or "").strip():
                add_demand(
                    cycle=statement.cycle,
                    consultation=statement.consultation,
                    statement=statement,
                    text=text,
                    fields=fields,
                )
        elif not (text or "").strip():
            if statement.status != Statement.Status.DRAFT:
                raise ConsultationError(
                    _("Demands of a statement that was handed in cannot be removed.")
                )
            demand.delete()
        else:
            texts = demand.text.copy()
            texts.set("de", text.strip())
            demand.text = texts
            demand.save(update_fields=["text"])
            demand.fields.set(fields)


def hand_in(statement, *, user):
    """Hand in the draft ``statement``: public from now on. Handing in twice changes
    nothing the second time."""
    with transaction.atomic():
        statement = Statement.objects.select_for_update().get(pk=statement.pk)
        if statement.status == Statement.Status.SUBMITTED:
            return statement
        if not statement.organisations.exists():
            raise ConsultationError(_("A statement names at least one organisation."))
        statement.status = Statement.Status.SUBMITTED
        statement.submitted_by = user
        if statement.submitted_on is None:
            statement.submitted_on = timezone.localdate()
        statement.save(update_fields=["status", "submitted_by", "submitted_on"])
    return statement


def organisations_for(user, municipality):
    """The published organisations ``user`` may submit a statement for: the office any,
    a representative those they represent."""
    organisations = Organisation.objects.for_municipality(municipality).published().order_by("name")
    if user.has_perm("consultation.manage", municipality):
        return organisations
    return organisations.filter(
        pk__in=[o.pk for o in organisations if user.has_perm("consultation.submit_statement", o)]
    )


def demands_of(statement):
    return list(Demand.objects.filter(statement=statement).prefetch_related("fields"))
