"""The guard: the lock records what is deployed; synthesis only reads it.

Sequences, not only single edits: "deploy" here is what follows a successful
``cdk deploy``, ``cognito-auth lock`` (nothing can deploy a Cognito template locally:
moto's CloudFormation has no AWS::Cognito types).
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import jsii
import pytest
import yaml
from aws_cdk.assertions import Template
from constructs import Construct, IValidation

from cognito_auth import AuthBackend, ImmutableChangeError
from cognito_auth.cli import main
from cognito_auth.guard.declaration import immutability_table, locked_choices
from cognito_auth.guard.lock import LockFile, LockFileError, read_lock, record
from cognito_auth.naming import cdk_logical_id
from samples import HOSTED
from support import printed_command, synth

CONFIG: dict[str, Any] = {
    "groups": ["ADMINS"],
    "user_attributes": {"custom": {"tenant": {"mutable": False}}},
}
CASE = {**CONFIG, "login_with": {"email": True, "case_sensitive": True}}
REPLACE = {"cognito-auth:accept": "login_with.case_sensitive,user_pool"}


def build_app(
    config: dict[str, Any],
    lock: Path,
    *,
    construct_id: str = "Auth",
    stack: str = "Shop",
    context: dict[str, Any] | None = None,
    extra: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Synthesize an app with one backend (plus ``extra`` ones) against ``lock``."""
    app = cdk.App(context={"cognito-auth:lockFile": str(lock), **(context or {})})
    built = cdk.Stack(app, stack)
    AuthBackend(built, construct_id, config=config)
    for name, other in (extra or {}).items():
        AuthBackend(built, name, config=other)
    AuthBackend.check_app(app)
    return app.synth().get_stack_by_name(stack).template  # type: ignore[no-any-return]


def pools(template: dict[str, Any]) -> list[str]:
    return [k for k, v in template["Resources"].items() if v["Type"] == "AWS::Cognito::UserPool"]


def deploy(
    config: dict[str, Any], lock: Path, *, backend: str = "Shop/Auth", accept: Sequence[str] = ()
) -> None:
    """What follows a successful deploy of ``config``: ``cognito-auth lock``."""
    file = lock.parent / "deployed.yaml"
    file.write_text(yaml.safe_dump(config))
    args = ["lock", "--config", str(file), "--lock", str(lock), "--backend", backend]
    for path in accept:
        args += ["--accept", path]
    assert main(args) == 0


# --- synthesis never writes the lock ------------------------------------------------------


