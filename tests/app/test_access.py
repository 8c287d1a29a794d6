"""Unit tests of the sharing/security building blocks: logins and API keys (``app_ui.access``), the generation
queue that waits without threads (``kblam.slots``), and the owner-aware KB store (``kblam.kb_store.KBStore``).
The end-to-end checks against a running app are in ``test_security.py``."""

from __future__ import annotations

import asyncio
import base64
import threading
import time

import pytest

from app_ui.access import AccessConfig, data_dir, parse_keys, parse_logins, ui_identity
from kblam.kb import KnowledgeBase, Triple
from kblam.kb_store import KBStore
from kblam.slots import BusyError, SlotQueue

VEGA = [Triple("Vega", "constellation", "Lyra")]


def test_logins_and_keys_parse_and_name_bad_entries():
    assert parse_logins(["alice:pw:with:colons", "", "# comment", " bob : x"], "--auth") == (
        ("alice", "pw:with:colons"), ("bob", " x"))
    with pytest.raises(ValueError, match="KBLAM_AUTH, entry 2: expected USER:PASS") as info:
        parse_logins(["alice:secret-pw", "nocolon-secret"], "KBLAM_AUTH")
    assert "secret" not in str(info.value)
    assert parse_keys("k-111, k-222,\nk-111", "KBLAM_API_KEYS") == ("k-111", "k-222")
    with pytest.raises(ValueError, match="at least 4"):
        parse_keys("abc", "--api-keys")


def test_api_identity_from_bearer_key_or_basic_login():
    access = AccessConfig(logins=(("alice", "pw1"),), api_keys=("key-a1", "key-b2"))
    a, b = access.api_identity({"authorization": "Bearer key-a1"}), access.api_identity(
        {"authorization": "bearer key-b2"})
    assert a.startswith("key:") and b.startswith("key:") and a != b and "key-a1" not in a
    assert access.api_identity({}) is None and access.api_identity({"authorization": "Bearer nope"}) is None
    basic = base64.b64encode(b"alice:pw1").decode()
    assert access.api_identity({"authorization": f"Basic {basic}"}) == "user:alice"
    wrong = base64.b64encode(b"alice:pw2").decode()
    assert access.api_identity({"authorization": f"Basic {wrong}"}) is None
    assert AccessConfig().api_identity({}) == "anonymous"  # the open local demo
    assert "pw1" not in repr(access) and "key-a1" not in repr(access)


def test_server_token_only_for_the_admin_or_on_opt_in():
    access = AccessConfig(logins=(("owner", "x1"), ("guest", "x2")))
    assert access.may_use_server_token("user:owner") and not access.may_use_server_token("user:guest")
    assert not access.may_use_server_token("visitor:abcdefabcdefabcdef")
    assert not AccessConfig().may_use_server_token("anonymous")
    assert AccessConfig(hub_token_for_all=True).may_use_server_token("visitor:abcdefabcdefabcdef")


class _Req:
    def __init__(self, username=None, cookies=None, session_hash="s1"):
        self.username, self.cookies, self.session_hash = username, cookies or {}, session_hash


def test_ui_identity_prefers_login_then_cookie_then_session():
    assert ui_identity(_Req(username="alice")) == "user:alice"
    assert ui_identity(_Req(cookies={"kblam_visitor": "v" * 24})) == "visitor:" + "v" * 24
    assert ui_identity(_Req(cookies={"kblam_visitor": "short"})) == "session:s1"
    assert ui_identity(None) == "anonymous"


def test_data_dir_detection(tmp_path):
    assert data_dir({}) is None
    assert data_dir({"KBLAM_DATA_DIR": str(tmp_path)}) == tmp_path
    assert data_dir({"KBLAM_DATA_DIR": "none", "SPACE_ID": "a/b"}) is None


# ---------------------------------------------------------------------------------------------- slots


def test_async_waiters_hold_no_thread_and_are_served_in_order():
    queue = SlotQueue(concurrency=1, max_queue=64)
    holder = queue.reserve()
    assert holder.granted and holder.position == 0
    order: list[int] = []

    async def waiter(i: int) -> None:
        ticket = queue.reserve()
        await ticket.wait_async()
        order.append(i)
        ticket.release()

    async def main() -> list[int]:
        threads_before = threading.active_count()
        tasks = [asyncio.create_task(waiter(i)) for i in range(50)]
        await asyncio.sleep(0.05)
        assert queue.waiting == 50 and threading.active_count() == threads_before  # no thread per waiter
        extra = [queue.reserve() for _ in range(14)]
        with pytest.raises(BusyError, match="max_queue=64"):
            queue.reserve()
        for ticket in extra:  # leaving the queue before being served
            ticket.release()
        holder.release()
        await asyncio.gather(*tasks)
        return order

    assert asyncio.run(main()) == list(range(50))
    assert (queue.running, queue.waiting) == (0, 0)


