"""A local AWS API for tests: moto's server on 127.0.0.1, and helpers that create real
(moto) Cognito resources from a synthesized template's own properties."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto.server import ThreadedMotoServer

REGION = "us-east-1"
ACCOUNT = "123456789012"
_PSEUDO = {
    "AWS::Region": REGION,
    "AWS::AccountId": ACCOUNT,
    "AWS::Partition": "aws",
    "AWS::URLSuffix": "amazonaws.com",
    "AWS::StackName": "TestStack",
}


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    """moto's server, started by the test session itself on 127.0.0.1."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def aws(moto_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> boto3.Session:
    """Environment pointing boto3 (and the CLI) at the local server, with fake keys."""
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_endpoint)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_REGION", REGION)
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
    return boto3.Session(region_name=REGION)


def resolve(value: Any, refs: dict[str, str] | None = None) -> Any:
    """Resolve the intrinsic functions of template values with plausible fake values."""
    refs = refs or {}
    if isinstance(value, list):
        return [resolve(v, refs) for v in value]
    if not isinstance(value, dict):
        return value
    if set(value) == {"Ref"}:
        name = value["Ref"]
        return _PSEUDO.get(name) or refs.get(name, f"fake-{name}")
    if set(value) == {"Fn::GetAtt"}:
        logical_id, attribute = value["Fn::GetAtt"]
        if attribute == "Arn":
            return f"arn:aws:iam::{ACCOUNT}:role/{logical_id}"
        return refs.get(f"{logical_id}.{attribute}", f"fake-{logical_id}-{attribute}")
    if set(value) == {"Fn::Join"}:
        separator, parts = value["Fn::Join"]
        return separator.join(str(resolve(p, refs)) for p in parts)
    return {k: resolve(v, refs) for k, v in value.items()}


_NOT_API = {
    "EnabledMfas",
    "UserPoolName",
    "UserPoolTags",
    "WebAuthnRelyingPartyID",
    "WebAuthnUserVerification",
}


