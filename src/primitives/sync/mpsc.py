"""Multi-producer, single-consumer FIFO channels. Mirrors `std::sync::mpsc`.

`channel()` makes an unbounded channel, `sync_channel(bound)` a bounded one
(`bound == 0` is a rendezvous: every send waits for the receiver to take the
message). Messages from one sender arrive in the order it sent them, each
exactly once. Dropping every sender disconnects the channel for the
receiver; dropping the receiver disconnects it for the senders.

```pycon
>>> from primitives import drop, thread
>>> from primitives.sync import mpsc
>>> from primitives.time import Duration
>>> tx, rx = mpsc.channel()
>>> def produce(tx=tx.clone()):
...     for i in range(3):
...         tx.send(i).unwrap()
>>> handle = thread.spawn(produce)
>>> drop(tx)
>>> [msg for msg in rx]
[0, 1, 2]
>>> rx.recv()
Err(RecvError)

```
"""

from __future__ import annotations

import queue
import threading
import time as _time
from collections import deque
from collections.abc import Iterator
from enum import Enum
from typing import Any, ClassVar, Generic, TypeVar, final

from primitives._core import (
    _SCALARS,
    Blame,
    OwnedHandle,
    UseAfterDropError,
    Visit,
    blame,
    hand_on,
    send_error,
)
from primitives._result import Err, Ok, Result
from primitives.time import Duration, timeout_seconds

T = TypeVar("T")

__all__ = [
    "Receiver",
    "RecvError",
    "RecvTimeoutError",
    "SendError",
    "Sender",
    "SyncSender",
    "TryRecvError",
    "TrySendError",
    "channel",
    "sync_channel",
]


# --------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------


@final
class SendError(Generic[T]):
    """`send` failed because the receiver is gone; `.value` is the message
    that could not be sent. Mirrors `std::sync::mpsc::SendError` (its `.0`).

    ```pycon
    >>> tx, rx = mpsc.channel()
    >>> drop(rx)
    >>> result = tx.send("hello")
    >>> result
    Err(SendError { .. })
    >>> result.unwrap_err().value
    'hello'

    ```
    """

    __slots__ = ("value",)
    __match_args__ = ("value",)

    def __init__(self, value: T) -> None:
        self.value = value

    def into_inner(self) -> T:
        """The message that was not sent."""
        return self.value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SendError) and bool(self.value == other.value)

    def __hash__(self) -> int:
        return hash((SendError, self.value))

    def __repr__(self) -> str:
        return "SendError { .. }"

    def __str__(self) -> str:
        return "sending on a closed channel"


class TrySendError(Generic[T]):
    """`try_send` failed: `TrySendError.Full(value)` (the buffer is full) or
    `TrySendError.Disconnected(value)` (the receiver is gone). Both carry the
    message as `.value`. Mirrors `std::sync::mpsc::TrySendError`.

    ```pycon
    >>> tx, rx = mpsc.sync_channel(1)
    >>> tx.try_send(1)
    Ok(None)
    >>> match tx.try_send(2):
    ...     case Err(mpsc.TrySendError.Full(value)):
    ...         print("full, kept", value)
    full, kept 2

    ```
    """

    __slots__ = ("value",)
    __match_args__ = ("value",)

    Full: ClassVar[type[_Full[Any]]]
    Disconnected: ClassVar[type[_Disconnected[Any]]]

    def __init__(self, value: T) -> None:
        self.value = value

    def into_inner(self) -> T:
        """The message that was not sent."""
        return self.value

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return False
        assert isinstance(other, TrySendError)
        return bool(self.value == other.value)

    def __hash__(self) -> int:
        return hash((type(self), self.value))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(..)"


@final
class _Full(TrySendError[T]):
    """The channel's buffer is full. Mirrors `TrySendError::Full`."""

    __slots__ = ()

    def __str__(self) -> str:
        return "sending on a full channel"


@final
class _Disconnected(TrySendError[T]):
    """The receiver is gone. Mirrors `TrySendError::Disconnected`."""

    __slots__ = ()

    def __str__(self) -> str:
        return "sending on a closed channel"


for _variant, _name in ((_Full, "Full"), (_Disconnected, "Disconnected")):
    _variant.__name__ = _name
    _variant.__qualname__ = f"TrySendError.{_name}"
TrySendError.Full = _Full
TrySendError.Disconnected = _Disconnected


