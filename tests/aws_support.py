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
    clients through the Cognito API, with
    the template's own properties. Returns {"user_pool_id", "client_id" (first client)}."""
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
        if resource["Type"] == "AWS::Cognito::UserPoolResourceServer":
            server = resolve(resource["Properties"], refs)
            server.pop("UserPoolId", None)
            cognito.create_resource_server(UserPoolId=pool_id, **server)
        if resource["Type"] == "AWS::Cognito::UserPoolDomain":
            domain = resolve(resource["Properties"], refs)
            cognito.create_user_pool_domain(UserPoolId=pool_id, Domain=domain["Domain"])
    client_id = ""
    for resource in resources.values():
        if resource["Type"] == "AWS::Cognito::UserPoolClient":
            client = resolve(resource["Properties"], refs)
            client.pop("UserPoolId", None)
            client.setdefault("ClientName", "web")
            created = cognito.create_user_pool_client(UserPoolId=pool_id, **client)
            client_id = client_id or created["UserPoolClient"]["ClientId"]
    return {"user_pool_id": pool_id, "client_id": client_id}


def create_stack_with_outputs(session: boto3.Session, name: str, outputs: dict[str, str]) -> None:
    """A CloudFormation stack whose outputs name the backend (moto's CloudFormation cannot
    hold Cognito resources, so the pool is created through the API and named here)."""
    template = {
        "Resources": {"Marker": {"Type": "AWS::SNS::Topic"}},
        "Outputs": {key: {"Value": value} for key, value in outputs.items()},
    }
    import json

    session.client("cloudformation").create_stack(StackName=name, TemplateBody=json.dumps(template))
