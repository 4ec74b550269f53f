"""Views of events: ``public`` for everyone (list, event page, registration, personal
link pages, calendar files), ``staff`` for the office (participants, check-in, exports,
invitations, results, statistics), ``manage`` for creating and editing events,
``messages`` for the office's messages to participants."""
