from django.urls import path

from . import views

app_name = "workspace"

# Mounted at /konto/, where ``accounts:dashboard`` (the page after logging in) is too.
urlpatterns = [
    path("", views.WorkspaceView.as_view(), name="home"),
]
