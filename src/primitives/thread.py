"""Native threads: `spawn`, `scope`, `Builder`, parking and sleeping.

Mirrors `std::thread`. Spawned threads are daemon threads: the process does not
wait for them at exit, just as a Rust program ends when `main` returns.

Moving values into a thread: the function's default arguments stand for the
values a Rust `move` closure owns. `Sender`s, `Arc`/`Rc` handles and other
droppable values bound that way (``lambda tx=tx.clone(): ...``) are dropped when
the function returns or raises, so a channel closes and a strong count falls
exactly when it would in Rust.

```pycon
>>> from primitives import thread
>>> handle = thread.spawn(lambda: 6 * 7)
>>> handle.join()
Ok(42)

```
"""

from __future__ import annotations

import contextlib
import inspect
import os
import sys
import threading
import time as _time
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar, final

from primitives._core import (
    Droppable,
    ThreadToken,
    UseAfterDropError,
    blame,
    check_send,
    claim_moved,
    hand_on,
    is_panicking,
    moved_values,
    reachable,
    send_error,
    set_panicking,
    thread_state,
    thread_token,
    tokens,
    unclaim_moved,
)
from primitives._guard import Guard
from primitives._result import Err, Ok, Panic, Result
from primitives.time import Duration, timeout_seconds

T = TypeVar("T")

__all__ = [
    "Builder",
    "JoinHandle",
    "LocalKey",
    "Scope",
    "ScopedJoinHandle",
    "Thread",
    "ThreadId",
    "available_parallelism",
    "current",
    "local",
    "panicking",
    "park",
    "park_timeout",
    "scope",
    "sleep",
    "spawn",
    "yield_now",
]


# --------------------------------------------------------------------------
# Thread identity
# --------------------------------------------------------------------------


@final
class ThreadId:
    """A unique, never reused identifier of a thread. Mirrors
    `std::thread::ThreadId`.

    The main thread is `ThreadId(1)`; threads get 2, 3, ... in the order they
    are created (spawned, or first seen by `current()` for threads that were not
    started through this module).

    ```pycon
    >>> thread.current().id()
    ThreadId(1)

    ```
    """

    __slots__ = ("_number",)

    def __init__(self, number: int) -> None:
        self._number = number

    def as_u64(self) -> int:
        """The number inside the id. Mirrors `ThreadId::as_u64`."""
        return self._number

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ThreadId) and self._number == other._number

    def __lt__(self, other: ThreadId) -> bool:
        if not isinstance(other, ThreadId):
            return NotImplemented
        return self._number < other._number

    def __le__(self, other: ThreadId) -> bool:
        if not isinstance(other, ThreadId):
            return NotImplemented
        return self._number <= other._number

    def __hash__(self) -> int:
        return hash(self._number)

    def __repr__(self) -> str:
        return f"ThreadId({self._number})"


_ids_lock = threading.Lock()
_last_id = 1  # ThreadId(1) is the main thread's


def _new_thread_id() -> ThreadId:
    global _last_id
    with _ids_lock:
        _last_id += 1
        return ThreadId(_last_id)


@final
class Thread:
    """A handle to a thread: its name, its id, and its park token.

    Get one from `current()` or `JoinHandle.thread()`. Mirrors
    `std::thread::Thread`.

    ```pycon
    >>> main = thread.current()
    >>> main.name()
    'main'
    >>> main
    Thread { id: ThreadId(1), name: Some("main"), .. }

    ```
    """

    __slots__ = ("_cond", "_id", "_name", "_token")

    def __init__(self, thread_id: ThreadId, name: str | None) -> None:
        self._id = thread_id
        self._name = name
        self._cond = threading.Condition(threading.Lock())
        self._token = False

    def id(self) -> ThreadId:
        """The thread's unique id. Mirrors `Thread::id`."""
        return self._id

    def name(self) -> str | None:
        """The thread's name: `"main"` for the main thread, the name given to
        `Builder.name`, or `None`. Mirrors `Thread::name`."""
        return self._name

    def unpark(self) -> None:
        """Make the thread's park token available and wake the thread if it is
        parked. Tokens do not accumulate: two `unpark`s before a `park` let
        one `park` return at once, not two. Never blocks. Mirrors
        `Thread::unpark`.
        """
        with self._cond:
            self._token = True
            self._cond.notify()

    def _park(self, timeout: float | None) -> None:
        with self._cond:
            if timeout is None:
                while not self._token:
                    self._cond.wait()
            else:
                self._cond.wait_for(lambda: self._token, timeout)
            self._token = False

    def __repr__(self) -> str:
        name = "None" if self._name is None else f'Some("{self._name}")'
        return f"Thread {{ id: {self._id!r}, name: {name}, .. }}"