def test_synthesis_never_writes_the_lock(tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    build_app(CONFIG, lock)
    assert not lock.exists(), "a synth is not a deploy: it must not create the lock"
    deploy(CONFIG, lock)
    before = lock.read_bytes()
    build_app({**CONFIG, "groups": ["ADMINS", "EDITORS"]}, lock)  # allowed, not recorded
    build_app(CONFIG, lock, stack="Trial")  # a trial synth under another stack name
    assert lock.read_bytes() == before


def test_a_failed_synth_does_not_write_the_lock(tmp_path: Path) -> None:
    """The issue's first sequence: another construct fails validation in the same app."""
    lock = tmp_path / "auth.lock.json"
    deploy(CONFIG, lock)
    before = lock.read_bytes()
    app = cdk.App(context={"cognito-auth:lockFile": str(lock)})
    stack = cdk.Stack(app, "Shop")
    grown = {**CONFIG, "user_attributes": {"custom": {"tenant": {"mutable": False}, "plan": {}}}}
    AuthBackend(stack, "Auth", config=grown)
    Construct(stack, "Broken").node.add_validation(_Failing())
    with pytest.raises(RuntimeError, match="broken on purpose"):
        app.synth()
    assert lock.read_bytes() == before
    build_app(CONFIG, lock)  # the revert is not refused: the attribute never deployed


@jsii.implements(IValidation)
class _Failing:
    def validate(self) -> list[str]:
        return ["broken on purpose"]


def test_lock_written_by_cognito_auth_lock_is_sorted_readable_and_matches_the_template(
    tmp_path: Path,
) -> None:
    lock = tmp_path / "auth.lock.json"
    deploy(CONFIG, lock)
    text = lock.read_text()
    data = json.loads(text)
    assert list(data["backends"]) == ["Shop/Auth"]
    entry = data["backends"]["Shop/Auth"]
    assert entry["logical_ids"] == {
        "clients.web": "AuthWebClientB65B58AE",
        "identity_pool": "AuthIdentityPool659E7F64",
        "user_pool": "AuthUserPool8115E87F",
    }
    template = build_app(CONFIG, lock)
    assert set(entry["logical_ids"].values()) <= set(template["Resources"])
    assert entry["immutable"]["login_with.case_sensitive"] is False
    assert entry["immutable"]["user_attributes.custom"] == ["tenant"]
    assert entry["immutable"]["user_attributes.custom.tenant.mutable"] is False
    assert entry["immutable"]["groups"] == ["ADMINS"]
    assert list(entry["immutable"]) == sorted(entry["immutable"])
    assert json.dumps(data, indent=2, ensure_ascii=False) + "\n" == text


# --- sequences ----------------------------------------------------------------------------


def test_add_then_revert_without_deploy_is_allowed(tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    deploy(CONFIG, lock)
    build_app({**CONFIG, "groups": ["ADMINS", "EDITORS"]}, lock)
    build_app(CONFIG, lock)


def test_add_deploy_then_revert_is_refused(tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    deploy(CONFIG, lock)
    grown = {**CONFIG, "groups": ["ADMINS", "EDITORS"]}
    build_app(grown, lock)
    deploy(grown, lock)
    with pytest.raises(ImmutableChangeError) as caught:
        build_app(CONFIG, lock)
    assert [r.path for r in caught.value.refusals] == ["groups.EDITORS"]


def test_two_branches_each_adding_an_attribute(tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    deploy(CONFIG, lock)

    def with_custom(*names: str) -> dict[str, Any]:
        custom = {"tenant": {"mutable": False}, **{name: {} for name in names}}
        return {**CONFIG, "user_attributes": {"custom": custom}}

    build_app(with_custom("plan"), lock)  # branch A synthesizes
    build_app(with_custom("region"), lock)  # branch B synthesizes: A never deployed
    deploy(with_custom("plan"), lock)  # A merges and deploys
    build_app(with_custom("plan", "region"), lock)  # B rebased on A: allowed
    with pytest.raises(ImmutableChangeError) as caught:
        build_app(with_custom("region"), lock)  # B not rebased would drop A's attribute
    assert [r.path for r in caught.value.refusals] == ["user_attributes.custom.plan"]


def test_refusal_lists_every_change_with_values_reasons_and_remedies(tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    deploy(CONFIG, lock)
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
    assert (
        "    cdk deploy -c cognito-auth:accept=login_with.case_sensitive,user_pool,"
        "user_attributes.custom.tenant.mutable,groups.ADMINS\n" in text
    )


def test_accept_left_in_context_builds_the_same_pool_every_time(tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    deploy(CONFIG, lock)
    with pytest.raises(ImmutableChangeError, match="accept both this path and 'user_pool'"):
        build_app(CASE, lock, context={"cognito-auth:accept": "login_with.case_sensitive"})
    v2 = cdk_logical_id(["Auth", "UserPoolV2", "Resource"])
    for _ in range(3):  # synths before the deploy: the same new pool each time
        assert pools(build_app(CASE, lock, context=REPLACE)) == [v2]
    deploy(CASE, lock, accept=["login_with.case_sensitive", "user_pool"])
    entry = json.loads(lock.read_text())["backends"]["Shop/Auth"]
    assert entry["generation"] == 2
    assert entry["logical_ids"]["user_pool"] == v2
    for context in (REPLACE, None):  # after the deploy, with or without the acceptance
        assert pools(build_app(CASE, lock, context=context)) == [v2]
    deploy(CASE, lock, accept=["login_with.case_sensitive", "user_pool"])  # applies once
    assert json.loads(lock.read_text())["backends"]["Shop/Auth"]["generation"] == 2


def test_accepting_user_pool_alone_replaces_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config, lock = _files(tmp_path, CONFIG)
    deploy(CONFIG, Path(lock), backend="CognitoAuth/Auth")
    capsys.readouterr()
    assert main(["plan", "--config", config, "--lock", lock, "--accept", "user_pool"]) == 0
    out, err = capsys.readouterr()
    assert out.endswith("no changes\n")
    assert "--accept user_pool changes nothing" in err
    assert main(["lock", "--config", config, "--lock", lock, "--accept", "user_pool"]) == 0
    assert json.loads(Path(lock).read_text())["backends"]["CognitoAuth/Auth"]["generation"] == 1
    template = build_app(
        CONFIG, Path(lock), stack="CognitoAuth", context={"cognito-auth:accept": "user_pool"}
    )
    assert pools(template) == [cdk_logical_id(["Auth", "UserPool", "Resource"])]


def test_plan_and_lock_agree_on_an_accepted_replacement(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config, lock = _files(tmp_path, CONFIG)
    assert main(["lock", "--config", config, "--lock", lock]) == 0
    Path(config).write_text(yaml.safe_dump(CASE))
    accept = ["--accept", "login_with.case_sensitive,user_pool"]
    capsys.readouterr()
    assert main(["plan", "--config", config, "--lock", lock, *accept]) == 0
    assert "user_pool: a new, empty user pool (generation 2)" in capsys.readouterr().out
    assert main(["lock", "--config", config, "--lock", lock, *accept]) == 0
    assert main(["lock", "--config", config, "--lock", lock, *accept]) == 0
    assert json.loads(Path(lock).read_text())["backends"]["CognitoAuth/Auth"]["generation"] == 2


def test_users_snapshot_tests_never_write_the_lock_and_are_refused_against_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user's unit test, as CDK projects write them: cdk.App() + Template.from_stack,
    in the project directory, where the committed auth.lock.json lives."""
    monkeypatch.chdir(tmp_path)
    deploy(CONFIG, tmp_path / "auth.lock.json", backend="UnitTestStack/Auth")
    committed = (tmp_path / "auth.lock.json").read_bytes()

    def users_test(config: dict[str, Any], stack_name: str = "UnitTestStack") -> None:
        app = cdk.App()
        stack = cdk.Stack(app, stack_name)
        AuthBackend(stack, "Auth", config=config)
        Template.from_stack(stack).resource_count_is("AWS::Cognito::UserPool", 1)

    users_test(CONFIG)
    users_test({**CONFIG, "groups": ["ADMINS", "EDITORS"]})
    users_test(CONFIG, stack_name="AnotherTestStack")
    assert (tmp_path / "auth.lock.json").read_bytes() == committed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["auth.lock.json", "deployed.yaml"]
    with pytest.raises(ImmutableChangeError):
        users_test({**CONFIG, "login_with": {"email": True, "case_sensitive": True}})


# --- renamed and retired backends ---------------------------------------------------------


def test_renamed_backend_is_an_immutable_change_error(tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    deploy(CONFIG, lock)
    with pytest.raises(ImmutableChangeError, match=r"^refused: 1 change") as caught:
        build_app(CONFIG, lock, construct_id="Authentication")
    assert [r.path for r in caught.value.refusals] == ["Shop/Auth"]
    assert "new, empty user pool" in str(caught.value)
    assert "cdk deploy -c cognito-auth:accept=Shop/Auth;" in str(caught.value)


def test_synthesis_still_refuses_a_renamed_backend_without_check_app(tmp_path: Path) -> None:
    """jsii sends only str(exc) of an exception raised in a validation back to
    JavaScript: synth() raises RuntimeError with the refusal's text."""
    lock = tmp_path / "auth.lock.json"
    deploy(CONFIG, lock)
    app = cdk.App(context={"cognito-auth:lockFile": str(lock)})
    AuthBackend(cdk.Stack(app, "Shop"), "Authentication", config=CONFIG)
    with pytest.raises(RuntimeError, match=r"^refused: 1 change") as caught:
        app.synth()
    assert "Shop/Auth: removed" in str(caught.value)


def test_retired_backend_is_accepted_then_dropped_by_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lock = tmp_path / "auth.lock.json"
    deploy(CONFIG, lock)
    monkeypatch.setenv("CDK_OUTDIR", str(tmp_path / "cdk.out"))
    config = tmp_path / "auth.yaml"
    config.write_text(yaml.safe_dump(CONFIG))
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    app = cdk.App(context={"cognito-auth:accept": "Shop/Auth"})
    from cognito_auth import load_config

    AuthBackend(cdk.Stack(app, "Shop"), "Authentication", config=load_config(config))
    AuthBackend.check_app(app)
    app.synth()
    command = _printed_command(capsys.readouterr().err)
    assert command == [
        "cognito-auth",
        "lock",
        "--backend",
        "Shop/Authentication",
        "--accept",
        "Shop/Auth",
    ]
    assert main(command[1:]) == 0
    assert list(json.loads(lock.read_text())["backends"]) == ["Shop/Authentication"]


def test_a_second_backend_is_not_a_rename(tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    deploy(CONFIG, lock)
    build_app(CONFIG, lock, extra={"Partners": {"login_with": {"username": True}}})


def test_backends_of_stacks_the_app_does_not_build_are_left_alone(tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    deploy(CONFIG, lock)
    build_app(CONFIG, lock, stack="Other")


def test_group_removal_accepted_through_context_then_recorded(tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    deploy(CONFIG, lock)
    emptied = {**CONFIG, "groups": []}
    with pytest.raises(ImmutableChangeError):
        build_app(emptied, lock)
    build_app(emptied, lock, context={"cognito-auth:accept": ["groups.ADMINS"]})
    deploy(emptied, lock, accept=["groups.ADMINS"])
    assert json.loads(lock.read_text())["backends"]["Shop/Auth"]["immutable"]["groups"] == []


# --- notices under the CDK CLI, and the commands they print --------------------------------


def _printed_command(err: str) -> list[str]:
    return printed_command(err, "record it (and commit the file): ")


def test_notice_only_under_the_cdk_cli_and_its_command_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from cognito_auth import load_config

    monkeypatch.chdir(tmp_path)
    (tmp_path / "prod.yaml").write_text(yaml.safe_dump(CONFIG))

    def synth_app() -> None:
        app = cdk.App()
        AuthBackend(cdk.Stack(app, "Shop"), "Auth", config=load_config("prod.yaml"))
        app.synth()

    capsys.readouterr()
    synth_app()
    assert capsys.readouterr().err == "", "outside the CDK CLI, synthesis prints nothing"
    monkeypatch.setenv("CDK_OUTDIR", str(tmp_path / "cdk.out"))
    synth_app()
    err = capsys.readouterr().err
    assert "cognito-auth: Shop/Auth is not in auth.lock.json yet." in err
    command = _printed_command(err)
    assert command == ["cognito-auth", "lock", "--config", "prod.yaml", "--backend", "Shop/Auth"]
    assert main(command[1:]) == 0
    capsys.readouterr()
    synth_app()
    assert capsys.readouterr().err == "", "nothing pending once the lock holds it"
    (tmp_path / "prod.yaml").write_text(yaml.safe_dump({**CONFIG, "groups": ["ADMINS", "X"]}))
    synth_app()
    err = capsys.readouterr().err
    assert "cognito-auth: Shop/Auth differs from auth.lock.json: groups.X: added" in err
    assert _printed_command(err) == ["cognito-auth", "lock", "--config", "prod.yaml"]


def test_a_backend_in_a_stage_is_recorded_where_synthesis_finds_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A stack inside a stage (CDK Pipelines): the printed command names the stack, so
    that the recorded logical ids are the template's."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CDK_OUTDIR", str(tmp_path / "cdk.out"))
    (tmp_path / "auth.yaml").write_text(yaml.safe_dump(CONFIG))
    from cognito_auth import load_config

    def synth_app() -> str:
        app = cdk.App()
        stack = cdk.Stack(cdk.Stage(app, "Prod"), "Shop")
        AuthBackend(stack, "Auth", config=load_config("auth.yaml"))
        app.synth()
        return capsys.readouterr().err

    capsys.readouterr()
    command = _printed_command(synth_app())
    assert command == [
        "cognito-auth",
        "lock",
        "--backend",
        "Prod/Shop/Auth",
        "--stack",
        "Prod/Shop",
    ]
    assert main(command[1:]) == 0
    capsys.readouterr()
    assert synth_app() == ""


def test_refusal_commands_work_as_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The refusal's cdk deploy context, and the lock command after it, as printed."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "auth.yaml").write_text(yaml.safe_dump(CONFIG))
    assert main(["lock"]) == 0
    (tmp_path / "auth.yaml").write_text(yaml.safe_dump({**CONFIG, "groups": []}))
    from cognito_auth import load_config

    def synth_app(context: dict[str, Any]) -> None:
        app = cdk.App(context=context)
        stack = cdk.Stack(app, "CognitoAuth")
        AuthBackend(stack, "Auth", config=load_config("auth.yaml"))
        app.synth()

    with pytest.raises(ImmutableChangeError) as caught:
        synth_app({})
    lines = str(caught.value).splitlines()
    deploy_line = next(line for line in lines if line.startswith("    cdk deploy"))
    assert deploy_line == "    cdk deploy -c cognito-auth:accept=groups.ADMINS"
    key, value = shlex.split(deploy_line)[3].split("=", 1)
    synth_app({key: value})
    record_line = next(line for line in lines if "record it:" in line)
    command = shlex.split(record_line.split("record it: ", 1)[1])
    assert command == ["cognito-auth", "lock", "--accept", "groups.ADMINS"]
    assert main(command[1:]) == 0
    synth_app({})  # recorded: nothing refused any more


# --- the newcomer's sequence ----------------------------------------------------------------


def test_newcomer_default_then_quick_start_is_not_refused(tmp_path: Path) -> None:
    """`make synth` with the embedded default, then the README's Quick start auth.yaml,
    then `make synth` again (refused before, for a backend never deployed)."""
    from example_support import load_root_app

    ready = load_root_app(tmp_path / "app")
    lock = tmp_path / "auth.lock.json"
    app = cdk.App(context={"cognito-auth:lockFile": str(lock)})
    ready.build(app)
    app.synth()
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    quick_start = readme.split("### As a ready app (YAML)", 1)[1].split("```yaml\n", 1)[1]
    (tmp_path / "auth.yaml").write_text(quick_start.split("```", 1)[0])
    app = cdk.App(
        context={
            "cognito-auth:lockFile": str(lock),
            "cognito-auth:config": str(tmp_path / "auth.yaml"),
        }
    )
    ready.build(app)
    app.synth()
    assert not lock.exists()


# --- what reaches Cognito, labels, damaged locks ---------------------------------------------


def test_username_on_a_provider_only_pool_is_not_a_sign_in_change(tmp_path: Path) -> None:
    google = {
        "client_id": "123-abc.apps.googleusercontent.com",
        "client_secret": {"secrets_manager": "shop/google"},
    }

    def login(**extra: Any) -> dict[str, Any]:
        providers = {**HOSTED, "google": google, "allow_cognito_sign_in": False}
        return {"login_with": {**extra, "external_providers": providers}}

    lock = tmp_path / "auth.lock.json"
    before = build_app(login(), lock)
    deploy(login(), lock)
    after = build_app(login(username=True), lock)

    def sign_in(template: dict[str, Any]) -> tuple[Any, Any]:
        (pool,) = [
            v for v in template["Resources"].values() if v["Type"] == "AWS::Cognito::UserPool"
        ]
        props = pool["Properties"]
        return props.get("UsernameAttributes"), props.get("AliasAttributes")

    assert sign_in(before) == sign_in(after)
    with pytest.raises(ImmutableChangeError) as caught:
        build_app(login(username={"preferred_username": True}), lock)
    assert [r.path for r in caught.value.refusals] == ["login_with.username"]


def test_plan_labels_first_and_last_entries_of_collections(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from samples import API

    config, lock = _files(tmp_path, {"resource_servers": [API]})
    main(["lock", "--config", config, "--lock", lock])
    Path(config).write_text(yaml.safe_dump({"groups": ["ADMINS"]}))
    capsys.readouterr()
    assert main(["plan", "--config", config, "--lock", lock]) == 1
    out = capsys.readouterr().out
    assert "\n  groups.ADMINS: added\n" in out
    assert '\n  resource_servers["https://api.example.com"]: removed\n' in out
    assert "groups: removed" not in out
    assert "resource_servers: added" not in out


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: "{not json", "not valid JSON"),
        (lambda d: d["immutable"].update(groups=None) or d, "expected a list of names, found None"),
        (
            lambda d: d["immutable"].update({"login_with.email": "yes"}) or d,
            "expected true or false",
        ),
        (lambda d: d.update(generation="2") or d, "generation: expected a whole number"),
        (lambda d: d.update(logical_ids={"user_pool": None}) or d, "expected a logical id"),
        (lambda d: d.update(settings=[]) or d, "settings: expected an object"),
        (lambda d: d.pop("immutable") and d, "missing 'immutable'"),
        (lambda d: [], "expected an object, found list"),
    ],
)
def test_an_unusable_lock_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: Any, message: str
) -> None:
    config, lock = _files(tmp_path, CONFIG)
    main(["lock", "--config", config, "--lock", lock])
    data = json.loads(Path(lock).read_text())
    damaged = damage(data["backends"]["CognitoAuth/Auth"])
    if isinstance(damaged, str):
        Path(lock).write_text(damaged)
    else:
        data["backends"]["CognitoAuth/Auth"] = damaged
        Path(lock).write_text(json.dumps(data))
    capsys.readouterr()
    for command in ("plan", "lock"):
        assert main([command, "--config", config, "--lock", lock]) == 2
        err = capsys.readouterr().err
        assert err.startswith("error: "), err
        assert err.count("\n") == 1, err
        assert message in err
    with pytest.raises(LockFileError, match=message.split(",", maxsplit=1)[0]):
        read_lock(lock)


def test_an_unusable_lock_stops_synthesis_with_the_same_error(tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    deploy(CONFIG, lock)
    data = json.loads(lock.read_text())
    data["backends"]["Shop/Auth"]["immutable"]["groups"] = None
    lock.write_text(json.dumps(data))
    with pytest.raises(LockFileError, match=r"immutable\['groups'\]: expected a list of names"):
        build_app(CONFIG, lock)


# --- orderings CloudFormation refuses --------------------------------------------------------


def test_replacing_the_pool_while_keeping_its_domain_is_refused(tmp_path: Path) -> None:
    hosted = {"login_with": {"email": True, "external_providers": HOSTED}}
    lock = tmp_path / "auth.lock.json"
    deploy(hosted, lock)
    changed = {"login_with": {**hosted["login_with"], "case_sensitive": True}}
    with pytest.raises(ImmutableChangeError) as caught:
        build_app(changed, lock, context=REPLACE)
    (refusal,) = caught.value.refusals
    assert refusal.path == "login_with.external_providers.domain_prefix"
    assert "creates the new pool and its domain before it deletes the old ones" in refusal.why
    assert "no acceptance can make these changes" in str(caught.value)
    # The way out: the replacement without the domain, then the domain again.
    no_domain = {"login_with": {"email": True, "case_sensitive": True}}
    accept = [
        "login_with.case_sensitive",
        "user_pool",
        "login_with.external_providers.domain_prefix",
    ]
    build_app(no_domain, lock, context={"cognito-auth:accept": ",".join(accept)})
    deploy(no_domain, lock, accept=["login_with.case_sensitive", "user_pool"])
    build_app(changed, lock)


def test_a_provider_changing_type_under_its_name_is_refused(tmp_path: Path) -> None:
    oidc = {
        "name": "Corp",
        "client_id": "corp",
        "client_secret": {"secrets_manager": "shop/corp"},
        "issuer_url": "https://idp.example.com",
    }
    saml = {
        "name": "Corp",
        "metadata": {"url": "https://idp.example.com/metadata.xml"},
        "attribute_mapping": {"email": "email"},
    }

    def with_provider(**kind: Any) -> dict[str, Any]:
        return {"login_with": {"email": True, "external_providers": {**HOSTED, **kind}}}

    lock = tmp_path / "auth.lock.json"
    deploy(with_provider(oidc=[oidc]), lock)
    accept = {"cognito-auth:accept": "login_with.external_providers.oidc.Corp"}
    with pytest.raises(ImmutableChangeError) as caught:
        build_app(with_provider(saml=[saml]), lock, context=accept)
    (refusal,) = caught.value.refusals
    assert refusal.path == "login_with.external_providers.oidc.Corp"
    assert (refusal.locked, refusal.new) == ("OIDC", "SAML")
    assert "creates the new provider before it deletes the old one" in refusal.why
    build_app(with_provider(), lock, context=accept)  # the first step: remove it


# --- the guard off ---------------------------------------------------------------------------


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
    (tmp_path / "auth.lock.json").write_text("{damaged")
    app = cdk.App(context={"cognito-auth:lockFile": value})
    AuthBackend(cdk.Stack(app, "S"), "Auth", config=CONFIG)
    app.synth()


def test_corrupt_lock_file_errors(tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    lock.write_text(json.dumps({"version": 99, "backends": {}}))
    with pytest.raises(LockFileError, match="version 99 is not supported"):
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
    assert capsys.readouterr().out == f"{lock}: written (CognitoAuth/Auth, {config})\n"
    assert main(["lock", "--config", config, "--lock", lock]) == 0
    assert capsys.readouterr().out == f"{lock}: already up to date (CognitoAuth/Auth, {config})\n"
    assert main(["plan", "--config", config, "--lock", lock]) == 0
    assert capsys.readouterr().out.endswith("no changes\n")


def test_every_flag_has_a_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """No file here: the ready app's embedded default, auth.lock.json, CognitoAuth/Auth."""
    from cognito_auth.ready import DEFAULT_CONFIG, embedded_default

    monkeypatch.chdir(tmp_path)
    assert main(["lock"]) == 0
    assert "(CognitoAuth/Auth, the embedded default configuration)" in capsys.readouterr().out
    entry = read_lock(tmp_path / "auth.lock.json").backends["CognitoAuth/Auth"]  # type: ignore[union-attr]
    assert entry.to_json() == record(embedded_default(), ["Auth"]).to_json()
    assert DEFAULT_CONFIG["login_with"] == {"email": True}
    (tmp_path / "auth.yml").write_text(yaml.safe_dump({"groups": ["A"]}))
    assert main(["plan"]) == 0  # auth.yml is found, and planned against the default
    out = capsys.readouterr().out
    assert out.startswith("plan for CognitoAuth/Auth against auth.lock.json:\n")
    assert "\n  groups.A: added\n" in out


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
    err = capsys.readouterr().err
    assert "profile: not one of the allowed values" in err
    assert "no such file" in err


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

    deploy({}, lock)
    build_app(with_domain(domain_prefix="shop-auth"), lock)  # added
    deploy(with_domain(domain_prefix="shop-auth"), lock)
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
    deploy({}, lock)
    build_app(  # then the new one is added
        with_domain(
            custom_domain={"domain_name": "login.example.com", "certificate_arn": certificate}
        ),
        lock,
    )
