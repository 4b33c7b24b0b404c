# Default arguments are how values move into threads: B008 is the point here.
# ruff: noqa: B008
from __future__ import annotations

import threading
from typing import Any

import pytest
from prim_helpers import WAIT, join, wait_until

from primitives import Err, Ok, UseAfterDropError, drop, thread
from primitives.sync import mpsc
from primitives.time import Duration, Instant

SHORT = Duration.from_millis(20)
LONG = Duration.from_secs(5)


def make(kind: str) -> tuple[Any, Any]:
    if kind == "channel":
        return mpsc.channel()
    return mpsc.sync_channel(16)


KINDS = ["channel", "sync_channel"]


@pytest.mark.parametrize("kind", KINDS)
def test_send_recv_in_order(kind: str) -> None:
    tx, rx = make(kind)
    for i in range(5):
        assert tx.send(i) == Ok(None)
    assert [rx.recv() for _ in range(5)] == [Ok(i) for i in range(5)]


@pytest.mark.parametrize("kind", KINDS)
def test_recv_err_after_all_senders_gone(kind: str) -> None:
    tx, rx = make(kind)
    tx2 = tx.clone()
    tx.send("a").unwrap()
    drop(tx)
    assert rx.try_recv() == Ok("a")
    assert rx.try_recv() == Err(mpsc.TryRecvError.Empty)
    tx2.send("b").unwrap()
    drop(tx2)
    assert rx.recv() == Ok("b")  # queued messages still arrive
    r = rx.recv()
    assert r == Err(mpsc.RecvError)
    assert repr(r) == "Err(RecvError)"
    assert rx.recv() == Err(mpsc.RecvError)  # and it stays disconnected
    assert rx.try_recv() == Err(mpsc.TryRecvError.Disconnected)
    assert rx.recv_timeout(SHORT) == Err(mpsc.RecvTimeoutError.Disconnected)
    match rx.recv():
        case Err(mpsc.RecvError):
            pass
        case _:  # pragma: no cover
            pytest.fail("expected RecvError")


@pytest.mark.parametrize("kind", KINDS)
def test_send_err_after_receiver_gone(kind: str) -> None:
    tx, rx = make(kind)
    tx.send(1).unwrap()
    drop(rx)
    r = tx.send([1, 2])
    assert isinstance(r, Err)
    err = r.err()
    assert isinstance(err, mpsc.SendError)
    assert err.value == [1, 2]
    assert err.into_inner() == [1, 2]
    assert repr(r) == "Err(SendError { .. })"
    assert str(err) == "sending on a closed channel"
    assert err == mpsc.SendError([1, 2])
    assert hash(mpsc.SendError(1)) == hash(mpsc.SendError(1))
    match r:
        case Err(mpsc.SendError(value)):
            assert value == [1, 2]
        case _:  # pragma: no cover
            pytest.fail("expected SendError")


@pytest.mark.parametrize("kind", KINDS)
def test_recv_timeout(kind: str) -> None:
    tx, rx = make(kind)
    start = Instant.now()
    r = rx.recv_timeout(SHORT)
    assert r == Err(mpsc.RecvTimeoutError.Timeout)
    assert repr(r) == "Err(Timeout)"
    assert start.elapsed() >= Duration.from_millis(15)
    tx.send(3).unwrap()
    assert rx.recv_timeout(SHORT) == Ok(3)
    assert rx.recv_timeout(Duration.ZERO) == Err(mpsc.RecvTimeoutError.Timeout)
    with pytest.raises(TypeError, match="Duration"):
        rx.recv_timeout(0.1)


@pytest.mark.parametrize("kind", KINDS)
def test_recv_blocks_until_message(kind: str) -> None:
    tx, rx = make(kind)

    def later(tx: Any = tx.clone()) -> None:
        thread.sleep(SHORT)
        tx.send("late").unwrap()

    h = thread.spawn(later)
    assert rx.recv() == Ok("late")
    join(h)


@pytest.mark.parametrize("kind", KINDS)
def test_recv_wakes_on_disconnect(kind: str) -> None:
    tx, rx = make(kind)
    h = thread.spawn(lambda tx=tx: thread.sleep(SHORT))
    del tx
    assert rx.recv() == Err(mpsc.RecvError)
    join(h)


@pytest.mark.parametrize("kind", KINDS)
def test_iteration(kind: str) -> None:
    tx, rx = make(kind)
    for i in range(3):
        tx.send(i).unwrap()
    assert list(rx.try_iter()) == [0, 1, 2]
    assert list(rx.try_iter()) == []
    for i in range(3):
        tx.send(i).unwrap()
    drop(tx)
    assert list(rx) == [0, 1, 2]
    assert list(rx.iter()) == []


def test_producers_in_threads_close_channel() -> None:
    tx, rx = mpsc.channel()
    for id_ in range(4):

        def produce(tx: Any = tx.clone(), id_: int = id_) -> None:
            for j in range(10):
                tx.send((id_, j)).unwrap()

        thread.spawn(produce)
    drop(tx)
    got = list(rx)
    assert len(got) == 40
    for id_ in range(4):
        assert [j for i, j in got if i == id_] == list(range(10))


def test_error_enums() -> None:
    assert repr(mpsc.TryRecvError.Empty) == "Empty"
    assert str(mpsc.TryRecvError.Empty) == "receiving on an empty channel"
    assert str(mpsc.TryRecvError.Disconnected) == (
        "receiving on an empty and disconnected channel"
    )
    assert repr(mpsc.RecvTimeoutError.Disconnected) == "Disconnected"
    assert str(mpsc.RecvTimeoutError.Timeout) == "timed out waiting on channel"
    assert str(mpsc.RecvError) == "receiving on a closed channel"
    assert repr(mpsc.RecvError) == "RecvError"
    import copy
    import pickle

    assert copy.copy(mpsc.RecvError) is mpsc.RecvError
    assert pickle.loads(pickle.dumps(mpsc.RecvError)) is mpsc.RecvError


