"""The mail server of the registration benchmark (bench/events.py): a real SMTP server
(aiosmtpd) on the loopback interface that accepts every mail and appends one JSON line
per recipient to a file: recipient, subject and plain text. A process of its own, so
that receiving mail takes no time from the benchmark's load generator.

    python bench/smtp_sink.py PORT FILE
"""

import asyncio
import email
import email.policy
import json
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, path):
        self.file = open(path, "a", encoding="utf-8")  # noqa: SIM115 - open while serving

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        text = body.get_content() if body else ""
        for recipient in envelope.rcpt_tos:
            line = {"to": recipient, "subject": str(message["Subject"]), "text": text}
            self.file.write(json.dumps(line) + "\n")
        self.file.flush()
        return "250 OK"


def main():
    port, path = int(sys.argv[1]), sys.argv[2]
    controller = Controller(Sink(path), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        asyncio.run(asyncio.Event().wait())
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
