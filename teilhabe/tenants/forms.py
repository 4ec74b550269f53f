from teilhabe.web.forms import ReferenceForm

from .models import Municipality


class MunicipalityProfileForm(ReferenceForm):
    """What the office says about its municipality on the public pages. Its address
    (slug) and whether it is active are the operator's."""

    class Meta:
        model = Municipality
        fields = [
            "name",
            "official_name",
            "state",
            "office_name",
            "office_email",
            "website",
            "introduction",
        ]
