"""``migrate_users_from``: formats, the region rule, the refused client secret, and the
pool's own sign-in; each pinned with its rendered text."""

from __future__ import annotations

from typing import Any

import pytest

from cognito_auth import AuthConfig, ConfigError
from cognito_auth.config.triggers import trigger_problems
from cognito_auth.errors import format_path

MIGRATE = {"user_pool_id": "us-east-1_AbCdEf123", "client_id": "1a2b3c4d5e6f7g8h9i0j1k2l3m"}


def problems(migrate: Any, **config: Any) -> str:
    with pytest.raises(ConfigError) as caught:
        AuthConfig.model_validate({"migrate_users_from": migrate, **config})
    return caught.value.render()


def test_a_valid_setting() -> None:
    config = AuthConfig.model_validate({"migrate_users_from": MIGRATE})
    assert config.migrate_users_from is not None
    assert config.migrate_users_from.region is None
    assert config.migrate_users_from.source_region == "us-east-1"
    with_region = AuthConfig.model_validate(
        {"migrate_users_from": {**MIGRATE, "user_pool_id": "eu-west-1_X1", "region": "eu-west-1"}}
    )
    assert with_region.migrate_users_from is not None
    assert with_region.migrate_users_from.source_region == "eu-west-1"
    assert AuthConfig.model_validate({}).migrate_users_from is None


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("user_pool_id", "AbCdEf123", "migrate_users_from.user_pool_id: is not a user pool id"),
        ("user_pool_id", "us-east-1_", "migrate_users_from.user_pool_id: is not a user pool id"),
        ("user_pool_id", "us-east-1_a-b", "migrate_users_from.user_pool_id: is not a user pool"),
        ("client_id", "Not a client!", "migrate_users_from.client_id: is not an app client id"),
        ("client_id", "", "migrate_users_from.client_id: is not an app client id"),
        ("region", "Virginia", "migrate_users_from.region: is not an AWS region"),
    ],
)
def test_formats(field: str, value: str, expected: str) -> None:
    text = problems({**MIGRATE, field: value})
    assert expected in text
    assert f'received "{value}"' in text


def test_the_region_must_be_the_pool_id_s() -> None:
    text = problems({**MIGRATE, "region": "eu-west-1"})
    assert (
        "migrate_users_from.region: the pool id us-east-1_AbCdEf123 belongs to us-east-1, not "
        'eu-west-1 (received "eu-west-1"; allowed: us-east-1)'
    ) in text
    assert "hint: set region: us-east-1, or leave region out" in text


def test_a_client_secret_is_refused_with_the_way_out_and_never_shown() -> None:
    text = problems({**MIGRATE, "client_secret": "s3cr3t-value"})
    assert "migrate_users_from.client_secret: an old client with a secret is not supported" in text
    assert "ALLOW_ADMIN_USER_PASSWORD_AUTH" in text
    assert "s3cr3t-value" not in text
    text = problems({**MIGRATE, "client_secret": {"secrets_manager": "old/client"}})
    assert "an old client with a secret is not supported" in text


def test_required_fields_and_unknown_keys() -> None:
    text = problems({"user_pool_id": "us-east-1_AbCdEf123"})
    assert "migrate_users_from.client_id: field required" in text
    assert "migrate_users_from.pool: " in problems({**MIGRATE, "pool": "x"})


def test_a_pool_without_its_own_sign_in_cannot_migrate() -> None:
    text = problems(
        MIGRATE,
        login_with={
            "external_providers": {
                "google": {"client_id": "g", "client_secret": {"secrets_manager": "g"}},
                "domain_prefix": "shop-auth",
                "callback_urls": ["https://app.example.com/"],
                "logout_urls": ["https://app.example.com/"],
            }
        },
    )
    assert "migrate_users_from: users move in when they sign in with a password" in text


def test_a_user_migration_trigger_is_refused_beside_it() -> None:
    config = AuthConfig.model_validate({"migrate_users_from": MIGRATE})
    found = list(trigger_problems({"user_migration": object()}, config))
    assert [format_path(p.path) for p in found] == ["triggers.user_migration"]
    assert not list(trigger_problems({"user_migration": object()}, AuthConfig.model_validate({})))
