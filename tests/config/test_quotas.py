"""Cognito's documented quotas, one test per limit: the limit passes, one more is refused.
Also CloudFormation's 500 resources per stack."""

from __future__ import annotations

from typing import Any

import pytest

from cognito_auth import AuthConfig
from cognito_auth.config.quotas import resource_count
from cognito_auth.errors import Problem, format_path
from problem_support import all_problems, assert_only

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
    ("build", "limit", "path"),
    [
        (custom, 50, "user_attributes.custom"),
        (groups, 10_000, "groups"),
        (lambda n: clients(n, identity_pool=False), 1_000, "clients"),
        (providers, 300, "login_with.external_providers"),
        (hosted, 20, "clients"),  # managed login branding styles
        (clients, 10, "clients"),  # identity providers with role mappings per identity pool
    ],
)
def test_each_quota(build: Any, limit: int, path: str) -> None:
    """The quota at ``path`` (told from the others there by its limit): the limit passes,
    one more is refused, with the count received."""
    assert quota_problems(build(limit)) == []
    over = [p for p in quota_problems(build(limit + 1)) if p.allowed == f"at most {limit:,}"]
    assert [(format_path(p.path), p.received) for p in over] == [(path, f"{limit + 1:,}")]


def test_fifty_user_clients_per_identity_pool_is_covered_by_the_ten_role_mappings() -> None:
    found = {(format_path(p.path), p.allowed) for p in quota_problems(clients(51))}
    assert ("clients", "at most 50") in found  # user pool providers of an identity pool
    assert ("clients", "at most 10") in found  # identity providers with role mappings


def test_a_backend_over_500_resources_is_refused_with_its_count() -> None:
    data = {"groups": [f"G{i}" for i in range(300)]}
    found = assert_only(data, "(configuration)", "too_many_resources")
    assert found.received == "605 resources"
    fits = {"groups": [f"G{i}" for i in range(247)]}
    assert all_problems(fits) == []
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
    found = [format_path(p.path) for p in all_problems(data)]
    assert any(f.startswith(path) for f in found), found


def quota_problems(data: dict[str, Any]) -> list[Problem]:
    """The problems of Cognito's quotas (``quota_exceeded``) of ``data``."""
    return [p for p in all_problems(data) if p.code == "quota_exceeded"]
