"""Who may do what in the directory (see teilhabe.accounts.rules for the predicates)."""

import rules

from teilhabe.accounts.rules import edits_department, is_manager, represents_organisation

rules.add_perm("directory.add_organisation", is_manager)
rules.add_perm("directory.change_organisation", is_manager | represents_organisation)
rules.add_perm("directory.view_internal_organisation", is_manager | represents_organisation)
rules.add_perm("directory.verify_organisation", is_manager)
rules.add_perm("directory.delete_organisation", is_manager)
rules.add_perm("directory.manage_departments", is_manager)
rules.add_perm("directory.change_department", is_manager | edits_department)
# Organisation self-service (claims.py, representatives.py): the organisation's page for
# its representatives, its team, and the office's decision on requests to represent it.
rules.add_perm("directory.view_organisation_hub", is_manager | represents_organisation)
rules.add_perm("directory.manage_representatives", is_manager | represents_organisation)
rules.add_perm("directory.decide_claim", is_manager)
