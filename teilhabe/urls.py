"""URLs. Public pages are language-prefixed (German without a prefix, /en/ and
/de-x-simple/ for the translations); a municipality's pages start with its slug.
The admin follows the same prefixes (/admin/, /en/admin/, ...), so the office reads it
in the language of the pages it came from; the API is not language-prefixed."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from teilhabe.api import api as rest_api
from teilhabe.api import docs as api_docs
from teilhabe.web import views as web_views

urlpatterns = [
    # The API answers every address under /api/ in JSON, its root (which django-ninja
    # keeps for reversing, with an HTML 404) and unknown addresses included.
    path("api/v1/", rest_api.unknown_address),
    path("api/v1/docs", api_docs.docs, name="api_docs"),
    path("api/v1/", rest_api.urls()),
    re_path(r"^api/", rest_api.unknown_address),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("konto/api-schluessel/", include("teilhabe.api.urls")),
    path("konto/", include("teilhabe.workspace.urls")),
    path("konto/", include("teilhabe.accounts.urls")),
    path("", include("teilhabe.web.urls")),
    path("<slug:municipality>/verzeichnis/", include("teilhabe.directory.urls")),
    path("<slug:municipality>/plan/", include("teilhabe.plan.urls")),
    path("<slug:municipality>/veranstaltungen/", include("teilhabe.events.urls")),
    path("<slug:municipality>/beteiligung/", include("teilhabe.consultation.urls")),
    path("<slug:municipality>/gremien/", include("teilhabe.bodies.urls")),
    path("<slug:municipality>/offene-daten/", include("teilhabe.exports.urls")),
    path("<slug:municipality>/datenimport/", include("teilhabe.imports.urls")),
    path("<slug:municipality>/berichte/", include("teilhabe.reports.urls")),
    path("<slug:municipality>/uebersetzungen/", include("teilhabe.languages.urls")),
    path("<slug:municipality>/postausgang/", include("teilhabe.mail.urls")),
    path("<slug:municipality>/einstellungen/", include("teilhabe.tenants.urls")),
    path("<slug:municipality>/personen/", include("teilhabe.accounts.people_urls")),
    prefix_default_language=False,
)

handler400 = web_views.bad_request
handler403 = web_views.permission_denied
handler404 = web_views.page_not_found
handler500 = web_views.server_error
