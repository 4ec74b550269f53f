"""The office keeps its municipality's reference data without the admin: venues, event
series and audience groups (events), departments (directory). Each kind is a list with
"New", "Edit" and "Delete" (with a confirmation page); the apps declare their kinds
with a form and a permission (``ReferenceKind``) and get their four addresses from
``reference_urls``.

A row still in use is not deleted (a venue of an event, a department that leads a
measure): the confirmation page names what uses it instead of offering the button,
and the delete service checks again under a lock of the row, so a use added in the
meantime still stops it."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from teilhabe.languages.templatetags.content_language import translated
from teilhabe.tenants.scoping import MunicipalityMixin

from .forms import ConfirmForm
from .services import InUse, delete_reference, save_reference, uses


@dataclass(frozen=True)
class ReferenceKind:
    """One kind of reference data: its model, the form that edits it (it takes a
    ``municipality`` keyword), the permission on the municipality, the URL names
    (``<app>:<name>_list`` and so on), the list's columns as (heading, attribute or
    callable) and the headings of its pages."""

    model: type
    form_class: type
    permission: str
    app: str
    name: str
    heading: str
    title_new: str
    title_edit: str  # with %(name)s
    columns: list = field(default_factory=list)
    ordering: tuple = ()

    def url(self, page, municipality, **kwargs):
        return reverse(
            f"{self.app}:{self.name}_{page}", kwargs={"municipality": municipality.slug, **kwargs}
        )


class ReferenceMixin(LoginRequiredMixin, MunicipalityMixin):
    kind: ReferenceKind = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.has_perm(self.kind.permission, self.municipality):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def queryset(self):
        return self.kind.model.objects.for_municipality(self.municipality)

    def get_object(self):
        return get_object_or_404(self.queryset(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "kind": self.kind,
            "list_url": self.kind.url("list", self.municipality),
        }


class ReferenceListView(ReferenceMixin, TemplateView):
    template_name = "web/reference/list.html"

    def get_context_data(self, **kwargs):
        rows = []
        for obj in self.queryset().order_by(*self.kind.ordering):
            cells = [
                value(obj) if callable(value) else getattr(obj, value)
                for _heading, value in self.kind.columns
            ]
            rows.append(
                {
                    "object": obj,
                    "cells": cells,
                    "edit_url": self.kind.url("edit", self.municipality, pk=obj.pk),
                    "delete_url": self.kind.url("delete", self.municipality, pk=obj.pk),
                }
            )
        return {
            **super().get_context_data(**kwargs),
            "headings": [heading for heading, _value in self.kind.columns],
            "rows": rows,
            "new_url": self.kind.url("new", self.municipality),
        }


class ReferenceEditView(ReferenceMixin, TemplateView):
    """New (no ``pk`` in the address) or edit."""

    template_name = "web/reference/edit.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = None

    def form(self):
        if self.object is None and "pk" in self.kwargs:
            self.object = self.get_object()
        instance = self.object or self.kind.model(municipality=self.municipality)
        data = self.request.POST if self.request.method == "POST" else None
        return self.kind.form_class(data, instance=instance, municipality=self.municipality)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        form = self.form()
        if not form.is_valid() or save_reference(form) is None:
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, _("Saved."))
        return redirect(self.kind.url("list", self.municipality))

    def get_context_data(self, **kwargs):
        if self.object is not None:
            heading = self.kind.title_edit % {"name": self.object}
        else:
            heading = capfirst(self.kind.title_new)
        return {**super().get_context_data(**kwargs), "heading": heading, "object": self.object}


class ReferenceDeleteView(ReferenceMixin, TemplateView):
    """Delete after a confirmation page; a row in use says what uses it."""

    template_name = "web/reference/delete.html"

    def get_context_data(self, **kwargs):
        obj = self.get_object()
        return {
            **super().get_context_data(**kwargs),
            "object": obj,
            "uses": kwargs["uses"] if "uses" in kwargs else uses(obj),
            "form": kwargs.get("form") or ConfirmForm(),
        }

    def post(self, request, *args, **kwargs):
        form = ConfirmForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        obj = self.get_object()
        try:
            delete_reference(obj)
        except InUse as error:
            return self.render_to_response(self.get_context_data(uses=error.uses), status=409)
        messages.success(request, _("“%(name)s” has been deleted.") % {"name": obj})
        return redirect(self.kind.url("list", self.municipality))


def text(field_name):
    """A list column showing a translated field in the reader's language (a fallback
    marked as such)."""
    return lambda obj: translated(obj, field_name)


def reference_urls(kind, prefix):
    """The four addresses of ``kind`` under ``prefix`` (e.g. "verwaltung/orte/")."""
    return [
        path(prefix, ReferenceListView.as_view(kind=kind), name=f"{kind.name}_list"),
        path(f"{prefix}neu/", ReferenceEditView.as_view(kind=kind), name=f"{kind.name}_new"),
        path(f"{prefix}<int:pk>/", ReferenceEditView.as_view(kind=kind), name=f"{kind.name}_edit"),
        path(
            f"{prefix}<int:pk>/loeschen/",
            ReferenceDeleteView.as_view(kind=kind),
            name=f"{kind.name}_delete",
        ),
    ]
