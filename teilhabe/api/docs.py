"""A readable page about the API at /api/v1/docs: the endpoints of the OpenAPI schema
with their methods, summaries and parameters, in the site's layout. Rendered from the
schema itself (no Swagger UI: its scripts would come from elsewhere or bring their own
accessibility problems), so it cannot disagree with the API."""

from django.shortcuts import render
from django.urls import reverse

METHODS = ("get", "post", "put", "patch", "delete")


def endpoints(schema):
    """[{"path", "method", "summary", "description", "parameters", "tag"}] in schema order."""
    found = []
    for path, operations in schema["paths"].items():
        for method in METHODS:
            operation = operations.get(method)
            if operation is None:
                continue
            found.append(
                {
                    "path": path,
                    "method": method.upper(),
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [p["name"] for p in operation.get("parameters", [])],
                    "tag": (operation.get("tags") or [""])[0],
                }
            )
    return found


def docs(request):
    from .api import api

    schema = api.get_openapi_schema(path_prefix=reverse("api:api-root"))
    return render(
        request,
        "api/docs.html",
        {
            "title": schema["info"]["title"],
            "description": schema["info"].get("description", ""),
            "endpoints": endpoints(schema),
            "schema_url": reverse("api:openapi-json"),
        },
    )
