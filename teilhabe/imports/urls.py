"""Addresses of the office's imports, under /<municipality>/datenimport/."""

from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.UploadView.as_view(), name="upload"),
    path("<int:pk>/", views.ImportView.as_view(), name="import"),
    path("vorlage/<str:kind>.<str:fmt>", views.template_file, name="template"),
]
