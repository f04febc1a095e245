"""The sweep over every synthesized template: the identity pool roles get no wildcard
action, every role that trusts Cognito identities names the identity pool (``aud``)
and the authentication state (``amr``), and every provider secret is a reference.

``tests/conftest.py`` runs it after each test on the templates that test synthesized
(``support.SYNTHESIZED``); written apart from the package's own synth-time check, so
that one does not vouch for the other.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from iam_eval import role_statements, roles

COGNITO = "cognito-identity.amazonaws.com"


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def cognito_trust(template: Mapping[str, Any], role: str) -> list[dict[str, Any]]:
    """The statements of the role's trust policy that trust Cognito identities."""
    document = template["Resources"][role].get("Properties", {}).get("AssumeRolePolicyDocument")
    statements = _list((document or {}).get("Statement", []))
    return [
        s
        for s in statements
        if isinstance(s.get("Principal"), dict)
        and COGNITO in _list(s["Principal"].get("Federated"))
    ]


SECRET_DETAILS = ("client_secret", "private_key")
"""ProviderDetails keys of identity providers that hold secrets."""
SSM_READER = "Custom::CognitoAuthSsmSecureString"


def secret_problems(template: Mapping[str, Any]) -> Iterator[str]:
    """Every provider secret in the template is a reference, never a value."""
    resources = template.get("Resources", {})
    for name, resource in resources.items():
        if resource.get("Type") != "AWS::Cognito::UserPoolIdentityProvider":
            continue
        details = resource.get("Properties", {}).get("ProviderDetails", {})
        for key in SECRET_DETAILS:
            value = details.get(key)
            if value is None:
                continue
            if isinstance(value, str) and value.startswith("{{resolve:secretsmanager:"):
                continue
            if isinstance(value, dict) and "Fn::GetAtt" in value:
                target = value["Fn::GetAtt"][0]
                if resources.get(target, {}).get("Type") == SSM_READER:
                    continue
            yield f"{name}: ProviderDetails.{key} is not a secret reference"


def sweep_problems(template: Mapping[str, Any]) -> Iterator[str]:
    yield from secret_problems(template)
    for role in roles(template):
        trusted = cognito_trust(template, role)
        if not trusted:
            continue
        for statement in trusted:
            condition = statement.get("Condition", {})
            aud = condition.get("StringEquals", {}).get(f"{COGNITO}:aud")
            amr = condition.get("ForAnyValue:StringLike", {}).get(f"{COGNITO}:amr")
            if not aud:
                yield f"{role}: trusts {COGNITO} without an aud condition"
            if amr not in ("authenticated", "unauthenticated"):
                yield f"{role}: trusts {COGNITO} without an amr condition"
        for statement in role_statements(template, role, raw=True):
            if "NotAction" in statement:
                yield f"{role}: a statement with NotAction"
            for action in _list(statement.get("Action", [])):
                if not isinstance(action, str) or "*" in action or "?" in action:
                    yield f"{role}: the wildcard action {action!r}"
