"""Security acceptance tests (issue 11, "safe to share"): each numbered finding reproduced against a real
``python app.py`` on 127.0.0.1, as an untrusted visitor would try it.

One server per module (real SmolLM2 + MiniLM from the wheels; API keys ``key-a,key-b``; the owner's HF token
in its environment; ``--max-queue 64``; small upload and body limits), and one small ``--no-preload`` server
with ``--auth`` for the login checks. The raw Gradio HTTP API (``/gradio_api/call/…``) is used where a
visitor would craft a payload that ``gradio_client`` would not send.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.realmodel

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
OWNER_TOKEN = "hf_test_app_token_5c1e"  # the token the hub test server accepts (tests/app/conftest.py)
KEY_A, KEY_B = "key-a-3f9c1d", "key-b-77e0aa"
SECRET = "SERVER-SECRET-7d41c0"
UPLOAD_LIMIT = 2 * 1024 * 1024
BODY_LIMIT = 1024 * 1024


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log_path: Path
    secret_file: Path

    @property
    def api(self) -> str:
        return self.url + "/v1"

    def rss_mb(self) -> float:
        """Resident memory of the server process (MB)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise AssertionError("no VmRSS")

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")


def _start(base: Path, name: str, env_extra: dict[str, str], args: list[str], *, ready: str) -> Server:
    ARTIFACTS.mkdir(exist_ok=True)
    log_path = ARTIFACTS / f"security-{name}.log"
    env = {k: v for k, v in os.environ.items() if k not in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "KBLAM_AUTH",
                                                            "KBLAM_API_KEYS", "SPACE_ID")}
    env.update(GRADIO_ANALYTICS_ENABLED="False", HF_HUB_OFFLINE="0", HF_HUB_DISABLE_XET="1",
               HF_HOME=str(base / "hf-home"), DATAGEN_WORKSPACE=str(base / "workspace"),
               KBLAM_RUNS_DIR=str(base / "runs"), PYTHONUNBUFFERED="1", **env_extra)
    port = _free_port()
    log = open(log_path, "wb")  # noqa: SIM115 - the process owns it until teardown
    proc = subprocess.Popen([sys.executable, str(ROOT / "app.py"), "--host", "127.0.0.1", "--port", str(port),
                             *args], cwd=base, env=env, stdout=log, stderr=subprocess.STDOUT)
    log.close()
    server = Server(f"http://127.0.0.1:{port}", proc, log_path, base / "outside" / "notes.md")
    deadline = time.monotonic() + 240
    while True:
        if proc.poll() is not None:
            pytest.fail(f"app.py exited with {proc.returncode}:\n{server.log_text()[-3000:]}")
        try:
            status = httpx.get(server.url + "/health", timeout=5).json()["model"]["status"]
            if status == ready or ready == "up":
                return server
        except (httpx.HTTPError, ValueError, KeyError):
            pass
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"app.py did not become ready:\n{server.log_text()[-3000:]}")
        time.sleep(0.5)


def _stop(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=5)


@pytest.fixture(scope="module")
def app(tmp_path_factory, hub_server):
    """The shared server: API keys, the owner's HF token, --max-queue 64, small upload/body limits."""
    base = tmp_path_factory.mktemp("secure-app")
    (base / "outside").mkdir()
    (base / "outside" / "notes.md").write_text(f"# Server notes\n\nThe password is {SECRET}.\n")
    (base / "outside" / "notes.csv").write_text(f"name,property,value\nserver,password,{SECRET}\n")
    env = {"HF_ENDPOINT": hub_server.url, "HF_TOKEN": OWNER_TOKEN, "KBLAM_API_KEYS": f"{KEY_A},{KEY_B}",
           "KBLAM_CONCURRENCY": "1", "KBLAM_MAX_QUEUE": "64", "KBLAM_MAX_NEW_TOKENS": "256",
           "KBLAM_MAX_UPLOAD_BYTES": str(UPLOAD_LIMIT), "KBLAM_MAX_UI_REQUEST_BYTES": str(BODY_LIMIT)}
    server = _start(base, "main", env, [], ready="ready")
    yield server
    _stop(server)


def _auth(key: str | None) -> dict:
    return {"Authorization": f"Bearer {key}"} if key else {}


# ---------------------------------------------------------------------------------------------- raw Gradio calls


def _gradio_call(url: str, api_name: str, data: list, *, cookies: dict | None = None,
                 timeout: float = 120) -> tuple[str, object]:
    """One call through Gradio's REST API: (event, data) where event is 'complete' or 'error'."""
    with httpx.Client(base_url=url, cookies=cookies, timeout=timeout) as http:
        resp = http.post(f"/gradio_api/call/{api_name}", json={"data": data})
        if resp.status_code != 200:
            return f"http {resp.status_code}", resp.text
        event_id = resp.json()["event_id"]
        event, payload = "", None
        with http.stream("GET", f"/gradio_api/call/{api_name}/{event_id}") as stream:
            for line in stream.iter_lines():
                if line.startswith("event:"):
                    event = line.split(":", 1)[1].strip()
                elif line.startswith("data:") and event in ("complete", "error"):
                    payload = json.loads(line.split(":", 1)[1])
                    return event, payload
    return event, payload


