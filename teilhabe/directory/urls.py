from django.urls import path

from . import reference, views

app_name = "directory"

urlpatterns = [
    path("", views.OrganisationListView.as_view(), name="organisations"),
    path(
        "organisationen/<slug:slug>/", views.OrganisationDetailView.as_view(), name="organisation"
    ),
    path(
        "organisationen/<slug:slug>/bearbeiten/",
        views.OrganisationEditView.as_view(),
        name="organisation_edit",
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
