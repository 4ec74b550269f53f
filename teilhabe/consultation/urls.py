"""Addresses of the consultation, under /<municipality>/beteiligung/. Fixed words
(forderungen, stellungnahmen, kommentare, moderation, neu) come before a consultation's
slug, and no consultation may take one of them as its slug (``RESERVED_SLUGS``)."""

from django.urls import path

from .views import drafts, manage, moderation, trail
from .views import office as office_views
from .views import statements as statement_views

app_name = "consultation"

RESERVED_SLUGS = {
    "forderungen",
    "stellungnahmen",
    "kommentare",
    "moderation",
    "neu",
    "verwalten",
    "stationen",
}

urlpatterns = [
    # --- The trail: demands, the consideration table (views/trail.py) -----------------
    path(
        "forderungen/organisation/<slug:organisation>/",
        trail.OrganisationDemandsView.as_view(),
        name="organisation_demands",
    ),
    path("forderungen/<slug:cycle>/<int:number>/", trail.DemandView.as_view(), name="demand"),
    path("<slug:consultation>/abwaegung/", trail.ConsiderationView.as_view(), name="consideration"),
    path(
        "<slug:consultation>/abwaegung/antworten.svg",
        trail.consideration_chart,
        name="consideration_chart",
    ),
    path(
        "<slug:consultation>/abwaegung.pdf",
        trail.ConsiderationPdfView.as_view(),
        name="consideration_pdf",
    ),
    path(
        "<slug:consultation>/abwaegung.<str:fmt>",
        trail.ConsiderationExportView.as_view(),
        name="consideration_export",
    ),
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
    path(
        "stellungnahmen/<int:pk>/aufteilen/",
        office_views.StatementSplitView.as_view(),
        name="statement_split",
    ),
    path("forderungen/verwalten/", office_views.DemandListView.as_view(), name="demands"),
    path(
        "forderungen/verwalten/schlagworte/",
        office_views.TagListView.as_view(),
        name="tags",
    ),
    path(
        "forderungen/verwalten/schlagworte/neu/",
        office_views.TagEditView.as_view(),
        name="tag_create",
    ),
    path(
        "forderungen/verwalten/schlagworte/<int:pk>/",
        office_views.TagEditView.as_view(),
        name="tag_edit",
    ),
    path(
        "forderungen/verwalten/schlagworte/<int:pk>/loeschen/",
        office_views.TagDeleteView.as_view(),
        name="tag_delete",
    ),
    path(
        "stationen/<int:station>/forderungen/",
        office_views.StationDemandsView.as_view(),
        name="station_demands",
    ),
    path(
        "kommentare/<int:pk>/forderung/",
        office_views.CommentDemandView.as_view(),
        name="comment_demand",
    ),
    path(
        "forderungen/<slug:cycle>/<int:number>/bearbeiten/",
        office_views.DemandEditView.as_view(),
        name="demand_edit",
    ),
    path(
        "forderungen/<slug:cycle>/<int:number>/zusammenfuehren/",
        office_views.DemandMergeView.as_view(),
        name="demand_merge",
    ),
    path(
        "forderungen/<slug:cycle>/<int:number>/trennen/",
        office_views.DemandUnmergeView.as_view(),
        name="demand_unmerge",
    ),
    path(
        "forderungen/<slug:cycle>/<int:number>/antwort/",
        office_views.AnswerView.as_view(),
        name="answer",
    ),
    path(
        "forderungen/<slug:cycle>/<int:number>/antwort/veroeffentlichen/",
        office_views.AnswerPublishView.as_view(),
        name="answer_publish",
    ),
    path(
        "forderungen/<slug:cycle>/<int:number>/antwort/zurueckziehen/",
        office_views.AnswerWithdrawView.as_view(),
        name="answer_withdraw",
    ),
    path(
        "forderungen/<slug:cycle>/<int:number>/antwort/zurueckgeben/",
        office_views.AnswerReturnView.as_view(),
        name="answer_return",
    ),
    # --- (end of statements, demands and answers at work)
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
