"""Addresses of the consultation, under /<municipality>/beteiligung/. Fixed words
(forderungen, stellungnahmen, kommentare, moderation, neu) come before a consultation's
slug, and no consultation may take one of them as its slug (``RESERVED_SLUGS``)."""

from django.urls import path  # noqa: F401

from .views import drafts, manage, moderation

app_name = "consultation"

RESERVED_SLUGS = {"forderungen", "stellungnahmen", "kommentare", "moderation", "neu", "verwalten"}

urlpatterns = [
    # --- The trail: demands, the consideration table (views/trail.py) -----------------
    # --- Statements, demands and answers at work (views/statements.py, views/office.py)
    # --- Consultations, drafts and comments (views/drafts.py, views/moderation.py) ----
    path("", drafts.ConsultationListView.as_view(), name="list"),
    path("moderation/", moderation.ModerationView.as_view(), name="moderation"),
    path("neu/", manage.ConsultationEditView.as_view(), name="create"),
    path(
        "kommentare/<str:token>/bestaetigen/",
        drafts.CommentConfirmView.as_view(),
        name="comment_confirm",
    ),
    path(
        "kommentare/<uuid:comment>/melden/",
        drafts.CommentReportView.as_view(),
        name="comment_report",
    ),
    path(
        "kommentare/<int:pk>/moderieren/",
        moderation.CommentModerateView.as_view(),
        name="comment_moderate",
    ),
    path("<slug:consultation>/", drafts.ConsultationView.as_view(), name="detail"),
    path("<slug:consultation>/verwalten/", manage.ConsultationEditView.as_view(), name="edit"),
    path("<slug:consultation>/entwurf/<int:version>/", drafts.DraftView.as_view(), name="draft"),
    path(
        "<slug:consultation>/entwurf/<int:version>/verwalten/",
        manage.DraftEditView.as_view(),
        name="draft_edit",
    ),
    path(
        "<slug:consultation>/entwurf/<int:version>/datei/<str:language>/",
        drafts.DraftFileView.as_view(),
        name="draft_file",
    ),
    path(
        "<slug:consultation>/entwurf/<int:version>/aenderungen/",
        drafts.DraftChangesView.as_view(),
        name="draft_changes",
    ),
    path(
        "<slug:consultation>/entwurf/<int:version>/abschnitt/<slug:key>/kommentieren/",
        drafts.CommentView.as_view(),
        name="comment",
    ),
]
