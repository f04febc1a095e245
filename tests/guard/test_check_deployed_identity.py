"""check-deployed compares the identity pool: guest access, the Cognito providers and
their server-side token check, the login providers, classic flow and role mapping.

moto implements identity pools (DescribeIdentityPool, UpdateIdentityPool) but not the
role attachment (GetIdentityPoolRoles). The CLI tests read the identity pool from moto's
server and its roles from botocore's Stubber, answering with the response that the
template's own role attachment gives (``aws_support.ROLES``); the unit tests use full
responses shaped like the real API. Each test says which one it reflects.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import boto3
import pytest
import yaml
from botocore.stub import Stubber

from aws_support import REGION, ROLES, create_backend, create_stack_with_outputs
from cognito_auth import AuthConfig, cli
from cognito_auth.cli import main
from cognito_auth.guard.aws import fetch_identity_pool
from cognito_auth.guard.deployed import differences
from cognito_auth.guard.deployed_identity import (
    DeployedIdentityPool,
    deployed_identity_pool,
    expected_identity_pool,
)
from support import synth

EXAMPLES = Path(__file__).parents[2] / "examples" / "configs"
POOL = "us-east-1_AbCdEf123"
PROVIDER = f"cognito-idp.us-east-1.amazonaws.com/{POOL}"
IDENTITY_POOL = "us-east-1:0a1b2c3d-1111-2222-3333-444455556666"
AUTHENTICATED_ARN = "arn:aws:iam::123456789012:role/Shop-AuthAuthenticatedRole-1A2B3C"
GUEST_ARN = "arn:aws:iam::123456789012:role/Shop-AuthUnauthenticatedRole-4D5E6F"
ADMINS_ARN = "arn:aws:iam::123456789012:role/Shop-AuthGroupRoleADMINS-7G8H9I"


class _RolesFromStubber:
    """A cognito-identity client whose GetIdentityPoolRoles is answered by botocore's
    Stubber (validated against the API model) from ``ROLES``; every other call goes to
    moto's server."""

    def __init__(self, real: Any, spare: Any) -> None:
        self._real = real
        self._spare = spare

    def get_identity_pool_roles(self, **params: Any) -> Any:
        stubber = Stubber(self._spare)
        stubber.add_response("get_identity_pool_roles", ROLES[params["IdentityPoolId"]], params)
        with stubber:
            return self._spare.get_identity_pool_roles(**params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


@pytest.fixture
def roles_from_stubber(monkeypatch: pytest.MonkeyPatch) -> None:
    original = cli.aws_session

    def session(region: str | None, profile: str | None) -> Any:
        made = original(region, profile)
        if isinstance(made, str):
            return made
        make = made.client

        def client(service: str, *args: Any, **kwargs: Any) -> Any:
            real = make(service, *args, **kwargs)
            if service != "cognito-identity":
                return real
            return _RolesFromStubber(real, make(service, *args, **kwargs))

        made.client = client
        return made

    monkeypatch.setattr(cli, "aws_session", session)


def example(name: str) -> dict[str, Any]:
    config: dict[str, Any] = yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text())
    if config.get("multifactor", {}).get("email"):
        config["multifactor"]["email"] = False  # moto's MFA config drops email MFA
    return config


def check(tmp_path: Path, config: dict[str, Any], *args: str) -> int:
    path = tmp_path / "auth.yaml"
    path.write_text(yaml.safe_dump(config))
    return main(["check-deployed", "--config", str(path), *args])


def deploy(session: boto3.Session, config: dict[str, Any]) -> dict[str, str]:
    return create_backend(session, synth(config).json)


# --- against moto's server (the roles from the Stubber) -------------------------------------