_MAIN_THREAD = Thread(ThreadId(1), "main")
_local = threading.local()


def current() -> Thread:
    """The `Thread` handle of the calling thread. Mirrors `thread::current`.

    ```pycon
    >>> thread.current().name()
    'main'

    ```
    """
    handle: Thread | None = getattr(_local, "thread", None)
    if handle is None:
        if threading.current_thread() is threading.main_thread():
            handle = _MAIN_THREAD
        else:
            handle = Thread(_new_thread_id(), None)
        _local.thread = handle
    return handle


def panicking() -> bool:
    """Whether the calling thread is unwinding from a panic (only true while
    the guards of a panicking spawned thread are released). Mirrors
    `thread::panicking`.

    ```pycon
    >>> thread.panicking()
    False

    ```
    """
    return is_panicking()


# --------------------------------------------------------------------------
# Sleeping and parking
# --------------------------------------------------------------------------


def sleep(duration: Duration) -> None:
    """Block the calling thread for at least `duration`, which may be
    anything up to `Duration.MAX`. Mirrors `thread::sleep`.

    ```pycon
    >>> thread.sleep(Duration.from_millis(1))

    ```
    """
    seconds = timeout_seconds(duration, "thread.sleep")
    while seconds is None:  # longer than the platform can sleep at once
        _time.sleep(_LONGEST_SLEEP)
    _time.sleep(seconds)


_LONGEST_SLEEP = 86_400.0


def yield_now() -> None:
    """Offer the rest of the time slice to other threads. Mirrors
    `thread::yield_now`."""
    _time.sleep(0)


def park() -> None:
    """Block until the calling thread's park token is available, then consume
    it. If `unpark` was called earlier, returns at once. Mirrors `thread::park`
    (which may also wake spuriously; this one does not).

    ```pycon
    >>> thread.current().unpark()
    >>> thread.park()  # the token was already there: returns at once

    ```
    """
    current()._park(None)


def park_timeout(duration: Duration) -> None:
    """Like `park`, but return after `duration` (up to `Duration.MAX`) even
    without a token. Mirrors `thread::park_timeout`.

    ```pycon
    >>> thread.park_timeout(Duration.from_millis(1))  # no token: times out

    ```
    """
    current()._park(timeout_seconds(duration, "thread.park_timeout"))


def available_parallelism() -> Result[int, OSError]:
    """How many threads can run at once on this machine: `Ok(n)`, the CPUs
    this process may run on (its affinity mask). Never blocks. Mirrors
    `thread::available_parallelism`, except that a container's CPU quota,
    which Rust also honours, is not read."""
    try:
        count = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        count = os.cpu_count() or 0
    if count < 1:  # pragma: no cover - an unusual platform
        return Err(OSError("the number of hardware threads is not known"))
    return Ok(count)


# --------------------------------------------------------------------------
# Running a thread
# --------------------------------------------------------------------------


class _Packet(Generic[T]):
    """Where a thread leaves its result."""

    __slots__ = ("_joined", "_lock", "_result")

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._result: Result[T, BaseException] | None = None
        self._joined = False

    def claim(self) -> bool:
        """Mark the result as taken by `join`; return whether it already was."""
        with self._lock:
            joined, self._joined = self._joined, True
        return joined

    def unobserved_panic(self) -> bool:
        """Whether the thread panicked and nobody joined it."""
        with self._lock:
            return not self._joined and isinstance(self._result, Err)

    def set(self, result: Result[T, BaseException]) -> None:
        with self._lock:
            self._result = result

    def get(self) -> Result[T, BaseException] | None:
        with self._lock:
            return self._result


_stderr_lock = threading.Lock()


def _location(exc: BaseException) -> str:
    """`file:line:col` of the innermost frame outside this package."""
    frames = traceback.extract_tb(exc.__traceback__)
    package = os.path.dirname(os.path.abspath(__file__))
    chosen = None
    for frame in frames:
        if not os.path.abspath(frame.filename).startswith(package + os.sep):
            chosen = frame
    if chosen is None:
        return "<unknown>"
    filename = chosen.filename
    try:
        relative = os.path.relpath(filename)
        if not relative.startswith(".."):
            filename = relative
    except ValueError:  # pragma: no cover - another drive on Windows
        pass
    return f"{filename}:{chosen.lineno}:{(chosen.colno or 0) + 1}"


