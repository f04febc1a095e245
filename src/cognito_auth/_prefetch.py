"""Loading the configuration models while the jsii runtime works.

Importing pydantic, defining the configuration models and building their validators
costs 100-120 ms of Python in an app that has imported aws_cdk. A Python CDK app spends
much of its first second waiting for the jsii runtime (Node.js) to load aws-cdk-lib and
to create the app and its stacks; Python is idle then. So importing the constructs starts
that work on a background thread, which runs during those waits, and the first
``AuthBackend`` waits for it (:func:`load`) before it validates its configuration.

The thread imports only ``cognito_auth.config``, ``cognito_auth.guard`` and
``cognito_auth.outputs``, and before them the type checker that the jsii runtime imports
at its first call (:data:`JSII_TYPE_CHECKS`). None of them imports ``aws_cdk`` or
``jsii`` (a test checks): the thread never calls into the jsii runtime, which serves one
thread. While it runs, the interpreter switches threads every half millisecond instead
of every five, so that a jsii reply waiting for the main thread is taken at once, and the
cyclic garbage collector pauses: the load creates objects, not garbage, and each
collection would walk the tens of thousands of objects aws-cdk-lib has already created.
``COGNITO_AUTH_PREFETCH=0`` turns the thread off; the first ``AuthBackend`` then loads
the same on the main thread (:func:`load`).
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import threading

SWITCH_INTERVAL_S = 0.0005
MODULES = ("cognito_auth.config", "cognito_auth.guard.check", "cognito_auth.outputs.assemble")
"""What the first AuthBackend needs besides the constructs (which need aws_cdk)."""

JSII_TYPE_CHECKS = ("typeguard",)
"""What the jsii runtime imports at its first type-checked call, usually ``cdk.App()``
right after this thread starts: about 40 ms of Python (typeguard pulls in asyncio,
unittest.mock, importlib.metadata...). This thread imports it first, so the main thread,
reaching the same import, waits on the module's lock while the thread imports it alone,
instead of sharing the interpreter with the thread; its jsii call then starts as early as
it would without cognito-auth (measured: 30 to 40 ms less before the first backend).
Without type checks (``python -O``) jsii imports no typeguard, and nor does this thread."""

_lock = threading.Lock()
_started: list[threading.Thread] = []


def enabled() -> bool:
    return os.environ.get("COGNITO_AUTH_PREFETCH", "1").strip().lower() not in (
        "0",
        "false",
        "no",
        "off",
    )


def start() -> None:
    """Start loading :data:`MODULES` on a background thread (once, and only if needed)."""
    with _lock:
        if _started or not enabled() or _models_imported():
            return
        thread = threading.Thread(target=_load, name="cognito-auth-prefetch", daemon=True)
        _started.append(thread)
        thread.start()


def ready() -> None:
    """Wait until the background load (if one was started) has finished."""
    for thread in _started:
        if thread is not threading.current_thread():
            thread.join()


def load() -> None:
    """What a backend needs before it validates: wait for the background load, or without
    one, load :data:`MODULES` here (with the garbage collector paused, as the thread does)."""
    if _started:
        ready()
    elif not _models_imported():
        _import_all()


def _models_imported() -> bool:
    return all(m in sys.modules for m in MODULES)


def _load() -> None:
    previous = sys.getswitchinterval()
    sys.setswitchinterval(min(previous, SWITCH_INTERVAL_S))
    try:
        _import_all(warm_first=JSII_TYPE_CHECKS if __debug__ else ())
    finally:
        sys.setswitchinterval(previous)


def _import_all(warm_first: tuple[str, ...] = ()) -> None:
    import importlib

    collecting = gc.isenabled()
    gc.disable()
    try:
        for module in warm_first + MODULES:
            # A failed import leaves nothing behind: the main thread imports the module
            # again when it needs it, and reports the error there.
            with contextlib.suppress(Exception):
                importlib.import_module(module)
    finally:
        if collecting:
            gc.enable()
