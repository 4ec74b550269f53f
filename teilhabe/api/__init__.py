"""API: the REST interface (django-ninja, OpenAPI 3 at /api/v1/openapi.json). Public
endpoints return only public data; staff endpoints check the same permission
predicates as the pages."""
