"""The API's pagination (NINJA_PAGINATION_CLASS): ninja's limit/offset with both bounded,
so that a huge ``limit`` or ``offset`` is a 422 with a reason, never a query the database
refuses (integers of 2^63 and more) nor a page with the whole table."""

from ninja import Field, Schema
from ninja.conf import settings
from ninja.pagination import LimitOffsetPagination

# Far beyond any list of the platform, far below 2^63 (SQLite and PostgreSQL).
MAX_OFFSET = 1_000_000
# The schema says what the database can hold, so that a client (and schemathesis) knows
# where the integers end.
INT64 = {"format": "int64"}


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(
            settings.PAGINATION_PER_PAGE,
            ge=1,
            le=settings.PAGINATION_MAX_LIMIT,
            description="Items per page",
            json_schema_extra=INT64,
        )
        offset: int = Field(
            0, ge=0, le=MAX_OFFSET, description="Items to skip", json_schema_extra=INT64
        )
