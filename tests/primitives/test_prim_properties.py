"""Property tests: channels, RefCell, atomics and Duration against simple
sequential models."""

from __future__ import annotations

from collections import deque
from typing import Any

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    precondition,
    rule,
)

from primitives import Err, Ok, Panic, UseAfterDropError, drop
from primitives.cell import BorrowError, BorrowMutError, RefCell
from primitives.sync import mpsc
from primitives.sync.atomic import AtomicI32, AtomicU32, AtomicUsize, Ordering
from primitives.time import Duration

ZERO = Duration.ZERO
MACHINE_SETTINGS = settings(max_examples=60, stateful_step_count=40, deadline=None)


class ChannelMachine(RuleBasedStateMachine):
    """A channel (unbounded or bounded) used from one thread, step by step."""

    senders = Bundle("senders")

    @initialize(target=senders, bound=st.one_of(st.none(), st.integers(1, 4)))
    def make(self, bound: int | None) -> Any:
        self.bound = bound
        tx, self.rx = mpsc.channel() if bound is None else mpsc.sync_channel(bound)
        self.model: deque[int] = deque()
        self.live_senders = 1
        self.receiver_alive = True
        self.next_value = 0
        return tx

    def room(self) -> bool:
        return self.bound is None or len(self.model) < self.bound

    @rule(target=senders, tx=senders)
    def clone(self, tx: Any) -> Any:
        if tx._is_dropped():
            return tx
        self.live_senders += 1
        return tx.clone()

    @rule(tx=senders)
    def send(self, tx: Any) -> None:
        if tx._is_dropped():
            return
        value = self.next_value
        self.next_value += 1
        if not self.receiver_alive:
            assert tx.send(value) == Err(mpsc.SendError(value))
        elif self.room():
            assert tx.send(value) == Ok(None)
            self.model.append(value)

    @rule(tx=senders)
    def try_send(self, tx: Any) -> None:
        if tx._is_dropped() or self.bound is None:
            return
        value = self.next_value
        self.next_value += 1
        result = tx.try_send(value)
        if not self.receiver_alive:
            assert result == Err(mpsc.TrySendError.Disconnected(value))
        elif self.room():
            assert result == Ok(None)
            self.model.append(value)
        else:
            assert result == Err(mpsc.TrySendError.Full(value))

    @rule(tx=consumes(senders))
    def drop_sender(self, tx: Any) -> None:
        if tx._is_dropped():
            return
        drop(tx)
        self.live_senders -= 1

    @precondition(lambda self: self.receiver_alive)
    @rule()
    def try_recv(self) -> None:
        result = self.rx.try_recv()
        if self.model:
            assert result == Ok(self.model.popleft())
        elif self.live_senders == 0:
            assert result == Err(mpsc.TryRecvError.Disconnected)
        else:
            assert result == Err(mpsc.TryRecvError.Empty)

    @precondition(lambda self: self.receiver_alive)
    @rule()
    def recv_timeout(self) -> None:
        result = self.rx.recv_timeout(ZERO)
        if self.model:
            assert result == Ok(self.model.popleft())
        elif self.live_senders == 0:
            assert result == Err(mpsc.RecvTimeoutError.Disconnected)
        else:
            assert result == Err(mpsc.RecvTimeoutError.Timeout)

    @precondition(
        lambda self: self.receiver_alive and (self.model or not self.live_senders)
    )
    @rule()
    def recv(self) -> None:
        result = self.rx.recv()
        if self.model:
            assert result == Ok(self.model.popleft())
        else:
            assert result == Err(mpsc.RecvError)

    @precondition(lambda self: self.receiver_alive)
    @rule()
    def drain(self) -> None:
        assert list(self.rx.try_iter()) == list(self.model)
        self.model.clear()

    @precondition(lambda self: self.receiver_alive)
    @rule()
    def drop_receiver(self) -> None:
        drop(self.rx)
        self.receiver_alive = False
        self.model.clear()

    @rule()
    def check_reprs(self) -> None:
        assert repr(self.rx) == "Receiver { .. }"

    @invariant()
    def receiver_state(self) -> None:
        if not self.receiver_alive:
            with pytest.raises(UseAfterDropError):
                self.rx.try_recv()


ChannelMachine.TestCase.settings = MACHINE_SETTINGS
TestChannel = ChannelMachine.TestCase


