"""Endpoints the real service cannot be replaced by here, each a stand-in that says so:

- `CorsProxy`: nginx on its own port that answers CORS preflights itself and forwards POSTs to
  moto with the browser's Host, so that direct mode (no same-origin proxy) can be tested against
  moto's real signature checks (moto cannot answer preflights while checking signatures).
- `ThrottlingFront`: a CORS front like `CorsProxy`, in Python, that answers the next calls of an
  operation with a ThrottlingException as CloudWatch and CloudWatch Logs do when rate-limited
  (moto never throttles), and forwards every other call to moto untouched, signature and all.
- `CannedEndpoint`: a tiny HTTP server for answers moto never gives: a SageMaker-style JSON
  ValidationException, and no answer at all (for the timeout). It allows CORS, as direct mode needs.
"""
import json
import os
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler

from local_stack import LocalServer, free_port, wait_for

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "POST",
    # A wildcard does not cover Authorization, so name every header the app sends.
    "Access-Control-Allow-Headers": "authorization, content-type, x-amz-date, x-amz-target, x-amz-security-token",
    "Access-Control-Max-Age": "600",
}

QUOTA_ERROR = {
    "__type": "ResourceLimitExceeded",
    "message": "The account-level service limit 'ml.p3.2xlarge for training job usage' is 0 Instances, with current "
               "utilization of 0 Instances and a request delta of 1 Instances.",
}
VALIDATION_ERROR = {
    "__type": "com.amazon.coral.validate#ValidationException",
    "message": "2 validation errors detected: Value 'ml.m5.huge' at 'resourceConfig.instanceType' failed to satisfy "
               "constraint: Member must satisfy enum value set: [ml.m5.xlarge]; Value 'Foo' at "
               "'inputDataConfig.1.member.inputMode' failed to satisfy constraint: Member must satisfy enum value set: [Pipe, File, FastFile]",
}


class CorsProxy:
    def __init__(self, moto_port):
        self.port = free_port()
        self.prefix = tempfile.mkdtemp(prefix="tjs-cors-")
        cors = "\n".join(f"            add_header {k} \"{v}\" always;" for k, v in CORS_HEADERS.items())
        conf = f"""
{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
pid {self.prefix}/nginx.pid;
error_log {self.prefix}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log {self.prefix}/access.log;
    client_body_temp_path {self.prefix}/body;
    proxy_temp_path {self.prefix}/proxy;
    fastcgi_temp_path {self.prefix}/fastcgi;
    uwsgi_temp_path {self.prefix}/uwsgi;
    scgi_temp_path {self.prefix}/scgi;
    server {{
        listen 127.0.0.1:{self.port};
        location = / {{
{cors}
            if ($request_method = OPTIONS) {{ return 204; }}
            # moto's own CORS headers would make a second, conflicting set.
            proxy_hide_header Access-Control-Allow-Origin;
            proxy_hide_header Access-Control-Allow-Methods;
            proxy_hide_header Access-Control-Allow-Headers;
            proxy_hide_header Access-Control-Expose-Headers;
            proxy_pass http://127.0.0.1:{moto_port};
            proxy_set_header Host $http_host;
        }}
    }}
}}
"""
        path = os.path.join(self.prefix, "nginx.conf")
        with open(path, "w") as f:
            f.write(conf)
        self.process = subprocess.Popen(["nginx", "-p", self.prefix, "-c", path, "-g", "daemon off;"])
        wait_for(self.url)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/"

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


class ThrottlingFront(LocalServer):
    """A CORS front for moto that throttles: `throttle("GraniteServiceVersion20100801.GetMetricData", 2)`
    answers the next two calls with that X-Amz-Target with a ThrottlingException (status 400, AWS
    JSON), as the services do under load; other calls go to moto with the browser's Host, so that
    moto checks their signatures. `throttled` counts the calls answered so; `calls` lists every
    call's target."""

    def __init__(self, moto_port):
        self.lock, self.pending, self.throttled = threading.Lock(), {}, 0
        self.calls = []  # the X-Amz-Target of every call, in order
        front = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def reply(self, status, body, content_type):
                self.send_response(status)
                for k, v in CORS_HEADERS.items():
                    self.send_header(k, v)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_OPTIONS(self):
                self.reply(204, b"", "text/plain")

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                target = self.headers.get("X-Amz-Target", "")
                with front.lock:
                    front.calls.append(target)
                    throttle = front.pending.get(target, 0) > 0
                    if throttle:
                        front.pending[target] -= 1
                        front.throttled += 1
                if throttle:
                    error = {"__type": "ThrottlingException", "message": "Rate exceeded"}
                    return self.reply(400, json.dumps(error).encode(), "application/x-amz-json-1.1")
                skip = {"host", "origin", "referer", "connection", "content-length"}
                headers = {k: v for k, v in self.headers.items() if k.lower() not in skip}
                request = urllib.request.Request(f"http://127.0.0.1:{moto_port}{self.path}", data=body, method="POST",
                                                 headers=dict(headers, Host=self.headers.get("Host", "")))
                try:
                    with urllib.request.urlopen(request, timeout=30) as answer:
                        status, text, kind = answer.status, answer.read(), answer.headers.get("Content-Type", "")
                except urllib.error.HTTPError as refused:
                    status, text, kind = refused.code, refused.read(), refused.headers.get("Content-Type", "")
                self.reply(status, text, kind)

        self.serve(Handler)

    def throttle(self, target, calls=1):
        with self.lock:
            self.pending[target] = self.pending.get(target, 0) + calls


class CannedEndpoint(LocalServer):
    """`/validation/` answers a ValidationException, `/quota/` a ResourceLimitExceeded; `/silent/`
    never answers."""

    def __init__(self):
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def send_cors(self, status, body=b"", content_type="application/x-amz-json-1.1"):
                self.send_response(status)
                for k, v in CORS_HEADERS.items():
                    self.send_header(k, v)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_OPTIONS(self):
                self.send_cors(204)

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.path.startswith("/silent/"):
                    time.sleep(8)
                    return
                error = QUOTA_ERROR if self.path.startswith("/quota/") else VALIDATION_ERROR
                self.send_cors(400, json.dumps(error).encode())

        self.serve(Handler)