def test_cancelled_waiter_gives_its_place_back():
    queue = SlotQueue(concurrency=1, max_queue=4)
    holder = queue.reserve()

    async def main() -> None:
        first, second = queue.reserve(), queue.reserve()
        assert (first.position, second.position) == (1, 2)
        task = asyncio.create_task(first.wait_async())
        await asyncio.sleep(0.01)
        task.cancel()
        await asyncio.sleep(0.01)
        assert second.position == 1
        holder.release()
        await asyncio.wait_for(second.wait_async(), 1)
        second.release()

    asyncio.run(main())
    assert (queue.running, queue.waiting) == (0, 0)


def test_threads_and_tasks_share_one_queue():
    queue = SlotQueue(concurrency=1, max_queue=8)
    holder = queue.reserve()
    done = threading.Event()

    def blocking() -> None:
        with queue.hold():
            done.set()

    thread = threading.Thread(target=blocking)
    thread.start()
    time.sleep(0.05)
    assert queue.waiting == 1 and not done.is_set()
    holder.release()
    thread.join(5)
    assert done.is_set() and (queue.running, queue.waiting) == (0, 0)


# ---------------------------------------------------------------------------------------------- KB store


def test_kbs_are_per_owner_with_their_own_quota(tmp_path):
    store = KBStore(max_per_owner=2, max_total=5)
    a = store.add(KnowledgeBase(VEGA), name="a", owner="key:a")
    assert store.get(a, "key:b") is None and not store.delete(a, "key:b") and store.list("key:b") == []
    for _ in range(4):  # b's uploads only push out b's own oldest
        store.add(KnowledgeBase(VEGA), owner="key:b")
    assert store.get(a, "key:a") is not None and len(store.list("key:b")) == 2
    store.add(KnowledgeBase(VEGA), owner="key:c")
    store.add(KnowledgeBase(VEGA), owner="key:c")
    with pytest.raises(BusyError, match="max_total_kbs"):
        store.add(KnowledgeBase(VEGA), owner="key:d")
    assert store.delete(a, "key:a") and store.get(a, "key:a") is None


def test_kb_store_persists_under_its_root(tmp_path):
    store = KBStore(max_per_owner=4, root=tmp_path / "kbs")
    kept = store.add(KnowledgeBase(VEGA), name="stars", owner="user:alice")
    gone = store.add(KnowledgeBase(VEGA), owner="user:alice")
    assert store.delete(gone, "user:alice")
    again = KBStore(max_per_owner=4, root=tmp_path / "kbs")
    assert [k["id"] for k in again.list("user:alice")] == [kept] and again.list("anonymous") == []
    assert list(again.get(kept, "user:alice").kb) == VEGA and again.get(kept, "user:alice").name == "stars"


# ---------------------------------------------------------------------------------------------- housekeeping


def test_names_are_text_not_markdown():
    from app_ui.common import md_text

    shown = md_text("![x](http://evil.example/a.png) <img src=x onerror=alert(1)> **bold**")
    assert "!\\[x\\](" in shown and "\\<img" in shown and "\\*\\*bold" in shown  # all escaped
    assert shown.replace("\\", "") == "![x](http://evil.example/a.png) <img src=x onerror=alert(1)> **bold**"


def test_export_folders_are_removed_when_stale():
    import os

    from app_ui.common import export_folder

    old = export_folder("test-old-")
    (old / "data.csv").write_text("x\n")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    new = export_folder("test-new-", max_age_s=600)
    assert not old.exists() and new.is_dir() and new.parent == old.parent


def test_raw_replies_are_stored_without_the_key(tmp_path):
    from types import SimpleNamespace

    from datagen import service
    from datagen.generate import GenerationSettings, Job

    store = service.open_workspace(tmp_path / "ws", create=True)
    pid = service.project(store, "p", create=True)
    llm = SimpleNamespace(settings=SimpleNamespace(api_key="custom-secret-key-123"))
    job = Job(store, pid, llm, GenerationSettings(), stage="questions")
    job.fail("chunk-1", "bad reply for custom-secret-key-123", raw='{"echo": "Bearer custom-secret-key-123"}')
    row = store.list_failures(pid)[0]
    assert "custom-secret-key-123" not in row["raw"] + row["error"] and "***" in row["raw"]