def create_backend(session: boto3.Session, template: dict[str, Any]) -> dict[str, str]:
    """Create the template's user pool, groups, providers, domain, resource servers and
    clients through the Cognito API, with the template's own properties, and its identity
    pool (moto has no role attachment: the GetIdentityPoolRoles response it would give is
    put in ``ROLES``). Returns {"user_pool_id", "client_id" (first client),
    "identity_pool_id" (with one)}."""
    cognito = session.client("cognito-idp")
    resources = template["Resources"]
    ((pool_id_logical, pool_resource),) = [
        (k, v) for k, v in resources.items() if v["Type"] == "AWS::Cognito::UserPool"
    ]
    props = resolve(pool_resource["Properties"])
    params = {k: v for k, v in props.items() if k not in _NOT_API}
    params["PoolName"] = props.get("UserPoolName", "test-pool")
    pool_id = cognito.create_user_pool(**params)["UserPool"]["Id"]
    mfas = props.get("EnabledMfas") or []
    if props.get("MfaConfiguration", "OFF") != "OFF":
        mfa: dict[str, Any] = {"UserPoolId": pool_id, "MfaConfiguration": props["MfaConfiguration"]}
        if "SOFTWARE_TOKEN_MFA" in mfas:
            mfa["SoftwareTokenMfaConfiguration"] = {"Enabled": True}
        if "SMS_MFA" in mfas:
            mfa["SmsMfaConfiguration"] = {
                "SmsAuthenticationMessage": props.get("SmsAuthenticationMessage", "{####}"),
                "SmsConfiguration": props.get("SmsConfiguration", {}),
            }
        if "EMAIL_OTP" in mfas:
            mfa["EmailMfaConfiguration"] = {"Subject": "Your sign-in code"}
        cognito.set_user_pool_mfa_config(**mfa)
    refs = {pool_id_logical: pool_id}
    for resource in resources.values():
        if resource["Type"] == "AWS::Cognito::UserPoolGroup":
            group = resolve(resource["Properties"], refs)
            cognito.create_group(
                **{k: v for k, v in group.items() if k != "UserPoolId"}, UserPoolId=pool_id
            )
    for resource in resources.values():
        if resource["Type"] == "AWS::Cognito::UserPoolIdentityProvider":
            provider = resolve(resource["Properties"], refs)
            provider.pop("UserPoolId", None)
            # CloudFormation turns scalar details into strings ("true"), as the API takes.
            provider["ProviderDetails"] = {
                key: str(value).lower() if isinstance(value, bool) else str(value)
                for key, value in provider["ProviderDetails"].items()
            }
            cognito.create_identity_provider(UserPoolId=pool_id, **provider)
    for logical_id, resource in resources.items():
        if resource["Type"] == "AWS::Cognito::UserPoolResourceServer":
            server = resolve(resource["Properties"], refs)
            server.pop("UserPoolId", None)
            cognito.create_resource_server(UserPoolId=pool_id, **server)
            # CloudFormation's Ref of a resource server is its identifier (client scopes
            # name it)
            refs[logical_id] = server["Identifier"]
    for resource in resources.values():
        if resource["Type"] == "AWS::Cognito::UserPoolDomain":
            domain = resolve(resource["Properties"], refs)
            cognito.create_user_pool_domain(UserPoolId=pool_id, Domain=domain["Domain"])
    client_id = ""
    for logical_id, resource in resources.items():
        if resource["Type"] == "AWS::Cognito::UserPoolClient":
            client = resolve(resource["Properties"], refs)
            client.pop("UserPoolId", None)
            client.setdefault("ClientName", "web")
            created = cognito.create_user_pool_client(UserPoolId=pool_id, **client)
            refs[logical_id] = created["UserPoolClient"]["ClientId"]
            client_id = client_id or created["UserPoolClient"]["ClientId"]
    ids = {"user_pool_id": pool_id, "client_id": client_id}
    refs[f"{pool_id_logical}.ProviderName"] = f"cognito-idp.{REGION}.amazonaws.com/{pool_id}"
    for logical_id, resource in resources.items():
        if resource["Type"] == "AWS::Cognito::IdentityPool":
            props = resolve(resource["Properties"], refs)
            props.setdefault("IdentityPoolName", "test_identity_pool")
            props.pop("IdentityPoolTags", None)
            created = session.client("cognito-identity").create_identity_pool(**props)
            refs[logical_id] = ids["identity_pool_id"] = created["IdentityPoolId"]
    for resource in resources.values():
        if resource["Type"] == "AWS::Cognito::IdentityPoolRoleAttachment":
            ROLES[ids["identity_pool_id"]] = identity_pool_roles(resource["Properties"], refs)
    return ids


ROLES: dict[str, dict[str, Any]] = {}
"""GetIdentityPoolRoles' response for each identity pool created by create_backend, as
CloudFormation's role attachment would set it (moto has no role attachment API)."""


def identity_pool_roles(attachment: dict[str, Any], refs: dict[str, str]) -> dict[str, Any]:
    """GetIdentityPoolRoles' response for a template's AWS::Cognito::IdentityPoolRoleAttachment:
    the API keys each role mapping by its provider (``provider:client_id``) where the
    template names it by an arbitrary key."""
    props = resolve(attachment, refs)
    mappings = {}
    for written in (props.get("RoleMappings") or {}).values():
        mapping = dict(written)
        mappings[mapping.pop("IdentityProvider")] = mapping
    response = {"IdentityPoolId": props["IdentityPoolId"], "Roles": props.get("Roles") or {}}
    if mappings:
        response["RoleMappings"] = mappings
    return response


def create_stack_with_outputs(session: boto3.Session, name: str, outputs: dict[str, str]) -> None:
    """A CloudFormation stack whose outputs name the backend (moto's CloudFormation cannot
    hold Cognito resources, so the pool is created through the API and named here)."""
    template = {
        "Resources": {"Marker": {"Type": "AWS::SNS::Topic"}},
        "Outputs": {key: {"Value": value} for key, value in outputs.items()},
    }
    import json

    session.client("cloudformation").create_stack(StackName=name, TemplateBody=json.dumps(template))
