"""What a task costs on a process pool, against the same task on a thread pool.

Every case times a batch of tasks through `concurrent.futures` and divides by
the number of tasks. The tasks themselves do almost nothing, so what is
measured is the cost of getting a task and its argument to a worker and the
result back:

- a tiny task (an int in, an int out): the round trip alone;
- a task whose argument is a 1 MiB `bytes`: a thread receives a reference,
  a process receives a pickled copy through a pipe;
- the same 1 MiB placed once in `multiprocessing.shared_memory`: a process
  receives only the block's name and maps it;
- starting a one-worker process pool and running one tiny task on it, with
  each start method this platform offers (the pools of the other cases are
  started before the clock starts).

Every batch checks its results, so a run that skipped work fails.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from functools import partial
from multiprocessing import shared_memory

from common import Case, Settings, measure

GROUP = "processes"
UNIT = "ns per task"
TINY_TASKS = 2_000
PAYLOAD_TASKS = 200
PAYLOAD_BYTES = 1 << 20
POOL_STARTS = 4
START_METHODS = ("fork", "forkserver", "spawn")


def echo(value: int) -> int:
    return value


def last_byte(payload: bytes) -> int:
    return payload[-1]


def last_shared_byte(name: str) -> int:
    block = shared_memory.SharedMemory(name=name)
    try:
        return int(block.buf[PAYLOAD_BYTES - 1])
    finally:
        block.close()


def timed(run: Callable[[], list[int]], expected: list[int]) -> float:
    start = time.perf_counter()
    results = run()
    elapsed = time.perf_counter() - start
    if results != expected:
        raise AssertionError("a task's result is missing or wrong")
    return elapsed


def tiny_tasks(pool: Executor, tasks: int) -> float:
    numbers = list(range(tasks))
    return timed(lambda: list(pool.map(echo, numbers)), numbers)


def payload_tasks(pool: Executor, payload: bytes, tasks: int) -> float:
    return timed(
        lambda: list(pool.map(last_byte, [payload] * tasks)), [payload[-1]] * tasks
    )


def shared_tasks(pool: Executor, name: str, last: int, tasks: int) -> float:
    return timed(
        lambda: list(pool.map(last_shared_byte, [name] * tasks)), [last] * tasks
    )


def pool_starts(method: str, starts: int) -> float:
    context = multiprocessing.get_context(method)

    def start_and_run() -> list[int]:
        results = []
        for number in range(starts):
            with ProcessPoolExecutor(1, mp_context=context) as pool:
                results.append(pool.submit(echo, number).result())
        return results

    return timed(start_and_run, list(range(starts)))


@contextmanager
def shared_payload(payload: bytes) -> Iterator[shared_memory.SharedMemory]:
    block = shared_memory.SharedMemory(create=True, size=len(payload))
    try:
        block.buf[: len(payload)] = payload
        yield block
    finally:
        block.close()
        block.unlink()


def case(
    case_id: str, label: str, workers: int, ops: int, run: Callable[[], float]
) -> Case:
    return Case(
        group=GROUP,
        id=case_id,
        series=case_id,
        label=label,
        threads=workers,
        unit=UNIT,
        ops=ops,
        run=run,
    )


def run(settings: Settings) -> list[Case]:
    """The pool start-ups first, while this process runs no other thread (a
    fork in a process with threads risks a deadlock in the child, and Python
    3.12+ warns); then the tasks, on pools whose processes start before the
    thread pool's threads for the same reason."""
    workers = settings.max_threads
    tiny = settings.scaled(TINY_TASKS)
    heavy = settings.scaled(PAYLOAD_TASKS)
    starts = settings.scaled(POOL_STARTS)
    available = multiprocessing.get_all_start_methods()
    started = measure(
        settings,
        [
            case(
                f"python_pool_start_{method}",
                f"a new 1-process pool and one task ({method})",
                1,
                starts,
                partial(pool_starts, method, starts),
            )
            for method in START_METHODS
            if method in available
        ],
    )
    default = multiprocessing.get_start_method()
    payload = bytes(range(256)) * (PAYLOAD_BYTES // 256)
    with ExitStack() as stack:
        block = stack.enter_context(shared_payload(payload))
        processes = stack.enter_context(ProcessPoolExecutor(workers))
        processes.submit(echo, 0).result()  # its workers exist from now on
        threads = stack.enter_context(ThreadPoolExecutor(workers))
        pools = [
            case(
                "python_thread_pool_tiny",
                "thread pool, an int in and out",
                workers,
                tiny,
                partial(tiny_tasks, threads, tiny),
            ),
            case(
                "python_process_pool_tiny",
                f"process pool ({default}), an int in and out",
                workers,
                tiny,
                partial(tiny_tasks, processes, tiny),
            ),
            case(
                "python_thread_pool_1mib",
                "thread pool, 1 MiB argument",
                workers,
                heavy,
                partial(payload_tasks, threads, payload, heavy),
            ),
            case(
                "python_process_pool_1mib",
                f"process pool ({default}), 1 MiB argument, pickled",
                workers,
                heavy,
                partial(payload_tasks, processes, payload, heavy),
            ),
            case(
                "python_process_pool_shared_1mib",
                f"process pool ({default}), 1 MiB in shared_memory",
                workers,
                heavy,
                partial(shared_tasks, processes, block.name, payload[-1], heavy),
            ),
        ]
        return started + measure(settings, pools)
