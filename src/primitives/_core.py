"""Machinery shared by the whole package.

* `drop()` and the `Droppable` base class of every value it understands.
* `UseAfterDropError`, raised when a dropped value is used again.
* The thread-local "this thread is panicking" flag that guards consult when they
  are released while a spawned thread unwinds (Rust's `thread::panicking()`).
* The `Send`/`Sync` check that `thread.spawn` runs on a function's captures.
"""

from __future__ import annotations

import contextlib
import dis
import functools
import queue
import threading
import types
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from itertools import chain
from typing import Any, ClassVar, Literal, NoReturn, SupportsIndex, TypeAlias, final

__all__ = ["Droppable", "UseAfterDropError", "drop"]


class UseAfterDropError(RuntimeError):
    """A value was used, or dropped again, after it had been dropped or released.

    Rust rejects this at compile time (E0382, "use of moved value"); Python can
    only notice it when it happens.
    """


UseAfterDropError.__module__ = "primitives"


# --------------------------------------------------------------------------
# No copies
# --------------------------------------------------------------------------


class NotCopyable:
    """Refuses `copy.copy`, `copy.deepcopy` and pickling: a copy would share
    the lock (or the count) without sharing its state. `_copy_hint` says
    what to do instead."""

    __slots__ = ()
    _copy_hint: ClassVar[str] = ""

    def _refuse_copy(self) -> NoReturn:
        raise TypeError(
            f"a {type(self).__name__} cannot be copied (Rust's type is not "
            f"`Clone`){self._copy_hint}"
        )

    def __copy__(self) -> NoReturn:
        self._refuse_copy()

    def __deepcopy__(self, memo: object) -> NoReturn:
        self._refuse_copy()

    def __reduce_ex__(self, protocol: SupportsIndex) -> NoReturn:
        self._refuse_copy()


class Droppable(NotCopyable):
    """Base class of the values that `drop()` releases.

    Subclasses implement `_drop()`, which releases the value and raises
    `UseAfterDropError` when it was already released, and `_is_dropped()`.
    """

    __slots__ = ()

    def _drop(self) -> None:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def _is_dropped(self) -> bool:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def _drop_moved(self) -> None:
        """Drop the value unless it is already gone (used for moved captures)."""
        if not self._is_dropped():
            with contextlib.suppress(UseAfterDropError):
                self._drop()


class OwnedHandle(Droppable):
    """A `Droppable` that keeps a `_dropped` flag and drops itself when Python
    frees it, as a Rust value is dropped when its owner goes away."""

    __slots__ = ()
    _dropped: bool

    def _is_dropped(self) -> bool:
        return self._dropped

    def _finalizer_lock(self) -> Any:  # pragma: no cover - subclasses override
        raise NotImplementedError

    def __del__(self) -> None:
        try:
            if not self._dropped:
                run_finalizer(self._finalizer_lock(), self._drop)
        except Exception:  # pragma: no cover - interpreter shutdown
            pass


def drop(value: object) -> None:
    """Drop `value` now: release a guard, close a channel end, or give up an
    `Arc`/`Rc` handle (its strong count falls by one).

    Dropping the same value twice raises `UseAfterDropError`. Any other value is
    accepted and left alone, as Rust's `drop` accepts anything. Mirrors
    `std::mem::drop`.

    ```pycon
    >>> from primitives.sync import Mutex
    >>> m = Mutex(5)
    >>> guard = m.lock().unwrap()
    >>> m.try_lock().is_err()
    True
    >>> drop(guard)
    >>> m.try_lock().is_ok()
    True
    >>> drop(guard)
    Traceback (most recent call last):
      ...
    primitives.UseAfterDropError: this MutexGuard was already dropped

    ```
    """
    if isinstance(value, Droppable):
        if _moved_to:
            _check_not_moved(value)
        value._drop()


# --------------------------------------------------------------------------
# Per-thread state: identity, the panicking flag, owned values
# --------------------------------------------------------------------------


@final
class ThreadToken:
    """Stands for one thread, and is never reused (unlike
    `threading.get_ident()`, which a new thread may get once an old one ended).
    Locks record the token of the thread holding them."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "ThreadToken { .. }"


tokens = threading.local()
"""`tokens.token` is the calling thread's `ThreadToken`, once `thread_token()`
made it (a plain `threading.local` is the fastest to read)."""


def thread_token() -> ThreadToken:
    """The calling thread's token."""
    try:
        token: ThreadToken = tokens.token
    except AttributeError:
        token = tokens.token = ThreadToken()
    return token


class _ThreadState(threading.local):
    """What primitives keeps per thread (initialised on first use in it)."""

    panicking: bool
    owned: list[Droppable] | None

    def __init__(self) -> None:
        self.panicking = False
        self.owned = None


