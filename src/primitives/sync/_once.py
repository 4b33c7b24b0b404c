"""`Once`, `OnceLock`, `LazyLock` and `Barrier`: one-time initialisation and
meeting points."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar, final

from primitives._core import (
    Blame,
    NotCopyable,
    ThreadToken,
    Visit,
    blame,
    rust_type,
    thread_token,
)
from primitives._result import Err, Ok, Panic, Result

T = TypeVar("T")

__all__ = ["Barrier", "BarrierWaitResult", "LazyLock", "Once", "OnceLock"]


class _OnceCore(NotCopyable):
    """Runs an initialiser exactly once; callers that arrive meanwhile wait.

    If the initialiser raises, the state is poisoned and every later call
    raises `Panic`, as Rust's `Once` does.
    """

    __slots__ = ("_cond", "_done", "_poisoned", "_running")

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._done = False
        self._poisoned = False
        self._running: ThreadToken | None = None

    def _run_once(self, init: Callable[[], object]) -> bool:
        """Run `init` unless it already ran; return whether this call ran it.
        Blocks while another thread runs it."""
        me = thread_token()
        with self._cond:
            while self._running is not None and not self._done:
                if self._running is me:
                    raise Panic(
                        "one-time initialization may not be performed recursively"
                    )
                self._cond.wait()
            if self._done:
                return False
            if self._poisoned:
                raise Panic("Once instance has previously been poisoned")
            self._running = me
        finished = False
        try:
            init()
            finished = True
        finally:
            with self._cond:
                self._running = None
                self._done = finished
                self._poisoned = not finished
                self._cond.notify_all()
        return True

    def is_completed(self) -> bool:
        """Whether the initialisation has finished (without panicking). Never
        blocks. Mirrors `Once::is_completed` / `OnceLock`'s state."""
        with self._cond:
            return self._done


@final
class Once(_OnceCore):
    """Runs a function exactly once, however many threads ask. Mirrors
    `std::sync::Once`.

    `call_once(f)` runs `f()` the first time and blocks other callers until it
    has finished; later calls return at once. If `f` raises, the `Once` is
    poisoned: later calls raise `Panic`.

    ```pycon
    >>> from primitives import thread
    >>> from primitives.sync import Once
    >>> from primitives.sync.atomic import AtomicUsize, Ordering
    >>> init, runs = Once(), AtomicUsize(0)
    >>> def setup():
    ...     runs.fetch_add(1, Ordering.SeqCst)
    >>> handles = [thread.spawn(lambda: init.call_once(setup)) for _ in range(4)]
    >>> [h.join().is_ok() for h in handles], runs.load(Ordering.SeqCst)
    ([True, True, True, True], 1)
    >>> init.is_completed()
    True

    ```
    """

    __slots__ = ()

    def call_once(self, f: Callable[[], object]) -> None:
        """Run `f()` if no call has run it yet; block while another thread
        runs it. Mirrors `Once::call_once`."""
        self._run_once(f)

    def _blame(self, sync: bool, visit: Visit) -> Blame | None:
        return None

    def __repr__(self) -> str:
        return "Once { .. }"


@final
class OnceLock(_OnceCore, Generic[T]):
    """A cell written at most once, then read by any thread. Mirrors
    `std::sync::OnceLock`.

    ```pycon
    >>> from primitives.sync import OnceLock
    >>> config = OnceLock()
    >>> config.get() is None
    True
    >>> config.set("debug")
    Ok(None)
    >>> config.set("release")
    Err('release')
    >>> config.get_or_init(lambda: "never called")
    'debug'

    ```
    """

    __slots__ = ("_value",)

    def __init__(self) -> None:
        super().__init__()
        self._value: T | None = None

    def get(self) -> T | None:
        """The value, or `None` if it is not set yet. Never blocks for long.
        Mirrors `OnceLock::get`."""
        return self._value if self.is_completed() else None

    def set(self, value: T) -> Result[None, T]:
        """Store `value` if the cell is empty: `Ok(None)`, else `Err(value)`.
        Blocks while another thread initialises it. Mirrors `OnceLock::set`."""

        def store() -> None:
            self._value = value

        if self._run_once(store):
            return Ok(None)
        return Err(value)

    def get_or_init(self, f: Callable[[], T]) -> T:
        """The value, computing it with `f()` first if the cell is empty (only
        one thread runs `f`; the others wait for it). Mirrors
        `OnceLock::get_or_init`."""

        def store() -> None:
            self._value = f()

        self._run_once(store)
        return self._value  # type: ignore[return-value]

    def _blame(self, sync: bool, visit: Visit) -> Blame | None:
        return blame(self._value, False, visit) or blame(self._value, True, visit)

    def __repr__(self) -> str:
        value = self.get()
        shown = "<uninit>" if value is None else repr(value)
        return f"OnceLock({shown})"


