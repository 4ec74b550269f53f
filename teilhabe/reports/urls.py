from django.urls import path

from .views import office, public

app_name = "reports"

urlpatterns = [
    path("<slug:cycle>/", public.LiveReportView.as_view(), name="live"),
    path("<slug:cycle>/fassung-<int:pk>/", public.PublishedReportView.as_view(), name="published"),
    path(
        "<slug:cycle>/fassung-<int:pk>.pdf",
        public.PublishedPdfView.as_view(),
        name="published_pdf",
    ),
    path("<slug:cycle>/verwalten/", office.ReportsView.as_view(), name="manage"),
    path("<slug:cycle>/verwalten/<int:pk>/", office.ReportStateView.as_view(), name="state"),
    path(
        "<slug:cycle>/verwalten/<int:pk>.pdf", office.ReportDownloadView.as_view(), name="download"
    ),
    path(
        "<slug:cycle>/verwalten/<int:pk>/veroeffentlichen/",
        office.PublishView.as_view(),
        name="publish",
    ),
]
