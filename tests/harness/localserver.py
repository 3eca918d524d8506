"""A folder served over HTTP on 127.0.0.1, quietly, for the tests that need a web server.

The browser tests load the built site from it; Poetry's journey reads the wheelhouse from it as
a package index (Poetry reads no ``file:`` index). Both clients may drop a connection before a
file is sent in full (Chromium cancels requests a page no longer needs): that is not an error of
the test, so it is not printed, and no request is logged. Any other error of the server is
printed as :mod:`socketserver` does.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import pathlib
import sys
import threading
from collections.abc import Iterator

#: The address every test server listens on: nothing leaves the machine.
HOST = "127.0.0.1"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging each request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        """Drop a client's hang-up silently; report anything else as the standard library does."""
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextlib.contextmanager
def serve(folder: pathlib.Path) -> Iterator[str]:
    """Serve ``folder`` on :data:`HOST`, on any free port, while the block runs.

    Args:
        folder: the folder whose files are served (``/`` is ``folder/index.html``).

    Yields:
        The server's address, ``http://127.0.0.1:PORT`` (no trailing slash).

    Raises:
        OSError: when no port can be bound.
    """
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _Server((HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
