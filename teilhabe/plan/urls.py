from django.urls import path

from . import feeds
from .views import manage, public, staff

app_name = "plan"

urlpatterns = [
    path("", public.CycleListView.as_view(), name="cycles"),
    path("meine-massnahmen/", staff.MyMeasuresView.as_view(), name="my_measures"),
    path("ueberfaellig/", staff.OverdueView.as_view(), name="overdue"),
    path("ueberfaellig/erinnern/", staff.RemindOverdueView.as_view(), name="remind_overdue"),
    path("neuer-zyklus/", manage.CycleCreateView.as_view(), name="cycle_create"),
    path("<slug:cycle>/", public.CycleView.as_view(), name="cycle"),
    path("<slug:cycle>/feed.atom", feeds.cycle_feed, name="feed"),
    path("<slug:cycle>/verwalten/", manage.ManageCycleView.as_view(), name="manage"),
    path("<slug:cycle>/verwalten/zyklus/", manage.CycleEditView.as_view(), name="cycle_edit"),
    path("<slug:cycle>/verwalten/phase/", manage.PhaseChangeView.as_view(), name="phase"),
    path("<slug:cycle>/verwalten/veroeffentlichen/", manage.PublishView.as_view(), name="publish"),
    path(
        "<slug:cycle>/verwalten/handlungsfelder/neu/",
        manage.FieldEditView.as_view(),
        name="field_create",
    ),
    path(
        "<slug:cycle>/verwalten/handlungsfelder/<int:pk>/",
        manage.FieldEditView.as_view(),
        name="field_edit",
    ),
    path("<slug:cycle>/verwalten/ziele/neu/", manage.GoalEditView.as_view(), name="goal_create"),
    path("<slug:cycle>/verwalten/ziele/<int:pk>/", manage.GoalEditView.as_view(), name="goal_edit"),
    path(
        "<slug:cycle>/verwalten/massnahmen/neu/",
        manage.MeasureEditView.as_view(),
        name="measure_create",
    ),
    path(
        "<slug:cycle>/verwalten/massnahmen/<int:pk>/",
        manage.MeasureEditView.as_view(),
        name="measure_edit",
    ),
    path(
        "<slug:cycle>/verwalten/indikatoren/neu/",
        manage.IndicatorEditView.as_view(),
        name="indicator_create",
    ),
    path(
        "<slug:cycle>/verwalten/indikatoren/<int:pk>/",
        manage.IndicatorEditView.as_view(),
        name="indicator_edit",
    ),
    path(
        "<slug:cycle>/verwalten/foerderungen/neu/",
        manage.FundingLineEditView.as_view(),
        name="funding_line_create",
    ),
    path(
        "<slug:cycle>/verwalten/foerderungen/<int:pk>/",
        manage.FundingLineEditView.as_view(),
        name="funding_line_edit",
    ),
    path(
        "<slug:cycle>/verwalten/handlungsbedarfe/neu/",
        manage.OpenItemEditView.as_view(),
        name="open_item_create",
    ),
    path(
        "<slug:cycle>/verwalten/handlungsbedarfe/<int:pk>/",
        manage.OpenItemEditView.as_view(),
        name="open_item_edit",
    ),
    path(
        "<slug:cycle>/verwalten/handlungsbedarfe/<int:pk>/loeschen/",
        manage.OpenItemDeleteView.as_view(),
        name="open_item_delete",
    ),
    path(
        "<slug:cycle>/verwalten/phasen/<int:pk>/",
        manage.PhaseNoteEditView.as_view(),
        name="phase_note_edit",
    ),
    path("<slug:cycle>/zeitplan/", public.TimelineView.as_view(), name="timeline"),
    path("<slug:cycle>/handlungsfelder/<slug:field>/", public.FieldView.as_view(), name="field"),
    path("<slug:cycle>/massnahmen/", public.MeasureListView.as_view(), name="measures"),
    path("<slug:cycle>/massnahmen/<str:code>/", public.MeasureView.as_view(), name="measure"),
    path(
        "<slug:cycle>/massnahmen/<str:code>/sachstand/",
        staff.StatusReportCreateView.as_view(),
        name="report",
    ),
    path(
        "<slug:cycle>/massnahmen/<str:code>/sachstand/<int:report>/zurueckziehen/",
        staff.WithdrawReportView.as_view(),
        name="withdraw_report",
    ),
    path("<slug:cycle>/fortschreiben/", staff.RevisionView.as_view(), name="revise"),
    path(
        "<slug:cycle>/diagramme/<str:kind>-<int:pk>.svg",
        public.chart,
        name="chart",
    ),
]
