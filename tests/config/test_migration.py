"""``migrate_users_from``: formats, the region rule, the refused client secret, and the
pool's own sign-in; each pinned with its path and code (and the way out a user reads)."""

from __future__ import annotations

from typing import Any

import pytest

from cognito_auth import AuthConfig, ConfigError
from cognito_auth.config.triggers import trigger_problems
from cognito_auth.errors import Problem, format_path
from problem_support import assert_only

MIGRATE = {"user_pool_id": "us-east-1_AbCdEf123", "client_id": "1a2b3c4d5e6f7g8h9i0j1k2l3m"}


def data(migrate: Any, **config: Any) -> dict[str, Any]:
    return {"migrate_users_from": migrate, **config}


def only(migrate: Any, path: str, code: str, **config: Any) -> Problem:
    """The one problem of ``migrate_users_from: migrate``: ``code`` at ``path``."""
    return assert_only(data(migrate, **config), path, code)


def rendered(migrate: Any) -> str:
    with pytest.raises(ConfigError) as caught:
        AuthConfig.model_validate(data(migrate))
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
    ("field", "value", "code"),
    [
        ("user_pool_id", "AbCdEf123", "invalid_user_pool_id"),
        ("user_pool_id", "us-east-1_", "invalid_user_pool_id"),
        ("user_pool_id", "us-east-1_a-b", "invalid_user_pool_id"),
        ("client_id", "Not a client!", "invalid_client_id"),
        ("client_id", "", "invalid_client_id"),
        ("region", "Virginia", "invalid_region"),
    ],
)
def test_formats(field: str, value: str, code: str) -> None:
    found = only({**MIGRATE, field: value}, f"migrate_users_from.{field}", code)
    assert found.received == value


def test_the_region_must_be_the_pool_id_s() -> None:
    found = only({**MIGRATE, "region": "eu-west-1"}, "migrate_users_from.region", "region_mismatch")
    assert (found.received, found.allowed) == ("eu-west-1", "us-east-1")
    assert found.hint == "set region: us-east-1, or leave region out"


def test_a_client_secret_is_refused_with_the_way_out_and_never_shown() -> None:
    path, code = "migrate_users_from.client_secret", "client_secret_unsupported"
    found = only({**MIGRATE, "client_secret": "s3cr3t-value"}, path, code)
    assert "ALLOW_ADMIN_USER_PASSWORD_AUTH" in (found.hint or "")
    assert "s3cr3t-value" not in rendered({**MIGRATE, "client_secret": "s3cr3t-value"})
    only({**MIGRATE, "client_secret": {"secrets_manager": "old/client"}}, path, code)


def test_required_fields_and_unknown_keys() -> None:
    only({"user_pool_id": "us-east-1_AbCdEf123"}, "migrate_users_from.client_id", "missing")
    only({**MIGRATE, "pool": "x"}, "migrate_users_from.pool", "extra_forbidden")


def test_a_pool_without_its_own_sign_in_cannot_migrate() -> None:
    only(
        MIGRATE,
        "migrate_users_from",
        "migration_without_cognito_sign_in",
        login_with={
            "external_providers": {
                "google": {"client_id": "g", "client_secret": {"secrets_manager": "g"}},
                "domain_prefix": "shop-auth",
                "callback_urls": ["https://app.example.com/"],
                "logout_urls": ["https://app.example.com/"],
            }
        },
    )


def test_a_user_migration_trigger_is_refused_beside_it() -> None:
    config = AuthConfig.model_validate({"migrate_users_from": MIGRATE})
    found = list(trigger_problems({"user_migration": object()}, config))
    assert [format_path(p.path) for p in found] == ["triggers.user_migration"]
    assert not list(trigger_problems({"user_migration": object()}, AuthConfig.model_validate({})))
