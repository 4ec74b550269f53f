"""Who may do what with implementation reports: the office makes and publishes them."""

import rules

from teilhabe.accounts.rules import is_manager

rules.add_perm("reports.manage", is_manager)
