from __future__ import annotations

import pytest

from primitives import Err, Ok, Panic, UseAfterDropError, drop
from primitives.cell import BorrowError, BorrowMutError, Cell, Ref, RefCell, RefMut


def test_cell_operations() -> None:
    c = Cell(5)
    assert c.get() == 5
    c.set(6)
    assert c.replace(7) == 6
    assert c.take() == 7
    assert c.get() == 0
    assert repr(c) == "Cell { value: 0 }"
    assert c.into_inner() == 0
    other = Cell(9)
    c.swap(other)
    assert (c.get(), other.get()) == (9, 0)
    c.swap(c)
    assert c.get() == 9
    lst: Cell[list[int]] = Cell([1])
    assert lst.take() == [1]
    assert lst.get() == []
    assert c._rust_type() == "Cell<int>"


def test_cell_take_needs_a_default() -> None:
    class NoDefault:
        def __init__(self, x: int) -> None:
            self.x = x

    with pytest.raises(TypeError, match="T: Default"):
        Cell(NoDefault(1)).take()


def test_refcell_borrow_rules_and_panics() -> None:
    cell = RefCell([1])
    r1 = cell.borrow()
    r2 = cell.borrow()
    assert isinstance(r1, Ref)
    assert r1.value is r2.value
    with pytest.raises(Panic) as info:
        cell.borrow_mut()
    assert str(info.value) == "already borrowed: BorrowMutError"
    assert cell.try_borrow_mut() == Err(BorrowMutError())
    drop(r1)
    drop(r2)
    w = cell.borrow_mut()
    assert isinstance(w, RefMut)
    with pytest.raises(Panic) as info:
        cell.borrow()
    assert str(info.value) == "already mutably borrowed: BorrowError"
    with pytest.raises(Panic, match="already borrowed: BorrowMutError"):
        cell.borrow_mut()
    r = cell.try_borrow()
    assert r == Err(BorrowError())
    assert repr(r) == "Err(BorrowError)"
    assert repr(cell) == "RefCell { value: <borrowed> }"
    w.append(2)
    drop(w)
    assert repr(cell) == "RefCell { value: [1, 2] }"
    assert cell.try_borrow().is_ok()
    assert cell.try_borrow_mut().is_ok()


def test_borrow_error_values() -> None:
    assert str(BorrowError()) == "already mutably borrowed"
    assert str(BorrowMutError()) == "already borrowed"
    assert repr(BorrowMutError()) == "BorrowMutError"
    assert BorrowError() != BorrowMutError()
    assert hash(BorrowError()) == hash(BorrowError())
    assert hash(BorrowMutError()) == hash(BorrowMutError())
    match RefCell(0).try_borrow_mut():
        case Ok(guard):
            drop(guard)
        case _:  # pragma: no cover
            pytest.fail("expected Ok")


def test_ref_guards_as_context_managers() -> None:
    cell = RefCell({"a": 1})
    with cell.borrow_mut() as m:
        m["a"] += 1
        m.value = {"a": m["a"], "b": 0}
    with cell.borrow() as r:
        assert r["a"] == 2
        with pytest.raises(TypeError, match=r"`Ref<dict>`.*borrow_mut"):
            r["a"] = 5
    with pytest.raises(UseAfterDropError, match="Ref was already dropped"):
        _ = r.value
    assert cell.into_inner() == {"a": 2, "b": 0}


def test_refcell_replace_and_take() -> None:
    cell = RefCell(3)
    assert cell.replace(4) == 3
    assert cell.take() == 4
    assert cell.into_inner() == 0
    b = cell.borrow()
    with pytest.raises(Panic, match="already borrowed: BorrowMutError"):
        cell.replace(1)
    drop(b)
    assert cell._rust_type() == "RefCell<int>"


def test_ref_freed_ends_the_borrow() -> None:
    cell = RefCell(1)
    cell.borrow_mut().value = 2  # a temporary RefMut ends at once
    assert cell.borrow().value == 2
    assert cell.try_borrow_mut().is_ok()