thread_state = _ThreadState()


def is_panicking() -> bool:
    """Return whether the current thread is unwinding from a panic."""
    try:
        return thread_state.panicking
    except Exception:  # pragma: no cover - interpreter shutdown
        return False


def set_panicking(flag: bool) -> None:
    """Mark the current thread as unwinding (or not)."""
    thread_state.panicking = flag


# --------------------------------------------------------------------------
# Ownership of the values moved into a thread
# --------------------------------------------------------------------------

_moved_lock = threading.Lock()
_moved_to: dict[int, ThreadToken] = {}
"""id of a droppable moved into a running thread -> that thread's token."""


def claim_moved(values: list[tuple[str, Droppable]], owner: ThreadToken) -> None:
    """Record that `values` now belong to the thread `owner`.

    Raises `TypeError` (rustc's E0382) if one of them already belongs to a
    thread or was dropped: a Rust closure can move a value only once.
    """
    with _moved_lock:
        for name, value in values:
            if value._is_dropped() or id(value) in _moved_to:
                raise TypeError(f"use of moved value: `{name}`")
        for _, value in values:
            _moved_to[id(value)] = owner


def unclaim_moved(values: list[Droppable]) -> None:
    """Forget that `values` belong to a thread (it ended, or handed them on)."""
    with _moved_lock:
        for value in values:
            _moved_to.pop(id(value), None)


def hand_on(value: object) -> None:
    """The current thread gives `value` away (returns it, or sends it): the
    values it owns that `value` holds are no longer dropped when it ends."""
    owned = thread_state.owned
    if not owned or type(value) in _SCALARS:
        return
    leaving = {id(item) for item in reachable(value) if isinstance(item, Droppable)}
    kept = [item for item in owned if id(item) not in leaving]
    if len(kept) != len(owned):
        unclaim_moved([item for item in owned if id(item) in leaving])
        thread_state.owned = kept


def _check_not_moved(value: Droppable) -> None:
    owner = _moved_to.get(id(value))
    if owner is not None and owner is not thread_token():
        raise UseAfterDropError(
            f"use of moved value: this {type(value).__name__} was moved into "
            "a thread, which drops it when it ends"
        )


# --------------------------------------------------------------------------
# Finalizers
# --------------------------------------------------------------------------

_deferred: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
_finalizer_thread: list[threading.Thread] = []


def _run_deferred() -> None:  # pragma: no cover - runs in its own thread
    while True:
        action = _deferred.get()
        with contextlib.suppress(Exception):
            action()
        del action


def run_finalizer(lock: Any, action: Callable[[], None]) -> None:
    """Run `action`, which takes `lock` (an `RLock` or a `Condition`), for a
    value Python is freeing.

    A garbage-collection pass may free the value while this very thread is
    inside a critical section of `lock`: taking it again would corrupt that
    section (or deadlock). Then a helper thread runs `action` as soon as the
    lock is free; otherwise it runs now.
    """
    if not lock._is_owned():
        action()
        return
    _deferred.put(action)  # SimpleQueue.put is safe inside a finalizer
    if not _finalizer_thread:
        worker = threading.Thread(
            target=_run_deferred, name="primitives-finalizer", daemon=True
        )
        _finalizer_thread.append(worker)
        worker.start()


# --------------------------------------------------------------------------
# Send / Sync check
# --------------------------------------------------------------------------

Blame: TypeAlias = tuple[str, Literal["sent", "shared"]]
"""The Rust type that breaks the rule and what it cannot be: sent or shared."""

_MAX_DEPTH = 64
_SCALARS = frozenset({int, float, complex, str, bytes, bool, type(None), range})
_SEQUENCES = (tuple, list, set, frozenset, deque)
_UNCHANGING_OR_SAFE = (tuple, list, frozenset)
_SCAN_AT_ONCE = 16
"""Containers longer than this are first scanned for their item types in one
C-level pass; shorter ones are cheaper to walk item by item."""


class Visit:
    """One walk over a value graph: each object is looked at once, and the
    walk stops at `_MAX_DEPTH` levels."""

    __slots__ = ("depth", "seen")

    def __init__(self) -> None:
        self.seen: set[tuple[int, bool]] = set()
        self.depth = 0


def rust_type(value: object) -> str:
    """The Rust-like type name used in messages: `Rc<int>`, `Cell<list>`, `int`."""
    method = getattr(type(value), "_rust_type", None)
    if method is not None:
        return str(method(value))
    return type(value).__name__


def _only_scalars(items: Iterable[object]) -> bool:
    # One C-level pass: the set of the item types is built without a Python
    # call per item.
    return set(map(type, items)) <= _SCALARS


