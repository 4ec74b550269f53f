"""Who may do what with a municipality (see teilhabe.accounts.rules for the predicates)."""

import rules

from teilhabe.accounts.rules import has_any_role, is_manager, is_operator

rules.add_perm("tenants.manage_municipality", is_manager)
rules.add_perm("tenants.view_staff_area", is_operator | has_any_role)
