"""Synchronisation primitives for sharing data between threads. Mirrors
`std::sync`.

`Arc` shares ownership; `Mutex` and `RwLock` guard a value; `Condvar` lets
threads wait for a change; `mpsc` has channels and `atomic` atomic integers.

```pycon
>>> from primitives import thread
>>> from primitives.sync import Arc, Mutex
>>> counter = Arc(Mutex(0))
>>> def work(counter):
...     with counter.lock().unwrap() as n:
...         n.value += 1
>>> handles = [
...     thread.spawn(lambda counter=Arc.clone(counter): work(counter))
...     for _ in range(10)
... ]
>>> for h in handles:
...     h.join().unwrap()
>>> counter.lock().unwrap().value
10
>>> Arc.strong_count(counter)
1

```
"""

from primitives.sync import atomic, mpsc
from primitives.sync._arc import Arc, Weak
from primitives.sync._condvar import Condvar, WaitTimeoutResult
from primitives.sync._mutex import LockResult, Mutex, MutexGuard, TryLockResult
from primitives.sync._once import Barrier, BarrierWaitResult, LazyLock, Once, OnceLock
from primitives.sync._poison import PoisonError, TryLockError
from primitives.sync._rwlock import RwLock, RwLockReadGuard, RwLockWriteGuard

__all__ = [
    "Arc",
    "Barrier",
    "BarrierWaitResult",
    "Condvar",
    "LazyLock",
    "LockResult",
    "Mutex",
    "MutexGuard",
    "Once",
    "OnceLock",
    "PoisonError",
    "RwLock",
    "RwLockReadGuard",
    "RwLockWriteGuard",
    "TryLockError",
    "TryLockResult",
    "WaitTimeoutResult",
    "Weak",
    "atomic",
    "mpsc",
]
