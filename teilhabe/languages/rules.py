"""Who may run the translation workflow (see teilhabe.accounts.rules for the predicates).

``languages.manage_translations``: the integration office of the municipality (and the
operator): content-language settings, the overview of what is untranslated, exports
and imports. Department editors translate in their own forms; the overview lists draft
texts of every department, so it stays with the office."""

import rules

from teilhabe.accounts.rules import is_manager

rules.add_perm("languages.manage_translations", is_manager)
