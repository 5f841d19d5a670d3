"""The task worker's lines (`weiquan run_huey`) are printed once: the huey logger has its handler from the
settings and does not pass its records on to the root logger's, so run_huey adds no handler of its own."""

import logging


def _handlers_reached(name: str) -> list[logging.Handler]:
    reached, logger = [], logging.getLogger(name)
    while logger is not None:
        reached += [h for h in logger.handlers if not type(h).__module__.startswith("_pytest")]  # pytest's own
        if not logger.propagate:
            break
        logger = logger.parent
    return reached


def test_a_worker_line_reaches_one_handler():
    assert len(_handlers_reached("huey.consumer")) == 1
    huey = logging.getLogger("huey")
    assert huey.handlers and not huey.propagate  # run_huey configures the logger only when it has none


def test_the_worker_reports_what_it_runs():
    assert logging.getLogger("huey.consumer").isEnabledFor(logging.INFO)
