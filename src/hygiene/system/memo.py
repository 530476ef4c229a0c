"""Compute each key once, even when several threads ask for it at the same moment."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from typing import Generic, TypeVar

T = TypeVar("T")


class Memo(Generic[T]):
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._futures: dict[Hashable, Future[T]] = {}

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            known = self._futures.get(key)
            future = known if known is not None else self._futures.setdefault(key, Future())
        if known is None:  # this caller computes; the others wait for its answer
            try:
                future.set_result(compute())
            except BaseException as exc:  # noqa: BLE001 - replayed to every caller, e.g. a timeout
                future.set_exception(exc)
        return future.result()
