"""Cognito's documented quotas, one test per limit: the limit passes, one more is refused.
Also CloudFormation's 500 resources per stack."""

from __future__ import annotations

from typing import Any

import pytest

from cognito_auth import AuthConfig
from cognito_auth.config.quotas import resource_count
from cognito_auth.errors import format_path
from problem_support import all_problems

DOMAIN = {
    "domain_prefix": "shop-auth",
    "callback_urls": ["https://app.example.com/"],
    "logout_urls": ["https://app.example.com/"],
}


def custom(n: int) -> dict[str, Any]:
    return {"user_attributes": {"custom": {f"a{i}": {} for i in range(n)}}}


def groups(n: int) -> dict[str, Any]:
    return {"groups": [f"G{i}" for i in range(n)], "identity_pool": False}


def clients(n: int, **extra: Any) -> dict[str, Any]:
    return {"clients": [f"c{i}" for i in range(n)], **extra}


def providers(n: int) -> dict[str, Any]:
    oidc = [
        {
            "name": f"Idp{i}",
            "client_id": "x",
            "client_secret": {"secrets_manager": "shop/idp"},
            "issuer_url": f"https://idp{i}.example.com",
            "attribute_mapping": {"email": "email"},
        }
        for i in range(n)
    ]
    return {"login_with": {"email": True, "external_providers": {**DOMAIN, "oidc": oidc}}}


def hosted(n: int) -> dict[str, Any]:
    return {
        "login_with": {
            "email": True,
            "external_providers": {**DOMAIN, "managed_login_version": "managed_login"},
        },
        "clients": [f"c{i}" for i in range(n)],
        "identity_pool": False,
    }


@pytest.mark.parametrize(
    ("build", "limit", "path", "fragment"),
    [
        (custom, 50, "user_attributes.custom", "50 custom attributes per user pool (not"),
        (groups, 10_000, "groups", "10,000 groups per user pool (not adjustable)"),
        (
            lambda n: clients(n, identity_pool=False),
            1_000,
            "clients",
            "1,000 app clients per user pool by default (adjustable in Service Quotas up to 10,000",
        ),
        (providers, 300, "login_with.external_providers", "300 identity providers per user"),
        (hosted, 20, "clients", "20 managed login branding styles per user pool"),
        (clients, 10, "clients", "10 identity providers with role mappings per identity pool"),
    ],
)
def test_each_quota(build: Any, limit: int, path: str, fragment: str) -> None:
    at_limit = [m for m in messages(build(limit)) if "Cognito allows" in m]
    assert at_limit == []
    over = [m for m in messages(build(limit + 1)) if fragment in m]
    assert len(over) == 1, messages(build(limit + 1))[:3]
    assert over[0].startswith(f"{path}: {limit + 1:,} ")


def test_fifty_user_clients_per_identity_pool_is_covered_by_the_ten_role_mappings() -> None:
    found = messages(clients(51))
    assert any("50 Amazon Cognito user pool providers" in m for m in found)
    assert any("10 identity providers with role mappings" in m for m in found)


def test_a_backend_over_500_resources_is_refused_with_its_count() -> None:
    data = {"groups": [f"G{i}" for i in range(300)]}
    found = messages(data)
    assert found == [
        "(configuration): this backend needs 605 CloudFormation resources; a stack holds at "
        "most 500"
    ]
    fits = {"groups": [f"G{i}" for i in range(247)]}
    assert messages(fits) == []
    assert resource_count(AuthConfig.model_validate(fits)) == 499


@pytest.mark.parametrize(
    ("data", "path"),
    [
        (
            {
                "resource_servers": [
                    {"identifier": f"api{i}", "name": "API", "scopes": []} for i in range(26)
                ]
            },
            "resource_servers",
        ),
        (
            {
                "resource_servers": [
                    {
                        "identifier": "api",
                        "name": "API",
                        "scopes": [{"name": f"s{i}", "description": "d"} for i in range(101)],
                    }
                ]
            },
            "resource_servers[0].scopes",
        ),
        (
            {"clients": [{"name": "web", "scopes": [f"api/s{i}" for i in range(51)]}]},
            "clients[0].scopes",
        ),
        (
            {
                "clients": [
                    {
                        "name": "web",
                        "callback_urls": [f"https://a.example.com/{i}" for i in range(101)],
                    }
                ]
            },
            "clients[0].callback_urls",
        ),
        (
            {
                "clients": [
                    {
                        "name": "web",
                        "callback_urls": ["https://a.example.com/"],
                        "logout_urls": [f"https://a.example.com/{i}" for i in range(101)],
                    }
                ]
            },
            "clients[0].logout_urls",
        ),
        (
            {
                "login_with": {
                    "email": True,
                    "external_providers": {
                        **DOMAIN,
                        "saml": [
                            {
                                "name": "Corp",
                                "metadata": {"url": "https://corp.example.com/m.xml"},
                                "identifiers": [f"d{i}.example.com" for i in range(51)],
                                "attribute_mapping": {"email": "mail"},
                            }
                        ],
                    },
                }
            },
            "login_with.external_providers.saml[0].identifiers",
        ),
        ({"user_attributes": {"custom": {"a" * 21: {}}}}, "user_attributes.custom"),
        (
            {
                "groups": ["GOLD"],
                "role_mapping_rules": [
                    {"claim": "sub", "match_type": "Equals", "value": "x", "role": "group:GOLD"}
                ]
                * 26,
            },
            "role_mapping_rules",
        ),
        ({"password_policy": {"min_length": 100}}, "password_policy.min_length"),
        ({"password_policy": {"min_length": 5}}, "password_policy.min_length"),
    ],
)
def test_quotas_enforced_on_their_own_fields(data: dict[str, Any], path: str) -> None:
    found = messages(data)
    assert any(m.startswith(path) for m in found), found


def messages(data: dict[str, Any]) -> list[str]:
    return [f"{format_path(p.path)}: {p.message}" for p in all_problems(data)]
