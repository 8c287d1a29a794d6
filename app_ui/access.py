"""Who is calling: logins (``--auth``), API keys (``--api-keys``), the Hugging Face login on Spaces, and the
anonymous browser session; and who owns what.

Every knowledge base and studio project belongs to an *identity* string:

- ``key:<digest>``: an API key of ``--api-keys`` (the key itself is never kept, only a digest);
- ``user:<name>``: a login of ``--auth`` (Gradio's login page, or HTTP Basic on the API);
- ``hf:<name>``: the Hugging Face user signed in with OAuth on a Space;
- ``visitor:<id>``: an anonymous browser (a random HttpOnly cookie set on the first page load);
- ``session:<hash>``: a client without that cookie (one Gradio session);
- ``anonymous``: API callers when the API is open (no keys and no logins configured).

:class:`AccessConfig` is built once in ``app.py``; the ASGI middleware here checks the API's credentials before
any route runs and sets the visitor cookie. Nothing in this module stores a secret in a log or a response.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

VISITOR_COOKIE = "kblam_visitor"
ANONYMOUS = "anonymous"
SHARED = "shared"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()[:16]


def parse_logins(entries: Iterable[str], source: str) -> tuple[tuple[str, str], ...]:
    """``USER:PASS`` entries (blank lines and ``#`` comments skipped); errors name the entry number and source,
    never the password."""
    logins: list[tuple[str, str]] = []
    for number, raw in enumerate(entries, 1):
        entry = raw.strip()
        if not entry or entry.startswith("#"):
            continue
        user, sep, password = entry.partition(":")
        if not sep or not user.strip() or not password:
            raise ValueError(f"{source}, entry {number}: expected USER:PASS with a non-empty user and password")
        logins.append((user.strip(), password))
    return tuple(logins)


def parse_keys(text: str | None, source: str) -> tuple[str, ...]:
    """Comma- or newline-separated API keys; an empty entry between commas is an error naming the source."""
    if not text:
        return ()
    keys = [k.strip() for k in text.replace("\n", ",").split(",")]
    keys = [k for k in keys if k and not k.startswith("#")]
    if any(len(k) < 4 for k in keys):
        raise ValueError(f"{source}: every API key must have at least 4 characters")
    return tuple(dict.fromkeys(keys))


def read_secret_file(path: str | None, what: str) -> str:
    if not path:
        return ""
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"cannot read the {what} file {path}: {exc.strerror or exc}") from None


@dataclass(frozen=True)
class AccessConfig:
    """Who may use the app and what they may use. Everything off by default (the local demo)."""

    logins: tuple[tuple[str, str], ...] = ()
    api_keys: tuple[str, ...] = ()
    admin: str | None = None  # the login that may use the server's HF token (default: the first login)
    hub_token_for_all: bool = False  # let every visitor use the server's HF token (explicit opt-in)
    shared_workspace: bool = False  # one studio workspace for everybody, as before ownership

    def __repr__(self) -> str:  # never print secrets
        return (f"AccessConfig(logins={[u for u, _ in self.logins]}, api_keys={len(self.api_keys)}, "
                f"admin={self.admin!r}, hub_token_for_all={self.hub_token_for_all}, "
                f"shared_workspace={self.shared_workspace})")

    @property
    def login_required(self) -> bool:
        return bool(self.logins)

    @property
    def api_protected(self) -> bool:
        return bool(self.logins or self.api_keys)

    @property
    def admin_user(self) -> str | None:
        return self.admin or (self.logins[0][0] if self.logins else None)

    def check_login(self, user: str, password: str) -> bool:
        """Constant-time check of a login (used by Gradio's login page and HTTP Basic on the API)."""
        ok = False
        for name, expected in self.logins:
            ok |= hmac.compare_digest(name.encode(), user.encode()) & hmac.compare_digest(
                expected.encode(), password.encode())
        return ok

    def api_identity(self, headers: Mapping[str, str]) -> str | None:
        """The identity of an API request, or None when its credentials are missing or wrong. Open API (nothing
        configured): everybody is ``anonymous``."""
        if not self.api_protected:
            return ANONYMOUS
        value = headers.get("authorization", "")
        scheme, _, credential = value.partition(" ")
        scheme, credential = scheme.lower(), credential.strip()
        if scheme == "bearer" and credential:
            for key in self.api_keys:
                if hmac.compare_digest(key.encode(), credential.encode()):
                    return f"key:{_digest(key)}"
            return None
        if scheme == "basic" and credential and self.logins:
            try:
                user, _, password = base64.b64decode(credential).decode("utf-8").partition(":")
            except (ValueError, UnicodeDecodeError):
                return None
            return f"user:{user}" if self.check_login(user, password) else None
        return None

    def may_use_server_token(self, identity: str) -> bool:
        """The server's own HF token is the owner's: only the admin login, or everybody on explicit opt-in."""
        return self.hub_token_for_all or (self.admin_user is not None and identity == f"user:{self.admin_user}")

    def owner(self, identity: str) -> str:
        """The owner of new projects (``shared`` with ``--shared-workspace``)."""
        return SHARED if self.shared_workspace else identity


def ui_identity(request: Any) -> str:
    """The identity behind a Gradio event (``gr.Request``): login > HF OAuth > visitor cookie > session."""
    if request is None:
        return ANONYMOUS
    username = getattr(request, "username", None)
    if username:
        return f"user:{username}"
    inner = getattr(request, "request", None)
    session = getattr(inner, "session", None) if inner is not None and "session" in getattr(inner, "scope", {}) \
        else None
    info = session.get("oauth_info") if isinstance(session, Mapping) else None
    if isinstance(info, Mapping) and isinstance(info.get("userinfo"), Mapping):
        name = info["userinfo"].get("preferred_username")
        if name:
            return f"hf:{name}"
    cookies = getattr(request, "cookies", None) or {}
    visitor = cookies.get(VISITOR_COOKIE) if isinstance(cookies, Mapping) else None
    if visitor and len(visitor) >= 16:
        return f"visitor:{visitor}"
    session_hash = getattr(request, "session_hash", None)
    return f"session:{session_hash}" if session_hash else ANONYMOUS


def owner_folder(identity: str) -> str:
    """A folder name for an identity's files (a digest: names and cookies never appear on disk)."""
    return SHARED if identity == SHARED else "owner-" + _digest(identity)


def data_dir(environ: Mapping[str, str] | None = None) -> Path | None:
    """Where data should persist: ``KBLAM_DATA_DIR`` when set (``none`` turns it off), else ``/data`` on a Space
    with persistent storage (the folder exists and is writable), else None."""
    environ = os.environ if environ is None else environ
    explicit = environ.get("KBLAM_DATA_DIR")
    if explicit is not None:
        return None if explicit.strip().lower() in ("", "none", "0") else Path(explicit)
    data = Path("/data")
    if environ.get("SPACE_ID") and data.is_dir() and os.access(data, os.W_OK):
        return data
    return None


# ---------------------------------------------------------------------------------------------- ASGI middleware


def _path(scope: dict) -> str:
    path, root = scope.get("path", ""), scope.get("root_path", "")
    return path[len(root):] if root and path.startswith(root) else path


async def _send_json(send, status: int, body: bytes, extra: list | None = None) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *(extra or [])]})
    await send({"type": "http.response.body", "body": body})


