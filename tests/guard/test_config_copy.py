"""A configuration built in Python: synthesis writes it into the cloud assembly, and the
``cognito-auth lock --config cdk.out/cognito-auth/...json`` command it prints works as
printed (after ``cdk deploy``, cdk.out holds what was deployed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from hypothesis import given, settings

from cognito_auth import AuthBackend, AuthConfig, ImmutableChangeError, load_config
from cognito_auth.cli import main
from cognito_auth.config.groups import Group
from cognito_auth.config.login import LoginWith
from cognito_auth.guard.check import config_copy_path, needs_config_copy, write_config_copy
from cognito_auth.guard.lock import read_lock
from cognito_auth.ready import embedded_default
from hardening.strategies import valid_configs
from samples import HOSTED
from support import inline_function, printed_command, scaled

ROOT = Path(__file__).parents[2]
EXAMPLES = sorted(
    str(p.relative_to(ROOT))
    for p in [*ROOT.glob("examples/configs/*"), *ROOT.glob("examples/*/auth.yaml")]
)
"""Every example configuration (the configurations of the examples and of the guides)."""

SECRETS: dict[str, Any] = {
    "login_with": {
        "email": True,
        "external_providers": {
            **HOSTED,
            "google": {
                "client_id": "1234.apps.googleusercontent.com",
                "client_secret": {"secrets_manager": "google-oauth", "json_field": "secret"},
            },
            "oidc": [
                {
                    "name": "Corp",
                    "client_id": "corp-client",
                    "client_secret": {"ssm_parameter": "/auth/corp-secret"},
                    "issuer_url": "https://login.corp.example.com",
                }
            ],
        },
    },
}


def round_trip(config: AuthConfig, tmp_path: Path) -> AuthConfig:
    path = tmp_path / "copy" / "backend.json"
    write_config_copy(path, config)
    return load_config(path)


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_example_configuration_reads_back_equal(example: str, tmp_path: Path) -> None:
    config = load_config(ROOT / example)
    assert round_trip(config, tmp_path) == config


def test_the_embedded_default_reads_back_equal(tmp_path: Path) -> None:
    config = embedded_default()
    assert round_trip(config, tmp_path) == config


def test_secret_references_read_back_equal_and_only_as_references(tmp_path: Path) -> None:
    config = AuthConfig.model_validate(SECRETS)
    assert round_trip(config, tmp_path) == config
    written = json.loads((tmp_path / "copy" / "backend.json").read_text())
    providers = written["login_with"]["external_providers"]
    assert providers["google"]["client_secret"] == {
        "secrets_manager": "google-oauth",
        "json_field": "secret",
    }
    assert providers["oidc"][0]["client_secret"] == {"ssm_parameter": "/auth/corp-secret"}


def test_python_objects_read_back_equal(tmp_path: Path) -> None:
    """Models and tuples given to ``AuthConfig(...)``, not mappings and lists."""
    config = AuthConfig(
        login_with=LoginWith(email=True, username=True),
        groups=(Group(name="ADMINS", precedence=1), "EDITORS"),
        user_attributes={"custom": {"tenant": {"mutable": False, "max_length": 40}}},
        feature_plan="essentials",
    )
    assert needs_config_copy(config)
    assert round_trip(config, tmp_path) == config


def test_a_configuration_read_from_a_file_needs_no_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "prod.json").write_text(json.dumps({"groups": ["ADMINS"]}))
    assert not needs_config_copy(load_config("prod.json"))
    assert needs_config_copy(AuthConfig(groups=["ADMINS"]))


def python_config(groups: list[str]) -> AuthConfig:
    return AuthConfig(groups=groups, user_attributes={"custom": {"tenant": {"mutable": False}}})


CONFIG = python_config(["ADMINS"])
COPY = "cdk.out/cognito-auth/Shop.Auth.json"
"""Where synthesis writes the configuration of backend Shop/Auth (relative to the cwd)."""


def _synth(config: AuthConfig, *, context: dict[str, Any] | None = None) -> None:
    """``cdk deploy``'s synthesis of an app built in Python, run where ``cdk`` runs."""
    app = cdk.App(outdir="cdk.out", context=context)
    stack = cdk.Stack(app, "Shop")
    AuthBackend(
        stack, "Auth", config=config, triggers={"pre_sign_up": inline_function(stack, "Check")}
    )
    AuthBackend.check_app(app)
    app.synth()


