from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "teilhabe.accounts"
    verbose_name = "Accounts"
