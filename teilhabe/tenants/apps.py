from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class TenantsConfig(AppConfig):
    default = True
    name = "teilhabe.tenants"
    verbose_name = "Municipalities"


class TeilhabeAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "teilhabe.tenants.admin_site.TeilhabeAdminSite"
