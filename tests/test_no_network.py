"""The suite itself runs offline: outbound connections other than loopback are refused."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

pytestmark = pytest.mark.skipif(
    os.environ.get("ACCTVERIFY_ONLINE_TESTS") == "1", reason="the network block is lifted"
)


def test_outbound_connections_are_blocked() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock, pytest.raises(RuntimeError):
        sock.connect(("203.0.113.1", 443))  # TEST-NET-3, never routed


def test_loopback_is_allowed() -> None:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with socket.create_connection(server.server_address[:2], timeout=5) as sock:
            sock.sendall(b"GET / HTTP/1.0\r\n\r\n")
            assert sock.recv(64).startswith(b"HTTP/1.0 204")
    finally:
        server.shutdown()
        server.server_close()


_PROBE = """
import socket, sys
real = socket.socket.connect
calls = []
def spy(self, address):
    calls.append(address)
    return real(self, address)
socket.socket.connect = spy
import acctverify
from acctverify.cli import main
import json
acctverify.verify(json.load(open(sys.argv[1], encoding="utf-8")))
from acctverify.text import scan
scan("访问 http://webank-huankuan.top 或加微信 wx_kefu888，电话 13812345678")
main(["check", sys.argv[1], "--json", "--fail-on", "never"])
print("CONNECTIONS", calls, file=sys.stderr)
"""


def test_verify_scan_and_the_cli_open_no_connection(tmp_path: object) -> None:
    """In a fresh interpreter (no test fixtures), the offline path makes no connection at all."""
    from pathlib import Path

    example = Path(__file__).resolve().parent.parent / "examples" / "consulting-company-scam.json"
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(example)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ, "TLDEXTRACT_CACHE": str(tmp_path)},
    )
    assert "CONNECTIONS []" in done.stderr
