"""Staff pages of events (being written)."""

from django.http import Http404
from django.views import View


class _Pending(View):
    def get(self, request, *args, **kwargs):
        raise Http404


ParticipantListView = CheckInView = ManageView = InvitationsView = ResultsView = _Pending


def export(request, *args, **kwargs):
    raise Http404
