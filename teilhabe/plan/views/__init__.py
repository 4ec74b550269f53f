"""Views of the plan: ``public`` is the plan portal every resident reads, ``staff`` the
pages of department editors and the integration office."""
