"""Who may do what with events (see teilhabe.accounts.rules for the predicates).

``events.manage_event``: the integration office of the event's municipality (and the
operator): participant list with personal data, exports, capacity, cancelling,
invitations, results, statistics. ``events.check_in``: additionally moderators, who
help at the entrance and see names only. ``events.add_event`` (on the municipality):
creating events, which the office also edits, duplicates and publishes with
``events.manage_event``."""

import rules

from teilhabe.accounts.rules import is_manager, is_moderator

rules.add_perm("events.manage_event", is_manager)
rules.add_perm("events.add_event", is_manager)
rules.add_perm("events.check_in", is_manager | is_moderator)
