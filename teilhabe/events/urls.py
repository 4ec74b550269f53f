from django.urls import path

from . import reference
from .views import manage, messages, public, staff

app_name = "events"

urlpatterns = [
    path("", public.EventListView.as_view(), name="list"),
    path("kalender.ics", public.feed, name="feed"),
    path("anmeldung/finden/", public.FindRegistrationView.as_view(), name="find_registration"),
    path("anmeldung/<str:token>/", public.PersonalView.as_view(), name="personal"),
    path(
        "anmeldung/<str:token>/absagen/",
        public.PersonalCancelView.as_view(),
        name="personal_cancel",
    ),
    path("anmeldung/<str:token>/bestaetigen/", public.ConfirmView.as_view(), name="confirm"),
    path("anmeldung/<str:token>/daten.json", public.personal_data, name="personal_data"),
    path("anmeldung/<str:token>/termin.ics", public.personal_ics, name="personal_ics"),
    path("anmeldung/<str:token>/rueckmeldung/", public.FeedbackView.as_view(), name="feedback"),
    path("verwaltung/neu/", manage.EventCreateView.as_view(), name="create"),
    *reference.urlpatterns,
    path("<slug:slug>/", public.EventView.as_view(), name="event"),
    path("<slug:slug>/termin.ics", public.event_ics_view, name="event_ics"),
    path("<slug:slug>/anmelden/", public.RegisterView.as_view(), name="register"),
    path("<slug:slug>/teilnehmende/", staff.ParticipantListView.as_view(), name="participants"),
    path("<slug:slug>/teilnehmende/export.<str:fmt>", staff.export, name="export"),
    path(
        "<slug:slug>/teilnehmende/<int:pk>/absagen/",
        staff.RegistrationActionView.as_view(action="cancel_registration"),
        name="cancel_registration",
    ),
    path(
        "<slug:slug>/teilnehmende/<int:pk>/platz-geben/",
        staff.RegistrationActionView.as_view(action="promote"),
        name="promote",
    ),
    path("<slug:slug>/einlass/", staff.CheckInView.as_view(), name="check_in"),
    path("<slug:slug>/verwalten/", staff.ManageView.as_view(), name="manage"),
    path("<slug:slug>/verwalten/erinnerung/", staff.ReminderView.as_view(), name="remind"),
    path("<slug:slug>/nachricht/", messages.WriteMessageView.as_view(), name="message"),
    path("<slug:slug>/bearbeiten/", manage.EventEditView.as_view(), name="edit"),
    path("<slug:slug>/programm/", manage.ProgrammeView.as_view(), name="programme"),
    path(
        "<slug:slug>/programm/<int:pk>/",
        manage.ProgrammeItemView.as_view(),
        name="programme_item",
    ),
    path("<slug:slug>/duplizieren/", manage.DuplicateView.as_view(), name="duplicate"),
    path("<slug:slug>/veroeffentlichen/", manage.PublishView.as_view(), name="publish"),
    path("<slug:slug>/einladungen/", staff.InvitationsView.as_view(), name="invitations"),
    path("<slug:slug>/ergebnisse/", staff.ResultsView.as_view(), name="results"),
]
