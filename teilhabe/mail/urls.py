from django.urls import path

from . import views

app_name = "mail"

urlpatterns = [
    path("", views.MailLogView.as_view(), name="log"),
    path("<int:pk>/erneut-senden/", views.RetryMailView.as_view(), name="retry"),
]
