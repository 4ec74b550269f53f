"""Who may do what in the action plan (see teilhabe.accounts.rules for the predicates)."""

import rules

from teilhabe.accounts.rules import edits_department, is_manager


@rules.predicate
def leads_measure(user, measure):
    """A department editor of one of the measure's lead departments."""
    if measure is None or not user.is_authenticated:
        return False
    return any(edits_department(user, d) for d in measure.lead_departments.all())


@rules.predicate
def wrote_report(user, report):
    """The person who filed the status report."""
    return report is not None and user.is_authenticated and report.author_id == user.pk


rules.add_perm("plan.report_status", is_manager | leads_measure)
# A report is withdrawn by its author or by the office of its municipality.
rules.add_perm("plan.withdraw_report", is_manager | wrote_report)
rules.add_perm("plan.manage_plan", is_manager)
rules.add_perm("plan.send_reminders", is_manager)
rules.add_perm("plan.start_revision", is_manager)
rules.add_perm("plan.view_unpublished", is_manager)
# A measure's texts, dates and partners: the office, or an editor of a lead department.
# Cycles, their phases, fields, goals, indicators and funding lines: the office only.
rules.add_perm("plan.edit_measure", is_manager | leads_measure)
