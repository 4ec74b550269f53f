"""Addresses of the consultation, under /<municipality>/beteiligung/. Fixed words
(forderungen, stellungnahmen, kommentare, moderation, neu) come before a consultation's
slug, and no consultation may take one of them as its slug (``RESERVED_SLUGS``)."""

from django.urls import path  # noqa: F401

from .views import statements as statement_views

app_name = "consultation"

RESERVED_SLUGS = {"forderungen", "stellungnahmen", "kommentare", "moderation", "neu", "verwalten"}

urlpatterns = [
    # --- The trail: demands, the consideration table (views/trail.py) -----------------
    # --- Statements, demands and answers at work (views/statements.py, views/office.py)
    path(
        "stellungnahmen/neu/",
        statement_views.StatementEditView.as_view(),
        name="statement_create",
    ),
    path(
        "stellungnahmen/<int:pk>/",
        statement_views.StatementView.as_view(),
        name="statement",
    ),
    path(
        "stellungnahmen/<int:pk>/bearbeiten/",
        statement_views.StatementEditView.as_view(),
        name="statement_edit",
    ),
    path(
        "stellungnahmen/<int:pk>/einreichen/",
        statement_views.StatementHandInView.as_view(),
        name="statement_hand_in",
    ),
    path(
        "stellungnahmen/<int:pk>/dokument/",
        statement_views.StatementDocumentView.as_view(),
        name="statement_document",
    ),
    # --- (end of statements, demands and answers at work)
    # --- Consultations, drafts and comments (views/drafts.py, views/moderation.py) ----
]
