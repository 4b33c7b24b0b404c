"""Rust's `std::sync`, `std::thread`, `std::cell`, `std::rc` and `std::time`,
mirrored in Python for teaching.

The prelude: `Ok`, `Err`, `drop` and `Panic` (for `panic!`).

```pycon
>>> from primitives import thread, Ok, Err, Panic, drop
>>> thread.spawn(lambda: 1 + 1).join()
Ok(2)

```
"""

from primitives import thread
from primitives._core import UseAfterDropError, drop
from primitives._result import Err, Ok, Panic, Result

__all__ = ["Err", "Ok", "Panic", "Result", "UseAfterDropError", "drop", "thread"]
