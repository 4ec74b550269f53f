"""The footer's API link leads to a readable page listing every endpoint of the
OpenAPI schema, served by the site itself (no scripts from elsewhere), and every page
names a favicon that exists."""

from django.contrib.staticfiles import finders
from django.urls import reverse

from teilhabe.api.api import api


def test_the_api_docs_list_every_endpoint_of_the_schema(client, municipality):
    landing = client.get("/dresden/").content.decode()
    assert f'href="{reverse("api_docs")}"' in landing
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    schema = api.get_openapi_schema(path_prefix=reverse("api:api-root"))
    assert schema["paths"]
    for path in schema["paths"]:
        assert f'<code class="api-path">{path}</code>' in page
    assert 'href="/api/v1/openapi.json"' in page
    assert "cdn" not in page.lower() and '<script src="http' not in page


def test_every_page_names_the_favicon(client, municipality):
    page = client.get("/dresden/").content.decode()
    assert '<link rel="icon" href="/static/teilhabe/favicon.svg" type="image/svg+xml">' in page
    assert finders.find("teilhabe/favicon.svg")