def _file_endpoints(url: str) -> list[tuple[str, list[tuple[int, list]], int]]:
    """Every named endpoint with a file-taking input: (api_name, [(position, accepted file types)], number of API
    inputs)."""
    config = httpx.get(url + "/config", timeout=30).json()
    kinds = {c["id"]: (c["type"], c.get("props", {})) for c in config["components"]}
    file_types = {"file", "uploadbutton", "image", "audio", "video", "gallery", "model3d", "multimodaltextbox"}
    found = []
    for dep in config["dependencies"]:
        api_name = dep.get("api_name")
        if not api_name or dep.get("api_visibility", "public") == "private":
            continue
        inputs = [i for i in dep["inputs"] if kinds[i][0] != "state"]
        positions = [(n, kinds[i][1].get("file_types") or []) for n, i in enumerate(inputs)
                     if kinds[i][0] in file_types]
        if positions:
            found.append((api_name, positions, len(inputs)))
    return found


# ---------------------------------------------------------------------------------------------- finding 1


def test_crafted_file_input_is_refused_on_every_file_endpoint(app):
    """Finding 1: a FileData payload naming a server file must not read that file into the visitor's project/KB."""
    endpoints = _file_endpoints(app.url)
    names = {name for name, _, _ in endpoints}
    assert {"studio_add_files", "upload_kb"} <= names, names
    for api_name, positions, n_inputs in endpoints:
        data: list = [None] * n_inputs
        for pos, types in positions:  # a server file with an extension the input accepts
            path = app.secret_file.with_suffix(".md" if not types or ".md" in types else ".csv")
            crafted = {"path": str(path), "orig_name": path.name, "meta": {"_type": "gradio.FileData"}}
            data[pos] = [crafted] if api_name == "studio_add_files" else crafted
        event, payload = _gradio_call(app.url, api_name, data)
        assert SECRET not in json.dumps(payload), f"{api_name} read the server file: {payload}"
        assert event == "error", f"{api_name}: {event} {payload}"
        assert "uploaded" in json.dumps(payload), f"{api_name}: the error should say why: {payload}"


def test_genuine_upload_still_works(app, tmp_path):
    from gradio_client import Client, handle_file

    doc = tmp_path / "facts.csv"
    doc.write_text("name,property,value\nVega,constellation,Lyra\n", encoding="utf-8")
    client = Client(app.url + "/", verbose=False)
    table, _, error = client.predict(handle_file(str(doc)), api_name="/upload_kb")
    assert error == "" and table["data"] == [["0", "Vega", "constellation", "Lyra"]]


def test_gradio_routes_refuse_large_bodies(app):
    """Finding 6: Gradio routes accept bodies of any size; now each limit is a 413 that names it."""
    junk = b"x" * (UPLOAD_LIMIT + 1024)
    resp = httpx.post(app.url + "/gradio_api/upload", files={"files": ("big.txt", junk, "text/plain")}, timeout=60)
    assert resp.status_code == 413, (resp.status_code, resp.text[:300])
    big = {"data": ["y" * (BODY_LIMIT + 1024)], "fn_index": 0, "session_hash": "abc"}
    resp = httpx.post(app.url + "/gradio_api/queue/join", json=big, timeout=60)
    assert resp.status_code == 413 and "max_ui_request_bytes" in resp.text, (resp.status_code, resp.text[:300])
    assert httpx.get(app.url + "/health", timeout=5).status_code == 200


# ---------------------------------------------------------------------------------------------- finding 2


def test_visitor_cannot_use_the_owner_hub_token(app, hub_server, monkeypatch):
    """Finding 2: with HF_TOKEN in the server's environment, an anonymous visitor pulls the owner's private KB."""
    from gradio_client import Client
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)  # the test session is offline; this is 127.0.0.1
    monkeypatch.setattr(constants, "HF_HUB_DISABLE_XET", True)

    from kblam import hub
    from kblam.kb import KnowledgeBase, Triple

    repo = f"owner/private-{uuid.uuid4().hex[:6]}"
    hub.push_kb(KnowledgeBase([Triple("Project X", "budget", "12 million")]), repo, token=OWNER_TOKEN,
                private=True, endpoint=hub_server.url)
    visitor = Client(app.url + "/", verbose=False)
    *_, result = visitor.predict(repo, "", api_name="/hub_pull_kb")
    assert "pulled" not in result and "token" in result.lower(), result
    pushed = visitor.predict(f"owner/by-visitor-{uuid.uuid4().hex[:6]}", False, "", api_name="/hub_push_kb")
    assert "pushed" not in pushed, pushed
    *_, result = visitor.predict(repo, OWNER_TOKEN, api_name="/hub_pull_kb")  # a token of their own works
    assert "pulled 1 triples" in result, result


