"""Fixtures shared by the pipeline tests."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from support.httpserver import LocalServer

_HERE = os.path.dirname(os.path.abspath(__file__))


@pytest.fixture
def local_server() -> Iterator[LocalServer]:
    """A real HTTP server on 127.0.0.1 (random port), stopped after the test."""
    with LocalServer() as server:
        yield server
