"""Forms of the consultation's public pages and of moderation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.web.forms import ConfirmForm  # noqa: F401 - views use it

from .comments import REPORT_MAX_LENGTH, clean_text
from .models import COMMENT_MAX_LENGTH


class CommentForm(forms.Form):
    """A comment on a section. Without an account: an optional name and the e-mail
    address the confirmation link goes to. A representative may sign for their
    organisation."""

    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=COMMENT_MAX_LENGTH,
        help_text=_("Plain text, at most %(limit)s characters.") % {"limit": COMMENT_MAX_LENGTH},
    )
    name = forms.CharField(
        label=_("Your name (optional, shown with the comment)"), max_length=100, required=False
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_(
            "We send you a link to confirm your comment and delete the address when you "
            "have confirmed. It is never shown."
        ),
    )
    organisation = forms.ModelChoiceField(
        label=_("Sign for"), queryset=None, required=False, empty_label=_("myself")
    )
    antwort = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, logged_in, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        if logged_in:
            del self.fields["email"]
            del self.fields["name"]
        if organisations:
            from teilhabe.directory.models import Organisation

            self.fields["organisation"].queryset = Organisation.objects.filter(
                pk__in=[o.pk for o in organisations]
            )
        else:
            del self.fields["organisation"]

    def clean_text(self):
        text = clean_text(self.cleaned_data["text"])
        if not text:
            raise forms.ValidationError(_("Please write a comment."))
        return text


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this comment?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=REPORT_MAX_LENGTH,
    )


class HideForm(forms.Form):
    """Hiding a comment: the reason, then (``confirm``) the confirmation step."""

    reason = forms.CharField(
        label=_("Reason for hiding"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Kept for the records; the public sees that a moderator hid the comment."),
    )
    confirm = forms.CharField(widget=forms.HiddenInput, required=False)