# ---------------------------------------------------------------------------------------------- finding 3


def test_ten_thousand_word_question_with_a_kb_is_refused(app):
    """Finding 3: a huge question with a KB took the server from 1.4 GB to 8.2 GB; now it is a 4xx, RSS bounded."""
    from gradio_client import Client

    question = " ".join(f"word{i % 97}" for i in range(10_000)) + " What is the capital of France?"
    kb = [{"name": "France", "property": "capital", "value": "Paris"}]
    before = app.rss_mb()
    for stream in (False, True):
        t0 = time.monotonic()
        resp = httpx.post(app.api + "/chat/completions", headers=_auth(KEY_A), timeout=120,
                          json={"messages": [{"role": "user", "content": question}], "kb": kb, "stream": stream})
        assert 400 <= resp.status_code < 500, (resp.status_code, resp.text[:300])
        error = resp.json()["error"]
        assert "max_prompt_tokens" in error["message"] and error["code"] == "max_prompt_tokens_exceeded"
        assert time.monotonic() - t0 < 20
    client = Client(app.url + "/", verbose=False)
    client.predict("solar_system", api_name="/load_example")
    with pytest.raises(Exception, match="max_prompt_tokens"):
        client.predict(question=question, history=[], api_name="/chat")
    assert app.rss_mb() - before < 800, (before, app.rss_mb())


# ---------------------------------------------------------------------------------------------- finding 5


def test_api_keys_are_required(app):
    for path, method in (("/models", "GET"), ("/kbs", "GET"), ("/chat/completions", "POST")):
        for headers in ({}, _auth("wrong-key")):
            resp = httpx.request(method, app.api + path, headers=headers, json={}, timeout=30)
            assert resp.status_code == 401, (path, headers, resp.status_code, resp.text[:200])
            error = resp.json()["error"]
            assert error["type"] == "invalid_request_error" and error["code"] == "invalid_api_key"
    from openai import AuthenticationError, OpenAI

    with pytest.raises(AuthenticationError):
        OpenAI(base_url=app.api, api_key="nope", max_retries=0).models.list()
    assert OpenAI(base_url=app.api, api_key=KEY_A, max_retries=0).models.list().data


def test_kbs_belong_to_their_api_key(app):
    """Finding 5: anyone listed, read, used and deleted anyone's KB; and 64 uploads evicted everyone's."""
    triples = [{"name": "Vega", "property": "constellation", "value": "Lyra"}]
    kb_id = httpx.post(app.api + "/kbs", headers=_auth(KEY_A), json={"name": "a's kb", "triples": triples},
                       timeout=30).json()["id"]
    listing = httpx.get(app.api + "/kbs", headers=_auth(KEY_B), timeout=30).json()["data"]
    assert kb_id not in [k["id"] for k in listing]
    assert httpx.get(f"{app.api}/kbs/{kb_id}", headers=_auth(KEY_B), timeout=30).status_code == 404
    resp = httpx.post(app.api + "/chat/completions", headers=_auth(KEY_B), timeout=60,
                      json={"messages": [{"role": "user", "content": "Where is Vega?"}], "kb_id": kb_id})
    assert resp.status_code == 404 and resp.json()["error"]["code"] == "kb_not_found"
    assert httpx.delete(f"{app.api}/kbs/{kb_id}", headers=_auth(KEY_B), timeout=30).status_code == 404
    for i in range(70):  # b floods the store: only b's own oldest KBs make room
        resp = httpx.post(app.api + "/kbs", headers=_auth(KEY_B), timeout=30,
                          json={"triples": [{"name": f"E{i}", "property": "p", "value": "v"}]})
        assert resp.status_code in (200, 429), resp.text[:200]
    mine = httpx.get(f"{app.api}/kbs/{kb_id}", headers=_auth(KEY_A), timeout=30)
    assert mine.status_code == 200 and mine.json()["triples"][0]["value"] == "Lyra"
    assert [k["id"] for k in httpx.get(app.api + "/kbs", headers=_auth(KEY_A), timeout=30).json()["data"]] == [kb_id]


