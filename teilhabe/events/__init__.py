"""Events: participation events (workshops, conferences, online meetings), open or by
invitation, with registration by double opt-in, capacity and waiting list, personal
links, reminders, programme with parallel stations, check-in, feedback, statistics and
the deletion of personal data after the event."""
