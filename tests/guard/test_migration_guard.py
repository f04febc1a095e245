"""Where ``migrate_users_from`` meets the guard: a fixed choice's refusal names it, plan
says while a migration is active, and adding or removing it is an allowed change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from cognito_auth import AuthConfig
from cognito_auth.cli import main
from cognito_auth.guard.diff import compare
from cognito_auth.guard.lock import record

MIGRATE = {"user_pool_id": "us-east-1_AbCdEf123", "client_id": "1a2b3c4d5e6f7g8h9i0j1k2l3m"}
BEFORE: dict[str, Any] = {"login_with": {"username": True}}
AFTER: dict[str, Any] = {"login_with": {"email": True}, "migrate_users_from": MIGRATE}


def test_a_fixed_choice_names_the_migration_path() -> None:
    locked = record(AuthConfig.model_validate(BEFORE), ["Auth"], 1)
    plan = compare(locked, AuthConfig.model_validate(AFTER))
    assert plan.refused
    for refusal in plan.refused:
        assert refusal.needs == ("user_pool",)
        assert (
            "accept both this path and 'user_pool' and add migrate_users_from with the "
            "current pool's id" in refusal.instead
        )
    accepted = compare(
        locked,
        AuthConfig.model_validate(AFTER),
        accept=[r.path for r in plan.refused] + ["user_pool"],
    )
    assert accepted.ok
    assert accepted.generation == 2


def test_adding_and_removing_migrate_users_from_is_allowed() -> None:
    migrating = AuthConfig.model_validate({**BEFORE, "migrate_users_from": MIGRATE})
    locked = record(migrating, ["Auth"], 2)
    done = compare(locked, AuthConfig.model_validate(BEFORE))
    assert done.ok
    assert not done.accepted
    # Listed field by field (the settings listing flattens an optional block that way, as
    # for device_tracking), every line under migrate_users_from.
    assert "migrate_users_from.user_pool_id: removed" in [c.line() for c in done.allowed]
    assert all(c.path.startswith("migrate_users_from") for c in done.allowed)
    started = compare(record(AuthConfig.model_validate(BEFORE), ["Auth"], 1), migrating)
    assert started.ok
    assert "migrate_users_from.user_pool_id: added" in [c.line() for c in started.allowed]


def test_plan_says_when_a_migration_is_active(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config, lock = tmp_path / "auth.yaml", tmp_path / "auth.lock.json"
    config.write_text(yaml.safe_dump(BEFORE))
    assert main(["lock", "--config", str(config), "--lock", str(lock)]) == 0
    assert main(["plan", "--config", str(config), "--lock", str(lock)]) == 0
    assert "migration active" not in capsys.readouterr().out
    config.write_text(yaml.safe_dump({**BEFORE, "migrate_users_from": MIGRATE}))
    assert main(["plan", "--config", str(config), "--lock", str(lock)]) == 0
    out = capsys.readouterr().out
    assert "  migrate_users_from.user_pool_id: added\n" in out
    assert out.endswith(
        "migration active: users move in from user pool us-east-1_AbCdEf123 (us-east-1) at "
        "their next sign-in; remove migrate_users_from once that pool is empty (an allowed "
        "change)\n"
    )
