"""Worker processes for batch runs: they die with their parent, a worker that dies is replaced,
and each page has a time budget. No printing, no exiting of the calling process.

- A worker asks Linux to SIGTERM it when the parent dies (``prctl(PR_SET_PDEATHSIG)``);
  elsewhere a thread checks the parent once a second. Workers ignore SIGINT: Ctrl-C is the
  parent's to handle.
- A worker that dies (killed, out of memory, a crash in C code) breaks the pool: a new pool is
  started and the pages that were in flight are retried one at a time, alone in a pool of
  one; a page whose worker dies twice there is given to ``on_lost`` (reported as skipped).
- ``time_budget`` raises ``PageTimeout`` in the process running a page that takes too long.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

T = TypeVar("T")
R = TypeVar("R")

PR_SET_PDEATHSIG = 1  # linux/prctl.h
IN_FLIGHT_PER_WORKER = 4  # chunks queued per worker: workers stay busy, results stream
STOP_WAIT = 2.0  # seconds to wait for a stopped worker, then for the pool's manager thread
# Pools of ``pooled_map`` running in this process (``stop_pools``).
_LIVE: set[Any] = set()


class PageTimeout(Exception):
    """A page ran past its time budget."""


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise PageTimeout in this block after ``seconds`` of wall time (main thread, Unix)."""
    if (not seconds or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise PageTimeout

    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def die_with_parent(parent: int) -> None:
    """End this process when ``parent`` (its parent) ends."""
    if sys.platform == "linux":
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl")
        except (OSError, AttributeError):
            _watch_parent(parent)
    else:
        _watch_parent(parent)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _watch_parent(parent: int) -> None:
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _worker_init(parent: int, init: Callable[..., None], args: tuple[Any, ...]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # first: a Ctrl-C held back is dropped
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    die_with_parent(parent)
    init(*args)


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C back from this thread while it may start workers: a worker then starts with
    SIGINT blocked and ignores it before anything else (``_worker_init``), so Ctrl-C never
    lands in a worker's start-up (a traceback, a dead worker); this process gets it as soon as
    the block ends (or at once, through another of its threads)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _map_chunk(fn: Callable[[T], R], chunk: Sequence[T]) -> list[R]:
    return [fn(x) for x in chunk]


def pooled_map(
    fn: Callable[[T], R],
    items: Sequence[T],
    jobs: int,
    *,
    chunk_size: int,
    on_lost: Callable[[T], R],
    initializer: Callable[..., None],
    initargs: tuple[Any, ...] = (),
    context: Any = None,
) -> Iterator[R]:
    """``fn`` over ``items`` in ``jobs`` worker processes; results in ``items`` order."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    def new_pool(n: int) -> ProcessPoolExecutor:
        made = ProcessPoolExecutor(n, context, initializer=_worker_init,
                                   initargs=(os.getpid(), initializer, initargs))
        _LIVE.add(made)
        return made

    chunks = [items[i : i + chunk_size] for i in range(0, len(items), chunk_size)]
    inflight: deque[tuple[Sequence[T], Future[list[R]]]] = deque()
    pool = new_pool(jobs)
    done = False
    try:
        nxt = 0
        while nxt < len(chunks) or inflight:
            while nxt < len(chunks) and len(inflight) < IN_FLIGHT_PER_WORKER * jobs:
                with _interrupts_held():  # the first submit starts the workers
                    future = pool.submit(_map_chunk, fn, chunks[nxt])
                inflight.append((chunks[nxt], future))
                nxt += 1
            chunk, future = inflight.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                lost = [chunk, *(c for c, _ in inflight)]
                inflight.clear()
                _stop(pool)
                pool = new_pool(1)
                for item in (item for c in lost for item in c):
                    for _attempt in range(2):  # alone in its pool: a death is surely its own
                        try:
                            with _interrupts_held():
                                retry = pool.submit(fn, item)
                            yield retry.result()
                            break
                        except BrokenProcessPool:
                            _stop(pool)
                            pool = new_pool(1)
                    else:
                        yield on_lost(item)
                _stop(pool)
                pool = new_pool(jobs)
                continue
            yield from results
        done = True
    finally:
        if done:
            pool.shutdown(wait=True)
            _LIVE.discard(pool)
        else:  # closed early (Ctrl-C, a closed pipe): do not wait for pages in progress
            _stop(pool)


def stop_pools() -> None:
    """Stop every pool of ``pooled_map`` still running in this process. Ctrl-C raised where
    the results are consumed (printing them) leaves the map's generator suspended, not closed,
    until the interpreter collects it: its workers would go on with the pages in flight, and
    the exit would wait for them."""
    for pool in list(_LIVE):
        _stop(pool)


def _stop(pool: Any) -> None:
    """Shut a pool down now, ending its workers, and wait (boundedly) for its manager thread.

    A worker ended while it was sending a result leaves half a message in the results pipe, and
    the pool's manager thread would wait for the rest for ever (the interpreter joins that
    thread at exit: a hang after Ctrl-C). This process holds the pipe's writing end too (for
    workers it forks); closed once the workers are gone, the pipe reads as ended instead.
    """
    procs = list((getattr(pool, "_processes", None) or {}).values())  # private, but stable
    results = getattr(pool, "_result_queue", None)
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    _LIVE.discard(pool)
    for proc in procs:
        if proc.is_alive():
            proc.terminate()
    for proc in procs:
        proc.join(timeout=STOP_WAIT)
        if proc.is_alive():
            proc.kill()
            proc.join(timeout=STOP_WAIT)
    writer = getattr(results, "_writer", None)
    if writer is not None:
        writer.close()
    if manager is not None:
        manager.join(timeout=STOP_WAIT)
