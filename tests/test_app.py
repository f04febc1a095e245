"""The ready app (app.py): the embedded default, or auth.yaml beside it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import aws_cdk as cdk
import pytest

from example_support import copy_root_app, load_root_app
from support import assert_lint_clean

ROOT = Path(__file__).parents[1]


def test_default_app_builds_the_embedded_default(tmp_path: Path) -> None:
    default_app = load_root_app(tmp_path / "app")

    application = cdk.App(context={"cognito-auth:lockFile": str(tmp_path / "auth.lock.json")})
    stack = default_app.build(application)
    template = application.synth().get_stack_by_name(stack.stack_name).template
    assert_lint_clean(template)
    pools = [r for r in template["Resources"].values() if r["Type"] == "AWS::Cognito::UserPool"]
    assert len(pools) == 1
    assert pools[0]["Properties"]["UsernameAttributes"] == ["email"]
    assert pools[0]["DeletionPolicy"] == "Retain"


def test_app_reads_the_config_named_in_context(tmp_path: Path) -> None:
    default_app = load_root_app(tmp_path / "app")

    config = tmp_path / "auth.yaml"
    config.write_text(
        "login_with: {phone: true}\nmultifactor: {mode: 'off'}\nprofile: development\n"
    )
    application = cdk.App(
        context={
            "cognito-auth:config": str(config),
            "cognito-auth:stackName": "Phones",
            "cognito-auth:lockFile": str(tmp_path / "auth.lock.json"),
        }
    )
    stack = default_app.build(application)
    assert stack.stack_name == "Phones"
    template = application.synth().get_stack_by_name("Phones").template
    pool = next(r for r in template["Resources"].values() if r["Type"] == "AWS::Cognito::UserPool")
    assert pool["Properties"]["UsernameAttributes"] == ["phone_number"]
    assert pool["DeletionPolicy"] == "Delete"


@pytest.mark.slow
def test_app_py_synthesizes_without_credentials(tmp_path: Path) -> None:
    """`python3 app.py` as `cdk synth` runs it: no AWS account, no credentials."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("AWS_") and key != "CDK_DEFAULT_ACCOUNT"
    }
    env.update(
        CDK_OUTDIR=str(tmp_path),
        CDK_CONTEXT_JSON=json.dumps({"cognito-auth:lockFile": str(tmp_path / "auth.lock.json")}),
        AWS_CONFIG_FILE="/nonexistent",
        AWS_SHARED_CREDENTIALS_FILE="/nonexistent",
    )
    app = copy_root_app(tmp_path / "app")
    subprocess.run([sys.executable, "app.py"], cwd=app.parent, env=env, check=True, timeout=300)
    template = json.loads((tmp_path / "CognitoAuth.template.json").read_text())
    assert_lint_clean(template)


@pytest.mark.slow
def test_a_bad_auth_yaml_is_reported_without_traceback(tmp_path: Path) -> None:
    config = tmp_path / "auth.yaml"
    config.write_text("profile: staging\nlogin_with: {emial: true}\n")
    app = copy_root_app(tmp_path / "app")
    done = subprocess.run(
        [sys.executable, "app.py"],
        cwd=app.parent,
        env={
            **os.environ,
            "CDK_OUTDIR": str(tmp_path / "out"),
            "CDK_CONTEXT_JSON": json.dumps({"cognito-auth:config": str(config)}),
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "profile: not one of the allowed values" in done.stderr
    assert "login_with.emial: unknown key" in done.stderr


USER_FILES = {
    "auth.yaml": "profile: staging\nlogin_with: {emial: true}\n",
    "auth.yml": "login_with: {phone: true}\n",
    "auth.json": '{"login_with": {"username": true}}',
    "auth.toml": "profile = 'development'\n",
    "auth.lock.json": '{"version": 999}',
}


@pytest.mark.slow
def test_the_app_tests_ignore_a_users_files_beside_app_py(tmp_path: Path) -> None:
    """A user following the Quick start puts auth.yaml (and later auth.lock.json) beside
    app.py: this file's tests still pass in a copy of the checkout that holds a bad one
    of each. The in-process ones run here (one jsii start); the subprocess ones run
    app.py through the same copy_root_app, so they read nothing beside the checkout's."""
    copy = tmp_path / "checkout"
    shutil.copytree(ROOT / "tests", copy / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("app.py", "pyproject.toml", "cdk.json"):
        shutil.copyfile(ROOT / name, copy / name)
    for name, text in USER_FILES.items():
        (copy / name).write_text(text)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-m",
            "not slow",
            "tests/test_app.py",
        ],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "2 passed" in done.stdout


@pytest.mark.slow
def test_app_py_notice_command_and_a_damaged_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As `cdk synth` runs app.py: a notice whose command records the backend; a damaged
    lock is one clear message, without traceback; the lock is never written by synth."""
    import shlex

    from cognito_auth.cli import main

    lock = tmp_path / "auth.lock.json"
    env = {
        **os.environ,
        "CDK_OUTDIR": str(tmp_path / "out"),
        "CDK_CONTEXT_JSON": json.dumps({"cognito-auth:lockFile": str(lock)}),
    }
    run = [sys.executable, "app.py"]
    app = copy_root_app(tmp_path / "app").parent
    done = subprocess.run(run, cwd=app, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert not lock.exists()
    marker = "record it (and commit the file): "
    (line,) = [x for x in done.stderr.splitlines() if marker in x]
    command = shlex.split(line.split(marker, 1)[1])
    assert command == ["cognito-auth", "lock", "--lock", str(lock)]
    monkeypatch.chdir(tmp_path)  # no auth.yaml here either: the embedded default
    assert main(command[1:]) == 0
    lock.write_text(lock.read_text().replace('"groups": []', '"groups": null'))
    done = subprocess.run(run, cwd=app, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "immutable['groups']: expected a list of names, found None" in done.stderr
