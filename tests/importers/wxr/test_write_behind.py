"""The writer thread: one job at a time, in order, its errors raised where the importer waits next."""

from __future__ import annotations

import threading
from contextvars import ContextVar

import pytest

from importers.wxr.write_behind import WriteBehind

_SEEN: ContextVar[str] = ContextVar("seen", default="unset")


def test_jobs_run_one_at_a_time_in_order_in_another_thread() -> None:
    writer = WriteBehind()
    done: list[int] = []
    threads: set[int] = set()
    release = threading.Event()

    def job(number: int) -> None:
        if number == 0:
            assert release.wait(5)
        threads.add(threading.get_ident())
        done.append(number)

    writer.submit(lambda: job(0))
    # The first job is still running: submit returned without waiting for it.
    assert done == []
    release.set()
    for number in range(1, 5):
        writer.submit(lambda number=number: job(number))  # type: ignore[misc]
    writer.close()
    assert done == [0, 1, 2, 3, 4]
    assert threads
    assert threading.get_ident() not in threads


def test_a_jobs_error_is_raised_by_the_next_wait_and_only_once() -> None:
    writer = WriteBehind()

    def fail() -> None:
        raise RuntimeError("disk full")

    writer.submit(fail)
    with pytest.raises(RuntimeError, match="disk full"):
        writer.wait()
    writer.wait()  # nothing in flight any more
    writer.submit(fail)
    with pytest.raises(RuntimeError, match="disk full"):
        writer.submit(lambda: None)
    writer.close()


def test_close_waits_for_the_job_whatever_became_of_it() -> None:
    writer = WriteBehind()
    finished = threading.Event()

    def slow_failure() -> None:
        finished.set()
        raise RuntimeError("rolled back anyway")

    writer.submit(slow_failure)
    writer.close()  # the caller is failing already: its own error is the one reported
    assert finished.is_set()


def test_a_job_sees_the_context_of_the_code_that_submitted_it() -> None:
    writer = WriteBehind()
    seen: list[str] = []
    token = _SEEN.set("importer's")
    try:
        writer.submit(lambda: seen.append(_SEEN.get()))
        writer.wait()
    finally:
        _SEEN.reset(token)
        writer.close()
    assert seen == ["importer's"]


def test_without_a_thread_jobs_run_at_once() -> None:
    writer = WriteBehind(is_threaded=False)
    threads: list[int] = []
    writer.submit(lambda: threads.append(threading.get_ident()))
    assert threads == [threading.get_ident()]
    writer.close()