class RefCellMachine(RuleBasedStateMachine):
    """A RefCell against a model of its borrow flag."""

    guards = Bundle("guards")

    def __init__(self) -> None:
        super().__init__()
        self.cell = RefCell(0)
        self.value = 0
        self.shared = 0
        self.exclusive = False

    @rule(target=guards, use_try=st.booleans())
    def borrow(self, use_try: bool) -> Any:
        if self.exclusive:
            if use_try:
                assert self.cell.try_borrow() == Err(BorrowError())
            else:
                with pytest.raises(Panic) as info:
                    self.cell.borrow()
                assert str(info.value) == "already mutably borrowed: BorrowError"
            return None
        guard = self.cell.try_borrow().unwrap() if use_try else self.cell.borrow()
        assert guard.value == self.value
        self.shared += 1
        return ("shared", guard)

    @rule(target=guards, use_try=st.booleans(), new=st.integers())
    def borrow_mut(self, use_try: bool, new: int) -> Any:
        if self.exclusive or self.shared:
            if use_try:
                assert self.cell.try_borrow_mut() == Err(BorrowMutError())
            else:
                with pytest.raises(Panic) as info:
                    self.cell.borrow_mut()
                assert str(info.value) == "already borrowed: BorrowMutError"
            return None
        guard = (
            self.cell.try_borrow_mut().unwrap() if use_try else self.cell.borrow_mut()
        )
        guard.value = new
        self.value = new
        self.exclusive = True
        return ("exclusive", guard)

    @rule(entry=consumes(guards))
    def release(self, entry: Any) -> None:
        if entry is None:
            return
        kind, guard = entry
        drop(guard)
        if kind == "shared":
            self.shared -= 1
        else:
            self.exclusive = False

    @invariant()
    def repr_matches(self) -> None:
        shown = "<borrowed>" if self.exclusive else repr(self.value)
        assert repr(self.cell) == f"RefCell {{ value: {shown} }}"


RefCellMachine.TestCase.settings = MACHINE_SETTINGS
TestRefCell = RefCellMachine.TestCase


def wrap(value: int, bits: int, signed: bool) -> int:
    value %= 1 << bits
    if signed and value >= 1 << (bits - 1):
        value -= 1 << bits
    return value


@given(
    start=st.integers(0, 2**64 - 1),
    deltas=st.lists(st.integers(0, 2**64 - 1), max_size=10),
)
def test_atomic_usize_wraps_like_modular_arithmetic(
    start: int, deltas: list[int]
) -> None:
    a = AtomicUsize(start)
    model = start
    for i, d in enumerate(deltas):
        if i % 2:
            assert a.fetch_sub(d, Ordering.Relaxed) == model
            model = wrap(model - d, 64, False)
        else:
            assert a.fetch_add(d, Ordering.Relaxed) == model
            model = wrap(model + d, 64, False)
    assert a.load(Ordering.Relaxed) == model


@given(
    kind=st.sampled_from([(AtomicI32, 32, True), (AtomicU32, 32, False)]),
    data=st.data(),
)
def test_32_bit_atomics_wrap(kind: Any, data: Any) -> None:
    cls, bits, signed = kind
    values = st.integers(cls.MIN, cls.MAX)
    a = cls(data.draw(values))
    model = a.load(Ordering.SeqCst)
    for _ in range(5):
        d = data.draw(values)
        assert a.fetch_add(d, Ordering.SeqCst) == model
        model = wrap(model + d, bits, signed)
    assert a.load(Ordering.SeqCst) == model


@given(st.integers(0, 10**15), st.integers(0, 10**15))
def test_duration_arithmetic_matches_nanoseconds(a: int, b: int) -> None:
    da, db = Duration.from_nanos(a), Duration.from_nanos(b)
    assert (da + db).as_nanos() == a + b
    assert (da < db) == (a < b)
    assert (da == db) == (a == b)
    assert da.saturating_sub(db).as_nanos() == max(0, a - b)
    assert da.as_secs() * 10**9 + da.subsec_nanos() == a


_UNITS = {"ns": 1, "µs": 10**3, "ms": 10**6, "s": 10**9}


@given(st.integers(0, 10**15))
def test_duration_repr_round_trips(nanos: int) -> None:
    text = repr(Duration.from_nanos(nanos))
    suffix = text[-2:] if text[-2:] in _UNITS else "s"
    number = text[: -len(suffix)]
    scale = _UNITS[suffix]
    whole, _, fraction = number.partition(".")
    assert not fraction.endswith("0")
    digits = len(str(scale)) - 1
    padded = fraction.ljust(digits, "0")
    assert len(padded) == digits
    assert int(whole) * scale + int(padded or "0") == nanos
    if nanos >= 10**9:
        assert suffix == "s"
