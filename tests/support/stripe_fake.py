"""A loopback Stripe for tests: a real HTTP server in a thread that answers the v1 API the
console uses, as the official SDK speaks it (``StripeClient(key, base_addresses={"api":
fake.url})``).

What it follows (from Stripe's OpenAPI description and documentation):
- keys: the secret key ``sk_test_…`` may do everything; a restricted key ``rk_test_…`` only
  what its permissions (``rak_product_write``, ...; write includes read) allow, checked
  before the parameters, answered 403 naming the permission that would allow the request;
  an unknown key 401, a revoked one 401 ``api_key_expired``;
- form-encoded bodies with nested keys; unknown parameters 400 ``parameter_unknown``,
  missing ones 400 ``parameter_missing``, unknown ids 404 ``resource_missing``;
- idempotency: a POST's ``Idempotency-Key`` with the same parameters replays the first
  answer (``Idempotent-Replayed: true``); with other parameters 400 ``idempotency_error``;
  only requests that ran are remembered (a 400 for a bad parameter is not);
- lists newest first with ``limit``, ``starting_after``, ``ending_before``, ``has_more``;
- the events list: every create and update appends an event; subscriptions changed or
  cancelled, invoices paid and payouts made (``stripe_revenue.py``) send Stripe's events too.

``fake.hold("POST", "/v1/prices")`` makes the next such request wait after it ran (the
object exists) until ``release()``: a test can kill a client at that moment.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from tests.support import stripe_revenue as revenue
from tests.support.stripe_checkout import (
    create_checkout_session,
    create_customer,
    create_portal_session,
)
from tests.support.stripe_form import StripeError, decode_form
from tests.support.stripe_objects import StripeObjects, new_id, page

SECRET_KEY = "sk_test_51WebNovaFakeAcct0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH"
RESOURCES = {"products": "product", "prices": "price", "subscriptions": "subscription",
             "events": "event", "invoices": "invoice", "payouts": "payout", "customers": "customer"}
# Creations under a two-part path (the permission they need, and what makes them).
SESSIONS = {("checkout", "sessions"): ("checkout_session", create_checkout_session),
            ("billing_portal", "sessions"): ("billing_portal_session", create_portal_session)}


@dataclass
class Hold:
    method: str
    path: str
    reached: threading.Event = field(default_factory=threading.Event)
    released: threading.Event = field(default_factory=threading.Event)


def masked(key: str) -> str:
    return f"{key[:8]}{'*' * max(0, len(key) - 12)}{key[-4:]}"


class StripeFake:
    def __init__(self, secret_key: str = SECRET_KEY, account_id: str = "acct_1WebNovaFake00") -> None:
        self.account_id = account_id
        self.keys: dict[str, frozenset[str] | None] = {secret_key: None}  # None: every permission
        self.revoked: set[str] = set()
        self.objects = StripeObjects(account_id)
        self.requests: list[tuple[str, str, str | None]] = []  # method, path, idempotency key
        self._idempotent: dict[str, tuple[str, dict[str, Any], int, dict[str, Any]]] = {}
        self._holds: list[Hold] = []
        self.lock = threading.RLock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------ set-up
    def restricted_key(self, *permissions: str) -> str:
        key = f"rk_test_{new_id('x', 60)[2:]}"
        self.keys[key] = frozenset(permissions)
        return key

    def revoke(self, key: str) -> None:
        self.revoked.add(key)

    def hold(self, method: str, path: str) -> Hold:
        held = Hold(method, path)
        self._holds.append(held)
        return held

    def add_subscription(self, price_id: str, status: str = "active") -> dict[str, Any]:
        with self.lock:
            return self.objects.add_subscription(price_id, status)

    def at(self, when: int) -> None:
        """Date what is made from now on at the Unix time ``when``."""
        with self.lock:
            self.objects.now = lambda: when

    def update_subscription(self, ident: str, **changes: Any) -> dict[str, Any]:
        with self.lock:
            return revenue.update_subscription(self.objects, ident, **changes)

    def cancel_subscription(self, ident: str) -> dict[str, Any]:
        with self.lock:
            return revenue.cancel_subscription(self.objects, ident)

    def pay_invoice(self, subscription_id: str, period: tuple[int, int],
                    amount_paid: int | None = None) -> dict[str, Any]:
        with self.lock:
            return revenue.pay_invoice(self.objects, subscription_id, period, amount_paid)

    def pay_out(self, amount: int, currency: str) -> dict[str, Any]:
        with self.lock:
            return revenue.pay_out(self.objects, amount, currency)

    def all(self, kind: str) -> list[dict[str, Any]]:
        with self.lock:
            return copy.deepcopy(self.objects.newest_first(kind))

    def posts(self) -> int:
        return sum(1 for method, _, _ in self.requests if method == "POST")

    # ------------------------------------------------------------ lifecycle
    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the Stripe fake is not running")
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> str:
        fake = self

        class Handler(_Handler):
            stripe = fake

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        name="stripe-fake", daemon=True)
        self._thread.start()
        return self.url

    def stop(self) -> None:
        for held in self._holds:
            held.released.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> StripeFake:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------ answering
    def _authorise(self, key: str | None, method: str, resource: str) -> None:
        if not key:
            raise StripeError(401, "You did not provide an API key. You need to provide your API "
                              "key in the Authorization header, using Bearer auth (e.g. "
                              "'Authorization: Bearer YOUR_SECRET_KEY').")
        if key in self.revoked:
            raise StripeError(401, f"Expired API Key provided: {masked(key)}. Application access "
                              "may have been revoked.", code="api_key_expired")
        if key not in self.keys:
            raise StripeError(401, f"Invalid API Key provided: {masked(key)}")
        granted = self.keys[key]
        if granted is None:
            return
        write = f"rak_{resource}_write"
        needed = write if method == "POST" else f"rak_{resource}_read"
        if needed in granted or write in granted:
            return
        raise StripeError(403, f"The provided key '{masked(key)}' does not have the required "
                          f"permissions for this endpoint on account '{self.account_id}'. Having "
                          f"the '{needed}' permission would allow this request to continue.")

    def answer(self, method: str, path: str, query: str, body: str, key: str | None,
               idempotency_key: str | None) -> tuple[int, Any, dict[str, str]]:
        headers = {"Request-Id": new_id("req", 14), "Stripe-Version": "2023-08-16"}
        parts = [p for p in path.split("/") if p]
        with self.lock:
            self.requests.append((method, path, idempotency_key))
            try:
                resource = _resource_of(method, parts)
                self._authorise(key, method, resource)
                params = decode_form(body if method == "POST" else query)
                if method == "POST" and idempotency_key:
                    replay = self._replay(key or "", idempotency_key, method, path, params)
                    if replay is not None:
                        status, payload = replay
                        return status, payload, {**headers, "Idempotent-Replayed": "true"}
                request = {"id": headers["Request-Id"], "idempotency_key": idempotency_key}
                payload = self._route(method, parts, params, request)
                if method == "POST" and idempotency_key:
                    self._idempotent[f"{key}:{idempotency_key}"] = (
                        f"{method} {path}", params, 200, copy.deepcopy(payload))
                status = 200
            except StripeError as exc:
                status, payload = exc.status, {"error": exc.body}
        for held in self._holds:
            if (held.method, held.path) == (method, path) and not held.reached.is_set():
                held.reached.set()
                held.released.wait(timeout=60)
                break
        return status, payload, headers

    def _replay(self, key: str, idempotency_key: str, method: str, path: str,
                params: dict[str, Any]) -> tuple[int, Any] | None:
        saved = self._idempotent.get(f"{key}:{idempotency_key}")
        if saved is None:
            return None
        endpoint, first, status, payload = saved
        if endpoint != f"{method} {path}" or _digest(first) != _digest(params):
            raise StripeError(400, "Keys for idempotent requests can only be used with the same "
                              "parameters they were first used with. Try using a key other than "
                              f"'{idempotency_key}' if you meant to execute a different request.",
                              type="idempotency_error", code="idempotency_key_in_use")
        return status, copy.deepcopy(payload)

    def _route(self, method: str, parts: list[str], params: dict[str, Any],
               request: dict[str, Any]) -> Any:
        objects = self.objects
        if parts == ["v1", "account"] and method == "GET":
            return objects.account()
        if method == "POST" and tuple(parts[1:]) in SESSIONS:
            return copy.deepcopy(SESSIONS[tuple(parts[1:])][1](objects, params, request))
        if parts == ["v1", "customers"] and method == "POST":
            return copy.deepcopy(create_customer(objects, params, request))
        head = parts[1] if len(parts) > 1 else ""
        kind = RESOURCES[head]
        if len(parts) == 2 and method == "GET":
            lister = {"product": objects.list_products, "price": objects.list_prices,
                      "subscription": objects.list_subscriptions, "event": objects.list_events,
                      "invoice": lambda q: revenue.list_invoices(objects, q),
                      "payout": lambda q: revenue.list_payouts(objects, q),
                      "customer": lambda _params: objects.newest_first("customer")}
            return page(lister[kind](params), params, f"/v1/{head}")
        if len(parts) == 2 and method == "POST" and kind in ("product", "price"):
            create = objects.create_product if kind == "product" else objects.create_price
            return copy.deepcopy(create(params, request))
        if len(parts) == 3 and method == "GET":
            return copy.deepcopy(objects.get(kind, parts[2]))
        if len(parts) == 3 and method == "POST" and kind in ("product", "price"):
            update = objects.update_product if kind == "product" else objects.update_price
            return copy.deepcopy(update(parts[2], params, request))
        raise _unrecognised(method, parts)


def _digest(params: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest()


def _unrecognised(method: str, parts: list[str]) -> StripeError:
    return StripeError(404, f"Unrecognized request URL ({method}: /{'/'.join(parts)}). Please "
                       "see https://stripe.com/docs or we can help at https://support.stripe.com/.")


def _resource_of(method: str, parts: list[str]) -> str:
    """The permission a request needs (``rak_<resource>_<read|write>``); 404 for a path the
    fake does not serve."""
    if parts == ["v1", "account"] and method == "GET":
        return "account"
    if method == "POST" and tuple(parts[1:]) in SESSIONS and parts[0] == "v1":
        return SESSIONS[tuple(parts[1:])][0]
    if parts == ["v1", "customers"] and method == "POST":
        return "customer"
    if len(parts) in (2, 3) and parts[0] == "v1" and parts[1] in RESOURCES:
        kind = RESOURCES[parts[1]]
        if method == "GET" or kind in ("product", "price"):
            return kind
    raise _unrecognised(method, parts)


class _Handler(BaseHTTPRequestHandler):
    stripe: StripeFake
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        return

    def _serve(self) -> None:
        split = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8") if length else ""
        auth = self.headers.get("Authorization", "")
        key = auth[7:].strip() if auth.startswith("Bearer ") else None
        if self.command == "POST" and raw and not re.match(
                r"application/x-www-form-urlencoded", self.headers.get("Content-Type", "")):
            status, payload, headers = 400, {"error": {
                "type": "invalid_request_error",
                "message": "Stripe's v1 API takes form-encoded bodies"}}, {}
        else:
            status, payload, headers = self.stripe.answer(
                self.command, split.path, split.query, raw, key,
                self.headers.get("Idempotency-Key"))
        data = json.dumps(payload).encode()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()
