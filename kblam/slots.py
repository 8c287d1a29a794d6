"""Generation slots: ``concurrency`` generations run at once, up to ``max_queue`` more wait in FIFO order.

A waiter is a :class:`Ticket`. A thread may block on it (the Gradio UI's handlers), and an asyncio task may
await it *without holding a thread* (the HTTP API): a waiting request then costs nothing but a small object, so
waiting requests can never starve the worker threads that a running generation needs for its next chunk (the
deadlock of issue 11). :meth:`SlotQueue.reserve` refuses at once with :class:`BusyError` when the queue is
full, so an API request can answer 429 before it starts a stream. ``position`` tells a waiter its place.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections import deque
from collections.abc import Iterator

from .errors import BusyError

__all__ = ["BusyError", "SlotQueue", "Ticket"]


class Ticket:
    """One caller's claim on a slot: granted at once, or queued until :meth:`SlotQueue.release` hands it one."""

    def __init__(self, queue: SlotQueue, granted: bool) -> None:
        self._queue = queue
        self.granted = granted
        self.released = False
        self._event = threading.Event()
        self._future: asyncio.Future | None = None
        if granted:
            self._event.set()

    @property
    def position(self) -> int:
        """1-based place in the wait queue; 0 once the slot is granted."""
        return self._queue.position(self)

    def _grant(self) -> None:  # called under the queue's lock
        self.granted = True
        self._event.set()
        future = self._future
        if future is not None and not future.done():
            future.get_loop().call_soon_threadsafe(lambda: future.done() or future.set_result(True))

    def wait(self, timeout: float | None = None) -> bool:
        """Block this thread until the slot is granted (True) or ``timeout`` passes (False)."""
        return self._event.wait(timeout)

    async def wait_async(self) -> None:
        """Wait for the slot without holding a thread; cancelling gives the place (or the slot) back."""
        with self._queue._lock:
            if self.granted:
                return
            self._future = asyncio.get_running_loop().create_future()
        try:
            await self._future
        except BaseException:
            self.release()
            raise

    def release(self) -> None:
        """Give the slot back (or leave the queue); safe to call twice."""
        self._queue.release(self)


class SlotQueue:
    """``concurrency`` slots with a bounded FIFO wait queue (``max_queue`` waiters)."""

    def __init__(self, concurrency: int, max_queue: int) -> None:
        self.concurrency, self.max_queue = concurrency, max_queue
        self._lock = threading.Lock()
        self._running = 0
        self._waiting: deque[Ticket] = deque()

    @property
    def running(self) -> int:
        return self._running

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    def reserve(self) -> Ticket:
        """A granted ticket when a slot is free, else a queued one; BusyError naming ``max_queue`` when full."""
        with self._lock:
            if self._running < self.concurrency and not self._waiting:
                self._running += 1
                return Ticket(self, granted=True)
            if len(self._waiting) >= self.max_queue:
                raise BusyError(f"the model is busy: {len(self._waiting)} requests already waiting "
                                f"(max_queue={self.max_queue}); try again shortly")
            ticket = Ticket(self, granted=False)
            self._waiting.append(ticket)
            return ticket

    def position(self, ticket: Ticket) -> int:
        with self._lock:
            if ticket.granted:
                return 0
            try:
                return self._waiting.index(ticket) + 1
            except ValueError:
                return 0

    def release(self, ticket: Ticket) -> None:
        with self._lock:
            if ticket.released:
                return
            ticket.released = True
            if not ticket.granted:
                with contextlib.suppress(ValueError):
                    self._waiting.remove(ticket)
                return
            if self._waiting:
                self._waiting.popleft()._grant()  # the slot passes straight to the next waiter
            else:
                self._running -= 1

    @contextlib.contextmanager
    def hold(self) -> Iterator[Ticket]:
        """Block this thread until a slot is free, hold it for the ``with`` block."""
        ticket = self.reserve()
        try:
            ticket.wait()
            yield ticket
        finally:
            ticket.release()
