"""Addresses of the open data, under /<municipality>/offene-daten/."""

from django.urls import path

from . import views

app_name = "exports"

urlpatterns = [
    path("", views.OpenDataView.as_view(), name="open_data"),
    path("offene-daten.zip", views.PackageView.as_view(), name="package"),
    path("katalog.jsonld", views.CatalogueView.as_view(), name="catalogue"),
    path("datenlexikon.csv", views.DictionaryView.as_view(), name="dictionary"),
    path("<slug:dataset>.<str:fmt>", views.DatasetFileView.as_view(), name="dataset"),
]
