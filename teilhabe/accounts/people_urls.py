"""The office's people, under ``/<municipality>/personen/`` (see views.PeopleMixin)."""

from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.PeopleListView.as_view(), name="list"),
    path("einladen/", views.InviteView.as_view(), name="invite"),
    path("<int:pk>/", views.PersonView.as_view(), name="person"),
    path("<int:pk>/aktiv/", views.ActivationView.as_view(), name="activation"),
]
