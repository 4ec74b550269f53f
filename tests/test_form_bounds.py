"""Every number a person can type is bounded, so that 99999999999999999999 seats (or any
number the database cannot hold) is a form error and never a database error (500).

The walk covers every form class defined in teilhabe (the apps' forms modules) and every
form the admin builds for a teilhabe model; a numeric field counts as bounded when the
form field states ``min_value`` and ``max_value`` or, for a field a ModelForm takes from
its model, when the model field carries both validators (the ModelForm then refuses
what they refuse). Bounds must fit the column on PostgreSQL, the narrower database."""

import importlib
import inspect
import pkgutil
from decimal import Decimal

import pytest
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

import teilhabe
from teilhabe.accounts.models import Role
from teilhabe.events.models import MAX_CAPACITY, Event
from teilhabe.plan.models import StatusReport
from tests import factories
from tests.events.factories import EventFactory
from tests.plan.factories import (
    ConceptCycleFactory,
    FieldOfActionFactory,
    GoalFactory,
    MeasureFactory,
)

HUGE = "99999999999999999999"
NUMERIC_FORM_FIELDS = (forms.IntegerField, forms.DecimalField, forms.FloatField)
# What the columns hold on PostgreSQL (SQLite holds more).
COLUMN_RANGES = {
    "SmallIntegerField": (-32768, 32767),
    "PositiveSmallIntegerField": (0, 32767),
    "IntegerField": (-2147483648, 2147483647),
    "PositiveIntegerField": (0, 2147483647),
    "BigIntegerField": (-(2**63), 2**63 - 1),
    "PositiveBigIntegerField": (0, 2**63 - 1),
}


def teilhabe_form_classes():
    """Form classes defined in teilhabe's modules named forms (or in a forms package)."""
    classes = set()
    for module_info in pkgutil.walk_packages(teilhabe.__path__, "teilhabe."):
        if "forms" not in module_info.name.split(".") or "migrations" in module_info.name:
            continue
        module = importlib.import_module(module_info.name)
        for _name, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, forms.BaseForm) and obj.__module__ == module.__name__:
                classes.add(obj)
    return sorted(classes, key=lambda c: f"{c.__module__}.{c.__name__}")


def admin_form_classes():
    request = RequestFactory().get("/admin/")
    request.user = factories.UserFactory.build(is_superuser=True, is_staff=True)
    classes = []
    for model, model_admin in admin.site._registry.items():
        if model.__module__.startswith("teilhabe."):
            classes.append(model_admin.get_form(request))
            for inline in model_admin.get_inline_instances(request):
                classes.append(inline.get_formset(request).form)
    return classes


def model_field_of(form_class, name):
    meta = getattr(form_class, "_meta", None)
    model = getattr(meta, "model", None)
    if model is None or name in getattr(form_class, "declared_fields", {}):
        return None
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - not a model field: the form field must be bounded
        return None


def limit(validators, kind):
    values = [v.limit_value for v in validators if isinstance(v, kind)]
    return values[0] if values else None


def bounds(form_class, name, field):
    """(min, max) a form or its model field enforces, each None when unbounded."""
    low, high = field.min_value, field.max_value
    model_field = model_field_of(form_class, name)
    if model_field is not None:
        # Declared by us (``_validators``), not the database range Django adds itself.
        low = low if low is not None else limit(model_field._validators, MinValueValidator)
        high = high if high is not None else limit(model_field._validators, MaxValueValidator)
    return low, high


def column_range(model_field):
    if isinstance(model_field, models.DecimalField):
        largest = Decimal(10) ** (model_field.max_digits - model_field.decimal_places)
        return -largest, largest
    return COLUMN_RANGES.get(model_field.get_internal_type(), (None, None))


@pytest.mark.django_db
def test_every_numeric_field_of_every_form_is_bounded():
    form_classes = teilhabe_form_classes() + admin_form_classes()
    names = {c.__name__ for c in form_classes}
    assert {"StatusReportForm", "CapacityForm", "FeedbackForm"} <= names  # the walk works
    checked, unbounded = 0, []
    for form_class in form_classes:
        for name, field in form_class.base_fields.items():
            if not isinstance(field, NUMERIC_FORM_FIELDS):
                continue
            checked += 1
            low, high = bounds(form_class, name, field)
            where = f"{form_class.__module__}.{form_class.__name__}.{name}"
            if low is None or high is None:
                unbounded.append(where)
                continue
            model_field = model_field_of(form_class, name)
            if model_field is not None:
                smallest, largest = column_range(model_field)
                assert smallest is None or low >= smallest, where
                assert largest is None or high <= largest, where
    assert checked >= 10  # plan, events and the admin's numbers were seen
    assert unbounded == []


# --- The numbers themselves, posted -----------------------------------------------------------


def test_a_huge_capacity_is_a_form_error(client, municipality):
    office = factories.RoleFactory(municipality=municipality, kind=Role.Kind.OFFICE_ADMIN).user
    event = EventFactory(municipality=municipality, capacity=10)
    client.force_login(office)
    url = reverse("events:manage", kwargs={"municipality": "dresden", "slug": event.slug})
    response = client.post("/en" + url, {"action": "capacity", "capacity": HUGE})
    assert response.status_code == 400
    assert "less than or equal to 100000" in response.content.decode()
    assert Event.objects.get(pk=event.pk).capacity == 10


@pytest.mark.parametrize("capacity", [MAX_CAPACITY + 1, int(HUGE), 0])
def test_the_model_refuses_a_capacity_out_of_bounds(municipality, capacity):
    """The admin and every ModelForm of an event validate through the model."""
    event = EventFactory(municipality=municipality, capacity=10)
    event.capacity = capacity
    with pytest.raises(ValidationError) as refused:
        event.full_clean()
    assert "capacity" in refused.value.message_dict


@pytest.mark.parametrize("field", ["progress", "author_department"])
def test_a_huge_number_in_the_status_report_form_is_a_form_error(client, municipality, field):
    department = factories.DepartmentFactory(municipality=municipality)
    cycle = ConceptCycleFactory(municipality=municipality)
    measure = MeasureFactory(
        goal=GoalFactory(field=FieldOfActionFactory(cycle=cycle)), lead_departments=[department]
    )
    editor = factories.RoleFactory(
        municipality=municipality, kind=Role.Kind.DEPARTMENT_EDITOR, departments=[department]
    ).user
    client.force_login(editor)
    data = {
        "reported_on": timezone.localdate().isoformat(),
        "status": "in_progress",
        "progress": "40",
        "text": "Läuft.",
        "author_department": str(department.pk),
        field: HUGE,
    }
    url = reverse(
        "plan:report",
        kwargs={"municipality": "dresden", "cycle": cycle.slug, "code": measure.code},
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not StatusReport.objects.exists()
