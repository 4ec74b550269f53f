from django.urls import path

from .views import public, staff

app_name = "plan"

urlpatterns = [
    path("", public.CycleListView.as_view(), name="cycles"),
    path("meine-massnahmen/", staff.MyMeasuresView.as_view(), name="my_measures"),
    path("ueberfaellig/", staff.OverdueView.as_view(), name="overdue"),
    path("<slug:cycle>/", public.CycleView.as_view(), name="cycle"),
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
