"""Addresses of the consultation, under /<municipality>/beteiligung/. Fixed words
(forderungen, stellungnahmen, kommentare, moderation, neu) come before a consultation's
slug, and no consultation may take one of them as its slug (``RESERVED_SLUGS``)."""

from django.urls import path  # noqa: F401

app_name = "consultation"

RESERVED_SLUGS = {"forderungen", "stellungnahmen", "kommentare", "moderation", "neu", "verwalten"}

urlpatterns = [
    # --- The trail: demands, the consideration table (views/trail.py) -----------------
    # --- Statements, demands and answers at work (views/statements.py, views/office.py)
    # --- Consultations, drafts and comments (views/drafts.py, views/moderation.py) ----
]
