from django.urls import path

from . import views

app_name = "web"

urlpatterns = [
    path("", views.landing, name="landing"),
    path(
        "impressum/",
        views.PageView.as_view(template_name="web/pages/imprint.html"),
        name="imprint",
    ),
    path(
        "datenschutz/",
        views.PageView.as_view(template_name="web/pages/privacy.html"),
        name="privacy",
    ),
    path(
        "barrierefreiheit/",
        views.PageView.as_view(template_name="web/pages/accessibility.html"),
        name="accessibility",
    ),
    path("<slug:municipality>/", views.MunicipalityHomeView.as_view(), name="municipality"),
]