def test_projects_belong_to_their_session(app, tmp_path):
    """Finding 5 (studio): session B could open, edit and delete session A's project."""
    from gradio_client import Client, handle_file

    name = f"alpha-{uuid.uuid4().hex[:6]}"
    doc = tmp_path / "plan.md"
    doc.write_text("# Plan\n\nThe launch date is the ninth of May.\n", encoding="utf-8")
    alice, bob = Client(app.url + "/", verbose=False), Client(app.url + "/", verbose=False)
    alice.predict(name, api_name="/studio_create_project")
    table, _ = alice.predict([handle_file(str(doc))], api_name="/studio_add_files")
    file_id = table["data"][0][0]
    for listing in (bob.predict(api_name="/studio_refresh_projects"), bob.predict(api_name="/hub_list_projects")):
        assert name not in json.dumps(listing), listing
    with pytest.raises(Exception, match="not found|not in the list of choices"):
        bob.predict(name, api_name="/studio_select_project")
    with pytest.raises(Exception, match="no file with id|not in"):
        bob.predict(file_id, api_name="/studio_delete_file")
    result = bob.predict(name, "bob/steal", "alpaca", False, OWNER_TOKEN, api_name="/hub_push_dataset")
    assert "pushed" not in result, result
    assert name in json.dumps(alice.predict(api_name="/studio_refresh_projects"))
    _, msg = alice.predict(file_id, api_name="/studio_delete_file")  # still there for its owner
    assert "deleted" in msg.lower(), msg


# ---------------------------------------------------------------------------------------------- finding 4


def test_queue_does_not_deadlock(app):
    """Finding 4: with --max-queue 64, 1 streaming + 45 plain requests deadlocked the server for good."""
    stream_result: list = []
    results: list = []

    def plain(i: int) -> None:
        body = {"messages": [{"role": "user", "content": f"Say {i}."}], "max_tokens": 1}
        try:
            resp = httpx.post(app.api + "/chat/completions", headers=_auth(KEY_A), json=body, timeout=600)
            results.append((resp.status_code, resp.text[:300]))
        except httpx.HTTPError as exc:
            results.append(("error", repr(exc)))

    def streaming() -> None:
        body = {"messages": [{"role": "user", "content": "Write a long story about a lighthouse."}],
                "max_tokens": 100, "stream": True}
        try:
            with httpx.stream("POST", app.api + "/chat/completions", headers=_auth(KEY_A), json=body,
                              timeout=600) as resp:
                stream_result.append(resp.status_code)
                text = "".join(resp.iter_text())
                stream_result.append("[DONE]" in text)
        except httpx.HTTPError as exc:
            stream_result.append(repr(exc))

    first = threading.Thread(target=streaming)
    first.start()
    time.sleep(1.0)
    threads = [threading.Thread(target=plain, args=(i,)) for i in range(45)]
    for t in threads:
        t.start()
    for t in [first, *threads]:
        t.join(timeout=650)
    assert stream_result[:2] in ([200, True], [429, False]), stream_result
    codes = [code for code, _ in results]
    assert len(codes) == 45 and set(codes) <= {200, 429}, results
    assert all("max_queue" in text for code, text in results if code == 429)
    t0 = time.monotonic()
    assert httpx.get(app.url + "/health", timeout=5).status_code == 200
    resp = httpx.post(app.api + "/chat/completions", headers=_auth(KEY_A), timeout=5,
                      json={"messages": [{"role": "user", "content": "Hi"}], "max_tokens": 2})
    assert resp.status_code == 200 and time.monotonic() - t0 < 5


# ---------------------------------------------------------------------------------------------- login


@pytest.fixture(scope="module")
def login_app(tmp_path_factory):
    base = tmp_path_factory.mktemp("login-app")
    (base / "outside").mkdir()
    server = _start(base, "login", {"KBLAM_AUTH": "alice:wonderland-42"}, ["--no-preload"], ready="up")
    yield server
    _stop(server)


def test_auth_protects_ui_and_api(login_app):
    """Finding 7: no way to require a login. With --auth/KBLAM_AUTH the UI and the API need it."""
    from gradio_client import Client

    assert httpx.get(login_app.url + "/config", timeout=30).status_code == 401
    resp = httpx.get(login_app.url + "/v1/models", timeout=30)
    assert resp.status_code == 401 and resp.json()["error"]["code"] == "invalid_api_key"
    assert httpx.get(login_app.url + "/v1/models", auth=("alice", "nope"), timeout=30).status_code == 401
    assert httpx.get(login_app.url + "/v1/models", auth=("alice", "wonderland-42"), timeout=30).status_code == 200
    assert httpx.get(login_app.url + "/health", timeout=30).status_code == 200  # liveness stays open
    with pytest.raises(Exception):  # noqa: B017 - gradio_client's AuthenticationError or a ValueError
        Client(login_app.url + "/", verbose=False)
    client = Client(login_app.url + "/", auth=("alice", "wonderland-42"), verbose=False)
    assert "/studio_refresh_projects" in str(client.view_api(print_info=False, return_format="dict"))
    assert "wonderland-42" not in login_app.log_text()
