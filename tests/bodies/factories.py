"""factory_boy factories of bodies. Memberships go through ``services.add_membership``
as in production; meetings take their municipality from their body."""

from datetime import date, timedelta

import factory
from django.utils import timezone

from teilhabe.bodies import services
from teilhabe.bodies.models import Body, Meeting, Membership, MinutesFile, Person
from teilhabe.consultation import documents
from tests.consultation.factories import pdf_upload
from tests.factories import MunicipalityFactory, slugify


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = Body.Kind.EXPERT_GROUP
    name = factory.Sequence(lambda n: f"Arbeitsgruppe Nummer {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    description = "Die Gruppe begleitet die Umsetzung."
    starts_on = date(2021, 1, 1)
    is_public = True


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Erika Mitglied {n}")
    email = factory.Sequence(lambda n: f"mitglied{n}@example.org")
    name_is_public = False


def join(body, member, role=Membership.Role.MEMBER, starts_on=date(2021, 1, 1), **kwargs):
    """``member`` joins ``body`` (through the service, with its checks)."""
    return services.add_membership(body, member, role=role, starts_on=starts_on, **kwargs)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    municipality = factory.LazyAttribute(lambda o: o.body.municipality)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    place = "Rathaus, Raum 12"
    is_public = False


class MinutesFileFactory(factory.django.DjangoModelFactory):
    """Stored and checked as an upload is."""

    class Meta:
        model = MinutesFile

    meeting = factory.SubFactory(MeetingFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        upload = kwargs.pop("upload", None) or pdf_upload("protokoll.pdf")
        instance = model_class(*args, **kwargs)
        documents.store(instance, upload)
        instance.save()
        return instance
