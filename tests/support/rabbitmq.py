"""The machine's RabbitMQ for the tests that run with it as the broker.

CI's machine runs RabbitMQ at 127.0.0.1:5672; a fresh machine has none, and the embedded
broker is Redis, so those tests are skipped there with the reason `SKIP_REASON`.
"""

from __future__ import annotations

import socket

AMQP_URL = "amqp://guest:guest@127.0.0.1:5672//"
SKIP_REASON = "no RabbitMQ at 127.0.0.1:5672"


def rabbitmq_answers() -> bool:
    """Whether something accepts connections on RabbitMQ's port on this machine."""
    try:
        with socket.create_connection(("127.0.0.1", 5672), timeout=1):
            return True
    except OSError:
        return False
