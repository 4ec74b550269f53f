"""Settings: ``base`` holds everything read from the environment; ``development``,
``production`` and ``test`` only set what differs between those situations."""