def blame(value: object, sync: bool, visit: Visit | None = None) -> Blame | None:
    """Why `value` is not `Send` (or, with `sync`, not `Sync`), or `None`."""
    kind = type(value)
    if kind in _SCALARS:
        return None
    if visit is None:
        visit = Visit()
    key = (id(value), sync)
    if key in visit.seen or visit.depth >= _MAX_DEPTH:
        return None
    visit.seen.add(key)
    visit.depth += 1
    try:
        return _blame_parts(value, kind, sync, visit)
    finally:
        visit.depth -= 1


def _blame_parts(value: Any, kind: type, sync: bool, visit: Visit) -> Blame | None:
    method = getattr(kind, "_blame", None)
    if method is not None:
        found: Blame | None = method(value, sync, visit)
        return found
    # A dict, set or deque is read through a snapshot taken in one C-level
    # call: another thread may be changing it (under a lock this check does
    # not take), and iterating it step by step would then fail. A list's
    # iterator never fails, and tuples and frozensets cannot change.
    parts: Collection[object]
    if isinstance(value, dict):
        parts = list(chain.from_iterable(list(value.items())))
    elif isinstance(value, _UNCHANGING_OR_SAFE):
        parts = value
    elif isinstance(value, _SEQUENCES):
        parts = list(value)
    elif callable(value):
        parts = list(captures(value))
    else:
        return None
    if len(parts) > _SCAN_AT_ONCE and _only_scalars(parts):
        return None
    for part in parts:
        if type(part) not in _SCALARS:
            found = blame(part, sync, visit)
            if found is not None:
                return found
    return None


def reachable(value: object) -> Iterator[object]:
    """`value` and every object inside the containers it is made of, once."""
    seen: set[int] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if type(item) in _SCALARS or id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        if isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, _SEQUENCES):
            stack.extend(item)


@functools.lru_cache(maxsize=1024)
def _global_names(code: types.CodeType) -> tuple[str, ...]:
    """Names a code object (and the code nested in it) loads as globals."""
    names: list[str] = []
    for instruction in dis.get_instructions(code):
        if instruction.opname in ("LOAD_GLOBAL", "LOAD_NAME"):
            names.append(str(instruction.argval))
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names.extend(_global_names(const))
    return tuple(dict.fromkeys(names))


def moved_values(f: object) -> list[tuple[str, object]]:
    """Values a function owns, with their names: its default arguments (and a
    partial's arguments).

    These stand for the values a Rust `move` closure takes ownership of; the
    thread machinery drops them when the function has finished.
    """
    if isinstance(f, functools.partial):
        named = [(f"argument {i}", value) for i, value in enumerate(f.args)]
        named.extend(f.keywords.items())
        return named + moved_values(f.func)
    if isinstance(f, types.MethodType):
        return moved_values(f.__func__)
    if isinstance(f, types.FunctionType):
        code = f.__code__
        defaults = f.__defaults__ or ()
        names = code.co_varnames[code.co_argcount - len(defaults) : code.co_argcount]
        named = list(zip(names, defaults, strict=True))
        named.extend((f.__kwdefaults__ or {}).items())
        return named
    return []


def captures(f: object) -> Iterator[object]:
    """Every value a callable captures: defaults, closure cells, used globals."""
    if isinstance(f, functools.partial):
        yield f.func
        yield from f.args
        yield from f.keywords.values()
        return
    if isinstance(f, types.MethodType):
        yield f.__self__
        f = f.__func__
    if not isinstance(f, types.FunctionType):
        return
    for _, value in moved_values(f):
        yield value
    for cell in f.__closure__ or ():
        try:
            contents = cell.cell_contents
        except ValueError:  # an empty cell: a variable not assigned yet
            continue
        yield contents
    namespace = f.__globals__
    for name in _global_names(f.__code__):
        if name in namespace:
            value = namespace[name]
            if value is f or isinstance(value, types.ModuleType | type):
                continue
            yield value


def send_error(found: Blame, note: str = "") -> TypeError:
    """The `TypeError` standing for rustc's E0277 about `found`."""
    name, kind = found
    return TypeError(f"`{name}` cannot be {kind} between threads safely{note}")


def check_send(f: Callable[..., Any], *, scoped: bool = False) -> None:
    """Raise `TypeError` if `f` captures a value that may not cross threads.

    The message mirrors rustc's E0277: "`Rc<int>` cannot be sent between threads
    safely". With `scoped`, a captured `Cell`/`RefCell` is refused as well: a
    scoped thread borrows it, and sharing it needs `Sync`.
    """
    visit = Visit()
    for value in captures(f):
        found = blame(value, False, visit)
        if found is None and scoped:
            borrow_check = getattr(type(value), "_blame_borrow", None)
            if borrow_check is not None:
                found = borrow_check(value)
        if found is not None:
            raise send_error(found)
