"""A municipality's open data as files: each dataset as CSV, XLSX or JSON, the data
dictionary, the DCAT-AP catalogue (JSON-LD) and the whole package as one ZIP.

Open-data CSVs write times in ISO 8601 with their offset (the office's spreadsheets
elsewhere use ``DD.MM.YYYY HH:MM``). The catalogue follows DCAT-AP (and DCAT-AP.de's
licence vocabulary): a ``dcat:Catalog`` whose publisher is the municipality, with a
``dcat:Dataset`` per dataset and a ``dcat:Distribution`` per file format, each with its
licence and the date of the last change to the municipality's public content."""

import io
import json
import zipfile

from django.urls import reverse

from teilhabe.web import caching

from . import files
from .datasets import DATASETS, absolute

# Datenlizenz Deutschland – Namensnennung – Version 2.0, as DCAT-AP.de names it.
LICENSE = "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
LICENSE_NAME = "Datenlizenz Deutschland – Namensnennung – Version 2.0"
FORMATS = ("csv", "xlsx", "json")
# EU file-type vocabulary (dct:format), as DCAT-AP asks.
FILE_TYPES = {
    "csv": "http://publications.europa.eu/resource/authority/file-type/CSV",
    "xlsx": "http://publications.europa.eu/resource/authority/file-type/XLSX",
    "json": "http://publications.europa.eu/resource/authority/file-type/JSON",
    "zip": "http://publications.europa.eu/resource/authority/file-type/ZIP",
}
DICTIONARY_HEADERS = ["dataset", "column", "type", "meaning_de", "meaning_en"]


def dataset_file(dataset, municipality, fmt):
    """The bytes of ``dataset`` as ``fmt`` (csv, xlsx or json)."""
    headers, rows = dataset.headers, dataset.rows(municipality)
    if fmt == "csv":
        return files.as_csv(headers, rows, datetime_format=None)
    if fmt == "xlsx":
        return files.as_xlsx(
            headers, rows, title=files.sheet_title(dataset.slug, dataset.slug), wrap=False
        )
    return files.as_json(
        headers,
        rows,
        dataset=dataset.slug,
        title=dataset.title_de,
        publisher=municipality.official_name or municipality.name,
        license=LICENSE,
    )


def dictionary_rows():
    for dataset in DATASETS.values():
        for column in dataset.columns:
            yield [dataset.slug, column.name, column.type, column.meaning_de, column.meaning_en]


def dictionary_csv():
    return files.as_csv(DICTIONARY_HEADERS, dictionary_rows())


def _address(name, municipality, **kwargs):
    return absolute(
        reverse(f"exports:{name}", kwargs={"municipality": municipality.slug, **kwargs})
    )


def _texts(de, en):
    return [{"@language": "de", "@value": de}, {"@language": "en", "@value": en}]


def catalogue(municipality):
    """The DCAT-AP catalogue of the municipality's datasets, as a JSON-LD document."""
    modified = caching.content_modified(municipality.pk).date().isoformat()
    publisher = {
        "@type": "foaf:Organization",
        "foaf:name": municipality.official_name or municipality.name,
    }
    if municipality.website:
        publisher["foaf:homepage"] = {"@id": municipality.website}
    page = _address("open_data", municipality)
    datasets = []
    for dataset in DATASETS.values():
        distributions = [
            {
                "@id": _address("dataset", municipality, dataset=dataset.slug, fmt=fmt),
                "@type": "dcat:Distribution",
                "dct:title": f"{dataset.title_de} ({fmt.upper()})",
                "dcat:accessURL": {"@id": page},
                "dcat:downloadURL": {
                    "@id": _address("dataset", municipality, dataset=dataset.slug, fmt=fmt)
                },
                "dcat:mediaType": files.CONTENT_TYPES[fmt].split(";")[0],
                "dct:format": {"@id": FILE_TYPES[fmt]},
                "dct:license": {"@id": LICENSE},
                "dct:modified": {"@value": modified, "@type": "xsd:date"},
            }
            for fmt in FORMATS
        ]
        datasets.append(
            {
                "@id": f"{page}#{dataset.slug}",
                "@type": "dcat:Dataset",
                "dct:identifier": f"{municipality.slug}/{dataset.slug}",
                "dct:title": _texts(dataset.title_de, dataset.title_en),
                "dct:description": _texts(dataset.description_de, dataset.description_en),
                "dct:publisher": publisher,
                "dct:license": {"@id": LICENSE},
                "dct:modified": {"@value": modified, "@type": "xsd:date"},
                "dcat:landingPage": {"@id": page},
                "dcat:distribution": distributions,
            }
        )
    name = municipality.official_name or municipality.name
    document = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": _address("catalogue", municipality),
        "@type": "dcat:Catalog",
        "dct:title": _texts(
            f"Offene Daten zum Integrationskonzept: {name}",
            f"Open data of the integration concept: {name}",
        ),
        "dct:description": _texts(
            "Maßnahmen, Organisationen, Ämter und Veranstaltungen als CSV, XLSX und JSON.",
            "Measures, organisations, departments and events as CSV, XLSX and JSON.",
        ),
        "dct:publisher": publisher,
        "dct:license": {"@id": LICENSE},
        "dct:modified": {"@value": modified, "@type": "xsd:date"},
        "dcat:dataset": datasets,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def package(municipality):
    """The ZIP: a CSV per dataset, the data dictionary (``datenlexikon.csv``), the
    catalogue (``dcat.jsonld``) and a short note on the licence. Its files are dated
    with the last change of the public content, so the same content gives the same bytes
    (and the same ETag)."""
    stamp = caching.content_modified(municipality.pk).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def write(name, content):
            info = zipfile.ZipInfo(name, date_time=stamp)
            archive.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)

        for dataset in DATASETS.values():
            write(f"{dataset.slug}.csv", dataset_file(dataset, municipality, "csv"))
        write("datenlexikon.csv", dictionary_csv())
        write("dcat.jsonld", catalogue(municipality))
        write(
            "LIESMICH.txt",
            f"{municipality.official_name or municipality.name}\n\n"
            f"Lizenz / licence: {LICENSE_NAME} ({LICENSE})\n"
            f"Quelle / source: {_address('open_data', municipality)}\n"
            "datenlexikon.csv: jede Spalte mit Typ und Bedeutung (deutsch, englisch) / "
            "every column with its type and meaning (German, English)\n",
        )
    return buffer.getvalue()
