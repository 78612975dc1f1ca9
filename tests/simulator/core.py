# -*- coding: utf-8 -*-
# Copyright: (c) 2026, cxops contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Server, router, request journal and fault injection shared by every simulated plane.

Standard library only (http.server), so the simulator runs in any venv that
ansible-test builds, starts in milliseconds and can run in-process in unit tests.
"""

from __future__ import annotations

import base64
import copy
import html
import json
import re
import socket
import ssl
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

READ_METHODS = ("GET", "HEAD")
CONTROL_PREFIX = "/_sim"
POLL_SECONDS = 0.02


class HttpError(Exception):
    """Raised by handlers to answer with an error status; the plane that owns the path shapes the body.

    ``code`` and ``params`` are for planes whose errors carry them (Genesys Cloud's ErrorBody):
    ``message`` may then hold ``{name}`` placeholders that ``params`` fill in.
    """

    def __init__(self, status, message, headers=None, code=None, params=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}
        self.code = code
        self.params = params or {}

    def text(self):
        """The message with its ``{name}`` placeholders filled in."""
        if not self.params:
            return self.message
        return re.sub(r"\{(\w+)\}", lambda m: str(self.params.get(m.group(1), m.group(0))), self.message)


class Request:
    """What a handler sees of one request."""

    def __init__(self, method, path, query, headers, raw_body, params):
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.raw_body = raw_body
        self.params = params

    def header(self, name):
        return self.headers.get(name.lower())

    def json(self):
        """The body as JSON; strict about the Content-Type, like the real APIs."""
        media = (self.header("content-type") or "").split(";")[0].strip().lower()
        if media != "application/json":
            raise HttpError(415, "Content-Type must be application/json, got %r" % (media or None))
        try:
            return json.loads(self.raw_body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise HttpError(400, "body is not valid JSON: %s" % exc) from None

    def form(self):
        media = (self.header("content-type") or "").split(";")[0].strip().lower()
        if media != "application/x-www-form-urlencoded":
            raise HttpError(415, "Content-Type must be application/x-www-form-urlencoded, got %r" % (media or None))
        return dict(urllib.parse.parse_qsl(self.raw_body.decode("utf-8"), keep_blank_values=True))


class Route:
    def __init__(self, method, pattern, handler, write=None):
        self.method = method
        self.regex = re.compile("^" + pattern + "$")
        self.handler = handler
        self.plane = None  # set by the Simulator: whose error shape this route answers with
        # A route that changes nothing although it is a POST (token, login) says write=False.
        self.write = (method not in READ_METHODS) if write is None else write


class Plane:
    """One simulated API; subclasses add routes and keep their own state."""

    name = "plane"

    def __init__(self, config):
        self.defaults = copy.deepcopy(config)
        self.config = config
        self.reset()

    def reset_config(self):
        self.config = copy.deepcopy(self.defaults)

    def reset(self):
        raise NotImplementedError

    def routes(self):
        raise NotImplementedError

    def dump(self):
        raise NotImplementedError

    def configure(self, settings):
        for key, value in settings.items():
            if key not in self.config:
                raise HttpError(400, "unknown %s setting %r" % (self.name, key))
            self.config[key] = value

    def owns(self, path):  # pylint: disable=unused-argument
        """Whether a path without a route (404, 405) is this plane's, so its error has this plane's shape."""
        return False

    def error_body(self, error, path):  # pylint: disable=unused-argument
        """The JSON body of an error answer on this plane's paths."""
        return {"message": error.text()}


class Journal:
    def __init__(self):
        self._entries = []
        self._lock = threading.Lock()
        self._seq = 0

    def add(self, entry):
        with self._lock:
            self._seq += 1
            entry["seq"] = self._seq
            self._entries.append(entry)

    def entries(self, since=0):
        with self._lock:
            return [dict(e) for e in self._entries if e["seq"] > since]

    def clear(self):
        with self._lock:
            self._entries = []

    @property
    def last_seq(self):
        with self._lock:
            return self._seq


class Faults:
    """Rules applied to matching requests, each a limited number of times."""

    # delay: wait, then process and answer; longer than the client's timeout it is a late commit.
    # rewrite: process, then answer with fields of the body replaced (a crafted or hostile answer).
    # configure: change plane settings (expire tokens or sessions), then process the request.
    # down: the server goes away: this request is dropped and connections are refused for a while.
    # flood, trickle, deep, html: process, then answer with a body no API sends (hostile answers, see docs/simulator.md).
    ACTIONS = ("status", "drop", "drop_after_commit", "delay", "hold", "rewrite", "configure", "down",
               "flood", "trickle", "deep", "html")
    HOSTILE = ("flood", "trickle", "deep", "html")
    KEYS = {"method", "path", "status", "retry_after", "times", "delay", "action", "body", "skip", "echo"}
    HOLD_TIMEOUT = 60.0
    DOWN_TIME = 10.0

    def __init__(self):
        self._rules = []
        self._lock = threading.Lock()
        # Held answers wait for this; set means "nothing is held back".
        self._released = threading.Event()
        self._released.set()

    def add(self, rule):
        if not isinstance(rule, dict):
            raise HttpError(400, "a fault is a JSON object")
        unknown = set(rule) - self.KEYS
        if unknown:
            raise HttpError(400, "unknown fault keys: %s" % ", ".join(sorted(unknown)))
        action = rule.get("action") or ("status" if "status" in rule else "delay")
        if action not in self.ACTIONS:
            raise HttpError(400, "action must be one of %s" % ", ".join(self.ACTIONS))
        if action == "status" and not isinstance(rule.get("status"), int):
            raise HttpError(400, "a status fault needs an integer status")
        if action == "rewrite" and (not isinstance(rule.get("body"), dict)
                                    or set(rule["body"]) - {"set", "each", "unset", "unset_each"}):
            raise HttpError(400, "a rewrite fault needs a body with set, each, unset and/or unset_each")
        if action == "configure" and (not isinstance(rule.get("body"), dict)
                                      or not all(isinstance(v, dict) for v in rule["body"].values())):
            raise HttpError(400, "a configure fault needs a body {\"<plane>\": {<settings>}}")
        if rule.get("echo") and action != "status":
            raise HttpError(400, "echo applies only to a status fault")
        if not isinstance(rule.get("skip", 0), int) or rule.get("skip", 0) < 0:
            raise HttpError(400, "skip must be a number of requests, 0 or more")
        try:
            path = re.compile(rule.get("path", ".*"))
        except re.error as exc:
            raise HttpError(400, "bad path regex: %s" % exc) from None
        clean = {
            "method": rule.get("method", "*").upper(),
            "path": path,
            "action": action,
            "status": rule.get("status"),
            "retry_after": rule.get("retry_after"),
            "times": int(rule.get("times", 1)),
            "delay": float(rule.get("delay", 0)),
            "body": rule.get("body"),
            "skip": rule.get("skip", 0),
            "echo": bool(rule.get("echo")),
            "hits": 0,
        }
        with self._lock:
            self._rules.append(clean)
            if action == "hold":
                self._released.clear()

    def wait_release(self, timeout):
        """Block a held answer until release() (or the timeout, so a forgotten hold cannot hang a test run)."""
        return self._released.wait(timeout or self.HOLD_TIMEOUT)

    def release(self):
        self._released.set()

    def take(self, method, path):
        """The first rule matching this request, counted as used; None if none applies."""
        with self._lock:
            for rule in self._rules:
                if rule["method"] not in ("*", method) or not rule["path"].search(path):
                    continue
                if rule["times"] == 0:
                    continue
                if rule["skip"] > 0:
                    rule["skip"] -= 1
                    continue
                if rule["times"] > 0:
                    rule["times"] -= 1
                rule["hits"] += 1
                return dict(rule)
        return None

    def clear(self):
        with self._lock:
            self._rules = []
        self.release()

    def listing(self):
        with self._lock:
            return [dict(r, path=r["path"].pattern) for r in self._rules]


def _server_context(certfile, keyfile):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(certfile, keyfile)
    return context


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A client that gave up before its answer (a timeout, a late commit) is normal here, not an error."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class Simulator:
    """All planes behind one local HTTP server."""

    def __init__(self, planes, host="127.0.0.1", port=0, tls=None):
        self.planes = {plane.name: plane for plane in planes}
        # (certificate file, key file): serve HTTPS, as a tenant behind its own CA or a self-signed certificate does.
        self.tls = _server_context(*tls) if tls else None
        self.journal = Journal()
        self.faults = Faults()
        self.lock = threading.RLock()
        self._routes = []
        for plane in planes:
            for route in plane.routes():
                route.plane = plane
                self._routes.append(route)
        self._control = self._control_routes()
        self.server = self._listen(host, port)
        self._thread = None
        # Set while a "down" fault has the server gone: requests on open connections are dropped too.
        self.down = False
        self._down_lock = threading.Lock()
        self._stopper = None
        self._outages = 0

    def _listen(self, host, port):
        server = _Server((host, port), _handler_class(self))
        server.daemon_threads = True
        if self.tls:
            server.socket = self.tls.wrap_socket(server.socket, server_side=True)
        return server

    @property
    def url(self):
        host, port = self.server.server_address[:2]
        return "%s://%s:%d" % ("https" if self.tls else "http", host, port)

    def start(self):
        # shutdown() waits for serve_forever's next poll: 0.5 s by default, paid by every unit test that
        # ansible-test runs in a forked child (its session fixture is built and stopped per test).
        self._thread = threading.Thread(target=self.server.serve_forever, args=(POLL_SECONDS,), name="simulator",
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self.resume()
        self.server.shutdown()
        self.server.server_close()
        if self._thread:
            self._thread.join(timeout=5)

    def go_down(self, seconds):
        """Stop listening (connections refused) for ``seconds``, then listen again on the same port.

        State, journal and faults are kept: it is the same server back after an outage.
        """
        with self._down_lock:
            if self.down:
                return
            self.down = True
            self._outages += 1
            server, outage_number = self.server, self._outages
            try:
                # At once: connections are refused from now on, not once serve_forever notices the shutdown.
                server.socket.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

            def outage():
                server.shutdown()
                server.server_close()
                timer = threading.Timer(seconds, self.resume, [outage_number])
                timer.daemon = True
                timer.start()

            self._stopper = threading.Thread(target=outage, name="simulator-outage", daemon=True)
            self._stopper.start()

    def resume(self, outage_number=None):
        """Listen again after a "down" fault (at once, or when its time is up); a no-op when up."""
        with self._down_lock:
            if not self.down or outage_number not in (None, self._outages):
                return
            self._stopper.join()
            host, port = self.server.server_address[:2]
            self.server = self._listen(host, port)
            self.start()
            self.down = False

    def apply_config(self, settings):
        """Plane settings keyed by plane name, as POST /_sim/config and the configure fault take them."""
        if not isinstance(settings, dict):
            raise HttpError(400, "config is a JSON object keyed by plane")
        with self.lock:
            for name, values in settings.items():
                if name not in self.planes or not isinstance(values, dict):
                    raise HttpError(400, "unknown plane %r" % name)
                self.planes[name].configure(values)

    def reset(self):
        self.resume()
        with self.lock:
            for plane in self.planes.values():
                plane.reset()
                plane.reset_config()
            self.journal.clear()
            self.faults.clear()

    # Control API: not journaled, for tests and the demo.
    def _control_routes(self):
        def journal(req):
            since = int((req.query.get("since") or ["0"])[0])
            return 200, {"entries": self.journal.entries(since), "last_seq": self.journal.last_seq}

        def journal_clear(req):
            self.journal.clear()
            return 204, None

        def faults_add(req):
            rules = req.json()
            for rule in rules if isinstance(rules, list) else [rules]:
                self.faults.add(rule)
            return 201, {"faults": self.faults.listing()}

        def faults_list(req):
            return 200, {"faults": self.faults.listing()}

        def faults_clear(req):
            self.faults.clear()
            return 204, None

        def faults_release(req):
            self.faults.release()
            return 204, None

        def reset(req):
            self.reset()
            return 204, None

        def state(req):
            with self.lock:
                return 200, {name: plane.dump() for name, plane in self.planes.items()}

        def configure(req):
            self.apply_config(req.json())
            return 200, {name: plane.config for name, plane in self.planes.items()}

        return [
            Route("GET", CONTROL_PREFIX + "/health", lambda req: (200, {"ok": True})),
            Route("GET", CONTROL_PREFIX + "/journal", journal),
            Route("DELETE", CONTROL_PREFIX + "/journal", journal_clear),
            Route("GET", CONTROL_PREFIX + "/faults", faults_list),
            Route("POST", CONTROL_PREFIX + "/faults", faults_add),
            Route("DELETE", CONTROL_PREFIX + "/faults", faults_clear),
            Route("POST", CONTROL_PREFIX + "/faults/release", faults_release),
            Route("POST", CONTROL_PREFIX + "/reset", reset),
            Route("GET", CONTROL_PREFIX + "/state", state),
            Route("POST", CONTROL_PREFIX + "/config", configure),
        ]

    def error_body(self, error, path, route=None):
        """An error answer shaped as the plane that owns the path answers errors."""
        plane = route.plane if route is not None and route.plane is not None else None
        if plane is None:
            plane = next((p for p in self.planes.values() if p.owns(path)), None)
        return plane.error_body(error, path) if plane is not None else {"message": error.text()}

    def resolve(self, method, path, routes):
        """Route on the path as sent (percent-encoded): an encoded '/' stays inside its segment, as on a real server."""
        allowed = False
        for route in routes:
            match = route.regex.match(path)
            if match:
                if route.method == method:
                    return route, {k: None if v is None else urllib.parse.unquote(v) for k, v in match.groupdict().items()}
                allowed = True
        if allowed:
            raise HttpError(405, "method %s not allowed on %s" % (method, path))
        raise HttpError(404, "no such resource: %s" % path)


def _decode_body(raw, content_type):
    if not raw:
        return None
    media = (content_type or "").split(";")[0].strip().lower()
    text = raw.decode("utf-8", "replace")
    if media == "application/json":
        try:
            return json.loads(text)
        except ValueError:
            return text
    if media == "application/x-www-form-urlencoded":
        return dict(urllib.parse.parse_qsl(text, keep_blank_values=True))
    return text


# Placeholders a rewrite or status fault may put in its values: what the request carried, as a careless or
# hostile server echoes it. {name} is the value as sent, {name:form} encoded (see _ENCODINGS).
_ECHO_FIELDS = {
    "cookie": lambda headers, raw: (headers.get("cookie") or "").partition("=")[2].split(";")[0],
    "bearer": lambda headers, raw: (headers.get("authorization") or "").partition("Bearer ")[2],
    "api_key": lambda headers, raw: headers.get("x-api-key") or "",
    "body": lambda headers, raw: raw.decode("utf-8", "replace"),
}
_ENCODINGS = {
    "": lambda text: text,
    "html": html.escape,
    "base64": lambda text: base64.b64encode(text.encode("utf-8")).decode("ascii"),
    "lower": str.lower,
    "url": lambda text: urllib.parse.quote(text, safe=""),
}
_PLACEHOLDER = re.compile(r"\{(%s)(?::(%s))?\}" % ("|".join(_ECHO_FIELDS), "|".join(k for k in _ENCODINGS if k)))


def _fill(value, headers, raw=b""):
    """A fault's value with its placeholders replaced by the request's credentials (strings, lists and dicts)."""
    if isinstance(value, str):
        return _PLACEHOLDER.sub(lambda m: _ENCODINGS[m.group(2) or ""](_ECHO_FIELDS[m.group(1)](headers, raw)), value)
    if isinstance(value, list):
        return [_fill(item, headers, raw) for item in value]
    if isinstance(value, dict):
        return {key: _fill(item, headers, raw) for key, item in value.items()}
    return value


def _rewrite(body, rule, headers=None):
    """The answer with the fault's fields set or removed: top-level keys ("set", "unset") and keys of every
    listed entity ("each", "unset_each"), e.g. a field the API renamed. Values may echo the request's
    credentials: ``{cookie}``, ``{bearer}``, ``{api_key}``."""
    rule = _fill(rule, headers or {})
    body = copy.deepcopy(body)
    if isinstance(body, dict):
        for key in rule.get("unset") or []:
            body.pop(key, None)
        body.update(rule.get("set") or {})
    items = body if isinstance(body, list) else (body.get("entities") if isinstance(body, dict) else None)
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            for key in rule.get("unset_each") or []:
                item.pop(key, None)
            item.update(rule.get("each") or {})
    return body


def _echo(rule, headers, raw):
    """A fault message that repeats the request's credentials back, as a careless or hostile server does.

    The rule's own message comes first (its length decides where a client's cut of a long
    message falls), then the credential headers as sent, the body as sent and the same
    credentials URL-encoded.
    """
    preamble = (rule["body"] or {}).get("message", "injected fault") if isinstance(rule["body"], dict) else "injected fault"
    credentials = {name: headers[name] for name in ("authorization", "x-api-key", "cookie") if headers.get(name)}
    parts = ["%s: %s" % item for item in credentials.items()]
    if raw:
        parts.append("body: %s" % raw.decode("utf-8", "replace"))
    if credentials:
        parts.append("as sent: %s" % urllib.parse.urlencode(credentials))
    return "%s; the request carried %s" % (preamble, "; ".join(parts) or "no credentials")


def _basic(headers):
    """The decoded "user:password" of a Basic Authorization header, so tests can see what was sent."""
    value = headers.get("authorization") or ""
    if not value.startswith("Basic "):
        return None
    try:
        return base64.b64decode(value[6:]).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None


def _handler_class(sim):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "cxops-simulator/1"
        # Headers and body go out as two writes; with Nagle on, the body of every answer after the first
        # on a kept-alive connection waited ~40 ms for the client's delayed ACK. Real servers do not.
        disable_nagle_algorithm = True

        def log_message(self, format, *args):  # pylint: disable=redefined-builtin
            """Quiet: the journal is the log."""

        def _send(self, status, body, headers=None):
            payload = b"" if body is None else json.dumps(body).encode("utf-8")
            self.send_response(status)
            for key, value in (headers or {}).items():
                self.send_header(key, str(value))
            if body is not None:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if payload and self.command != "HEAD":
                self.wfile.write(payload)

        def _hostile(self, fault, status):
            """An answer no API sends, after the request took effect: too large, too slow, too deep, or a web page.

            flood: ``body.size`` bytes announced (or, without a size, an endless chunked body); trickle: a JSON
            body one byte every ``delay`` seconds (default 0.5); deep: JSON nested ``body.depth`` levels (default
            100,000); html: a login page served as 200. The connection closes after each.
            """
            self.close_connection = True
            options = fault["body"] if isinstance(fault["body"], dict) else {}
            try:
                if fault["action"] == "flood":
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    size = options.get("size")
                    if size:
                        self.send_header("Content-Length", str(size))
                    else:
                        self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    block = b"[" * 65536
                    sent = 0
                    while not size or sent < size:
                        self.wfile.write(block if size else b"%x\r\n%s\r\n" % (len(block), block))
                        sent += len(block)
                    return
                if fault["action"] == "trickle":
                    payload = json.dumps(options.get("answer", {"entities": []})).encode("utf-8")
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    for byte in payload:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(fault["delay"] or 0.5)
                    return
                if fault["action"] == "deep":
                    depth = int(options.get("depth", 100000))
                    payload = b"[" * depth + b"]" * depth
                    content_type = "application/json"
                else:
                    payload = b"<!DOCTYPE html><html><head><title>Sign in</title></head><body>Sign in</body></html>"
                    content_type = "text/html; charset=utf-8"
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except OSError:
                pass  # the client gave up, which is what a bounded client does

        def _drop(self):
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

        def _dispatch(self):
            parts = urllib.parse.urlsplit(self.path)
            raw_path = parts.path
            path = urllib.parse.unquote(raw_path)
            query = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            headers = {k.lower(): v for k, v in self.headers.items()}
            method = self.command

            if path.startswith(CONTROL_PREFIX + "/"):
                try:
                    route, params = sim.resolve(method, raw_path, sim._control)
                    status, body = route.handler(Request(method, path, query, headers, raw, params))[:2]
                except HttpError as exc:
                    status, body = exc.status, {"message": exc.message}
                self._send(status, body)
                return

            entry = {
                "time": time.time(), "method": method, "path": path, "raw_path": raw_path, "basic_auth": _basic(headers),
                "query": {k: v[0] if len(v) == 1 else v for k, v in query.items()},
                "headers": headers, "body": _decode_body(raw, headers.get("content-type")),
                "write": method not in READ_METHODS, "fault": None, "status": None,
            }
            sim.journal.add(entry)  # at arrival, so the order is the order requests came in
            if sim.down:
                # Gone: a request on a connection opened before the outage gets no answer either.
                entry["fault"] = "down"
                self._drop()
                return
            route = params = routing_error = None
            try:
                route, params = sim.resolve(method, raw_path, sim._routes)
                entry["write"] = route.write
            except HttpError as exc:
                routing_error = exc
            fault = sim.faults.take(method, path)
            if fault and fault["action"] == "down":
                entry["fault"] = "down"
                sim.go_down(fault["delay"] or sim.faults.DOWN_TIME)
                self._drop()
                return
            if fault and fault["delay"] and fault["action"] not in ("hold", "down", "trickle"):
                time.sleep(fault["delay"])
            if fault and fault["action"] == "configure":
                try:
                    sim.apply_config(fault["body"])
                except HttpError as exc:
                    entry["status"] = exc.status
                    self._send(exc.status, {"message": "configure fault: %s" % exc.message})
                    return
            if fault and fault["action"] == "drop":
                entry["fault"] = "drop"
                self._drop()
                return
            if fault and fault["action"] == "status":
                entry["fault"] = "status"
                entry["status"] = fault["status"]
                extra = {}
                if fault["retry_after"] is not None:
                    extra["Retry-After"] = fault["retry_after"]
                if fault["echo"]:
                    body = sim.error_body(HttpError(fault["status"], _echo(fault, headers, raw)), path, route)
                else:
                    body = _fill(fault["body"], headers, raw) if fault["body"] is not None else sim.error_body(
                        HttpError(fault["status"], "injected fault"), path, route)
                self._send(fault["status"], body, extra)
                return

            extra = {}
            try:
                if route is None:
                    raise routing_error
                with sim.lock:
                    answer = route.handler(Request(method, path, query, headers, raw, params))
                status, body = answer[0], answer[1]
                extra = answer[2] if len(answer) > 2 else {}
            except HttpError as exc:
                status, body, extra = exc.status, sim.error_body(exc, path, route), exc.headers
            entry["status"] = status
            if fault and fault["action"] == "drop_after_commit":
                entry["fault"] = "drop_after_commit"
                self._drop()
                return
            if fault and fault["action"] == "hold":
                # Processed now, answered later: the client acts on what was true at this moment.
                entry["fault"] = "hold"
                sim.faults.wait_release(fault["delay"])
                self._send(status, body, extra)
                return
            if fault and fault["action"] in Faults.HOSTILE:
                entry["fault"] = fault["action"]
                self._hostile(fault, status)
                return
            if fault and fault["action"] == "rewrite":
                entry["fault"] = "rewrite"
                body = _rewrite(body, fault["body"], headers)
            elif fault and fault["action"] == "configure":
                entry["fault"] = "configure"
            elif fault:
                entry["fault"] = "delay"
            self._send(status, body, extra)

        def do_GET(self):  # noqa: N802 (http.server's naming)
            self._dispatch()

        do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_GET

    return Handler