@final
class _RecvErrorType:
    __slots__ = ()

    def __repr__(self) -> str:
        return "RecvError"

    def __str__(self) -> str:
        return "receiving on a closed channel"

    def __reduce__(self) -> str:
        return "RecvError"


RecvError = _RecvErrorType()
"""`recv` found the channel empty with every sender gone. Mirrors
`std::sync::mpsc::RecvError`; usable in `case Err(mpsc.RecvError):`."""


class _ErrorKind(Enum):
    """An error enum whose repr is the variant's name, as Rust's `Debug` prints it,
    and whose str is Rust's `Display` message."""

    def __repr__(self) -> str:
        return self.name

    def __str__(self) -> str:
        return str(self.value)


class TryRecvError(_ErrorKind):
    """Why `try_recv` returned no message. Mirrors
    `std::sync::mpsc::TryRecvError`.

    ```pycon
    >>> tx, rx = mpsc.channel()
    >>> rx.try_recv()
    Err(Empty)
    >>> drop(tx)
    >>> rx.try_recv() == Err(mpsc.TryRecvError.Disconnected)
    True

    ```
    """

    Empty = "receiving on an empty channel"
    """Nothing is queued, but a sender still exists."""
    Disconnected = "receiving on an empty and disconnected channel"
    """Nothing is queued and every sender is gone."""


class RecvTimeoutError(_ErrorKind):
    """Why `recv_timeout` returned no message. Mirrors
    `std::sync::mpsc::RecvTimeoutError`.

    ```pycon
    >>> from primitives.time import Duration
    >>> tx, rx = mpsc.channel()
    >>> rx.recv_timeout(Duration.from_millis(1))
    Err(Timeout)

    ```
    """

    Timeout = "timed out waiting on channel"
    """No message arrived in time; a sender still exists."""
    Disconnected = "channel is empty and sending half is closed"
    """Nothing is queued and every sender is gone."""


# --------------------------------------------------------------------------
# The shared channel state
# --------------------------------------------------------------------------

_OK_NONE: Ok[None] = Ok(None)
_new = object.__new__


@final
class _Marker:
    """What `take` returns instead of a message."""

    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def __repr__(self) -> str:
        return self._name


_DISCONNECTED = _Marker("disconnected")
"""Nothing is queued and every sender is gone (for `_Unbounded`, also the
item queued after the last message)."""
_EMPTY = _Marker("empty")
"""Nothing is queued (yet): a sender still exists."""

_NOTE = ": a channel carries its messages to the thread that receives them"


class _Channel:
    """What both flavours share: the lock that sender and receiver drops
    take, and what the `Send` check has learnt about the channel.

    `crossed` is set once one of its ends was checked for crossing to
    another thread; `carries` names the type of a message that is not
    `Send`, once one was sent. Either alone is fine (Rust infers the message
    type for the whole program); both together are refused, at the `send`
    or at the `spawn`, whichever comes second.
    """

    __slots__ = ("carries", "crossed", "lock", "receiver_alive", "senders")

    def __init__(self) -> None:
        # Reentrant only so that a finalizer can tell this thread holds it.
        self.lock = threading.RLock()
        self.senders = 1
        self.receiver_alive = True
        self.crossed = False
        self.carries: str | None = None

    def check_message(self, value: object) -> None:
        """Refuse a message that is not `Send` on a channel between threads;
        what a thread sends, it no longer drops when it ends."""
        found = blame(value, False)
        if found is not None:
            if self.crossed:
                raise send_error(found, _NOTE)
            self.carries = found[0]
        hand_on(value)

    def blame_end(self, end: str) -> Blame | None:
        """An end of this channel is checked for crossing threads."""
        self.crossed = True
        if self.carries is not None:
            return (f"{end}<{self.carries}>", "sent")
        return None


class _Unbounded(_Channel, Generic[T]):
    """The state of a `channel()`.

    Messages travel through a `queue.SimpleQueue` (a C queue with its own
    lock, correct on free-threaded builds too). The sender count is kept under
    `lock`; when it falls to zero, `_DISCONNECTED` is queued after the last
    message, which wakes a blocked receiver. `receiver_alive` is a single
    flag: a send that races with the receiver's drop may still return `Ok`,
    as Rust allows ("the other end has not hung up yet").
    """

    __slots__ = ("queue",)

    def __init__(self) -> None:
        super().__init__()
        self.queue: queue.SimpleQueue[Any] = queue.SimpleQueue()

    def take(self, block: bool, timeout: float | None) -> Any:
        """The next message, or `_EMPTY` / `_DISCONNECTED` (like
        `queue.Queue.get`, waiting at most `timeout` seconds if `block`)."""
        try:
            value = self.queue.get(block, timeout)
        except queue.Empty:
            return _EMPTY
        if value is _DISCONNECTED:
            self.queue.put(value)  # leave the marker for the next call
        return value

    def sender_gone(self) -> None:
        """One sender was dropped; the caller holds `lock`."""
        self.senders -= 1
        if self.senders == 0:
            self.queue.put(_DISCONNECTED)

    def receiver_gone(self) -> None:
        """The receiver was dropped: refuse new messages, drop queued ones."""
        with self.lock:
            self.receiver_alive = False
        dropped = []
        while True:
            try:
                dropped.append(self.queue.get_nowait())
            except queue.Empty:
                break
        del dropped  # queued messages are dropped with the receiver, as in Rust


