"""A local static host for the benchmarks: a folder served on 127.0.0.1 as GitHub Pages would."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """Files as a static host sends them: browsers may keep them 10 minutes (GitHub Pages)."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib name)
        pass


@contextlib.contextmanager
def serve(
    folder: Path, handler: type[http.server.SimpleHTTPRequestHandler] = StaticHost
) -> Iterator[str]:
    """Serve `folder` with `handler` on a free port while the block runs; yields its URL."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(folder))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
