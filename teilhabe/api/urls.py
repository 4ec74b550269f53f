from django.urls import path

from . import views

app_name = "api_tokens"

# Mounted at /konto/api-schluessel/ (the workspace's addresses).
urlpatterns = [
    path("", views.TokenListView.as_view(), name="list"),
    path("<int:pk>/widerrufen/", views.TokenRevokeView.as_view(), name="revoke"),
]