class _Bounded(_Channel, Generic[T]):
    """The state of a `sync_channel(bound)`: a deque and counts under `lock`.

    `sent` and `taken` count messages in and out; with bound 0 a sender
    waits until `taken` has passed its own message (a rendezvous).
    """

    __slots__ = (
        "bound",
        "not_empty",
        "not_full",
        "queue",
        "recv_waiting",
        "send_waiting",
        "sent",
        "taken",
    )

    def __init__(self, bound: int) -> None:
        super().__init__()
        self.not_empty = threading.Condition(self.lock)
        self.not_full = threading.Condition(self.lock)
        self.queue: deque[T] = deque()
        self.bound = bound
        self.recv_waiting = 0
        self.send_waiting = 0
        self.sent = 0
        self.taken = 0

    def take(self, block: bool, timeout: float | None) -> Any:
        """The next message, or `_EMPTY` / `_DISCONNECTED`, waiting (if
        `block`) at most `timeout` seconds, or for ever if it is `None`."""
        deadline = None if timeout is None else _time.monotonic() + timeout
        with self.lock:
            while block and not self.queue and self.senders:
                remaining = None if deadline is None else deadline - _time.monotonic()
                if remaining is not None and remaining <= 0:
                    break
                self.recv_waiting += 1
                try:
                    self.not_empty.wait(remaining)
                finally:
                    self.recv_waiting -= 1
            if not self.queue:
                return _EMPTY if self.senders else _DISCONNECTED
            value = self.queue.popleft()
            self.taken += 1
            if self.send_waiting:
                self.not_full.notify_all()
            return value

    def push(self, value: T) -> None:
        """Queue a message; the caller holds `lock`."""
        self.queue.append(value)
        self.sent += 1
        if self.recv_waiting:
            self.not_empty.notify()

    def wait_not_full(self) -> None:
        """Sleep until a message is taken or the receiver goes."""
        self.send_waiting += 1
        try:
            self.not_full.wait()
        finally:
            self.send_waiting -= 1

    def sender_gone(self) -> None:
        """One sender was dropped; the caller holds `lock`."""
        self.senders -= 1
        if self.senders == 0:
            self.not_empty.notify_all()

    def receiver_gone(self) -> None:
        """The receiver was dropped: wake blocked senders, drop messages."""
        with self.lock:
            self.receiver_alive = False
            self.not_full.notify_all()
        # No sender queues anything once `receiver_alive` is false, so the
        # queued messages can be dropped (as Rust does) outside the lock.
        self.queue.clear()


# --------------------------------------------------------------------------
# Senders
# --------------------------------------------------------------------------


class _SenderBase(OwnedHandle, Generic[T]):
    __slots__ = ("_chan", "_dropped")
    _copy_hint = ": make another sender with tx.clone()"

    _chan: _Unbounded[T] | _Bounded[T]
    _dropped: bool

    def _dropped_error(self) -> UseAfterDropError:
        return UseAfterDropError(f"this {type(self).__name__} was already dropped")

    def _add_sender(self) -> None:
        chan = self._chan
        with chan.lock:
            dropped = self._dropped
            if not dropped:
                chan.senders += 1
        if dropped:
            raise self._dropped_error()

    def _drop(self) -> None:
        chan = self._chan
        with chan.lock:
            already = self._dropped
            if not already:
                self._dropped = True
                chan.sender_gone()
        if already:
            raise self._dropped_error()

    def _finalizer_lock(self) -> Any:
        return self._chan.lock

    def _blame(self, sync: bool, visit: Visit) -> Blame | None:
        return self._chan.blame_end(type(self).__name__)

    def __repr__(self) -> str:
        return f"{type(self).__name__} {{ .. }}"


