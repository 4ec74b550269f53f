"""Directory endpoints."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate
from ninja.security import django_auth

from teilhabe.directory.models import Department, Organisation
from teilhabe.tenants.models import Municipality

router = Router(tags=["directory"])


class MunicipalityOut(Schema):
    slug: str
    name: str
    official_name: str
    state: str


class DepartmentOut(Schema):
    id: int
    number: str
    name: str
    name_en: str
    kind: str
    is_sample: bool


class OrganisationOut(Schema):
    """Public fields only."""

    id: int
    slug: str
    name: str
    short_name: str
    type: str
    description: str
    description_en: str
    description_simple: str
    activities: list[str]
    languages: list[str]
    umbrellas: list[str]
    district: str
    website: str
    public_email: str
    public_phone: str
    address: str
    is_verified: bool
    is_sample: bool

    @staticmethod
    def resolve_activities(obj):
        return [a.code for a in obj.activities.all()]

    @staticmethod
    def resolve_languages(obj):
        return [lang.code for lang in obj.languages.all()]

    @staticmethod
    def resolve_umbrellas(obj):
        return [u.slug for u in obj.umbrellas.all()]


class OrganisationInternalOut(OrganisationOut):
    """Public fields plus what only the office and the representatives see."""

    is_published: bool
    internal_contact_name: str
    internal_contact_email: str
    internal_notes: str


class OrganisationPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=250)
    short_name: str | None = Field(None, max_length=60)
    description: str | None = None
    description_en: str | None = None
    description_simple: str | None = None
    district: str | None = Field(None, max_length=100)
    website: str | None = None
    public_email: str | None = None
    public_phone: str | None = Field(None, max_length=50)
    internal_contact_name: str | None = Field(None, max_length=200)
    internal_contact_email: str | None = None
    internal_notes: str | None = None


class OrganisationFilter(FilterSchema):
    q: str | None = None
    type: str | None = None
    activity: str | None = None
    language: str | None = None


def _municipality(slug):
    return get_object_or_404(Municipality, slug=slug, is_active=True)


def _organisations(municipality):
    return (
        Organisation.objects.for_municipality(municipality)
        .prefetch_related("activities", "languages", "umbrellas")
        .order_by("name")
    )


@router.get("/municipalities", response=list[MunicipalityOut])
def list_municipalities(request):
    return Municipality.objects.filter(is_active=True)


@router.get("/{municipality}/departments", response=list[DepartmentOut])
def list_departments(request, municipality: str):
    return Department.objects.for_municipality(_municipality(municipality))


@router.get("/{municipality}/organisations", response=list[OrganisationOut])
@paginate
def list_organisations(request, municipality: str, filters: Query[OrganisationFilter]):
    queryset = _organisations(_municipality(municipality)).published()
    if filters.q:
        queryset = queryset.search(filters.q)
    if filters.type:
        queryset = queryset.filter(type=filters.type)
    if filters.activity:
        queryset = queryset.filter(activities__code=filters.activity)
    if filters.language:
        queryset = queryset.filter(languages__code=filters.language)
    return queryset


@router.get("/{municipality}/organisations/{slug}", response=OrganisationOut)
def get_organisation(request, municipality: str, slug: str):
    return get_object_or_404(_organisations(_municipality(municipality)).published(), slug=slug)


@router.get(
    "/{municipality}/organisations/{slug}/internal",
    response=OrganisationInternalOut,
    auth=django_auth,
)
def get_organisation_internal(request, municipality: str, slug: str):
    organisation = get_object_or_404(_organisations(_municipality(municipality)), slug=slug)
    if not request.user.has_perm("directory.view_internal_organisation", organisation):
        raise PermissionDenied
    return organisation


@router.patch(
    "/{municipality}/organisations/{slug}", response=OrganisationInternalOut, auth=django_auth
)
def update_organisation(request, municipality: str, slug: str, payload: OrganisationPatch):
    with transaction.atomic():
        organisation = get_object_or_404(
            _organisations(_municipality(municipality)).select_for_update(of=("self",)), slug=slug
        )
        if not request.user.has_perm("directory.change_organisation", organisation):
            raise PermissionDenied
        for key, value in payload.dict(exclude_unset=True).items():
            setattr(organisation, key, value if value is not None else "")
        organisation.full_clean(exclude=["municipality", "activities", "languages", "umbrellas"])
        organisation.save()
    return organisation
