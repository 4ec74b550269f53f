"""Who may do what in consultations (see teilhabe.accounts.rules for the predicates).
Each permission takes an object of the municipality it is about (a consultation, a
demand, an answer, the municipality itself; for statements the organisation)."""

import rules

from teilhabe.accounts.rules import (
    is_department_editor,
    is_manager,
    is_moderator,
    represents_organisation,
)

# Consultations, drafts, statements entered from letters, demands (splitting, merging,
# grouping) and answers (writing, approving, publishing): the office.
rules.add_perm("consultation.manage", is_manager)
# Reviewing comments (pre-moderation), hiding them with a reason, reports of abuse.
rules.add_perm("consultation.moderate", is_manager | is_moderator)
# A department editor proposes an answer; the office approves it.
rules.add_perm("consultation.propose_answer", is_manager | is_department_editor)
# A representative hands in a statement for their organisation (the object).
rules.add_perm("consultation.submit_statement", is_manager | represents_organisation)
