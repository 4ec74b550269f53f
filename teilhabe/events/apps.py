from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "teilhabe.events"
    verbose_name = "Events"
