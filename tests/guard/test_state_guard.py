"""The guard for state beyond the user pool: the identity pool (turned off or given a
new logical id) and the switch from the production to the development profile."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
import yaml
from constructs import Construct

from cognito_auth import AuthBackend, AuthConfig, ImmutableChangeError
from cognito_auth.cli import main
from cognito_auth.guard.diff import PROFILE_SWITCH, compare
from cognito_auth.guard.lock import read_lock, record
from cognito_auth.naming import pinned_logical_id

CONFIG: dict[str, Any] = {"groups": ["ADMINS"]}
OFF: dict[str, Any] = {**CONFIG, "identity_pool": False}


def build_app(
    config: dict[str, Any],
    lock: Path,
    *,
    context: dict[str, Any] | None = None,
    parent: str | None = None,
) -> dict[str, Any]:
    """Synthesize stack ``Shop`` with one backend ``Auth`` (below ``parent`` if given),
    then, as after a successful ``cdk deploy``, record it: ``cognito-auth lock`` with the
    paths the synth accepted (synthesis itself never writes the lock)."""
    app = cdk.App(context={"cognito-auth:lockFile": str(lock), **(context or {})})
    stack = cdk.Stack(app, "Shop")
    scope: Construct = Construct(stack, parent) if parent else stack
    AuthBackend(scope, "Auth", config=config)
    template = app.synth().get_stack_by_name("Shop").template
    deployed = lock.parent / "deployed.yaml"
    deployed.write_text(yaml.safe_dump(config))
    backend = "/".join(["Shop", *([parent] if parent else []), "Auth"])
    args = ["lock", "--config", str(deployed), "--lock", str(lock), "--backend", backend]
    accepted = (context or {}).get("cognito-auth:accept")
    for path in str(accepted).split(",") if accepted else []:
        args += ["--accept", path]
    assert main(args) == 0
    return template  # type: ignore[no-any-return]


def config_of(data: dict[str, Any]) -> AuthConfig:
    return AuthConfig.model_validate(data)


def identity_pools(template: dict[str, Any]) -> list[str]:
    return [
        k for k, v in template["Resources"].items() if v["Type"] == "AWS::Cognito::IdentityPool"
    ]


def files(tmp_path: Path, data: dict[str, Any]) -> tuple[str, str]:
    config = tmp_path / "auth.yaml"
    config.write_text(yaml.safe_dump(data))
    return str(config), str(tmp_path / "auth.lock.json")


# --- the identity pool's logical id is pinned and locked ------------------------------------


@pytest.mark.parametrize("parent", [None, "Backend"])
def test_identity_pool_logical_id_is_pinned_and_locked(tmp_path: Path, parent: str | None) -> None:
    lock = tmp_path / "auth.lock.json"
    template = build_app(CONFIG, lock, parent=parent)
    path = [parent, "Auth"] if parent else ["Auth"]
    pinned = pinned_logical_id(path, "IdentityPool")
    assert identity_pools(template) == [pinned]
    locked = read_lock(lock)
    assert locked is not None
    backend = "/".join(["Shop", *path])
    assert locked.backends[backend].logical_ids["identity_pool"] == pinned


# --- turning it off -------------------------------------------------------------------------


def test_turning_the_identity_pool_off_is_refused_at_synth(tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    build_app(CONFIG, lock)
    before = lock.read_text()
    with pytest.raises(ImmutableChangeError) as caught:
        build_app(OFF, lock)
    text = str(caught.value)
    assert text.startswith("refused: 1 change of Shop/Auth")
    assert "  identity_pool: on -> off\n" in text
    assert "every user's identity id" in text
    assert "-c cognito-auth:accept=identity_pool" in text
    assert "cognito-auth lock --accept identity_pool" in text
    assert lock.read_text() == before, "a refused synth must not touch the lock"


def test_turning_the_identity_pool_off_can_be_accepted_at_synth(tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    build_app(CONFIG, lock)
    template = build_app(OFF, lock, context={"cognito-auth:accept": "identity_pool"})
    assert identity_pools(template) == []
    entry = json.loads(lock.read_text())["backends"]["Shop/Auth"]
    assert "identity_pool" not in entry["logical_ids"]
    build_app(OFF, lock)  # recorded: the next synth needs no acceptance


def test_turning_the_identity_pool_on_is_allowed(tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    build_app(OFF, lock)
    assert identity_pools(build_app(CONFIG, lock)) != []


def test_plan_refuses_and_lock_accepts_turning_it_off(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config, lock = files(tmp_path, CONFIG)
    assert main(["lock", "--config", config, "--lock", lock]) == 0
    Path(config).write_text(yaml.safe_dump(OFF))
    capsys.readouterr()
    assert main(["plan", "--config", config, "--lock", lock]) == 1
    out = capsys.readouterr().out
    assert "refused (1)" in out
    assert "  identity_pool: on -> off\n" in out
    assert main(["lock", "--config", config, "--lock", lock]) == 1
    assert main(["lock", "--config", config, "--lock", lock, "--accept", "identity_pool"]) == 0
    assert main(["plan", "--config", config, "--lock", lock]) == 0


def test_the_rule_reads_the_locked_logical_id_so_older_locks_are_covered() -> None:
    # Every lock records the deployed identity pool's logical id (no new lock field).
    entry = record(config_of(CONFIG), ["Auth"])
    assert "identity_pool" in entry.logical_ids
    plan = compare(entry, config_of(OFF))
    assert [r.path for r in plan.refused] == ["identity_pool"]


# --- a new logical id -----------------------------------------------------------------------


def test_a_new_identity_pool_logical_id_is_refused_and_can_be_accepted(tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    build_app(CONFIG, lock)
    # As if an earlier release (or a refactor) had put the identity pool elsewhere: only
    # its logical id differs from the one this synth builds.
    data = json.loads(lock.read_text())
    data["backends"]["Shop/Auth"]["logical_ids"]["identity_pool"] = "AuthIdentityPoolOLD00000"
    lock.write_text(json.dumps(data))
    with pytest.raises(ImmutableChangeError) as caught:
        build_app(CONFIG, lock)
    text = str(caught.value)
    pinned = pinned_logical_id(["Auth"], "IdentityPool")
    assert f'  identity_pool: "logical id AuthIdentityPoolOLD00000" -> "logical id {pinned}"' in (
        text
    )
    assert "new, empty identity pool" in text
    assert "logical_ids.identity_pool" not in text, "reported once, under its accept path"
    build_app(CONFIG, lock, context={"cognito-auth:accept": "identity_pool"})
    entry = json.loads(lock.read_text())["backends"]["Shop/Auth"]
    assert entry["logical_ids"]["identity_pool"] == pinned


def test_a_moved_backend_refuses_its_identity_pool_with_the_user_pool() -> None:
    entry = record(config_of(CONFIG), ["Auth"])
    moved = record(config_of(CONFIG), ["Nested", "Auth"])
    plan = compare(entry, config_of(CONFIG), logical_ids=moved.logical_ids)
    paths = sorted(r.path for r in plan.refused)
    assert paths == ["identity_pool", "logical_ids.clients.web", "logical_ids.user_pool"]
    plan = compare(
        entry, config_of(CONFIG), logical_ids=moved.logical_ids, accept=["identity_pool"]
    )
    assert "identity_pool" in [r.path for r in plan.accepted]


# --- production -> development ----------------------------------------------------------------


def test_switching_to_development_is_allowed_and_said_loudly_at_synth(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lock = tmp_path / "auth.lock.json"
    build_app(CONFIG, lock)
    capsys.readouterr()
    template = build_app({**CONFIG, "profile": "development"}, lock)
    err = capsys.readouterr().err
    assert f"cognito-auth: WARNING (Shop/Auth): {PROFILE_SWITCH}\n" in err
    assert "the user pool (every user and password)" in err
    assert "the identity pool (every identity id)" in err
    assert "the groups (every membership)" in err
    assert "DELETED with the stack" in err
    pools = [v for v in template["Resources"].values() if v["Type"] == "AWS::Cognito::UserPool"]
    assert pools[0]["DeletionPolicy"] == "Delete"


def test_plan_says_what_the_switch_to_development_means(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config, lock = files(tmp_path, CONFIG)
    main(["lock", "--config", config, "--lock", lock])
    Path(config).write_text(yaml.safe_dump({**CONFIG, "profile": "development"}))
    capsys.readouterr()
    assert main(["plan", "--config", config, "--lock", lock]) == 0
    out = capsys.readouterr().out
    assert f"WARNING: {PROFILE_SWITCH}\n" in out
    assert '  profile: "production" -> "development"\n' in out


@pytest.mark.parametrize(
    ("before", "after"),
    [("development", "production"), ("production", "production"), ("development", "development")],
)
def test_no_warning_for_other_profile_changes(before: str, after: str) -> None:
    entry = record(config_of({**CONFIG, "profile": before}), ["Auth"])
    assert compare(entry, config_of({**CONFIG, "profile": after})).warnings == []


# --- accepted removals of retained resources ----------------------------------------------


@pytest.mark.parametrize(
    ("config", "accept", "command"),
    [
        ({"groups": []}, "groups.ADMINS", "aws cognito-idp delete-group"),
        (OFF, "identity_pool", "aws cognito-identity delete-identity-pool"),
    ],
)
def test_an_accepted_removal_in_production_says_it_is_retained(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    config: dict[str, Any],
    accept: str,
    command: str,
) -> None:
    lock = tmp_path / "auth.lock.json"
    build_app(CONFIG, lock)
    capsys.readouterr()
    build_app(config, lock, context={"cognito-auth:accept": accept})
    err = capsys.readouterr().err
    assert f"cognito-auth: WARNING (Shop/Auth): {accept}: removed with the production " in err
    assert "so it is RETAINED" in err
    assert command in err


def test_the_lock_command_says_it_too_and_development_does_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config, lock = files(tmp_path, CONFIG)
    main(["lock", "--config", config, "--lock", lock])
    Path(config).write_text(yaml.safe_dump({"groups": []}))
    capsys.readouterr()
    assert main(["lock", "--config", config, "--lock", lock, "--accept", "groups.ADMINS"]) == 0
    err = capsys.readouterr().err
    assert "WARNING: groups.ADMINS: removed with the production profile" in err
    assert "their tokens name the group's role, which the deploy deletes" in err
    entry = record(config_of({**CONFIG, "profile": "development"}), ["Auth"])
    plan = compare(entry, config_of({"profile": "development"}), accept=["groups.ADMINS"])
    assert [r.path for r in plan.accepted] == ["groups.ADMINS"]
    assert plan.warnings == []