@pytest.mark.usefixtures("roles_from_stubber")
@pytest.mark.parametrize("name", ["minimal", "photos", "federated", "platform"])
def test_no_drift_for_an_identity_pool_created_from_the_template(
    aws: boto3.Session, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    # moto: the identity pool as created from the template's own properties; Stubber:
    # the roles as the template's role attachment sets them.
    config = example(name)
    ids = deploy(aws, config)
    code = check(
        tmp_path,
        config,
        "--user-pool-id",
        ids["user_pool_id"],
        "--identity-pool-id",
        ids["identity_pool_id"],
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"identity pool {ids['identity_pool_id']}: compared too\n" in out
    assert out.endswith("no drift\n")


@pytest.mark.usefixtures("roles_from_stubber")
def test_found_through_the_stack_outputs(
    aws: boto3.Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # moto (stack outputs, identity pool) and the Stubber (roles). The outputs name the
    # clients, so the client names of the pool do not matter.
    config = example("shop")
    ids = deploy(aws, config)
    create_stack_with_outputs(
        aws,
        "ShopIdentity",
        {
            "AuthUserPoolId": ids["user_pool_id"],
            "AuthUserPoolClientId": ids["client_id"],
            "AuthIdentityPoolId": ids["identity_pool_id"],
        },
    )
    assert check(tmp_path, config, "--stack", "ShopIdentity") == 0
    out = capsys.readouterr().out
    assert f"identity pool {ids['identity_pool_id']}: compared too\n" in out
    assert out.endswith("no drift\n")


@pytest.mark.usefixtures("roles_from_stubber")
def test_identity_pool_changed_by_hand_is_drift(
    aws: boto3.Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # moto: UpdateIdentityPool as a console edit would make it.
    config = example("federated")
    ids = deploy(aws, config)
    identity = aws.client("cognito-identity")
    pool = identity.describe_identity_pool(IdentityPoolId=ids["identity_pool_id"])
    identity.update_identity_pool(
        IdentityPoolId=ids["identity_pool_id"],
        IdentityPoolName=pool["IdentityPoolName"],
        AllowUnauthenticatedIdentities=True,
        SupportedLoginProviders={"accounts.google.com": "other.apps.googleusercontent.com"},
        CognitoIdentityProviders=[
            {**p, "ServerSideTokenCheck": False} for p in pool["CognitoIdentityProviders"]
        ],
    )
    args = ["--user-pool-id", ids["user_pool_id"], "--identity-pool-id", ids["identity_pool_id"]]
    assert check(tmp_path, config, *args) == 1
    out = capsys.readouterr().out
    assert "  identity_pool.guest_access: configured off, deployed on\n" in out
    assert (
        "  identity_pool.cognito_providers.web.server_side_token_check: "
        "configured on, deployed off\n"
    ) in out
    assert "  identity_pool.login_providers: configured [" in out
    assert "deployed [accounts.google.com (other.apps.googleusercontent.com)]" in out


@pytest.mark.usefixtures("roles_from_stubber")
def test_role_mapping_changed_by_hand_is_drift(
    aws: boto3.Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Stubber: GetIdentityPoolRoles as the real API returns a mapping changed in the
    # console to rules that deny ambiguous tokens, and without the guest role.
    config = {**example("photos"), "name": "photos"}
    ids = deploy(aws, config)
    roles = copy.deepcopy(ROLES[ids["identity_pool_id"]])
    roles["Roles"].pop("unauthenticated")
    ((key, _),) = roles["RoleMappings"].items()
    roles["RoleMappings"][key] = {
        "Type": "Rules",
        "AmbiguousRoleResolution": "Deny",
        "RulesConfiguration": {
            "Rules": [
                {
                    "Claim": "cognito:groups",
                    "MatchType": "Contains",
                    "Value": "ADMINS",
                    "RoleARN": roles["Roles"]["authenticated"],
                }
            ]
        },
    }
    ROLES[ids["identity_pool_id"]] = roles
    args = ["--user-pool-id", ids["user_pool_id"], "--identity-pool-id", ids["identity_pool_id"]]
    assert check(tmp_path, config, *args) == 1
    out = capsys.readouterr().out
    assert (
        "  identity_pool.roles: configured [authenticated, guest], deployed [authenticated]" in out
    )
    assert "  identity_pool.role_mapping.web.type: configured Token, deployed Rules\n" in out
    assert (
        "  identity_pool.role_mapping.web.ambiguous_role_resolution: "
        "configured AuthenticatedRole, deployed Deny\n"
    ) in out
    assert (
        "  identity_pool.role_mapping.web.rules: configured [], "
        "deployed [cognito:groups Contains ADMINS -> authenticated]\n"
    ) in out


@pytest.mark.usefixtures("roles_from_stubber")
def test_turned_off_in_the_configuration_is_drift(
    aws: boto3.Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # moto (identity pool) and the Stubber (roles): the pool exists, the configuration
    # says there is none; nothing else of it is compared.
    ids = deploy(aws, {})
    args = ["--user-pool-id", ids["user_pool_id"], "--identity-pool-id", ids["identity_pool_id"]]
    assert check(tmp_path, {"identity_pool": False}, *args) == 1
    out = capsys.readouterr().out
    assert "drift (1):\n  identity_pool: configured off, deployed on\n" in out


def test_without_an_id_the_identity_pool_is_not_compared(
    aws: boto3.Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # moto: a user pool only; nothing names an identity pool.
    ids = deploy(aws, example("minimal"))
    assert check(tmp_path, example("minimal"), "--user-pool-id", ids["user_pool_id"]) == 0
    out = capsys.readouterr().out
    assert "identity pool: not compared (no id: pass --identity-pool-id)\n" in out
    assert check(tmp_path, {"identity_pool": False}, "--user-pool-id", ids["user_pool_id"]) == 0
    assert "identity pool" not in capsys.readouterr().out


def test_a_missing_identity_pool_exits_2(
    aws: boto3.Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # moto: DescribeIdentityPool of an unknown id is ResourceNotFoundException.
    ids = deploy(aws, example("minimal"))
    missing = f"{REGION}:00000000-0000-0000-0000-000000000000"
    args = ["--user-pool-id", ids["user_pool_id"], "--identity-pool-id", missing]
    assert check(tmp_path, example("minimal"), *args) == 2
    assert f"error: identity pool '{missing}': not found" in capsys.readouterr().err


# --- real API shapes (Stubber, or the responses themselves) ---------------------------------


def _describe(**changes: Any) -> dict[str, Any]:
    """DescribeIdentityPool as the real API returns it for a backend with two user
    clients (no AllowClassicFlow key when it is off)."""
    response = {
        "IdentityPoolId": IDENTITY_POOL,
        "IdentityPoolName": "shop_identity_pool",
        "AllowUnauthenticatedIdentities": True,
        "CognitoIdentityProviders": [
            {"ProviderName": PROVIDER, "ClientId": "webclientid0001", "ServerSideTokenCheck": True},
            {"ProviderName": PROVIDER, "ClientId": "appclientid0002", "ServerSideTokenCheck": True},
        ],
        "SupportedLoginProviders": {"accounts.google.com": "1234.apps.googleusercontent.com"},
        "IdentityPoolTags": {},
    }
    response.update(changes)
    return response


def _roles(mapping_type: str = "Rules") -> dict[str, Any]:
    """GetIdentityPoolRoles as the real API returns it: mappings keyed provider:client."""
    rules = {
        "Rules": [
            {
                "Claim": "custom:tier",
                "MatchType": "Equals",
                "Value": "gold",
                "RoleARN": ADMINS_ARN,
            },
            {
                "Claim": "email",
                "MatchType": "StartsWith",
                "Value": "ops",
                "RoleARN": AUTHENTICATED_ARN,
            },
        ]
    }
    mapping: dict[str, Any] = {"Type": mapping_type, "AmbiguousRoleResolution": "AuthenticatedRole"}
    if mapping_type == "Rules":
        mapping["RulesConfiguration"] = rules
    return {
        "IdentityPoolId": IDENTITY_POOL,
        "Roles": {"authenticated": AUTHENTICATED_ARN, "unauthenticated": GUEST_ARN},
        "RoleMappings": {
            f"{PROVIDER}:webclientid0001": mapping,
            f"{PROVIDER}:appclientid0002": mapping,
        },
    }


CONFIG = AuthConfig.model_validate(
    {
        "name": "shop",
        "guest_access": True,
        "groups": ["ADMINS"],
        "clients": ["web", {"name": "app", "kind": "native"}],
        "login_with": {
            "email": True,
            "external_providers": {
                "google": {
                    "client_id": "1234.apps.googleusercontent.com",
                    "client_secret": {"secrets_manager": "shop/google"},
                },
                "domain_prefix": "shop-auth",
                "callback_urls": ["https://shop.example.com/"],
                "logout_urls": ["https://shop.example.com/"],
            },
        },
        "role_mapping_rules": [
            {
                "claim": "custom:tier",
                "match_type": "Equals",
                "value": "gold",
                "role": "group:ADMINS",
            },
            {"claim": "email", "match_type": "StartsWith", "value": "ops", "role": "authenticated"},
        ],
    }
)
NAMES = {"webclientid0001": "web", "appclientid0002": "app"}


def _deployed(pool: dict[str, Any], roles: dict[str, Any]) -> DeployedIdentityPool:
    return DeployedIdentityPool(
        pool=pool, roles=roles, client_names=NAMES, group_roles={ADMINS_ARN: "ADMINS"}
    )


def test_real_api_shapes_normalise_to_no_drift() -> None:
    # Real API: no AllowClassicFlow key when off; rules name roles by ARN.
    expected = expected_identity_pool(CONFIG, user_pool_id=POOL)
    assert differences(expected, deployed_identity_pool(_deployed(_describe(), _roles()))) == []


def test_real_api_drift_in_classic_flow_token_check_and_mapping_type() -> None:
    # Real API: ServerSideTokenCheck is omitted when off; AllowClassicFlow when on.
    providers = _describe()["CognitoIdentityProviders"]
    pool = _describe(
        AllowClassicFlow=True,
        CognitoIdentityProviders=[
            providers[0],
            {k: v for k, v in providers[1].items() if k != "ServerSideTokenCheck"},
        ],
    )
    found = {
        d.path: (d.configured, d.deployed)
        for d in differences(
            expected_identity_pool(CONFIG, user_pool_id=POOL),
            deployed_identity_pool(_deployed(pool, _roles("Token"))),
        )
    }
    assert found == {
        "identity_pool.classic_flow": (False, True),
        "identity_pool.cognito_providers.app.server_side_token_check": (True, False),
        "identity_pool.role_mapping.app.type": ("Rules", "Token"),
        "identity_pool.role_mapping.web.type": ("Rules", "Token"),
        "identity_pool.role_mapping.app.rules": (
            ["custom:tier Equals gold -> group:ADMINS", "email StartsWith ops -> authenticated"],
            [],
        ),
        "identity_pool.role_mapping.web.rules": (
            ["custom:tier Equals gold -> group:ADMINS", "email StartsWith ops -> authenticated"],
            [],
        ),
    }


def test_a_client_of_another_pool_or_an_unknown_client_is_drift() -> None:
    # Real API shapes: the identity pool trusts a client of another user pool.
    other = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Other0001"
    pool = _describe(
        CognitoIdentityProviders=[
            {"ProviderName": PROVIDER, "ClientId": "webclientid0001", "ServerSideTokenCheck": True},
            {"ProviderName": other, "ClientId": "strangerid0003", "ServerSideTokenCheck": True},
        ]
    )
    found = differences(
        expected_identity_pool(CONFIG, user_pool_id=POOL),
        deployed_identity_pool(_deployed(pool, _roles())),
    )
    assert found[0].line() == (
        f"identity_pool.cognito_providers: configured [{POOL} app, {POOL} web], "
        f"deployed [{POOL} web, us-east-1_Other0001 strangerid0003]"
    )


def test_fetch_reads_the_pool_the_roles_and_names_the_clients() -> None:
    # Stubber on both clients, with full responses shaped like the real API; the client
    # names come from ListUserPoolClients (ClientName "shop-web", "shop-app").
    session = boto3.Session(
        region_name=REGION, aws_access_key_id="testing", aws_secret_access_key="testing"
    )
    identity = session.client("cognito-identity")
    idp = session.client("cognito-idp")
    with Stubber(identity) as identity_stub, Stubber(idp) as idp_stub:
        identity_stub.add_response(
            "describe_identity_pool", _describe(), {"IdentityPoolId": IDENTITY_POOL}
        )
        identity_stub.add_response(
            "get_identity_pool_roles", _roles(), {"IdentityPoolId": IDENTITY_POOL}
        )
        idp_stub.add_response(
            "list_user_pool_clients",
            {
                "UserPoolClients": [
                    {"ClientId": "webclientid0001", "UserPoolId": POOL, "ClientName": "shop-web"},
                    {"ClientId": "appclientid0002", "UserPoolId": POOL, "ClientName": "shop-app"},
                ]
            },
            {"UserPoolId": POOL, "MaxResults": 60},
        )
        clients = {"cognito-identity": identity, "cognito-idp": idp}
        fake = type("Session", (), {"client": lambda self, name: clients[name]})()
        deployed = fetch_identity_pool(
            fake,
            IDENTITY_POOL,
            user_pool_id=POOL,
            config=CONFIG,
            groups=[{"GroupName": "ADMINS", "RoleArn": ADMINS_ARN, "UserPoolId": POOL}],
            client_names={},
        )
        identity_stub.assert_no_pending_responses()
        idp_stub.assert_no_pending_responses()
    assert deployed.client_names == NAMES
    expected = expected_identity_pool(CONFIG, user_pool_id=POOL)
    assert differences(expected, deployed_identity_pool(deployed)) == []
