"""Training Job Studio's forwarder for a page on a static host: an AWS Lambda function URL handler.

SageMaker's API does not answer a browser's CORS preflight, so a page on GitHub Pages, an S3
website or a CDN cannot call it. The page signs each request in the browser, for the AWS endpoint
host it is meant for, and sends it here instead, with that host in front of the path:

    POST https://<function url>/api.sagemaker.eu-west-1.amazonaws.com/

This handler sends it on unchanged (method, path, query, body and the headers the signature
covers) to https://api.sagemaker.eu-west-1.amazonaws.com/, and hands the answer back unchanged
apart from the CORS headers. The nginx recipe (deploy/nginx.conf.template, location /aws/) names
the target the same way, so one *Send via* setting means the same thing behind either.

It holds no credentials and signs nothing: a request whose Authorization is not an AWS signature
that covers the host is refused, and since the signature covers the target host, path and body,
nothing reaches AWS that the user did not sign. It never logs a header or a body.

Environment:
    ALLOWED_ORIGINS   comma-separated origins whose pages may call it (https://me.github.io).
                      A browser request from any other origin is refused; so is every request
                      when the list is empty.
    FORWARD_HOSTS     comma-separated host suffixes it forwards to, over HTTPS (default
                      amazonaws.com,amazonaws.com.cn). An entry with a scheme names one exact
                      host and how to reach it, for local tests: http://127.0.0.1:5000.
    UPSTREAM_TIMEOUT_SECONDS
                      how long to wait for the AWS endpoint (default 25; keep it under the
                      function's own timeout).

Python standard library only, so the file is the whole deployment (deploy/static-host/template.yaml
carries it inline).
"""
import base64
import json
import os
import re
import socket
import urllib.error
import urllib.request

# The largest body it carries: the nginx recipe's limit too. A CreateTrainingJob request at every
# list's and map's maximum length is about 20 KB, so this leaves room for any call the app makes
# while keeping a stranger's uploads small. The function URL itself would take up to 6 MB.
MAX_BODY_BYTES = 1024 * 1024
DEFAULT_FORWARD_HOSTS = "amazonaws.com,amazonaws.com.cn"
# What a signed call may use: the SageMaker API is POST; S3's reads are GET and HEAD.
METHODS = ("GET", "HEAD", "POST")
# The answer's headers worth handing back; the rest (hop-by-hop, lengths) the function URL sets.
ANSWER_HEADERS = ("content-type", "x-amzn-requestid", "x-amz-request-id", "x-amz-id-2", "x-amzn-errortype",
                  "x-amz-bucket-region", "date", "etag", "last-modified")
HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?$")
SIGNED_HEADERS = re.compile(r"SignedHeaders=([a-z0-9;-]+)")
TEXT_TYPES = re.compile(r"^(text/|application/(json|xml|x-amz-json-[0-9.]+|[a-z.+-]*\+(json|xml))\b)")


