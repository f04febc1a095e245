"""The lock file and the guard at synth: writing, refusing, accepting, renaming."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
import yaml

from cognito_auth import AuthBackend, ImmutableChangeError
from cognito_auth.cli import main
from cognito_auth.guard.declaration import immutability_table, locked_choices
from cognito_auth.guard.lock import LockFile, LockFileError, read_lock, record
from cognito_auth.naming import cdk_logical_id
from support import synth

CONFIG: dict[str, Any] = {
    "groups": ["ADMINS"],
    "user_attributes": {"custom": {"tenant": {"mutable": False}}},
}


def build_app(
    config: dict[str, Any],
    lock: Path,
    *,
    construct_id: str = "Auth",
    context: dict[str, Any] | None = None,
    extra: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Synthesize an app with one backend (plus ``extra`` ones) against ``lock``."""
    app = cdk.App(context={"cognito-auth:lockFile": str(lock), **(context or {})})
    stack = cdk.Stack(app, "Shop")
    AuthBackend(stack, construct_id, config=config)
    for name, other in (extra or {}).items():
        AuthBackend(stack, name, config=other)
    return app.synth().get_stack_by_name("Shop").template  # type: ignore[no-any-return]


def test_first_synth_writes_a_sorted_readable_lock(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lock = tmp_path / "auth.lock.json"
    build_app(CONFIG, lock)
    assert "Commit it beside cdk.json" in capsys.readouterr().err
    text = lock.read_text()
    data = json.loads(text)
    assert list(data["backends"]) == ["Shop/Auth"]
    entry = data["backends"]["Shop/Auth"]
    assert entry["logical_ids"] == {
        "clients.web": "AuthWebClientB65B58AE",
        "identity_pool": "AuthIdentityPool659E7F64",
        "user_pool": "AuthUserPool8115E87F",
    }
    assert entry["immutable"]["login_with.case_sensitive"] is False
    assert entry["immutable"]["user_attributes.custom"] == ["tenant"]
    assert entry["immutable"]["user_attributes.custom.tenant.mutable"] is False
    assert entry["immutable"]["groups"] == ["ADMINS"]
    assert list(entry["immutable"]) == sorted(entry["immutable"])
    assert text.endswith("\n")
    assert json.dumps(data, indent=2, ensure_ascii=False) + "\n" == text


def test_synth_is_stable_and_silent_when_nothing_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lock = tmp_path / "auth.lock.json"
    build_app(CONFIG, lock)
    first = lock.read_text()
    capsys.readouterr()
    build_app(CONFIG, lock)
    assert lock.read_text() == first
    assert capsys.readouterr().err == ""


def test_allowed_changes_are_recorded_so_they_cannot_be_undone(tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    build_app(CONFIG, lock)
    grown = {**CONFIG, "groups": ["ADMINS", "EDITORS"]}
    build_app(grown, lock)
    assert json.loads(lock.read_text())["backends"]["Shop/Auth"]["immutable"]["groups"] == [
        "ADMINS",
        "EDITORS",
    ]
    with pytest.raises(ImmutableChangeError) as caught:
        build_app(CONFIG, lock)
    assert [r.path for r in caught.value.refusals] == ["groups.EDITORS"]


def test_refusal_lists_every_change_with_values_reasons_and_remedies(tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    build_app(CONFIG, lock)
    changed = {
        "login_with": {"email": True, "case_sensitive": True},
        "user_attributes": {"custom": {"tenant": {"mutable": True}}},
    }
    with pytest.raises(ImmutableChangeError) as caught:
        build_app(changed, lock)
    text = str(caught.value)
    assert text.startswith("refused: 3 changes of Shop/Auth that a deployed backend cannot take")
    assert "  login_with.case_sensitive: off -> on\n" in text
    assert "  user_attributes.custom.tenant.mutable: off -> on\n" in text
    assert "  groups.ADMINS: removed\n" in text
    assert text.count("    why: ") == 3
    assert text.count("    instead: ") == 3


def test_renamed_backend_is_refused_at_synth(tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    build_app(CONFIG, lock)
    before = lock.read_text()
    with pytest.raises(RuntimeError, match=r"^refused: 1 change") as caught:
        build_app(CONFIG, lock, construct_id="Authentication")
    assert "Shop/Auth: removed" in str(caught.value)
    assert "new, empty user pool" in str(caught.value)
    assert lock.read_text() == before, "a refused synth must not touch the lock"


def test_removed_backend_can_be_accepted(tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    build_app(CONFIG, lock)
    build_app(
        CONFIG, lock, construct_id="Authentication", context={"cognito-auth:accept": "Shop/Auth"}
    )
    assert list(json.loads(lock.read_text())["backends"]) == ["Shop/Authentication"]


def test_a_second_backend_is_not_a_rename(tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    build_app(CONFIG, lock)
    build_app(CONFIG, lock, extra={"Partners": {"login_with": {"username": True}}})
    assert sorted(json.loads(lock.read_text())["backends"]) == ["Shop/Auth", "Shop/Partners"]


def test_backends_of_stacks_the_app_does_not_build_are_left_alone(tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    build_app(CONFIG, lock)
    app = cdk.App(context={"cognito-auth:lockFile": str(lock)})
    AuthBackend(cdk.Stack(app, "Other"), "Auth", config=CONFIG)
    app.synth()
    assert sorted(json.loads(lock.read_text())["backends"]) == ["Other/Auth", "Shop/Auth"]


def test_group_removal_accepted_through_context(tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    build_app(CONFIG, lock)
    build_app({**CONFIG, "groups": []}, lock, context={"cognito-auth:accept": ["groups.ADMINS"]})
    assert json.loads(lock.read_text())["backends"]["Shop/Auth"]["immutable"]["groups"] == []


def test_fixed_change_needs_the_pool_replacement(tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    build_app(CONFIG, lock)
    changed = {**CONFIG, "login_with": {"email": True, "case_sensitive": True}}
    with pytest.raises(ImmutableChangeError, match="accept both this path and 'user_pool'"):
        build_app(changed, lock, context={"cognito-auth:accept": "login_with.case_sensitive"})
    template = build_app(
        changed, lock, context={"cognito-auth:accept": "login_with.case_sensitive,user_pool"}
    )
    pools = [k for k, v in template["Resources"].items() if v["Type"] == "AWS::Cognito::UserPool"]
    assert pools == [cdk_logical_id(["Auth", "UserPoolV2", "Resource"])]
    entry = json.loads(lock.read_text())["backends"]["Shop/Auth"]
    assert entry["generation"] == 2
    assert entry["logical_ids"]["user_pool"] == pools[0]
    assert entry["immutable"]["login_with.case_sensitive"] is True
    # The next synth keeps the new pool without any acceptance.
    again = build_app(changed, lock)
    assert pools[0] in again["Resources"]


def test_lock_file_none_turns_the_guard_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    synth(CONFIG, lock_file=None)
    assert not (tmp_path / "auth.lock.json").exists()


@pytest.mark.parametrize("value", [False, "none", ""])
def test_context_can_turn_the_guard_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    app = cdk.App(context={"cognito-auth:lockFile": value})
    AuthBackend(cdk.Stack(app, "S"), "Auth", config=CONFIG)
    app.synth()
    assert list(tmp_path.iterdir()) == []


def test_default_lock_is_auth_lock_json_in_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = cdk.App()
    AuthBackend(cdk.Stack(app, "S"), "Auth", config=CONFIG)
    app.synth()
    assert (tmp_path / "auth.lock.json").exists()


def test_corrupt_lock_is_a_clear_error(tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    lock.write_text("{not json")
    with pytest.raises(LockFileError, match="not valid JSON"):
        build_app(CONFIG, lock)
    lock.write_text(json.dumps({"version": 99, "backends": {}}))
    with pytest.raises(LockFileError, match="version 99 is not supported"):
        read_lock(lock)
    lock.write_text(json.dumps({"version": 1, "backends": {"S/A": {"immutable": {}}}}))
    with pytest.raises(LockFileError, match="logical_ids"):
        read_lock(lock)
    lock.write_text("[]")
    with pytest.raises(LockFileError, match="not a cognito-auth lock file"):
        read_lock(lock)


def test_lock_round_trip() -> None:
    from cognito_auth import AuthConfig

    lock = LockFile({"S/Auth": record(AuthConfig(), ["Auth"])})
    assert LockFile.parse(lock.render(), "x").render() == lock.render()


def test_readme_table_is_derived_from_the_markers() -> None:
    table = immutability_table()
    assert "| `login_with.case_sensitive` | never: Cognito refuses the update |" in table
    assert "| `user_attributes.custom` | add entries only |" in table
    assert "| `groups` | only by replacing the resource |" in table
    assert "`user_attributes.<standard attribute>.required`" in table


def test_keys_that_are_not_words_are_quoted() -> None:
    from cognito_auth import AuthConfig

    choices = locked_choices(AuthConfig(groups=["a.b"], user_attributes={"custom": {"x.y": {}}}))
    assert 'user_attributes.custom["x.y"].mutable' in choices
    assert choices["groups"].value == ["a.b"]


# --- the command line -------------------------------------------------------------------


def _files(tmp_path: Path, data: dict[str, Any]) -> tuple[str, str]:
    config = tmp_path / "auth.yaml"
    config.write_text(yaml.safe_dump(data))
    return str(config), str(tmp_path / "auth.lock.json")


def test_lock_then_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config, lock = _files(tmp_path, CONFIG)
    assert main(["plan", "--config", config, "--lock", lock]) == 0
    assert "is not locked yet" in capsys.readouterr().out
    assert main(["lock", "--config", config, "--lock", lock]) == 0
    assert capsys.readouterr().out == f"{lock}: written (CognitoAuth/Auth)\n"
    assert main(["lock", "--config", config, "--lock", lock]) == 0
    assert capsys.readouterr().out == f"{lock}: already up to date (CognitoAuth/Auth)\n"
    assert main(["plan", "--config", config, "--lock", lock]) == 0
    assert capsys.readouterr().out.endswith("no changes\n")


def test_cli_lock_matches_the_synth_lock(tmp_path: Path) -> None:
    config, lock = _files(tmp_path, CONFIG)
    main(["lock", "--config", config, "--lock", lock, "--backend", "Shop/Auth"])
    by_cli = Path(lock).read_text()
    Path(lock).unlink()
    build_app(CONFIG, Path(lock))
    assert Path(lock).read_text() == by_cli


def test_lock_refuses_without_accept_and_records_with_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config, lock = _files(tmp_path, CONFIG)
    main(["lock", "--config", config, "--lock", lock])
    Path(config).write_text(yaml.safe_dump({**CONFIG, "groups": []}))
    assert main(["lock", "--config", config, "--lock", lock]) == 1
    captured = capsys.readouterr()
    assert "groups.ADMINS: removed" in captured.out
    assert "error: not written" in captured.err
    assert main(["lock", "--config", config, "--lock", lock, "--accept", "groups.ADMINS"]) == 0
    assert main(["plan", "--config", config, "--lock", lock]) == 0


def test_plan_exit_codes_for_unusable_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config, lock = _files(tmp_path, {"profile": "staging"})
    assert main(["plan", "--config", config, "--lock", lock]) == 2
    assert main(["plan", "--config", str(tmp_path / "absent.yaml"), "--lock", lock]) == 2
    config, lock = _files(tmp_path, CONFIG)
    Path(lock).write_text("{")
    assert main(["plan", "--config", config, "--lock", lock]) == 2
    err = capsys.readouterr().err
    assert "profile: not one of the allowed values" in err
    assert "no such file" in err
    assert "not valid JSON" in err


def test_plan_needs_backend_when_the_lock_has_several(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config, lock = _files(tmp_path, CONFIG)
    main(["lock", "--config", config, "--lock", lock, "--backend", "A/Auth"])
    main(["lock", "--config", config, "--lock", lock, "--backend", "B/Auth"])
    capsys.readouterr()
    assert main(["plan", "--config", config, "--lock", lock]) == 2
    assert "choose one with --backend" in capsys.readouterr().err
    assert main(["plan", "--config", config, "--lock", lock, "--backend", "B/Auth"]) == 0


def test_a_domain_may_be_added_or_dropped_but_not_renamed(tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    certificate = "arn:aws:acm:us-east-1:123456789012:certificate/abc"

    def with_domain(**domain: Any) -> dict[str, Any]:
        return {"login_with": {"email": True, "external_providers": domain}}

    build_app({}, lock)
    build_app(with_domain(domain_prefix="shop-auth"), lock)  # added
    with pytest.raises(ImmutableChangeError) as caught:
        build_app(with_domain(domain_prefix="shop-login"), lock)
    assert [r.path for r in caught.value.refusals] == [
        "login_with.external_providers.domain_prefix"
    ]
    with pytest.raises(ImmutableChangeError) as swapped:
        build_app(
            with_domain(
                custom_domain={"domain_name": "login.example.com", "certificate_arn": certificate}
            ),
            lock,
        )
    assert [r.path for r in swapped.value.refusals] == [
        "login_with.external_providers.custom_domain.domain_name"
    ]
    build_app({}, lock)  # dropped: the first step of a domain change
    build_app(  # then the new one is added
        with_domain(
            custom_domain={"domain_name": "login.example.com", "certificate_arn": certificate}
        ),
        lock,
    )
