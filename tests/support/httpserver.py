"""Loopback HTTP servers for tests (re-exported from the pipeline tests' helper)."""

from pipeline.httpserver import LocalServer, RawServer, Reply, Request

__all__ = ["LocalServer", "RawServer", "Reply", "Request"]
