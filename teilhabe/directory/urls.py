from django.urls import path

from . import claim_views, hub_views, reference, statistics_views, views

app_name = "directory"

urlpatterns = [
    path("", views.OrganisationListView.as_view(), name="organisations"),
    path("statistik/", statistics_views.StatisticsView.as_view(), name="statistics"),
    path("statistik/<slug:kind>.svg", statistics_views.statistics_chart, name="statistics_chart"),
    path(
        "organisationen/<slug:slug>/", views.OrganisationDetailView.as_view(), name="organisation"
    ),
    path(
        "organisationen/<slug:slug>/bearbeiten/",
        views.OrganisationEditView.as_view(),
        name="organisation_edit",
    ),
    # Organisation self-service: requests to represent, the office's decision, the team.
    path(
        "organisationen/<slug:slug>/vertreten/", claim_views.ClaimView.as_view(), name="claim_new"
    ),
    path("organisation-eintragen/", claim_views.ClaimView.as_view(), name="claim_organisation"),
    path("anfrage/<str:token>/", claim_views.ClaimConfirmView.as_view(), name="claim_confirm"),
    path("anfragen/<int:pk>/", claim_views.ClaimDetailView.as_view(), name="claim"),
    path("anfragen/<int:pk>/ablehnen/", claim_views.ClaimRefuseView.as_view(), name="claim_refuse"),
    path("organisationen/<slug:slug>/bereich/", hub_views.HubView.as_view(), name="hub"),
    path(
        "organisationen/<slug:slug>/bereich/einladen/",
        hub_views.RepresentativeInviteView.as_view(),
        name="representative_invite",
    ),
    path(
        "organisationen/<slug:slug>/bereich/vertretung/<int:user>/entfernen/",
        hub_views.RepresentativeRemoveView.as_view(),
        name="representative_remove",
    ),
    path("aenderungen/<int:pk>/", views.ProfileChangeView.as_view(), name="profile_change"),
    path(
        "aenderungen/<int:pk>/ablehnen/",
        views.ProfileChangeRefuseView.as_view(),
        name="refuse_profile_change",
    ),
    path("aemter/", views.DepartmentListView.as_view(), name="departments"),
    *reference.urlpatterns,
]
