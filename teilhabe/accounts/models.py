from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.tenants.models import Municipality


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. Residents and participants need none; accounts are
    for staff of the office and departments, organisation representatives and
    moderators. ``is_superuser`` is for the operator of the installation only."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("operator"), default=False, help_text=_("Operator of the whole installation.")
    )
    is_demo = models.BooleanField(
        _("demo user"), default=False, help_text=_("Can log in only on a demo installation.")
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Role(models.Model):
    """What a user may do in one municipality. A user may hold several roles."""

    class Kind(models.TextChoices):
        OFFICE_ADMIN = "office_admin", _("Integration office (administrator)")
        DEPARTMENT_EDITOR = "department_editor", _("Department editor")
        ORGANISATION_REPRESENTATIVE = (
            "organisation_representative",
            _("Organisation representative"),
        )
        MODERATOR = "moderator", _("Moderator")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="roles", verbose_name=_("municipality")
    )
    kind = models.CharField(_("role"), max_length=40, choices=Kind)
    departments = models.ManyToManyField(
        "directory.Department",
        blank=True,
        related_name="editor_roles",
        verbose_name=_("departments"),
        help_text=_("For department editors: the departments whose data they keep."),
    )
    organisations = models.ManyToManyField(
        "directory.Organisation",
        blank=True,
        related_name="representative_roles",
        verbose_name=_("organisations"),
        help_text=_("For organisation representatives: the organisations they represent."),
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality", "kind"], name="one_role_of_a_kind_per_municipality"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.get_kind_display()} ({self.municipality})"

    def edited_departments(self):
        """The departments whose data this role lets its holder keep: those named in a
        department-editor role, and only those of the role's own municipality. The one
        rule for "departments a user edits" (see accounts.rules.edited_department_ids)."""
        if self.kind != self.Kind.DEPARTMENT_EDITOR:
            return []
        return [d for d in self.departments.all() if d.municipality_id == self.municipality_id]
