"""A real SMTP server (aiosmtpd) in the test process, for the mail and worker tests."""

import asyncio
import socket
import threading
from collections import Counter
from email import message_from_bytes

from aiosmtpd.controller import Controller


class RecordingHandler:
    """Accepts mail, or refuses the first ``refuse`` messages with a temporary error.

    ``hold``: the conversation for this recipient waits after RCPT TO, before any data,
    until ``release`` is set (once); ``holding`` tells the test it has got there. So a
    test can kill the sending worker at a known point of a batch.
    """

    def __init__(self, refuse=0, hold=None):
        self.refuse = refuse
        self.hold = hold
        self.holding = threading.Event()
        self.release = threading.Event()
        self.received = []
        self.lock = threading.Lock()
        self.port = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's API
        if address == self.hold and not self.holding.is_set():
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.01)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's API
        with self.lock:
            if self.refuse > 0:
                self.refuse -= 1
                return "451 Temporary local problem, try again later"
            self.received.append(envelope)
        return "250 Message accepted"

    def recipients(self):
        """How often each address received a mail."""
        with self.lock:
            return Counter(to for envelope in self.received for to in envelope.rcpt_tos)

    def message_ids(self):
        """How often each Message-ID arrived."""
        with self.lock:
            return Counter(
                message_from_bytes(envelope.original_content)["Message-ID"]
                for envelope in self.received
            )


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(handler):
    handler.port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port)
    controller.start()
    return controller
