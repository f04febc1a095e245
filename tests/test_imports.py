"""Validation and planning never load aws_cdk, jsii or boto3: they stay instant. Importing
the constructs does not load the configuration models on the main thread: a background
thread does (cognito_auth._prefetch), and it never touches the jsii runtime."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

from cognito_auth import _prefetch

HEAVY = ("aws_cdk", "jsii", "boto3", "botocore")


def run_python(code: str, *, timeout: float = 60, **env: str) -> subprocess.CompletedProcess[str]:
    """``code`` in a fresh interpreter, with ``env`` added to the environment."""
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **env},
    )


def heavy_modules_after(statement: str, *, prefixes: tuple[str, ...] = HEAVY, **env: str) -> str:
    code = (
        f"import sys\n{statement}\n"
        f"heavy = sorted(m for m in sys.modules if m.startswith({prefixes!r}))\n"
        "print('HEAVY=' + ','.join(heavy))"
    )
    done = run_python(code, **env)
    marker = [line for line in done.stdout.splitlines() if line.startswith("HEAVY=")]
    assert marker, done.stdout[-500:] + done.stderr[-2000:]
    return marker[-1].removeprefix("HEAVY=")


@pytest.mark.parametrize(
    "statement",
    [
        "import cognito_auth",
        "import cognito_auth.config",
        "from cognito_auth import AuthConfig, load_config, ConfigError",
        "from cognito_auth.cli import main; main(['schema'])",
        "from cognito_auth.cli import main; main(['validate', 'examples/configs/shop.yaml'])",
        "import cognito_auth.guard.check, cognito_auth.guard.deployed, cognito_auth.guard.diff",
        "import cognito_auth.outputs.assemble, cognito_auth.docs",
        "from cognito_auth.cli import main; "
        "main(['plan', '--config', 'examples/configs/shop.yaml', '--lock', '/nonexistent.json'])",
        # what the background thread imports
        "import importlib, cognito_auth._prefetch as p\n"
        "for m in p.JSII_TYPE_CHECKS + p.MODULES: importlib.import_module(m)",
    ],
)
def test_light_paths_do_not_load_heavy_modules(statement: str) -> None:
    assert heavy_modules_after(statement) == ""


def test_the_check_sees_heavy_modules() -> None:
    """The check itself can fail: importing the constructs loads aws_cdk."""
    assert "aws_cdk" in heavy_modules_after("from cognito_auth import AuthBackend")


MODELS = ("pydantic", "cognito_auth.config", "cognito_auth.guard", "cognito_auth.outputs")


def test_importing_the_constructs_leaves_the_models_to_first_use() -> None:
    """Without the background thread, ``from cognito_auth import AuthBackend`` loads
    neither pydantic nor the configuration, the guard or the outputs."""
    statement = "from cognito_auth import AuthBackend"
    assert heavy_modules_after(statement, prefixes=MODELS, COGNITO_AUTH_PREFETCH="0") == ""


def test_the_background_thread_loads_the_models() -> None:
    statement = "from cognito_auth import AuthBackend, _prefetch; _prefetch.ready()"
    loaded = heavy_modules_after(statement, prefixes=MODELS).split(",")
    assert {"pydantic", "cognito_auth.config", "cognito_auth.guard.check"} <= set(loaded)
    assert "cognito_auth.outputs.assemble" in loaded


def test_a_backend_builds_with_the_background_thread_off() -> None:
    code = (
        "import aws_cdk as cdk\n"
        "from cognito_auth import AuthBackend\n"
        "stack = cdk.Stack(cdk.App(), 'S')\n"
        "auth = AuthBackend(stack, 'Auth', config={'groups': ['ADMINS']}, lock_file=None)\n"
        "print('GROUPS=' + ','.join(auth.groups))\n"
    )
    done = run_python(code, timeout=120, COGNITO_AUTH_PREFETCH="0")
    assert "GROUPS=ADMINS" in done.stdout, done.stderr[-2000:]


def test_jsii_imports_its_type_checker_at_the_first_call_not_at_import() -> None:
    """What makes the thread import the type checker first worth it: the main thread
    would import it in ``cdk.App()``, just after the thread starts."""
    code = (
        "import sys\n"
        "import aws_cdk as cdk\n"
        "from cognito_auth._prefetch import JSII_TYPE_CHECKS as names\n"
        "print('AFTER_IMPORT=' + ','.join(n for n in names if n in sys.modules))\n"
        "cdk.App()\n"
        "print('AFTER_APP=' + ','.join(n for n in names if n in sys.modules))\n"
    )
    done = run_python(code, timeout=120)
    assert "AFTER_IMPORT=\n" in done.stdout, done.stdout + done.stderr[-2000:]
    assert "AFTER_APP=typeguard\n" in done.stdout, done.stdout + done.stderr[-2000:]


@pytest.mark.parametrize(("flags", "expected"), [((), "True"), (("-O",), "False")])
def test_the_background_thread_imports_the_type_checker_only_with_type_checks(
    flags: tuple[str, ...], expected: str
) -> None:
    code = (
        "import sys\n"
        "from cognito_auth import _prefetch\n"
        "_prefetch.start(); _prefetch.ready()\n"
        "print('TYPEGUARD=' + str('typeguard' in sys.modules))\n"
        "print('CONFIG=' + str('cognito_auth.config' in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, *flags, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert f"TYPEGUARD={expected}\n" in done.stdout, done.stdout + done.stderr[-2000:]
    assert "CONFIG=True\n" in done.stdout


@pytest.fixture
def fresh_prefetch(monkeypatch: pytest.MonkeyPatch) -> None:
    """A prefetch that has not started yet, loading a module that does not exist."""
    monkeypatch.setattr(_prefetch, "_started", [])
    monkeypatch.setattr(_prefetch, "MODULES", ("cognito_auth._no_such_module",))


@pytest.mark.usefixtures("fresh_prefetch")
def test_a_failed_background_import_is_left_to_the_main_thread() -> None:
    interval = sys.getswitchinterval()
    _prefetch.start()
    (thread,) = _prefetch._started
    assert thread.daemon
    assert thread.name == "cognito-auth-prefetch"
    _prefetch.ready()
    assert not thread.is_alive()
    assert sys.getswitchinterval() == interval  # restored
    with pytest.raises(ModuleNotFoundError):
        __import__("cognito_auth._no_such_module")


@pytest.mark.usefixtures("fresh_prefetch")
def test_the_background_thread_starts_once() -> None:
    _prefetch.start()
    _prefetch.start()
    assert len(_prefetch._started) == 1
    _prefetch.ready()


@pytest.mark.usefixtures("fresh_prefetch")
@pytest.mark.parametrize("value", ["0", "false", "off", "No"])
def test_the_background_thread_can_be_turned_off(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("COGNITO_AUTH_PREFETCH", value)
    _prefetch.start()
    assert _prefetch._started == []
    _prefetch.ready()  # nothing to wait for


@pytest.mark.usefixtures("fresh_prefetch")
def test_nothing_starts_when_the_models_are_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    import cognito_auth.config  # noqa: F401

    monkeypatch.setattr(_prefetch, "MODULES", ("cognito_auth.config",))
    _prefetch.start()
    assert _prefetch._started == []


def test_ready_on_the_background_thread_itself_does_not_wait_for_itself(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    finished = threading.Event()

    def body() -> None:
        _prefetch.ready()
        finished.set()

    thread = threading.Thread(target=body)
    monkeypatch.setattr(_prefetch, "_started", [thread])
    thread.start()
    thread.join(timeout=10)
    assert finished.is_set()


@pytest.mark.usefixtures("fresh_prefetch")
@pytest.mark.parametrize("collecting", [True, False])
def test_load_without_the_thread_imports_here_and_restores_the_collector(
    monkeypatch: pytest.MonkeyPatch, collecting: bool
) -> None:
    import gc

    monkeypatch.setenv("COGNITO_AUTH_PREFETCH", "0")
    monkeypatch.setattr(_prefetch, "MODULES", ("json", "cognito_auth._no_such_module"))
    seen: list[bool] = []
    real = __import__("importlib").import_module

    def spy(name: str) -> object:
        seen.append(gc.isenabled())
        return real(name)

    monkeypatch.setattr("importlib.import_module", spy)
    was = gc.isenabled()
    (gc.enable if collecting else gc.disable)()
    try:
        _prefetch.load()  # the missing module is left to the caller
        assert gc.isenabled() is collecting
    finally:
        (gc.enable if was else gc.disable)()
    assert seen == [False, False]  # paused while importing
    assert _prefetch._started == []
