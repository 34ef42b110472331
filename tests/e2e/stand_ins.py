"""Endpoints the real service cannot be replaced by here, each a stand-in that says so:

- `CorsProxy`: nginx on its own port that answers CORS preflights itself and forwards POSTs to
  moto with the browser's Host, so that direct mode (no same-origin proxy) can be tested against
  moto's real signature checks (moto cannot answer preflights while checking signatures).
- `CannedEndpoint`: a tiny HTTP server for answers moto never gives: a SageMaker-style JSON
  ValidationException, and no answer at all (for the timeout). It allows CORS, as direct mode needs.
"""
import json
import os
import subprocess
import tempfile
import time
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
