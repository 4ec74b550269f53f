"""Worker: how work is handed to the background (enqueue), which tasks run on a
schedule, and the ``worker`` command that runs both."""