def _report_panic(who: Thread, exc: BaseException) -> None:
    """Print Rust's panic message for `exc` to stderr."""
    if isinstance(exc, Panic):
        message = str(exc)
    else:
        message = "".join(traceback.format_exception_only(type(exc), exc)).rstrip()
    name = who.name() or "<unnamed>"
    text = f"thread '{name}' panicked at {_location(exc)}:\n{message}\n"
    with _stderr_lock:
        stream = sys.stderr
        if stream is not None:  # pragma: no branch
            stream.write(text)
            stream.flush()


def _claim_moved_values(f: Callable[[], Any], owner: ThreadToken) -> list[Droppable]:
    """Record that `f`'s droppable defaults now belong to the thread `owner`
    (see `claim_moved`) and return them."""
    owned = [
        (name, value) for name, value in moved_values(f) if isinstance(value, Droppable)
    ]
    claim_moved(owned, owner)
    return [value for _, value in owned]


def _release_left_guards(f: Callable[[], Any]) -> None:
    """Release the guards this thread left inside its function's defaults
    (`def work(held=[])`): the function's captures end with the thread."""
    me = thread_token()
    for _, value in moved_values(f):
        for item in reachable(value):
            if isinstance(item, Guard) and item._owner is me:
                item._release(is_panicking())


def _end_of_thread(f: Callable[[], Any]) -> None:
    """Drop what the thread still owns, as Rust drops a closure's captures."""
    owned = thread_state.owned or []
    thread_state.owned = None
    try:
        _release_left_guards(f)
        for value in owned:
            value._drop_moved()
    finally:
        unclaim_moved(owned)


def _returned(value: T) -> T:
    """What the thread's function returned leaves the thread: refuse it if it
    is not `Send` (rustc's E0277 on `spawn`'s `T: Send`), else hand it on."""
    found = blame(value, False)
    if found is not None:
        raise send_error(found, ": a thread's return value must be `Send`")
    hand_on(value)
    return value


def _run(
    f: Callable[[], T],
    who: Thread,
    packet: _Packet[T],
    token: ThreadToken,
    owned: list[Droppable],
) -> None:
    """The body of every spawned thread."""
    _local.thread = who
    tokens.token = token
    thread_state.owned = owned
    result: Result[T, BaseException] = Err(RuntimeError("the thread did not finish"))
    try:
        try:
            value = _returned(f())
        except BaseException as exc:
            result = Err(exc)
            with contextlib.suppress(Exception):  # e.g. a closed stderr
                _report_panic(who, exc)
            set_panicking(True)
            try:
                # Drop the locals of the frames that unwound, so guards held
                # in them are released (and poison their lock) now, as in Rust.
                traceback.clear_frames(exc.__traceback__)
                _end_of_thread(f)
            finally:
                set_panicking(False)
        else:
            result = Ok(value)
            _end_of_thread(f)
    finally:
        packet.set(result)


def _start(
    f: Callable[[], T],
    name: str | None,
    stack_size: int | None,
    on_exit: Callable[[], None] | None = None,
) -> tuple[Thread, threading.Thread, _Packet[T]]:
    """Start a native thread running `f`; raise `RuntimeError` if it cannot."""
    token = ThreadToken()
    owned = _claim_moved_values(f, token)
    who = Thread(_new_thread_id(), name)
    packet: _Packet[T] = _Packet()

    def body() -> None:
        try:
            _run(f, who, packet, token, owned)
        finally:
            if on_exit is not None:
                on_exit()

    native = threading.Thread(
        target=body,
        name=name if name is not None else f"primitives-{who.id().as_u64()}",
        daemon=True,
    )
    try:
        if stack_size is None:
            native.start()
        else:
            with _stack_size_lock:
                previous = threading.stack_size(_native_stack_size(stack_size))
                try:
                    native.start()
                finally:
                    threading.stack_size(previous)
    except BaseException:
        unclaim_moved(owned)
        raise
    return who, native, packet


#: What `threading` raises when a thread cannot start (`OverflowError` for a
#: stack size beyond the platform's `size_t`).
_START_ERRORS = (RuntimeError, OSError, ValueError, OverflowError)


