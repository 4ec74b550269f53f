"""Load the Dresden demo data (teilhabe.demo.dresden) into the database.

Idempotent: every row is found by its natural key (municipality slug, department
number or name, organisation slug, user e-mail) and only written when it differs
from the data, so a second run changes nothing and reports every row "unchanged".
Everything runs in one transaction: a mistake in the data leaves the database as it was.
"""

from collections import Counter

from django.db import transaction

from teilhabe.accounts.models import Role, User
from teilhabe.directory.models import (
    ActivityField,
    Department,
    Language,
    Organisation,
    UmbrellaMembership,
)
from teilhabe.directory.vocabulary import load_vocabulary
from teilhabe.tenants.models import Municipality

from . import dresden

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"

# Organisation fields a row in dresden.ORGANISATIONS may leave out.
ORGANISATION_DEFAULTS = {
    "short_name": "", "description_en": "", "description_simple": "", "district": "",
    "website": "", "public_email": "", "public_phone": "", "address": "",
    "is_verified": False, "is_published": True,
}


def load_dresden():
    """Load all Dresden demo data. Returns {kind: Counter(created/updated/unchanged)}."""
    report = {}
    with transaction.atomic():
        # The vocabulary comes with a migration; loading it again is a cheap safeguard.
        load_vocabulary(ActivityField, Language)
        municipality, status = upsert(
            Municipality, {"slug": dresden.MUNICIPALITY["slug"]}, dresden.MUNICIPALITY
        )
        report["municipalities"] = Counter({status: 1})
        departments, report["departments"] = load_departments(municipality)
        organisations, report["organisations"] = load_organisations(municipality)
        report["umbrella memberships"] = load_umbrella_memberships(organisations)
        report["demo users"] = load_users(municipality, departments, organisations)
    return report


def upsert(model, lookup, values):
    """Like QuerySet.update_or_create, but saves only when a value differs, so that
    running the loader again neither writes nor touches updated_at."""
    values = {k: v for k, v in values.items() if k not in lookup}
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        status = CREATED
    elif any(getattr(obj, field) != value for field, value in values.items()):
        for field, value in values.items():
            setattr(obj, field, value)
        status = UPDATED
    else:
        return obj, UNCHANGED
    obj.full_clean()
    obj.save()
    return obj, status


def load_departments(municipality):
    """Departments keyed like dresden.department_key: by number, else by name."""
    departments, counts = {}, Counter()
    for row in dresden.DEPARTMENTS:
        lookup = {"municipality": municipality}
        if row["number"]:
            lookup["number"] = row["number"]
        else:
            lookup["name"] = row["name"]
        department, status = upsert(Department, lookup, row)
        departments[dresden.department_key(row)] = department
        counts[status] += 1
    return departments, counts


def load_organisations(municipality):
    organisations, counts = {}, Counter()
    for row in dresden.ORGANISATIONS:
        values = {**ORGANISATION_DEFAULTS, **row}
        activities = values.pop("activities", [])
        languages = values.pop("languages", [])
        if not values["is_verified"]:
            values["verified_at"] = None
        organisation, status = upsert(
            Organisation, {"municipality": municipality, "slug": row["slug"]}, values
        )
        if organisation.is_verified and organisation.verified_at is None:
            organisation.mark_verified()
            organisation.save(update_fields=["is_verified", "verified_at"])
        m2m_changed = _set_codes(organisation.activities, ActivityField, activities)
        m2m_changed |= _set_codes(organisation.languages, Language, languages)
        if m2m_changed:
            organisation.refresh_search_text()
            status = UPDATED if status == UNCHANGED else status
        organisations[row["slug"]] = organisation
        counts[status] += 1
    return organisations, counts


def _set_codes(manager, model, codes):
    """Set a many-to-many field to the vocabulary entries with these codes; True if
    it changed. Unknown codes are a mistake in the data, not something to skip."""
    wanted = list(model.objects.filter(code__in=codes))
    missing = set(codes) - {entry.code for entry in wanted}
    if missing:
        raise ValueError(f"Unknown {model.__name__} codes in demo data: {sorted(missing)}")
    return _set_related(manager, wanted)


def load_umbrella_memberships(organisations):
    counts = Counter()
    for member, umbrella in dresden.UMBRELLA_MEMBERSHIPS:
        _, created = UmbrellaMembership.objects.get_or_create(
            member=organisations[member], umbrella=organisations[umbrella]
        )
        counts[CREATED if created else UNCHANGED] += 1
    return counts


def load_users(municipality, departments, organisations):
    counts = Counter()
    for row in dresden.USERS:
        user = User.objects.filter(email__iexact=row["email"]).first()
        if user is None:
            user = User.objects.create_user(
                row["email"], row["password"], full_name=row["full_name"], is_demo=True
            )
            status = CREATED
        else:
            status = _update_user(user, row)
        role, role_created = Role.objects.get_or_create(
            user=user, municipality=municipality, kind=row["role"]
        )
        changed = _set_related(
            role.departments, [departments[key] for key in row.get("departments", [])]
        )
        changed |= _set_related(
            role.organisations, [organisations[s] for s in row.get("organisations", [])]
        )
        if status == UNCHANGED and (role_created or changed):
            status = UPDATED
        counts[status] += 1
    return counts


def _update_user(user, row):
    """Bring an existing demo user back to the data: name, demo flag, password."""
    wanted = {"full_name": row["full_name"], "is_demo": True, "is_active": True}
    changed = [field for field, value in wanted.items() if getattr(user, field) != value]
    for field in changed:
        setattr(user, field, wanted[field])
    if not user.check_password(row["password"]):
        user.set_password(row["password"])
        changed.append("password")
    if not changed:
        return UNCHANGED
    user.save()
    return UPDATED


def _set_related(manager, objects):
    """Set a many-to-many field; True if it changed, so the row counts as updated."""
    if {obj.pk for obj in manager.all()} == {obj.pk for obj in objects}:
        return False
    manager.set(objects)
    return True
