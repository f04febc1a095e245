"""Validation and planning never load aws_cdk, jsii or boto3: they stay instant. Importing
the package, and building a backend, change no process-global state: no threads, no
garbage-collector or interpreter settings, no environment variables."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

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
    ],
)
def test_light_paths_do_not_load_heavy_modules(statement: str) -> None:
    assert heavy_modules_after(statement) == ""


def test_the_check_sees_heavy_modules() -> None:
    """The check itself can fail: importing the constructs loads aws_cdk."""
    assert "aws_cdk" in heavy_modules_after("from cognito_auth import AuthBackend")


RARE = (
    "aws_cdk.aws_lambda",
    "aws_cdk.aws_kms",
    "aws_cdk.aws_apigateway",
    "aws_cdk.aws_appsync",
    "aws_cdk.aws_certificatemanager",
    "aws_cdk.custom_resources",
)
"""aws_cdk modules that few backends use (triggers, the migration function, custom sender
keys, the examples' APIs, custom domains): each costs tens of milliseconds to import."""


@pytest.mark.parametrize(
    "statement",
    [
        "from cognito_auth import AuthBackend",
        "import aws_cdk as cdk\nfrom cognito_auth import AuthBackend\n"
        "AuthBackend(cdk.Stack(cdk.App(), 'S'), 'Auth', config={}, lock_file=None)",
    ],
)
def test_the_constructs_leave_rarely_used_cdk_modules_to_the_backends_that_use_them(
    statement: str,
) -> None:
    """The construct module imports what it uses (the configuration models, the guard, the
    outputs) at module level; the rarely used aws_cdk modules stay where they are used."""
    assert heavy_modules_after(statement, prefixes=RARE) == ""


def test_the_rare_module_check_sees_a_migrating_backend() -> None:
    """The check above can fail: a backend that migrates users loads aws_lambda."""
    statement = (
        "import aws_cdk as cdk\nfrom cognito_auth import AuthBackend\n"
        "AuthBackend(cdk.Stack(cdk.App(), 'S', env=cdk.Environment(region='eu-west-1')), "
        "'Auth', config={'migrate_users_from': {'user_pool_id': 'eu-west-1_abcDEF123', "
        "'client_id': '1example23456789abcdefghij'}}, "
        "lock_file=None)"
    )
    assert "aws_cdk.aws_lambda" in heavy_modules_after(statement, prefixes=RARE)


GLOBAL_STATE = (
    "import gc, os, sys, threading\n"
    "def state():\n"
    "    return (threading.active_count(), gc.isenabled(), gc.get_threshold(),\n"
    "            sys.getswitchinterval(), sys.getrecursionlimit(), dict(os.environ),\n"
    "            sorted(t.name for t in threading.enumerate()))\n"
)


@pytest.mark.parametrize(
    ("prelude", "statement"),
    [
        ("", "import cognito_auth"),
        ("", "from cognito_auth import AuthConfig, load_config"),
        # jsii starts its runtime (and a thread of its own) when aws_cdk is imported
        ("import aws_cdk", "from cognito_auth import AuthBackend, AuthConfig, load_config"),
        ("import aws_cdk", "import cognito_auth.constructs.backend, cognito_auth.cli"),
    ],
)
def test_importing_the_package_changes_no_process_global_state(
    prelude: str, statement: str
) -> None:
    code = (
        f"{GLOBAL_STATE}{prelude}\nbefore = state()\n{statement}\n"
        "after = state()\n"
        "print('SAME=' + str(before == after))\n"
        "print('DIFF=' + repr([(a, b) for a, b in zip(before, after) if a != b]))\n"
    )
    done = run_python(code, timeout=120)
    assert "SAME=True" in done.stdout, done.stdout + done.stderr[-2000:]


def test_building_and_synthesizing_a_backend_changes_no_process_global_state() -> None:
    """What the library does at synth, measured around the part that is ours: the app and
    stack (jsii's own start) come first, then the backend and the synthesis."""
    code = (
        "import aws_cdk as cdk\n"
        "from cognito_auth import AuthBackend\n"
        "app = cdk.App()\n"
        "stack = cdk.Stack(app, 'S')\n"
        f"{GLOBAL_STATE}before = state()\n"
        "auth = AuthBackend(stack, 'Auth', config={'groups': ['ADMINS']}, lock_file=None)\n"
        "app.synth()\n"
        "after = state()\n"
        "print('GROUPS=' + ','.join(auth.groups))\n"
        "print('SAME=' + str(before == after))\n"
        "print('DIFF=' + repr([(a, b) for a, b in zip(before, after) if a != b]))\n"
    )
    done = run_python(code, timeout=120)
    assert "GROUPS=ADMINS" in done.stdout, done.stderr[-2000:]
    assert "SAME=True" in done.stdout, done.stdout + done.stderr[-2000:]
