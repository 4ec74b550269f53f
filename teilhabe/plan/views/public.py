"""The public plan portal (being written)."""

from django.http import Http404
from django.views import View


class _Pending(View):
    def get(self, request, *args, **kwargs):
        raise Http404


CycleListView = CycleView = TimelineView = FieldView = MeasureListView = MeasureView = _Pending


def chart(request, *args, **kwargs):
    raise Http404
