"""Who may do what with the outbox (see teilhabe.accounts.rules for the predicates).

``mail.view_log``: the integration office of the municipality (and the operator) sees
its municipality's outgoing mails; ``mail.retry_mail``: they may send a failed or
interrupted one again."""

import rules

from teilhabe.accounts.rules import is_manager

rules.add_perm("mail.view_log", is_manager)
rules.add_perm("mail.retry_mail", is_manager)