def test_sync_channel_blocks_when_full() -> None:
    tx, rx = mpsc.sync_channel(1)
    tx.send(1).unwrap()
    assert tx.try_send(2) == Err(mpsc.TrySendError.Full(2))
    started = threading.Event()

    def blocked(tx: Any = tx.clone()) -> Any:
        started.set()
        return tx.send(3)

    h = thread.spawn(blocked)
    assert started.wait(WAIT)
    thread.sleep(SHORT)
    assert not h.is_finished()
    assert rx.recv() == Ok(1)
    assert join(h) == Ok(Ok(None))
    assert rx.recv() == Ok(3)


def test_try_send_errors() -> None:
    tx, rx = mpsc.sync_channel(1)
    assert tx.try_send("a") == Ok(None)
    full = tx.try_send("b")
    assert repr(full) == "Err(Full(..))"
    err = full.unwrap_err()
    assert isinstance(err, mpsc.TrySendError)
    assert isinstance(err, mpsc.TrySendError.Full)
    assert err.value == "b"
    assert err.into_inner() == "b"
    assert str(err) == "sending on a full channel"
    assert hash(err) == hash(mpsc.TrySendError.Full("b"))
    assert err != mpsc.TrySendError.Disconnected("b")
    drop(rx)
    gone = tx.try_send("c")
    assert repr(gone) == "Err(Disconnected(..))"
    match gone:
        case Err(mpsc.TrySendError.Disconnected(value)):
            assert value == "c"
        case _:  # pragma: no cover
            pytest.fail("expected Disconnected")
    assert str(gone.unwrap_err()) == "sending on a closed channel"
    assert mpsc.TrySendError.Full.__qualname__ == "TrySendError.Full"


def test_rendezvous_send_waits_for_receiver() -> None:
    tx, rx = mpsc.sync_channel(0)
    assert tx.try_send(1) == Err(mpsc.TrySendError.Full(1))  # nobody receiving
    done = threading.Event()

    def send(tx: Any = tx.clone()) -> Any:
        r = tx.send("hello")
        done.set()
        return r

    h = thread.spawn(send)
    thread.sleep(SHORT)
    assert not done.is_set()  # blocked until the receiver takes it
    assert rx.recv() == Ok("hello")
    assert join(h) == Ok(Ok(None))


def test_rendezvous_try_send_with_waiting_receiver() -> None:
    tx, rx = mpsc.sync_channel(0)
    h = thread.spawn(lambda rx=rx: rx.recv_timeout(LONG))
    # the receiver is waiting inside recv_timeout once try_send succeeds
    assert wait_until(lambda: tx.try_send("x").is_ok())
    assert join(h) == Ok(Ok("x"))


def test_rendezvous_send_fails_if_receiver_leaves() -> None:
    tx, rx = mpsc.sync_channel(0)
    h = thread.spawn(lambda tx=tx.clone(): tx.send("lost"))
    thread.sleep(SHORT)
    drop(rx)
    r = join(h).unwrap()
    assert isinstance(r, Err)
    assert r.unwrap_err().value == "lost"
    assert tx.send(1).is_err()


def test_blocked_sender_fails_if_receiver_leaves() -> None:
    tx, rx = mpsc.sync_channel(1)
    tx.send(0).unwrap()
    h = thread.spawn(lambda tx=tx.clone(): tx.send("lost"))
    thread.sleep(SHORT)
    drop(rx)
    assert join(h).unwrap() == Err(mpsc.SendError("lost"))


def test_drop_rules_and_use_after_drop() -> None:
    tx, rx = mpsc.channel()
    stx, srx = mpsc.sync_channel(1)
    for handle, name in ((tx, "Sender"), (rx, "Receiver"), (stx, "SyncSender")):
        drop(handle)
        with pytest.raises(UseAfterDropError, match=f"this {name} was already"):
            drop(handle)
    with pytest.raises(UseAfterDropError):
        tx.send(1)
    with pytest.raises(UseAfterDropError):
        tx.clone()
    with pytest.raises(UseAfterDropError):
        stx.send(1)
    with pytest.raises(UseAfterDropError):
        stx.try_send(1)
    for call in (rx.recv, rx.try_recv, lambda: rx.recv_timeout(SHORT)):
        with pytest.raises(UseAfterDropError, match="Receiver was already dropped"):
            call()
    drop(srx)


def test_queued_messages_are_dropped_with_receiver() -> None:
    from primitives.sync import Arc

    for tx, rx in (mpsc.channel(), mpsc.sync_channel(4)):
        a = Arc(1)
        tx.send(a.clone()).unwrap()
        assert Arc.strong_count(a) == 2
        drop(rx)
        assert Arc.strong_count(a) == 1


def test_reprs_and_bad_bound() -> None:
    tx, rx = mpsc.channel()
    stx, _ = mpsc.sync_channel(0)
    assert repr(tx) == "Sender { .. }"
    assert repr(stx) == "SyncSender { .. }"
    assert repr(rx) == "Receiver { .. }"
    assert isinstance(stx.clone(), mpsc.SyncSender)
    with pytest.raises(ValueError, match="non-negative"):
        mpsc.sync_channel(-1)
    for bad in (1.5, True):
        with pytest.raises(TypeError, match="int bound"):
            mpsc.sync_channel(bad)  # type: ignore[arg-type]