@final
class LazyLock(_OnceCore, Generic[T]):
    """A value computed by `init()` on first access, once, whichever thread
    gets there first. Mirrors `std::sync::LazyLock`.

    `LazyLock.force(lazy)` (or `lazy.value`) returns the value; attributes and
    items reach it as through Rust's `Deref`.

    ```pycon
    >>> from primitives.sync import LazyLock
    >>> squares = LazyLock(lambda: [n * n for n in range(5)])
    >>> squares[3], len(squares)
    (9, 5)
    >>> LazyLock.force(squares)
    [0, 1, 4, 9, 16]

    ```
    """

    __slots__ = ("_init", "_value")

    def __init__(self, init: Callable[[], T]) -> None:
        if not callable(init):
            raise TypeError(f"LazyLock takes a function, not {type(init).__name__}")
        super().__init__()
        self._init: Callable[[], T] | None = init
        self._value: T | None = None

    def force(self) -> T:
        """The value, computing it first if needed (other threads wait).
        A panic in `init` poisons the lock: later accesses raise `Panic`.
        Mirrors `LazyLock::force`."""

        def compute() -> None:
            init = self._init
            assert init is not None
            self._value = init()
            self._init = None

        self._run_once(compute)
        return self._value  # type: ignore[return-value]

    @property
    def value(self) -> T:
        """The value (Rust's `*lazy`)."""
        return self.force()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.force(), name)

    def __getitem__(self, key: Any) -> Any:
        return self.force()[key]  # type: ignore[index]

    def __len__(self) -> int:
        return len(self.force())  # type: ignore[arg-type]

    def _blame(self, sync: bool, visit: Visit) -> Blame | None:
        return blame(self._value, False, visit) or blame(self._value, True, visit)

    def _rust_type(self) -> str:
        return f"LazyLock<{rust_type(self._value)}>"

    def __repr__(self) -> str:
        if not self.is_completed():
            return "LazyLock(<uninit>)"
        return f"LazyLock({self._value!r})"


@final
class BarrierWaitResult:
    """What `Barrier.wait` returns: `is_leader()` is true for exactly one of
    the threads of each round. Mirrors `std::sync::BarrierWaitResult`."""

    __slots__ = ("_leader",)

    def __init__(self, leader: bool) -> None:
        self._leader = leader

    def is_leader(self) -> bool:
        """Whether this thread is the round's leader (the last to arrive).
        Mirrors `BarrierWaitResult::is_leader`."""
        return self._leader

    def __repr__(self) -> str:
        return (
            f"BarrierWaitResult {{ is_leader: {'true' if self._leader else 'false'} }}"
        )


@final
class Barrier(NotCopyable):
    """Makes `n` threads wait for each other: each `wait()` blocks until `n`
    threads have called it, then all go on; the barrier is then ready for the
    next round. Mirrors `std::sync::Barrier`.

    ```pycon
    >>> from primitives import thread
    >>> from primitives.sync import Arc, Barrier
    >>> barrier = Arc(Barrier(3))
    >>> handles = [
    ...     thread.spawn(lambda b=barrier.clone(): b.wait().is_leader())
    ...     for _ in range(3)
    ... ]
    >>> sorted(h.join().unwrap() for h in handles)
    [False, False, True]

    ```
    """

    __slots__ = ("_arrived", "_cond", "_generation", "_n")

    def __init__(self, n: int) -> None:
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError(f"Barrier takes an int, not {type(n).__name__}")
        self._n = n
        self._cond = threading.Condition(threading.Lock())
        self._arrived = 0
        self._generation = 0

    def wait(self) -> BarrierWaitResult:
        """Block until `n` threads (this one included) are waiting, then
        return; the last to arrive is the leader. With `n` of 0 or 1, returns
        at once as the leader. Mirrors `Barrier::wait`."""
        with self._cond:
            generation = self._generation
            self._arrived += 1
            if self._arrived >= self._n:
                self._arrived = 0
                self._generation += 1
                self._cond.notify_all()
                leader = True
            else:
                while generation == self._generation:
                    self._cond.wait()
                leader = False
        return BarrierWaitResult(leader)

    def _blame(self, sync: bool, visit: Visit) -> Blame | None:
        return None

    def __repr__(self) -> str:
        return "Barrier { .. }"
