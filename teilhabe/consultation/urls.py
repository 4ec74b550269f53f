"""Addresses of the consultation, under /<municipality>/beteiligung/. Fixed words
(forderungen, stellungnahmen, kommentare, moderation, neu) come before a consultation's
slug, and no consultation may take one of them as its slug (``RESERVED_SLUGS``)."""

from django.urls import path

from .views import trail

app_name = "consultation"

RESERVED_SLUGS = {"forderungen", "stellungnahmen", "kommentare", "moderation", "neu", "verwalten"}

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
        "<slug:consultation>/abwaegung.<str:fmt>",
        trail.ConsiderationExportView.as_view(),
        name="consideration_export",
    ),
    # --- Statements, demands and answers at work (views/statements.py, views/office.py)
    # --- Consultations, drafts and comments (views/drafts.py, views/moderation.py) ----
]
