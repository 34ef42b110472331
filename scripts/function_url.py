"""A local stand-in for an AWS Lambda function URL, to run deploy/static-host/forwarder.py on this
machine: an HTTP server that turns each request into a function URL event (payload format 2.0),
calls the handler with the function's environment variables, and turns its answer back into an
HTTP response. Like the real service, it refuses a request body over 6 MB before the handler runs.

    url = FunctionUrl({"ALLOWED_ORIGINS": "http://127.0.0.1:8000",
                       "FORWARD_HOSTS": "http://127.0.0.1:5000"}).url

Used by the tests and by `scripts/start.sh --static-host`.
"""
import base64
import importlib.util
import os
import threading
import time
from http.server import BaseHTTPRequestHandler
from unittest import mock
from urllib.parse import urlsplit

from local_stack import LocalServer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FORWARDER = os.path.join(ROOT, "deploy", "static-host", "forwarder.py")
# The function URL's own limit on a request's payload.
PAYLOAD_LIMIT_BYTES = 6 * 1024 * 1024


def load_forwarder():
    spec = importlib.util.spec_from_file_location("forwarder", FORWARDER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class FunctionUrl(LocalServer):
    """The forwarder behind a function URL on a free local port, with `environment` as the
    function's environment variables (which may change between calls); `events` keeps each
    event's method, path and status."""

    def __init__(self, environment, port=None):
        self.environment = environment
        handler_module = load_forwarder()
        lock = threading.Lock()  # the environment is the process's: one invocation at a time
        emulator = self
        self.events = []

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def answer(self, status, headers, body):
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def handle_one(self):
                length = int(self.headers.get("Content-Length") or 0)
                if length > PAYLOAD_LIMIT_BYTES:
                    while length > 0:  # read to the end, so the caller hears the answer
                        length -= len(self.rfile.read(min(length, 1 << 16)) or b"x" * length)
                    self.close_connection = True
                    self.answer(413, {"Content-Type": "application/json"},
                                b'{"Message":"Request must be smaller than 6291456 bytes for the InvokeFunction operation"}')
                    return
                raw = self.rfile.read(length) if length else b""
                headers = {}
                for name, value in self.headers.items():
                    name = name.lower()
                    headers[name] = f"{headers[name]},{value}" if name in headers else value
                parts = urlsplit(self.path)
                # Text reaches the handler as it is, anything else in base64, as the service does.
                try:
                    body, encoded = raw.decode(), False
                except UnicodeDecodeError:
                    body, encoded = base64.b64encode(raw).decode(), True
                event = {
                    "version": "2.0", "routeKey": "$default", "rawPath": parts.path, "rawQueryString": parts.query,
                    "headers": headers,
                    "requestContext": {
                        "domainName": headers.get("host", ""), "timeEpoch": int(time.time() * 1000),
                        "http": {"method": self.command, "path": parts.path, "protocol": self.request_version,
                                 "sourceIp": self.client_address[0], "userAgent": headers.get("user-agent", "")},
                    },
                    "isBase64Encoded": encoded,
                }
                if raw:
                    event["body"] = body
                with lock, mock.patch.dict(os.environ, emulator.environment):
                    result = handler_module.handler(event, None)
                out = result.get("body") or ""
                out = base64.b64decode(out) if result.get("isBase64Encoded") else out.encode()
                emulator.events.append((self.command, parts.path, result.get("statusCode", 200)))
                self.answer(result.get("statusCode", 200), result.get("headers") or {}, out)

            do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = do_OPTIONS = handle_one

        self.serve(Handler, port)
