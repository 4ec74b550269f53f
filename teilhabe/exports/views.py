"""The public open-data page of a municipality and its files. Public pages (cacheable
like every public page); each file is read with a fixed number of queries."""

from django.http import Http404, HttpResponse
from django.utils.translation import get_language
from django.views.generic import TemplateView, View

from teilhabe.tenants.scoping import MunicipalityMixin
from teilhabe.web.caching import public_page
from teilhabe.web.ratelimit import is_limited, per_minute, too_many_requests

from . import files, package
from .datasets import DATASETS


def attachment(content, fmt, filename):
    response = HttpResponse(content, content_type=files.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _text_language(language):
    text_language = "de" if language.startswith("de") else "en"
    return "" if text_language == language else text_language


@public_page
class OpenDataView(MunicipalityMixin, TemplateView):
    """The datasets with their files, their columns (the data dictionary), the package
    and the catalogue."""

    template_name = "exports/open_data.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        language = get_language()
        context.update(
            datasets=[
                {
                    "slug": d.slug,
                    "title": d.title(language),
                    "description": d.description(language),
                    # The texts are German or English: marked where the page is in another.
                    "lang": _text_language(language),
                    "columns": [
                        {"name": c.name, "type": c.type, "meaning": c.meaning(language)}
                        for c in d.columns
                    ],
                }
                for d in DATASETS.values()
            ],
            formats=package.FORMATS,
            license=package.LICENSE,
            license_name=package.LICENSE_NAME,
        )
        return context


@public_page
class DatasetFileView(MunicipalityMixin, View):
    def get(self, request, *args, **kwargs):
        dataset = DATASETS.get(kwargs["dataset"])
        fmt = kwargs["fmt"]
        if dataset is None or fmt not in package.FORMATS:
            raise Http404
        # A workbook costs a server process seconds: counted per address like the public
        # forms (a page-cached copy is answered before this view).
        if fmt == "xlsx" and is_limited(request, "open-data", rate=per_minute()):
            return too_many_requests(request)
        content = package.dataset_file(dataset, self.municipality, fmt)
        return attachment(content, fmt, f"{self.municipality.slug}-{dataset.slug}.{fmt}")


@public_page
class PackageView(MunicipalityMixin, View):
    def get(self, request, *args, **kwargs):
        if is_limited(request, "open-data", rate=per_minute()):
            return too_many_requests(request)
        content = package.package(self.municipality)
        return attachment(content, "zip", f"{self.municipality.slug}-offene-daten.zip")


@public_page
class CatalogueView(MunicipalityMixin, View):
    def get(self, request, *args, **kwargs):
        return HttpResponse(
            package.catalogue(self.municipality), content_type="application/ld+json"
        )


@public_page
class DictionaryView(MunicipalityMixin, View):
    def get(self, request, *args, **kwargs):
        return attachment(package.dictionary_csv(), "csv", "datenlexikon.csv")