class AccessMiddleware:
    """Checks the API's credentials (401 in OpenAI's error JSON), records the caller's identity in
    ``scope["state"]["identity"]``, and gives anonymous browsers a visitor cookie."""

    def __init__(self, app, access: AccessConfig, api_prefix: str = "/v1") -> None:
        self.app, self.access, self.api_prefix = app, access, api_prefix

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = _path(scope)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if path == self.api_prefix or path.startswith(self.api_prefix + "/"):
            identity = self.access.api_identity(headers)
            if identity is None:
                import json

                how = "an API key (Authorization: Bearer KEY)" if self.access.api_keys else "a login (HTTP Basic)"
                body = json.dumps({"error": {"message": f"missing or invalid credentials: this API needs {how}",
                                             "type": "invalid_request_error", "param": None,
                                             "code": "invalid_api_key"}}).encode()
                return await _send_json(send, 401, body, [(b"www-authenticate", b'Bearer realm="kblam"')])
            scope.setdefault("state", {})["identity"] = identity
            return await self.app(scope, receive, send)
        if VISITOR_COOKIE + "=" in headers.get("cookie", ""):
            return await self.app(scope, receive, send)
        cookie = (f"{VISITOR_COOKIE}={secrets.token_urlsafe(18)}; Path=/; Max-Age=31536000; HttpOnly; "
                  "SameSite=Lax").encode()

        async def send_with_cookie(message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), (b"set-cookie", cookie)]}
            await send(message)

        return await self.app(scope, receive, send_with_cookie)


class BodyLimitMiddleware:
    """Refuses request bodies over a limit with 413 naming it: ``max_upload_bytes`` for Gradio's upload route,
    ``max_ui_request_bytes`` for the other Gradio routes (the API under ``/v1`` enforces its own limit)."""

    def __init__(self, app, *, max_upload_bytes: int, max_ui_request_bytes: int, api_prefix: str = "/v1") -> None:
        self.app, self.api_prefix = app, api_prefix
        self.max_upload_bytes, self.max_ui_request_bytes = max_upload_bytes, max_ui_request_bytes

    def _limit(self, path: str) -> tuple[str, int] | None:
        if path == self.api_prefix or path.startswith(self.api_prefix + "/"):
            return None
        if path.rstrip("/").endswith("/upload"):
            return "max_upload_bytes", self.max_upload_bytes + 64 * 1024  # multipart framing
        return "max_ui_request_bytes", self.max_ui_request_bytes

    async def _refuse(self, send, name: str, limit: int) -> None:
        import json

        body = json.dumps({"detail": f"the request body is over {limit} bytes ({name}); send less",
                           "limit": name}).encode()
        await _send_json(send, 413, body)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        found = self._limit(_path(scope))
        if found is None:
            return await self.app(scope, receive, send)
        name, limit = found
        declared = dict(scope.get("headers", [])).get(b"content-length", b"")
        if declared.isdigit():  # the server (h11) never passes more than the declared length
            if int(declared) > limit:
                return await self._refuse(send, name, limit)
            return await self.app(scope, receive, send)
        chunks, size = [], 0  # no declared length (chunked): read up to the limit, then replay
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return
            size += len(message.get("body", b""))
            if size > limit:
                return await self._refuse(send, name, limit)
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        replayed = False

        async def replay():
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": b"".join(chunks), "more_body": False}

        await self.app(scope, replay, send)
