from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class TenantsConfig(AppConfig):
    default = True
    name = "teilhabe.tenants"
    verbose_name = _("Municipalities")


class TeilhabeAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "teilhabe.tenants.admin_site.TeilhabeAdminSite"