def _check_callable(f: object, arguments: int, call: str) -> None:
    """Raise `TypeError` at the call (rustc would not compile it) unless `f`
    can be called with `arguments` positional arguments."""
    if not callable(f):
        raise TypeError(f"{call} takes a function, not {type(f).__name__}")
    try:
        signature = inspect.signature(f)
    except (TypeError, ValueError):  # pragma: no cover - a builtin without one
        return
    try:
        signature.bind(*range(arguments))
    except TypeError as exc:
        wanted = "no arguments" if arguments == 0 else f"{arguments} argument"
        raise TypeError(
            f"{call} calls its function with {wanted}, which {f!r} cannot take: {exc}"
        ) from None


_stack_size_lock = threading.Lock()
_MIN_STACK = 512 * 1024
_PAGE = 4096


def _native_stack_size(requested: int) -> int:
    """Round a requested stack size up to what the interpreter needs."""
    size = max(requested, _MIN_STACK)
    return -(-size // _PAGE) * _PAGE


class _JoinHandleBase(Generic[T]):
    __slots__ = ("_native", "_packet", "_thread")

    def __init__(
        self, who: Thread, native: threading.Thread, packet: _Packet[T]
    ) -> None:
        self._thread = who
        self._native = native
        self._packet = packet

    def join(self) -> Result[T, BaseException]:
        """Block until the thread has finished, then return `Ok(value)` with
        what its function returned, or `Err(exc)` with the very exception
        object that escaped it (its panic). Joining twice raises
        `UseAfterDropError` (Rust's `join` consumes the handle). Mirrors
        `JoinHandle::join` / `ScopedJoinHandle::join`.
        """
        if self._native is threading.current_thread():
            raise Panic("a thread cannot join itself: that would deadlock")
        if self._packet.claim():
            raise UseAfterDropError("this JoinHandle was already joined")
        self._native.join()
        result = self._packet.get()
        assert result is not None
        return result

    def is_finished(self) -> bool:
        """Whether the thread's function has returned or panicked. Never
        blocks. Mirrors `JoinHandle::is_finished`."""
        return self._packet.get() is not None

    def thread(self) -> Thread:
        """The `Thread` handle of the thread. Mirrors `JoinHandle::thread`."""
        return self._thread

    def _ended_with_unobserved_panic(self) -> bool:
        """Wait for the thread; whether it panicked and was never joined."""
        self._native.join()
        return self._packet.unobserved_panic()


@final
class JoinHandle(_JoinHandleBase[T]):
    """An owned permission to join a spawned thread. Mirrors
    `std::thread::JoinHandle`.

    `join()` blocks until the thread ends and returns `Ok(value)` or
    `Err(exception)`; dropping the handle (or never joining) detaches the
    thread.

    ```pycon
    >>> h = thread.spawn(lambda: "done")
    >>> h.join()
    Ok('done')
    >>> h.is_finished()
    True

    ```
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return "JoinHandle { .. }"


@final
class ScopedJoinHandle(_JoinHandleBase[T]):
    """A handle to a thread spawned in a `scope`. Mirrors
    `std::thread::ScopedJoinHandle`.

    Same methods as `JoinHandle`. A scoped thread that panicked and was joined
    through its handle does not make `scope` panic.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return "ScopedJoinHandle { .. }"


# --------------------------------------------------------------------------
# spawn / Builder
# --------------------------------------------------------------------------


@final
class Builder:
    """Configure a thread before spawning it: its name and stack size.
    Mirrors `std::thread::Builder`.

    ```pycon
    >>> b = thread.Builder().name("worker").stack_size(1024 * 1024)
    >>> handle = b.spawn(lambda: thread.current().name()).unwrap()
    >>> handle.join()
    Ok('worker')

    ```
    """

    __slots__ = ("_name", "_stack_size")

    def __init__(self) -> None:
        self._name: str | None = None
        self._stack_size: int | None = None

    def name(self, name: str) -> Builder:
        """Name the thread (shown by `Thread.name()` and in panic messages).
        Raises `TypeError` if `name` is not a `str`. Mirrors `Builder::name`."""
        if not isinstance(name, str):
            raise TypeError(f"a thread name is a str, not {type(name).__name__}")
        if "\0" in name:
            raise Panic("thread name may not contain interior null bytes")
        self._name = name
        return self

    def stack_size(self, size: int) -> Builder:
        """Ask for a stack of `size` bytes. As in Rust, the size is rounded up
        to what the platform needs; the Python interpreter needs at least
        512 KiB, so smaller sizes are raised to that. A size the platform
        refuses makes `spawn` return `Err(OSError)`. Raises `TypeError` if
        `size` is not an `int`. Mirrors `Builder::stack_size`."""
        if isinstance(size, bool) or not isinstance(size, int):
            raise TypeError(f"a stack size is an int, not {type(size).__name__}")
        if size < 0:
            raise ValueError("stack size cannot be negative")
        self._stack_size = size
        return self

    def spawn(self, f: Callable[[], T]) -> Result[JoinHandle[T], OSError]:
        """Spawn a thread running `f()`: `Ok(JoinHandle)`, or `Err(error)` if
        the operating system refused to start a thread. Does not block.

        Raises `TypeError` (standing for rustc's E0277) if `f` captures a value
        that is not `Send`, or if `f` cannot be called without arguments.
        Mirrors `Builder::spawn`.
        """
        _check_callable(f, 0, "spawn")
        check_send(f)
        try:
            who, native, packet = _start(f, self._name, self._stack_size)
        except _START_ERRORS as exc:
            return Err(OSError(str(exc)))
        return Ok(JoinHandle(who, native, packet))

    def spawn_scoped(
        self, scope: Scope, f: Callable[[], T]
    ) -> Result[ScopedJoinHandle[T], OSError]:
        """Like `Scope.spawn`, with this builder's settings. Mirrors
        `Builder::spawn_scoped`."""
        return scope._spawn(f, self._name, self._stack_size)

    def __repr__(self) -> str:
        return "Builder { .. }"


def spawn(f: Callable[[], T]) -> JoinHandle[T]:
    """Run `f()` on a new native thread and return its `JoinHandle`. Does not
    block. Mirrors `thread::spawn`.

    Raises `TypeError` before starting anything if `f` captures (in a default
    argument, a closure variable or a global it reads) a value that is not
    `Send`: an `Rc`, a guard, or an `Arc` around a value that is not `Sync`.
    The message mirrors rustc's E0277. Default-argument values are dropped
    when `f` returns or raises; spawning a function whose droppable default
    was already moved into another thread (or dropped) raises
    ``TypeError: use of moved value: `name` `` (rustc's E0382): clone the
    value for each thread instead.

    If an exception escapes `f`, the thread panics: a message like Rust's goes
    to stderr (``thread '<unnamed>' panicked at file.py:3:5:`` and then the
    message) and `join()` returns `Err(exception)`.

    ```pycon
    >>> from primitives.rc import Rc
    >>> rc = Rc(5)
    >>> thread.spawn(lambda: print(rc))
    Traceback (most recent call last):
      ...
    TypeError: `Rc<int>` cannot be sent between threads safely

    ```
    """
    result = Builder().spawn(f)
    if isinstance(result, Err):  # pragma: no cover - needs the OS to refuse
        raise Panic(f"failed to spawn thread: {result.err()!r}")
    return result.unwrap()


# --------------------------------------------------------------------------
# Scoped threads
# --------------------------------------------------------------------------


@final
class Scope:
    """The scope passed to the function given to `scope()`; spawn scoped
    threads with it. Mirrors `std::thread::Scope`."""

    __slots__ = ("_cond", "_ended", "_handles", "_running")

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._running = 0
        self._ended = False
        self._handles: list[ScopedJoinHandle[Any]] = []

    def spawn(self, f: Callable[[], T]) -> ScopedJoinHandle[T]:
        """Run `f()` on a new thread that is joined before `scope` returns.
        Does not block. Mirrors `Scope::spawn`.

        Raises `TypeError` if `f` captures a value that is not `Send`, or a
        `Cell`/`RefCell` (a scoped thread borrows it, and sharing it needs
        `Sync`).
        """
        result = self._spawn(f, None, None)
        if isinstance(result, Err):  # pragma: no cover - needs the OS to refuse
            raise Panic(f"failed to spawn thread: {result.err()!r}")
        return result.unwrap()

    def _spawn(
        self, f: Callable[[], T], name: str | None, stack_size: int | None
    ) -> Result[ScopedJoinHandle[T], OSError]:
        _check_callable(f, 0, "Scope.spawn")
        check_send(f, scoped=True)
        with self._cond:
            if self._ended:
                raise UseAfterDropError("this thread scope has already ended")
            self._running += 1
        try:
            who, native, packet = _start(f, name, stack_size, self._thread_done)
        except _START_ERRORS as exc:
            self._thread_done()
            return Err(OSError(str(exc)))
        handle = ScopedJoinHandle(who, native, packet)
        with self._cond:
            self._handles.append(handle)
        return Ok(handle)

    def _thread_done(self) -> None:
        with self._cond:
            self._running -= 1
            if self._running == 0:
                self._cond.notify_all()

    def _end(self) -> bool:
        """Wait for every thread; return whether one panicked unobserved."""
        with self._cond:
            while self._running > 0:
                self._cond.wait()
            self._ended = True
            handles = list(self._handles)
        return any([handle._ended_with_unobserved_panic() for handle in handles])

    def __repr__(self) -> str:
        return "Scope { .. }"


def scope(f: Callable[[Scope], T]) -> T:
    """Call `f(s)`, where `s.spawn(g)` starts threads that may borrow local
    data; block until all of them have finished, and return what `f`
    returned. Mirrors `thread::scope`.

    If a scoped thread panicked and nobody joined it through its handle,
    `scope` raises `Panic("a scoped thread panicked")` after every thread has
    finished.

    ```pycon
    >>> from primitives.sync.atomic import AtomicUsize, Ordering
    >>> hits = AtomicUsize(0)
    >>> def work(s):
    ...     for _ in range(4):
    ...         s.spawn(lambda: hits.fetch_add(1, Ordering.Relaxed))
    ...     return "spawned"
    >>> thread.scope(work)
    'spawned'
    >>> hits.load(Ordering.Relaxed)
    4

    ```
    """
    _check_callable(f, 1, "scope")
    s = Scope()
    try:
        result = f(s)
    finally:
        panicked = s._end()
    if panicked:
        raise Panic("a scoped thread panicked")
    return result


# --------------------------------------------------------------------------
# Thread-local values
# --------------------------------------------------------------------------


@final
class LocalKey(Generic[T]):
    """A value of which each thread has its own copy, made by `init()` the
    first time the thread uses it. Built with `local(init)`. Mirrors
    `std::thread::LocalKey` (what `thread_local!` declares).

    `with_(f)` calls `f` with this thread's value. For a value that is a
    `Cell` or `RefCell`, `get()`, `set(v)`, `replace(v)` and `take()` reach
    it directly, as Rust's `LocalKey<Cell<T>>` methods do.

    ```pycon
    >>> from primitives.cell import Cell
    >>> counter = thread.local(lambda: Cell(0))
    >>> counter.set(counter.get() + 1)
    >>> counter.get()
    1
    >>> thread.spawn(lambda: counter.get()).join()  # its own copy
    Ok(0)

    ```
    """

    __slots__ = ("_init", "_values")

    def __init__(self, init: Callable[[], T]) -> None:
        _check_callable(init, 0, "thread.local")
        self._init = init
        self._values = threading.local()

    def _value(self) -> T:
        try:
            value: T = self._values.value
        except AttributeError:
            value = self._values.value = self._init()
        return value

    def with_(self, f: Callable[[T], Any]) -> Any:
        """Call `f` with this thread's value (made first if needed) and return
        what it returns. Mirrors `LocalKey::with`."""
        return f(self._value())

    def get(self) -> Any:
        """The value inside this thread's `Cell`. Mirrors `LocalKey::get`."""
        return self._value().get()  # type: ignore[attr-defined]

    def set(self, value: Any) -> None:
        """Set this thread's `Cell`/`RefCell` to `value`. Rust skips `init`
        for a value not made yet; here `init` runs first. Mirrors
        `LocalKey::set`."""
        self._value().replace(value)  # type: ignore[attr-defined]

    def replace(self, value: Any) -> Any:
        """Put `value` in this thread's `Cell`/`RefCell` and return the old
        one. Mirrors `LocalKey::replace`."""
        return self._value().replace(value)  # type: ignore[attr-defined]

    def take(self) -> Any:
        """Take this thread's value out of its `Cell`/`RefCell`, leaving the
        default in its place. Mirrors `LocalKey::take`."""
        return self._value().take()  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        return "LocalKey { .. }"


def local(init: Callable[[], T]) -> LocalKey[T]:
    """A thread-local value: each thread gets its own, made by calling
    `init()` the first time it uses it. Mirrors `thread_local!`; see
    `LocalKey`."""
    return LocalKey(init)
