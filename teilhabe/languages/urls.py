from django.urls import path

from . import views

app_name = "languages"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("sprachen/", views.ContentLanguagesView.as_view(), name="content_languages"),
    path("import/", views.ImportView.as_view(), name="import"),
    path("import/<int:pk>/", views.ImportPreviewView.as_view(), name="import_preview"),
    path("<str:language>/", views.LanguageView.as_view(), name="language"),
    path("<str:language>/export/", views.ExportView.as_view(), name="export"),
]