def test_the_printed_command_works_for_a_configuration_built_in_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CDK_OUTDIR", "cdk.out")  # the CDK CLI runs the app
    capsys.readouterr()
    _synth(CONFIG)
    err = capsys.readouterr().err
    assert "cognito-auth: Shop/Auth is not in auth.lock.json yet." in err
    assert "FILE" not in err
    command = printed_command(err, "record it (and commit the file): ")
    copy = "cdk.out/cognito-auth/Shop.Auth.json"
    assert command == ["cognito-auth", "lock", "--config", copy, "--backend", "Shop/Auth"]
    assert config_copy_path("cdk.out", "Shop/Auth") == Path(copy)
    # The copy holds the configuration only: the trigger is a construct argument.
    written = json.loads((tmp_path / copy).read_text())
    assert "triggers" not in written
    assert written["groups"] == [{"name": "ADMINS", "precedence": 0}]
    assert load_config(copy) == CONFIG
    assert main(command[1:]) == 0
    lock = read_lock(tmp_path / "auth.lock.json")
    assert lock is not None
    assert list(lock.backends) == ["Shop/Auth"]
    capsys.readouterr()
    _synth(CONFIG)
    assert capsys.readouterr().err == "", "nothing pending once the lock holds it"


def test_the_refusal_commands_work_for_a_configuration_built_in_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    _synth(CONFIG)
    assert main(["lock", "--config", COPY, "--backend", "Shop/Auth"]) == 0
    emptied = python_config([])
    with pytest.raises(ImmutableChangeError) as caught:
        _synth(emptied)
    text = str(caught.value)
    deploy = printed_command(text, "    cdk deploy ")
    assert deploy == ["-c", "cognito-auth:accept=groups.ADMINS"]
    key, value = deploy[1].split("=", 1)
    _synth(emptied, context={key: value})  # cdk deploy -c ..., which writes the copy
    command = printed_command(text, "record it: ")
    assert command == [
        "cognito-auth",
        "lock",
        "--config",
        "cdk.out/cognito-auth/Shop.Auth.json",
        "--accept",
        "groups.ADMINS",
    ]
    assert main(command[1:]) == 0
    locked = json.loads((tmp_path / "auth.lock.json").read_text())
    assert locked["backends"]["Shop/Auth"]["immutable"]["groups"] == []
    _synth(emptied)  # recorded: nothing refused any more


def test_a_refused_synth_writes_no_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _synth(CONFIG)
    assert main(["lock", "--config", COPY, "--backend", "Shop/Auth"]) == 0
    copy = tmp_path / "cdk.out" / "cognito-auth" / "Shop.Auth.json"
    before = copy.read_text()
    with pytest.raises(ImmutableChangeError):
        _synth(python_config([]))
    assert copy.read_text() == before


@settings(max_examples=scaled(100))
@given(data=valid_configs())
def test_valid_configurations_read_back_equal(
    data: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    config = AuthConfig.model_validate(data)
    assert round_trip(config, tmp_path_factory.mktemp("copy")) == config


def test_without_a_cloud_assembly_the_command_says_what_file_it_needs(tmp_path: Path) -> None:
    """A caller of the guard that gives no copy (no construct tree, so no cloud assembly):
    the command names FILE and says what it must hold; with the copy, the copy."""
    from cognito_auth.guard.check import notice
    from cognito_auth.guard.plan import plan_backend

    planned = plan_backend(CONFIG, None, "Shop/Auth", [], stack_relative=["Auth"])
    lock = tmp_path / "auth.lock.json"
    (line,) = notice(planned, None, lock_path=lock, config=CONFIG, accept=[])[1:]
    assert "--config FILE" in line
    assert line.endswith(", FILE holding this configuration (it was built in Python)")
    copy = tmp_path / "cdk.out" / "cognito-auth" / "Shop.Auth.json"
    (line,) = notice(planned, None, lock_path=lock, config=CONFIG, accept=[], config_copy=copy)[1:]
    assert f"--config {copy}" in line
    assert "FILE" not in line
