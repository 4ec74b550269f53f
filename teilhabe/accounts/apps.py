from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "teilhabe.accounts"
    verbose_name = "Accounts"

    def ready(self):
        from . import lockout  # noqa: F401 - connects the lock-out mail
