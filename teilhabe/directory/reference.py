"""The departments of the city administration, kept by the office
(teilhabe.web.reference)."""

from django.utils.translation import gettext_lazy as _

from teilhabe.web.reference import ReferenceKind, reference_urls, text

from .forms import DepartmentForm
from .models import Department

DEPARTMENTS = ReferenceKind(
    model=Department,
    form_class=DepartmentForm,
    permission="directory.manage_departments",
    app="directory",
    name="department",
    heading=_("City departments"),
    title_new=_("new department"),
    title_edit=_("Edit the department “%(name)s”"),
    columns=[
        (_("Name"), text("name")),
        (_("Number"), "number"),
        (_("Short name"), "short_name"),
        (_("Kind"), lambda department: department.get_kind_display()),
        (_("Contact e-mail (internal)"), "contact_email"),
    ],
    ordering=("number", "name__de"),
)

urlpatterns = reference_urls(DEPARTMENTS, "aemter/verwalten/")
