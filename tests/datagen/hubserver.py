"""A minimal Hugging Face Hub API server for upload tests (no installable server implements uploads).

It implements just what ``huggingface_hub``'s ``HfApi.create_repo``, ``create_commit`` (preupload, the Git LFS
batch API with basic PUT transfers, the NDJSON commit endpoint with inline base64 or LFS files),
``repo_info``/``list_repo_files``/``list_repo_tree``, README metadata validation (``/api/validate-yaml``) and ``hf_hub_download``/``snapshot_download`` (resolve
with HEAD and GET) call, for model and dataset repos. Files are content-addressed blobs in a folder; repos
and commits live in memory. Files of at least ``lfs_threshold`` bytes are declared "lfs" at preupload (the
client then needs ``HF_HUB_DISABLE_XET`` semantics, since Xet storage is not implemented here), smaller ones
"regular" (sent inline in the commit).

Auth mirrors the Hub: a wrong bearer token gets 401 "Invalid credentials in Authorization header"; writes
need a valid token; private repos are invisible (404 RepoNotFound) without one.

Use :func:`serve` (a context manager yielding a :class:`HubServer`) in tests, or run
``python tests/datagen/hubserver.py --root DIR --port N --token T``.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import hashlib
import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import uvicorn
import yaml
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

_GITATTRIBUTES = b"*.parquet filter=lfs diff=lfs merge=lfs -text\n"


@dataclass
class _Commit:
    oid: str
    message: str
    files: dict[str, dict]  # path -> {"sha256", "size", "lfs", "git_oid"}


@dataclass
class _Repo:
    repo_type: str
    repo_id: str
    private: bool
    commits: list[_Commit] = field(default_factory=list)

    def resolve(self, revision: str) -> _Commit | None:
        if revision in ("main", "refs/heads/main"):
            return self.commits[-1]
        return next((c for c in self.commits if c.oid == revision), None)


def _error(status: int, message: str, code: str | None = None) -> JSONResponse:
    headers = {"X-Error-Message": message}
    if code:
        headers["X-Error-Code"] = code
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def create_app(
    root: str | Path, tokens: set[str] | None = None, *, lfs_threshold: int = 10 * 1024 * 1024
) -> FastAPI:
    """The server app storing blobs under ``root``; ``tokens`` are the valid bearer tokens."""
    blobs = Path(root) / "blobs"
    blobs.mkdir(parents=True, exist_ok=True)
    tokens = set(tokens or {"hf_test_token"})
    repos: dict[tuple[str, str], _Repo] = {}
    lock = threading.Lock()
    app = FastAPI()
    app.state.repos = repos
    app.state.requests = []  # (method, path) log for assertions

    @app.middleware("http")
    async def record(request: Request, call_next):
        app.state.requests.append((request.method, request.url.path))
        return await call_next(request)

    def auth(request: Request) -> tuple[bool, JSONResponse | None]:
        header = request.headers.get("authorization", "")
        if not header:
            return False, None
        if header.removeprefix("Bearer ").strip() not in tokens:
            return False, _error(401, "Invalid credentials in Authorization header")
        return True, None

    def store_blob(data: bytes) -> dict:
        sha = hashlib.sha256(data).hexdigest()
        (blobs / sha).write_bytes(data)
        git_oid = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
        return {"sha256": sha, "size": len(data), "lfs": False, "git_oid": git_oid}

    def new_commit(repo: _Repo, message: str, files: dict[str, dict]) -> _Commit:
        seed = f"{repo.repo_id}{len(repo.commits)}{time.time_ns()}{message}".encode()
        commit = _Commit(oid=hashlib.sha1(seed).hexdigest(), message=message, files=files)
        repo.commits.append(commit)
        return commit

    def lookup(request: Request, rtype: str, ns: str, name: str, revision: str = "main"):
        """(repo, commit, None) or (None, None, error response) honouring auth and privacy."""
        ok, bad = auth(request)
        if bad is not None:
            return None, None, bad
        repo = repos.get((rtype, f"{ns}/{name}"))
        if repo is None or (repo.private and not ok):
            return None, None, _error(404, "Repository not found", "RepoNotFound")
        commit = repo.resolve(revision)
        if commit is None:
            return None, None, _error(404, f"Invalid rev id: {revision}", "RevisionNotFound")
        return repo, commit, None

    def base(request: Request) -> str:
        return str(request.base_url).rstrip("/")

    def prefix(rtype: str) -> str:
        return "" if rtype == "models" else f"{rtype}/"

    @app.post("/api/repos/create")
    async def create_repo(request: Request):
        ok, bad = auth(request)
        if not ok:
            return bad or _error(401, "You must be authenticated to create a repo")
        body = await request.json()
        rtype = {"dataset": "datasets", "space": "spaces"}.get(body.get("type") or "model", "models")
        repo_id = f"{body.get('organization') or 'tester'}/{body['name']}"
        url = f"{base(request)}/{prefix(rtype)}{repo_id}"
        with lock:
            if (rtype, repo_id) in repos:
                return JSONResponse({"error": "You already created this repo", "url": url}, status_code=409)
            private = bool(body.get("private")) or body.get("visibility") == "private"  # older/newer clients
            repo = _Repo(rtype, repo_id, private)
            new_commit(repo, "initial commit", {".gitattributes": store_blob(_GITATTRIBUTES)})
            repos[(rtype, repo_id)] = repo
        return {"url": url, "name": repo_id, "id": repo_id}

    @app.post("/api/validate-yaml")
    async def validate_yaml(request: Request):
        body = await request.json()
        content = body.get("content", "")
        front = (
            content.split("---", 2)[1]
            if content.lstrip().startswith("---") and content.count("---") >= 2
            else ""
        )
        try:
            meta = yaml.safe_load(front) if front else {}
        except yaml.YAMLError as exc:
            return JSONResponse({"errors": [{"message": f"invalid YAML: {exc}"}]}, status_code=400)
        if front and not isinstance(meta, dict):
            return JSONResponse({"errors": [{"message": "metadata must be a mapping"}]}, status_code=400)
        return {"errors": [], "warnings": []}

    def info(repo: _Repo, commit: _Commit) -> dict:
        return {
            "id": repo.repo_id, "_id": repo.repo_id, "author": repo.repo_id.split("/")[0], "sha": commit.oid,
            "private": repo.private, "gated": False, "disabled": False, "downloads": 0, "likes": 0, "tags": [],
            "lastModified": "2026-01-01T00:00:00.000Z", "createdAt": "2026-01-01T00:00:00.000Z",
            "siblings": [{"rfilename": p} for p in sorted(commit.files)],
        }  # fmt: skip

    @app.get("/api/{rtype}/{ns}/{name}")
    async def repo_info(request: Request, rtype: str, ns: str, name: str):
        repo, commit, bad = lookup(request, rtype, ns, name)
        return bad or info(repo, commit)

    @app.get("/api/{rtype}/{ns}/{name}/revision/{revision:path}")
    async def repo_info_revision(request: Request, rtype: str, ns: str, name: str, revision: str):
        repo, commit, bad = lookup(request, rtype, ns, name, revision)
        return bad or info(repo, commit)

    def tree(commit: _Commit, path: str, recursive: bool) -> list[dict]:
        path = path.strip("/")
        entries, dirs = [], set()
        for file_path, meta in sorted(commit.files.items()):
            if path and not file_path.startswith(path + "/"):
                continue
            rest = file_path[len(path) + 1 :] if path else file_path
            parts = rest.split("/")
            for depth in range(1, len(parts)):
                directory = "/".join(([path] if path else []) + parts[:depth])
                if (recursive or depth == 1) and directory not in dirs:
                    dirs.add(directory)
                    entries.append({"type": "directory", "oid": "0" * 40, "size": 0, "path": directory})
            if recursive or len(parts) == 1:
                entry = {"type": "file", "oid": meta["git_oid"], "size": meta["size"], "path": file_path}
                if meta["lfs"]:
                    entry["lfs"] = {"oid": meta["sha256"], "size": meta["size"], "pointerSize": 134}
                entries.append(entry)
        return entries

    @app.get("/api/{rtype}/{ns}/{name}/tree/{revision}")
    async def list_tree(
        request: Request, rtype: str, ns: str, name: str, revision: str, recursive: bool = False
    ):
        _, commit, bad = lookup(request, rtype, ns, name, revision)
        return bad or tree(commit, "", recursive)

    @app.get("/api/{rtype}/{ns}/{name}/tree/{revision}/{path:path}")
    async def list_tree_path(request: Request, rtype: str, ns: str, name: str, revision: str, path: str,
                             recursive: bool = False):  # fmt: skip
        _, commit, bad = lookup(request, rtype, ns, name, revision)
        return bad or tree(commit, path, recursive)

    @app.post("/api/{rtype}/{ns}/{name}/preupload/{revision}")
    async def preupload(request: Request, rtype: str, ns: str, name: str, revision: str):
        _, _, bad = lookup(request, rtype, ns, name, revision)
        if bad is not None:
            return bad
        body = await request.json()
        files = [
            {"path": f["path"], "uploadMode": "lfs" if f["size"] >= lfs_threshold else "regular",
             "shouldIgnore": False, "oid": None}
            for f in body.get("files", [])
        ]  # fmt: skip
        return {"files": files, "commitOid": None}

    @app.post("/{rtype}/{ns}/{name}/info/lfs/objects/batch")
    async def lfs_batch(request: Request, rtype: str, ns: str, name: str):
        ok, bad = auth(request)
        if not ok:
            return bad or _error(401, "You must be authenticated to upload")
        body = await request.json()
        objects = []
        for obj in body.get("objects", []):
            entry = {"oid": obj["oid"], "size": obj["size"], "authenticated": True}
            if not (blobs / obj["oid"]).exists():
                href = f"{base(request)}/lfs-upload/{obj['oid']}"
                entry["actions"] = {"upload": {"href": href, "header": {}}}
            objects.append(entry)
        return JSONResponse(
            {"transfer": "basic", "objects": objects}, media_type="application/vnd.git-lfs+json"
        )

    @app.put("/lfs-upload/{oid}")
    async def lfs_upload(request: Request, oid: str):
        data = await request.body()
        if hashlib.sha256(data).hexdigest() != oid:
            return _error(400, "sha256 of the uploaded content does not match the oid")
        (blobs / oid).write_bytes(data)
        return Response(status_code=200)

    @app.post("/api/{rtype}/{ns}/{name}/commit/{revision}")
    async def commit(request: Request, rtype: str, ns: str, name: str, revision: str):
        ok, bad = auth(request)
        if not ok:
            return bad or _error(401, "You must be authenticated to commit")
        repo, head, bad = lookup(request, rtype, ns, name, revision)
        if bad is not None:
            return bad
        files = dict(head.files)
        summary = ""
        for line in (await request.body()).decode("utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            key, value = item["key"], item["value"]
            if key == "header":
                summary = value.get("summary", "")
            elif key == "file":
                files[value["path"]] = store_blob(base64.b64decode(value["content"]))
            elif key == "lfsFile":
                blob = blobs / value["oid"]
                if not blob.exists():
                    return _error(400, f"LFS object {value['oid']} of {value['path']} was never uploaded")
                size = blob.stat().st_size
                files[value["path"]] = {
                    "sha256": value["oid"],
                    "size": size,
                    "lfs": True,
                    "git_oid": value["oid"][:40],
                }
            elif key == "deletedFile":
                files.pop(value["path"], None)
            elif key == "deletedFolder":
                files = {p: m for p, m in files.items() if not p.startswith(value["path"].rstrip("/") + "/")}
            else:
                return _error(400, f"unknown commit operation {key!r}")
        with lock:
            new = new_commit(repo, summary, files)
        url = f"{base(request)}/{prefix(rtype)}{repo.repo_id}/commit/{new.oid}"
        return {"commitUrl": url, "commitOid": new.oid, "pullRequestUrl": None}

    async def resolve(request: Request, rtype: str, ns: str, name: str, revision: str, path: str):
        _, commit, bad = lookup(request, rtype, ns, name, revision)
        if bad is not None:
            return bad
        meta = commit.files.get(path)
        if meta is None:
            return _error(404, f"Entry not found: {path}", "EntryNotFound")
        etag = meta["sha256"] if meta["lfs"] else meta["git_oid"]
        headers = {"X-Repo-Commit": commit.oid, "ETag": f'"{etag}"', "Content-Length": str(meta["size"])}
        if request.method == "HEAD":
            return Response(status_code=200, headers=headers)
        return Response(
            (blobs / meta["sha256"]).read_bytes(), headers=headers, media_type="application/octet-stream"
        )

    @app.api_route("/datasets/{ns}/{name}/resolve/{revision}/{path:path}", methods=["GET", "HEAD"])
    async def resolve_dataset(request: Request, ns: str, name: str, revision: str, path: str):
        return await resolve(request, "datasets", ns, name, revision, path)

    @app.api_route("/{ns}/{name}/resolve/{revision}/{path:path}", methods=["GET", "HEAD"])
    async def resolve_model(request: Request, ns: str, name: str, revision: str, path: str):
        return await resolve(request, "models", ns, name, revision, path)

    return app


@dataclass
class HubServer:
    """A running test server: its base URL and the FastAPI app (``app.state.repos``, ``app.state.requests``)."""

    url: str
    app: FastAPI


@contextlib.contextmanager
def serve(
    root: str | Path, tokens: set[str] | None = None, *, lfs_threshold: int = 10 * 1024 * 1024
) -> Iterator[HubServer]:
    """Run the server on a free 127.0.0.1 port in a background thread until the block ends."""
    app = create_app(root, tokens, lfs_threshold=lfs_threshold)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    if not server.started:
        raise RuntimeError("hub test server did not start within 20 s")
    try:
        yield HubServer(url=f"http://127.0.0.1:{port}", app=app)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", required=True, help="folder for the stored blobs")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--token", action="append", default=None, help="a valid bearer token (repeatable)")
    parser.add_argument("--lfs-threshold", type=int, default=10 * 1024 * 1024)
    args = parser.parse_args()
    app = create_app(args.root, set(args.token or ["hf_test_token"]), lfs_threshold=args.lfs_threshold)
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