@final
class Sender(_SenderBase[T]):
    """The sending half of an unbounded `channel()`. Mirrors
    `std::sync::mpsc::Sender`.

    Clone it for more producers; the channel disconnects for the receiver when
    the last `Sender` is dropped (with `drop()`, when it is freed, or when the
    thread it was moved into as a default argument finishes).
    """

    __slots__ = ()

    _chan: _Unbounded[T]

    def __init__(self, chan: _Unbounded[T]) -> None:
        self._chan = chan
        self._dropped = False

    def send(self, value: T) -> Result[None, SendError[T]]:
        """Queue `value` for the receiver. Never blocks. Returns `Ok(None)`,
        or `Err(SendError(value))` if the receiver is gone. Mirrors
        `Sender::send`.

        ```pycon
        >>> tx, rx = mpsc.channel()
        >>> tx.send(10)
        Ok(None)
        >>> rx.recv()
        Ok(10)

        ```
        """
        if self._dropped:
            raise self._dropped_error()
        chan = self._chan
        if type(value) not in _SCALARS:
            chan.check_message(value)
        if not chan.receiver_alive:
            return Err(SendError(value))
        chan.queue.put(value)
        return _OK_NONE

    def clone(self) -> Sender[T]:
        """Another sender for the same channel. Mirrors `Sender::clone`."""
        self._add_sender()
        return Sender(self._chan)


@final
class SyncSender(_SenderBase[T]):
    """The sending half of a bounded `sync_channel(bound)`. Mirrors
    `std::sync::mpsc::SyncSender`."""

    __slots__ = ()

    _chan: _Bounded[T]

    def __init__(self, chan: _Bounded[T]) -> None:
        self._chan = chan
        self._dropped = False

    def send(self, value: T) -> Result[None, SendError[T]]:
        """Queue `value`, blocking while the buffer is full; with bound 0,
        block until the receiver has taken it. Returns `Ok(None)`, or
        `Err(SendError(value))` if the receiver is gone (before or while
        waiting). Mirrors `SyncSender::send`.

        ```pycon
        >>> from primitives import thread
        >>> tx, rx = mpsc.sync_channel(0)
        >>> h = thread.spawn(lambda tx=tx: tx.send("ping").unwrap())
        >>> rx.recv()
        Ok('ping')

        ```
        """
        if self._dropped:
            raise self._dropped_error()
        chan = self._chan
        if type(value) not in _SCALARS:
            chan.check_message(value)
        with chan.lock:
            capacity = chan.bound or 1
            while chan.receiver_alive and len(chan.queue) >= capacity:
                chan.wait_not_full()
            sent = chan.receiver_alive
            if sent:
                chan.push(value)
                if chan.bound == 0:
                    ticket = chan.sent
                    while chan.receiver_alive and chan.taken < ticket:
                        chan.wait_not_full()
                    sent = chan.taken >= ticket
        if not sent:
            return Err(SendError(value))
        return _OK_NONE

    def try_send(self, value: T) -> Result[None, TrySendError[T]]:
        """Queue `value` only if that needs no waiting: there is room in the
        buffer, or (bound 0) a receiver is waiting in `recv`. Never blocks.
        Returns `Ok(None)`, `Err(TrySendError.Full(value))` or
        `Err(TrySendError.Disconnected(value))`. Mirrors
        `SyncSender::try_send`.
        """
        if self._dropped:
            raise self._dropped_error()
        chan = self._chan
        if type(value) not in _SCALARS:
            chan.check_message(value)
        with chan.lock:
            alive = chan.receiver_alive
            if chan.bound == 0:
                room = chan.recv_waiting > len(chan.queue)
            else:
                room = len(chan.queue) < chan.bound
            if alive and room:
                chan.push(value)
        if not alive:
            return Err(_Disconnected(value))
        if not room:
            return Err(_Full(value))
        return _OK_NONE

    def clone(self) -> SyncSender[T]:
        """Another sender for the same channel. Mirrors `SyncSender::clone`."""
        self._add_sender()
        return SyncSender(self._chan)


# --------------------------------------------------------------------------
# Receiver
# --------------------------------------------------------------------------


