"""factory_boy factories for every model the tests need."""

import factory
from django.utils.text import slugify as _slugify

from teilhabe.accounts.models import Role, User
from teilhabe.directory.models import ActivityField, Department, Language, Organisation
from teilhabe.tenants.models import Municipality


def german(text):
    """The German text of a translated field's value (a string or ``{code: text}``)."""
    return text.get("de", "") if isinstance(text, dict) else text


def slugify(text):
    return _slugify(german(text))


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Musterstadt {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    official_name = factory.LazyAttribute(lambda o: f"Stadt {o.name}")
    state = "Sachsen"
    office_name = "Integrationsbeauftragte"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    municipality = factory.SubFactory(MunicipalityFactory)
    number = factory.Sequence(lambda n: str(10 + n))
    name = factory.Sequence(lambda n: f"Amt Nummer {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Verein Nummer {n} e. V.")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    type = Organisation.Type.MIGRANT
    description = "Ein Verein, der Menschen beim Ankommen hilft."
    internal_contact_name = "Erika Intern"
    internal_contact_email = "intern@example.org"
    internal_notes = "Vertrauliche Notiz"

    @factory.post_generation
    def activities(self, create, extracted, **kwargs):
        if create and extracted:
            self.activities.set(ActivityField.objects.filter(code__in=extracted))

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.languages.set(Language.objects.filter(code__in=extracted))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", "richtig-geheim-123")

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    kind = Role.Kind.OFFICE_ADMIN

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):
        if create and extracted:
            self.departments.set(extracted)

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisations.set(extracted)


PASSWORD = "richtig-geheim-123"