class Refused(Exception):
    """A request this forwarder will not send on: the status and the reason, for the caller."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


def _list(value):
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def _error(status, message, cors):
    # The shape of the service's own JSON errors, so the app shows it as it shows theirs.
    body = json.dumps({"__type": "ForwarderRefused" if status < 500 else "ForwarderError", "message": message})
    return {"statusCode": status, "headers": dict(cors, **{"content-type": "application/json"}), "body": body,
            "isBase64Encoded": False}


def _cors_headers(origin, allowed):
    if origin and origin in allowed:
        return {"access-control-allow-origin": origin, "vary": "Origin",
                "access-control-expose-headers": "x-amzn-requestid, x-amz-request-id, x-amzn-errortype"}
    return {"vary": "Origin"}


def target_of(raw_path, forward_hosts):
    """The URL a request for `raw_path` (`/<host>/<path>`) goes to, or Refused.

    `forward_hosts`: host suffixes reached over HTTPS, or exact `scheme://host:port` entries.
    """
    host, slash, path = raw_path.lstrip("/").partition("/")
    host = host.lower()
    if not host:
        raise Refused(400, "No target host: the path must start with the AWS endpoint host the request was "
                           "signed for, such as /api.sagemaker.us-east-1.amazonaws.com/.")
    if not HOST.match(host):
        raise Refused(400, f"{host!r} is not a host name.")
    for entry in forward_hosts:
        if "://" in entry:
            scheme, _, exact = entry.partition("://")
            if host == exact.rstrip("/").lower() and scheme in ("http", "https"):
                return f"{scheme}://{host}/{path}"
        elif ":" not in host and (host == entry.lower() or host.endswith("." + entry.lower())):
            return f"https://{host}/{path}"
    raise Refused(403, f"This forwarder sends only to AWS endpoints ({', '.join(forward_hosts)}), not to {host}.")


def _signed_header_names(headers):
    authorization = headers.get("authorization", "")
    found = SIGNED_HEADERS.search(authorization)
    if not authorization.startswith("AWS4-HMAC-SHA256 ") or not found:
        raise Refused(403, "The request is not signed with an AWS signature (AWS4-HMAC-SHA256): this forwarder "
                           "only carries requests that the page signed.")
    names = found.group(1).split(";")
    if "host" not in names:
        raise Refused(403, "The request's signature does not cover its host, so it could be sent anywhere: refused.")
    return names


def forward(event, environ, opener=urllib.request.urlopen):
    """Answers one function URL event (payload format 2.0) with the settings in `environ`."""
    allowed = _list(environ.get("ALLOWED_ORIGINS"))
    forward_hosts = _list(environ.get("FORWARD_HOSTS", DEFAULT_FORWARD_HOSTS))
    timeout = float(environ.get("UPSTREAM_TIMEOUT_SECONDS") or 25)
    headers = {k.lower(): v for k, v in (event.get("headers") or {}).items()}
    method = ((event.get("requestContext") or {}).get("http") or {}).get("method", "").upper()
    origin = headers.get("origin", "")
    cors = _cors_headers(origin, allowed)
    if origin and origin not in allowed:
        return _error(403, f"Pages from {origin} may not use this forwarder: add the origin to its "
                           "AllowedOrigins.", cors)
    if method == "OPTIONS":
        # The preflight: what the page may send. Its signed headers are named by the page.
        if not origin:
            return _error(400, "A preflight without an Origin.", cors)
        asked = headers.get("access-control-request-headers", "")
        return {"statusCode": 204, "body": "", "isBase64Encoded": False,
                "headers": dict(cors, **{"access-control-allow-methods": ", ".join(METHODS),
                                         "access-control-allow-headers": asked,
                                         "access-control-max-age": "600"})}
    try:
        if method not in METHODS:
            raise Refused(405, f"{method or 'No method'}: this forwarder carries only {', '.join(METHODS)}.")
        url = target_of(event.get("rawPath") or "/", forward_hosts)
        query = event.get("rawQueryString") or ""
        if query:
            url += "?" + query
        names = _signed_header_names(headers)
        body = event.get("body") or ""
        data = base64.b64decode(body) if event.get("isBase64Encoded") else body.encode()
        if len(data) > MAX_BODY_BYTES:
            raise Refused(413, f"The body is {len(data)} bytes; this forwarder carries at most {MAX_BODY_BYTES}.")
    except Refused as refused:
        return _error(refused.status, refused.message, cors)
    # Exactly the headers the signature covers (the Host is the target's, from the URL), and the
    # content type the body was signed with.
    sent = {name: headers[name] for name in names if name != "host" and name in headers}
    sent["authorization"] = headers["authorization"]
    if "content-type" in headers:
        sent["content-type"] = headers["content-type"]
    request = urllib.request.Request(url, data=data if method == "POST" else None, headers=sent, method=method)
    try:
        answer = opener(request, timeout=timeout)
    except urllib.error.HTTPError as error:
        answer = error  # the service's own error answer: handed back as it is
    except (socket.timeout, TimeoutError):
        return _error(504, f"The AWS endpoint did not answer within {timeout:g} seconds.", cors)
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        return _error(502, f"The AWS endpoint could not be reached: {reason}.", cors)
    with answer:
        try:
            content = answer.read() if answer.fp is not None else b""
        except (socket.timeout, TimeoutError):
            return _error(504, f"The AWS endpoint did not finish its answer within {timeout:g} seconds.", cors)
        status = answer.getcode()
        out = {name.lower(): value for name, value in answer.headers.items() if name.lower() in ANSWER_HEADERS}
    # Only the target host and the status are logged: never a header or a body.
    print(json.dumps({"host": url.split("/")[2], "method": method, "status": status}))
    text = None
    if TEXT_TYPES.match(out.get("content-type", "")):
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            pass  # sent as it came, in base64
    return {"statusCode": status, "headers": dict(out, **cors),
            "body": text if text is not None else base64.b64encode(content).decode(),
            "isBase64Encoded": text is None}

def handler(event, context):
    """The Lambda entry point: the settings come from the function's environment."""
    return forward(event, os.environ)
