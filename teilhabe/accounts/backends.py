from django.conf import settings
from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    """Log in by e-mail (case-insensitive) and password. Demo users are refused unless
    the installation is a demo (TEILHABE_DEMO, never on in production settings)."""

    def user_can_authenticate(self, user):
        if getattr(user, "is_demo", False) and not settings.TEILHABE_DEMO:
            return False
        return super().user_can_authenticate(user)

    def get_user(self, user_id):
        user = super().get_user(user_id)
        if user is not None and user.is_demo and not settings.TEILHABE_DEMO:
            return None
        return user
