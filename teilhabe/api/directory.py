"""Directory endpoints: municipalities, departments, published organisations; and for
the office and an organisation's representatives its internal fields and changes."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, FilterSchema, Query, Router, Schema, Status
from ninja.pagination import paginate

from teilhabe.directory import services as directory_services
from teilhabe.directory.models import Department, Organisation
from teilhabe.languages.forms import merge_form_texts
from teilhabe.tenants.models import Municipality
from teilhabe.tenants.scoping import active_municipality

from .auth import STAFF
from .schemas import Input, Moment, Slug, Text, Translated, TranslatedInput, choice, errors

router = Router(tags=["directory"])


class MunicipalityOut(Schema):
    slug: str
    name: str
    official_name: str
    state: str


class DepartmentOut(Schema):
    id: int
    number: str
    name: Translated
    kind: str
    is_sample: bool


class OrganisationOut(Schema):
    """Public fields only."""

    id: int
    slug: str
    name: str
    short_name: str
    type: str
    description: Translated
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


class OrganisationPatch(Input):
    name: Text | None = Field(None, min_length=1, max_length=250)
    short_name: Text | None = Field(None, max_length=60)
    description: TranslatedInput | None = None
    district: Text | None = Field(None, max_length=100)
    website: Text | None = None
    public_email: Text | None = None
    public_phone: Text | None = Field(None, max_length=50)
    internal_contact_name: Text | None = Field(None, max_length=200)
    internal_contact_email: Text | None = None
    internal_notes: Text | None = None


class OrganisationFilter(FilterSchema):
    q: Text | None = None
    type: Text | None = None
    activity: Text | None = None
    language: Text | None = None
    updated_since: Moment | None = Field(
        None, description="Only organisations whose profile changed at or after this time"
    )


class DepartmentFilter(FilterSchema):
    kind: choice(Department.Kind) | None = None


def _organisations(municipality):
    return (
        Organisation.objects.for_municipality(municipality)
        .prefetch_related("activities", "languages", "umbrellas")
        .order_by("name")
    )


@router.get("/municipalities", response=list[MunicipalityOut])
def list_municipalities(request):
    return Municipality.objects.active()


@router.get("/{municipality}/departments", response={200: list[DepartmentOut], **errors(404, 422)})
def list_departments(request, municipality: Slug, filters: Query[DepartmentFilter]):
    """The municipality's departments (a short list: not paginated). Their ids are
    what a measure's departments are given as."""
    departments = Department.objects.for_municipality(active_municipality(municipality))
    if filters.kind:
        departments = departments.filter(kind=filters.kind)
    return departments


@router.get(
    "/{municipality}/organisations", response={200: list[OrganisationOut], **errors(404, 422)}
)
@paginate
def list_organisations(request, municipality: Slug, filters: Query[OrganisationFilter]):
    queryset = _organisations(active_municipality(municipality)).published()
    if filters.q:
        queryset = queryset.search(filters.q)
    if filters.type:
        queryset = queryset.filter(type=filters.type)
    if filters.activity:
        queryset = queryset.filter(activities__code=filters.activity)
    if filters.language:
        queryset = queryset.filter(languages__code=filters.language)
    if filters.updated_since:
        since = filters.updated_since
        if timezone.is_naive(since):
            since = timezone.make_aware(since)
        queryset = queryset.filter(updated_at__gte=since)
    return queryset


@router.get(
    "/{municipality}/organisations/{slug}", response={200: OrganisationOut, **errors(404, 422)}
)
def get_organisation(request, municipality: Slug, slug: Slug):
    organisations = _organisations(active_municipality(municipality)).published()
    return get_object_or_404(organisations, slug=slug)


@router.get(
    "/{municipality}/organisations/{slug}/internal",
    response={200: OrganisationInternalOut, **errors(401, 403, 404, 422)},
    auth=STAFF,
)
def get_organisation_internal(request, municipality: Slug, slug: Slug):
    organisation = get_object_or_404(_organisations(active_municipality(municipality)), slug=slug)
    if not request.user.has_perm("directory.view_internal_organisation", organisation):
        raise PermissionDenied
    return organisation


@router.patch(
    "/{municipality}/organisations/{slug}",
    response={
        200: OrganisationInternalOut,
        202: OrganisationInternalOut,
        **errors(400, 401, 403, 404, 422, 429),
    },
    auth=STAFF,
)
def update_organisation(request, municipality: Slug, slug: Slug, payload: OrganisationPatch):
    with transaction.atomic():
        organisations = _organisations(active_municipality(municipality))
        organisation = get_object_or_404(organisations.select_for_update(of=("self",)), slug=slug)
        if not request.user.has_perm("directory.change_organisation", organisation):
            raise PermissionDenied
        languages = organisation.municipality.offered_languages()
        for key, value in payload.dict(exclude_unset=True).items():
            if key in Organisation.translated_field_names():
                try:
                    value = merge_form_texts(getattr(organisation, key), value or {}, languages)
                except ValidationError as error:
                    raise ValidationError({key: error.messages}) from error
            setattr(organisation, key, value if value is not None else "")
        organisation.full_clean(exclude=["municipality", "activities", "languages", "umbrellas"])
        # A representative's change to a verified profile waits for the office
        # (202, the profile as it stands); see teilhabe.directory.services.
        values = {
            key: directory_services.stored_value(organisation, key)
            for key in payload.dict(exclude_unset=True)
        }
        change = directory_services.save_or_propose(organisation, values, by=request.user)
    organisation.refresh_from_db()
    return Status(202 if change is not None else 200, organisation)
