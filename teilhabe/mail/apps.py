from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "teilhabe.mail"
    verbose_name = "Mail"
