from django.urls import path

from . import views

app_name = "tenants"

urlpatterns = [
    path("", views.MunicipalityProfileView.as_view(), name="profile"),
]
