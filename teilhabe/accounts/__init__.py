"""Accounts: users who log in by e-mail, their roles per municipality, and the
permission predicates every view, the admin and the API ask."""
