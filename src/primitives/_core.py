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
import threading
import types
from collections.abc import Callable, Iterator
from typing import Any, Literal, TypeAlias

__all__ = ["Droppable", "UseAfterDropError", "drop"]


class UseAfterDropError(RuntimeError):
    """A value was used, or dropped again, after it had been dropped or released.

    Rust rejects this at compile time (E0382, "use of moved value"); Python can
    only notice it when it happens.
    """


UseAfterDropError.__module__ = "primitives"


class Droppable:
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

    def __del__(self) -> None:
        try:
            if not self._dropped:
                self._drop()
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
        value._drop()


# --------------------------------------------------------------------------
# Panicking flag
# --------------------------------------------------------------------------

_thread_state = threading.local()


def is_panicking() -> bool:
    """Return whether the current thread is unwinding from a panic."""
    try:
        return bool(getattr(_thread_state, "panicking", False))
    except Exception:  # pragma: no cover - interpreter shutdown
        return False


def set_panicking(flag: bool) -> None:
    """Mark the current thread as unwinding (or not)."""
    _thread_state.panicking = flag


# --------------------------------------------------------------------------
# Send / Sync check
# --------------------------------------------------------------------------

Blame: TypeAlias = tuple[str, Literal["sent", "shared"]]
"""The Rust type that breaks the rule and what it cannot be: sent or shared."""

_MAX_DEPTH = 8
_SCALARS = frozenset({int, float, complex, str, bytes, bool, type(None), range})


def rust_type(value: object) -> str:
    """The Rust-like type name used in messages: `Rc<int>`, `Cell<list>`, `int`."""
    method = getattr(type(value), "_rust_type", None)
    if method is not None:
        return str(method(value))
    return type(value).__name__


def blame(value: object, sync: bool, depth: int = 0) -> Blame | None:
    """Why `value` is not `Send` (or, with `sync`, not `Sync`), or `None`."""
    if depth > _MAX_DEPTH:
        return None
    kind = type(value)
    if kind in _SCALARS:
        return None
    method = getattr(kind, "_blame", None)
    if method is not None:
        found: Blame | None = method(value, sync, depth + 1)
        return found
    if kind in (tuple, list, set, frozenset):
        for item in value:  # type: ignore[attr-defined]
            found = blame(item, sync, depth + 1)
            if found is not None:
                return found
        return None
    if kind is dict:
        for key, item in value.items():  # type: ignore[attr-defined]
            found = blame(key, sync, depth + 1) or blame(item, sync, depth + 1)
            if found is not None:
                return found
        return None
    if callable(value):
        for captured in captures(value):
            found = blame(captured, sync, depth + 1)
            if found is not None:
                return found
    return None


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


def check_send(f: Callable[..., Any], *, scoped: bool = False) -> None:
    """Raise `TypeError` if `f` captures a value that may not cross threads.

    The message mirrors rustc's E0277: "`Rc<int>` cannot be sent between threads
    safely". With `scoped`, a captured `Cell`/`RefCell` is refused as well: a
    scoped thread borrows it, and sharing it needs `Sync`.
    """
    for value in captures(f):
        found = blame(value, False)
        if found is None and scoped:
            borrow_check = getattr(type(value), "_blame_borrow", None)
            if borrow_check is not None:
                found = borrow_check(value)
        if found is not None:
            name, kind = found
            raise TypeError(f"`{name}` cannot be {kind} between threads safely")