@final
class Receiver(OwnedHandle, Generic[T]):
    """The receiving half of a channel; there is only one. Mirrors
    `std::sync::mpsc::Receiver`.

    `for msg in rx:` (or `rx.iter()`) receives until every sender is gone.
    A `Receiver` is `Send` but not `Sync`: an `Arc` around one cannot be given
    to another thread.
    """

    __slots__ = ("_chan", "_dropped", "_take")
    _copy_hint = ": there is only one receiver (share messages, not the receiver)"

    def __init__(self, chan: _Unbounded[T] | _Bounded[T]) -> None:
        self._chan = chan
        self._take = chan.take
        self._dropped = False

    def _dropped_error(self) -> UseAfterDropError:
        return UseAfterDropError("this Receiver was already dropped")

    def recv(self) -> Result[T, _RecvErrorType]:
        """Block until a message arrives and return `Ok(message)`; return
        `Err(RecvError)` once the queue is empty and every sender is gone.
        Mirrors `Receiver::recv`.
        """
        if self._dropped:
            raise self._dropped_error()
        value = self._take(True, None)
        if value is _DISCONNECTED:
            return Err(RecvError)
        ok: Ok[T] = _new(Ok)
        ok._value = value  # what Ok(value) does, without a Python-level call
        return ok

    def try_recv(self) -> Result[T, TryRecvError]:
        """Return `Ok(message)` if one is queued, else `Err(TryRecvError.Empty)`
        or, with every sender gone, `Err(TryRecvError.Disconnected)`. Never
        blocks. Mirrors `Receiver::try_recv`.
        """
        if self._dropped:
            raise self._dropped_error()
        value = self._take(False, None)
        if value is _EMPTY:
            return Err(TryRecvError.Empty)
        if value is _DISCONNECTED:
            return Err(TryRecvError.Disconnected)
        return Ok(value)

    def recv_timeout(self, timeout: Duration) -> Result[T, RecvTimeoutError]:
        """Like `recv`, but block for at most `timeout` (any `Duration` up to
        `Duration.MAX`): returns `Ok(message)`, `Err(RecvTimeoutError.Timeout)`
        or `Err(RecvTimeoutError.Disconnected)`. Mirrors
        `Receiver::recv_timeout`.
        """
        seconds = timeout_seconds(timeout, "recv_timeout")
        if self._dropped:
            raise self._dropped_error()
        value = self._take(True, seconds)
        if value is _EMPTY:
            return Err(RecvTimeoutError.Timeout)
        if value is _DISCONNECTED:
            return Err(RecvTimeoutError.Disconnected)
        return Ok(value)

    def iter(self) -> Iterator[T]:
        """Iterate over messages, blocking for each, until every sender is
        gone. Mirrors `Receiver::iter`."""
        while True:
            result = self.recv()
            if isinstance(result, Err):
                return
            yield result.unwrap()

    def try_iter(self) -> Iterator[T]:
        """Iterate over the messages already queued, without blocking. Mirrors
        `Receiver::try_iter`."""
        while True:
            result = self.try_recv()
            if isinstance(result, Err):
                return
            yield result.unwrap()

    def __iter__(self) -> Iterator[T]:
        return self.iter()

    def _drop(self) -> None:
        chan = self._chan
        with chan.lock:
            already = self._dropped
            self._dropped = True
        if already:
            raise self._dropped_error()
        chan.receiver_gone()

    def _finalizer_lock(self) -> Any:
        return self._chan.lock

    def _blame(self, sync: bool, visit: Visit) -> Blame | None:
        if sync:
            return ("Receiver<_>", "shared")
        return self._chan.blame_end("Receiver")

    def __repr__(self) -> str:
        return "Receiver { .. }"


def channel() -> tuple[Sender[Any], Receiver[Any]]:
    """A new unbounded channel: `(Sender, Receiver)`. Mirrors `mpsc::channel`.

    ```pycon
    >>> tx, rx = mpsc.channel()
    >>> tx.send("hi").is_ok()
    True
    >>> rx.recv()
    Ok('hi')

    ```
    """
    chan: _Unbounded[Any] = _Unbounded()
    return Sender(chan), Receiver(chan)


def sync_channel(bound: int) -> tuple[SyncSender[Any], Receiver[Any]]:
    """A new channel holding at most `bound` messages: `(SyncSender,
    Receiver)`. With `bound == 0` each send waits until the receiver takes the
    message (a rendezvous). Mirrors `mpsc::sync_channel`.
    """
    if isinstance(bound, bool) or not isinstance(bound, int):
        raise TypeError(f"sync_channel takes an int bound, not {type(bound).__name__}")
    if bound < 0:
        raise ValueError("bound must be a non-negative int")
    chan: _Bounded[Any] = _Bounded(bound)
    return SyncSender(chan), Receiver(chan)
