from django.urls import path

from .views import manage, public

app_name = "bodies"

urlpatterns = [
    path("", public.BodyListView.as_view(), name="list"),
    path("neu/", manage.BodyCreateView.as_view(), name="create"),
    path("kalender/", public.CalendarAddressView.as_view(), name="calendar"),
    path("kalender/<str:key>/<slug:slug>.ics", public.private_ics_view, name="private_ics"),
    path("<slug:slug>/", public.BodyView.as_view(), name="body"),
    path("<slug:slug>/bearbeiten/", manage.BodyEditView.as_view(), name="edit"),
    path("<slug:slug>/mitglieder/", manage.MembersView.as_view(), name="members"),
    path(
        "<slug:slug>/mitglieder/<int:pk>/",
        manage.MembershipEditView.as_view(),
        name="membership_edit",
    ),
    path("<slug:slug>/sitzungen.ics", public.meetings_ics_view, name="meetings_ics"),
    path("<slug:slug>/sitzungen/neu/", manage.MeetingScheduleView.as_view(), name="meeting_create"),
    path("<slug:slug>/sitzungen/<int:pk>/", public.MeetingView.as_view(), name="meeting"),
    path(
        "<slug:slug>/sitzungen/<int:pk>/bearbeiten/",
        manage.MeetingEditView.as_view(),
        name="meeting_edit",
    ),
    path(
        "<slug:slug>/sitzungen/<int:pk>/absagen/",
        manage.MeetingCancelView.as_view(),
        name="meeting_cancel",
    ),
    path(
        "<slug:slug>/sitzungen/<int:pk>/verwalten/",
        manage.MeetingManageView.as_view(),
        name="meeting_manage",
    ),
    path(
        "<slug:slug>/sitzungen/<int:pk>/protokoll/<int:file>/",
        public.MinutesView.as_view(),
        name="minutes",
    ),
]
