from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.views.generic import TemplateView

from teilhabe.directory.models import Department, Organisation
from teilhabe.tenants.models import Municipality
from teilhabe.tenants.scoping import MunicipalityMixin
from teilhabe.web.caching import public_page


@public_page
def landing(request):
    """Lists the municipalities; an installation with only one goes straight to it."""
    municipalities = list(Municipality.objects.active())
    if len(municipalities) == 1:
        return redirect(municipalities[0].get_absolute_url())
    return render(request, "web/landing.html", {"municipalities": municipalities})


@public_page
class MunicipalityHomeView(MunicipalityMixin, TemplateView):
    template_name = "web/municipality.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisations = Organisation.objects.for_municipality(self.municipality).published()
        context["organisation_stats"] = organisations.aggregate(
            total=Count("id"),
            migrant=Count("id", filter=Q(type=Organisation.Type.MIGRANT)),
            verified=Count("id", filter=Q(is_verified=True)),
        )
        context["department_count"] = Department.objects.for_municipality(self.municipality).count()
        return context


@public_page
class PageView(TemplateView):
    """The footer pages: imprint, privacy, accessibility statement."""


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)
