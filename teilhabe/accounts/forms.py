from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from teilhabe.directory.models import Department, Organisation
from teilhabe.mail.services import queue_mail
from teilhabe.web.forms import ConfirmForm
from teilhabe.web.ratelimit import is_limited

from .models import Role, User


class LoginForm(auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    error_messages = {
        "invalid_login": _("E-mail address and password do not match an active account."),
        "inactive": _("This account is inactive."),
    }


def reset_mail_rate():
    per_hour = settings.TEILHABE_PASSWORD_RESET_MAILS_PER_HOUR
    return f"{per_hour}/h" if per_hour else None


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Puts the reset mail in the outbox (teilhabe.mail) instead of sending it directly,
    at most TEILHABE_PASSWORD_RESET_MAILS_PER_HOUR per e-mail address. Past that limit,
    and for unknown addresses, nothing is sent and the page says the same."""

    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def get_users(self, email):
        """Active accounts with this address. Unlike Django's, also those without a
        usable password: a person the office invited (teilhabe.accounts.people) whose
        link expired before they chose a password asks here for a new one."""
        return User.objects.filter(email__iexact=email, is_active=True)

    def save(self, request=None, **kwargs):
        email = self.cleaned_data["email"]
        address = email.strip().casefold()
        if request is not None and is_limited(
            request, "password-reset-mail", rate=reset_mail_rate(), key=lambda *_: address
        ):
            return
        for user in self.get_users(email):
            queue_mail(
                to=user.email,
                subject=_("Reset your password"),
                template="accounts/mail/password_reset",
                purpose="password_reset",
                context={
                    "user": user,
                    "uid": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": default_token_generator.make_token(user),
                    "base_url": request.build_absolute_uri("/").rstrip("/") if request else "",
                },
            )


# --- The office's people (teilhabe.accounts.people) ---------------------------------------


class RoleChoicesForm(forms.Form):
    """The departments and organisations a role names: those of the office's own
    municipality only (another's id is "not one of the available choices"), and only
    with the role that uses them."""

    departments = forms.ModelMultipleChoiceField(
        label=capfirst(Role._meta.get_field("departments").verbose_name),
        help_text=Role._meta.get_field("departments").help_text,
        queryset=Department.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisations = forms.ModelMultipleChoiceField(
        label=capfirst(Role._meta.get_field("organisations").verbose_name),
        help_text=Role._meta.get_field("organisations").help_text,
        queryset=Organisation.objects.none(),
        required=False,
    )
    # Which role needs which of the fields above.
    needed_by = {
        "departments": Role.Kind.DEPARTMENT_EDITOR,
        "organisations": Role.Kind.ORGANISATION_REPRESENTATIVE,
    }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["departments"].queryset = Department.objects.for_municipality(municipality)
        self.fields["organisations"].queryset = Organisation.objects.for_municipality(
            municipality
        ).order_by("name")

    def chosen_kinds(self):
        raise NotImplementedError

    def clean(self):
        data = super().clean()
        kinds = self.chosen_kinds()
        for name, kind in self.needed_by.items():
            if name not in data:
                continue
            if data[name] and kind not in kinds:
                self.add_error(
                    name, _("Only with the role “%(role)s”.") % {"role": Role.Kind(kind).label}
                )
            elif kind in kinds and not data[name]:
                self.add_error(name, self.fields[name].error_messages["required"])
        return data

    def carried(self):
        """The data as sent, as (name, value) pairs, for the hidden fields of the
        confirmation page (which checks it all again)."""
        return [
            (self[name].html_name, value)
            for name in self.fields
            for value in self.data.getlist(self[name].html_name)
        ]


class InviteForm(RoleChoicesForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=User._meta.get_field("email").max_length,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    full_name = forms.CharField(
        label=capfirst(User._meta.get_field("full_name").verbose_name), max_length=200
    )
    kind = forms.ChoiceField(
        label=capfirst(Role._meta.verbose_name), choices=Role.Kind.choices, widget=forms.RadioSelect
    )
    field_order = ["email", "full_name", "kind", "departments", "organisations", "language"]
    language = forms.ChoiceField(label=_("Language of the mail"), choices=settings.LANGUAGES)

    def chosen_kinds(self):
        kind = self.cleaned_data.get("kind")
        return [kind] if kind else []


class RolesForm(RoleChoicesForm):
    """All of a person's roles in the municipality at once."""

    kinds = forms.MultipleChoiceField(
        label=capfirst(Role._meta.verbose_name_plural),
        choices=Role.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    field_order = ["kinds", "departments", "organisations"]

    def chosen_kinds(self):
        return self.cleaned_data.get("kinds") or []


class ActivationForm(ConfirmForm):
    """The confirmation of (de)activating an account; it carries the state wanted, so
    a second click changes nothing."""

    active = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")],
        coerce=lambda value: value == "1",
        widget=forms.HiddenInput,
    )


class PeopleFilterForm(forms.Form):
    role = forms.ChoiceField(
        label=capfirst(Role._meta.verbose_name),
        required=False,
        choices=[("", _("All roles")), *Role.Kind.choices],
    )
