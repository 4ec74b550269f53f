"""Who may do what in the action plan (see teilhabe.accounts.rules for the predicates)."""

import rules

from teilhabe.accounts.models import Role
from teilhabe.accounts.rules import _roles, is_manager


@rules.predicate
def leads_measure(user, measure):
    """A department editor of one of the measure's lead departments."""
    if measure is None or not user.is_authenticated:
        return False
    lead_ids = {d.pk for d in measure.lead_departments.all()}
    return any(
        r.kind == Role.Kind.DEPARTMENT_EDITOR
        and r.municipality_id == measure.municipality_id
        and any(d.pk in lead_ids for d in r.departments.all())
        for r in _roles(user)
    )


rules.add_perm("plan.report_status", is_manager | leads_measure)
rules.add_perm("plan.manage_plan", is_manager)
rules.add_perm("plan.send_reminders", is_manager)
rules.add_perm("plan.start_revision", is_manager)
rules.add_perm("plan.view_unpublished", is_manager)
