"""App clients and resource servers in the configuration: defaults, kinds, inheritance
from external_providers, and every error branch with its path and code pinned."""

from __future__ import annotations

from typing import Any

import pytest

from cognito_auth import AuthConfig
from cognito_auth.config.clients import duration_minutes, show_minutes
from cognito_auth.errors import format_path
from problem_support import assert_only, codes, refused
from samples import API, HOSTED

MACHINE = {"name": "backend", "kind": "machine", "scopes": ["https://api.example.com/orders.read"]}


def only(data: dict[str, Any]) -> tuple[str, str]:
    """The one problem of ``data``: its rendered path and its code."""
    found = codes(data)
    assert len(found) == 1, found
    ((path, (code, *more)),) = found.items()
    assert not more, found
    return path, code


def with_api(**extra: Any) -> dict[str, Any]:
    """A configuration with a domain and the API resource server."""
    return {
        "login_with": {"email": True, "external_providers": {"domain_prefix": "shop-auth"}},
        "resource_servers": [API],
        **extra,
    }


# --- defaults ------------------------------------------------------------------------------


def test_without_clients_there_is_one_spa_client_named_web() -> None:
    config = AuthConfig()
    (web,) = config.clients
    assert (web.name, web.kind, web.generate_secret) == ("web", "spa", False)
    assert web.configured_flows == ("user_srp",)
    assert web.token_revocation
    assert web.prevent_user_existence_errors
    assert config.default_client is web
    assert config.client_oauth(web) is None


def test_plain_names_are_spa_clients() -> None:
    config = AuthConfig(clients=["web", "admin"])
    assert [(c.name, c.kind) for c in config.clients] == [("web", "spa"), ("admin", "spa")]


@pytest.mark.parametrize(
    ("clients", "default"),
    [
        (["admin", "web"], "web"),
        ([{"name": "api", "kind": "server"}, {"name": "mobile", "kind": "native"}], "mobile"),
        ([{"name": "api", "kind": "server"}, "app"], "app"),
        ([{"name": "portal", "kind": "server"}, {"name": "other", "kind": "server"}], "portal"),
    ],
)
def test_the_default_client(clients: list[Any], default: str) -> None:
    assert AuthConfig(clients=clients).default_client.name == default


def test_the_secret_follows_the_kind() -> None:
    config = AuthConfig.model_validate(
        with_api(
            clients=[
                "web",
                {"name": "mobile", "kind": "native"},
                {"name": "portal", "kind": "server"},
                MACHINE,
            ]
        )
    )
    assert [c.generate_secret for c in config.clients] == [False, False, True, True]
    assert [c.configured_flows for c in config.clients] == [
        ("user_srp",),
        ("user_srp",),
        ("user_srp",),
        (),
    ]
    assert [c.name for c in config.user_clients] == ["web", "mobile", "portal"]


def test_oauth_settings_are_inherited_from_external_providers() -> None:
    config = AuthConfig.model_validate(
        {
            "login_with": {"email": True, "external_providers": HOSTED},
            "clients": [
                "web",
                {"name": "portal", "kind": "server"},
                {"name": "mobile", "kind": "native"},
                {
                    "name": "tablet",
                    "kind": "native",
                    "callback_urls": ["myapp://callback"],
                    "scopes": ["openid", "email"],
                },
            ],
        }
    )
    web, portal, mobile, tablet = (config.client_oauth(c) for c in config.clients)
    assert web is not None
    assert portal is not None
    assert tablet is not None
    assert web == portal
    assert (web.flow, web.callback_urls, web.logout_urls) == (
        "code",
        ("https://shop.example.com/",),
        ("https://shop.example.com/bye",),
    )
    assert web.scopes == ("openid", "email", "profile")
    assert mobile is None, "a native app needs its own scheme, not the web URLs"
    assert (tablet.callback_urls, tablet.logout_urls, tablet.scopes) == (
        ("myapp://callback",),
        (),
        ("openid", "email"),
    )


def test_machine_clients_use_client_credentials() -> None:
    config = AuthConfig.model_validate(with_api(clients=["web", MACHINE]))
    oauth = config.client_oauth(config.clients[1])
    assert oauth is not None
    assert (oauth.flow, oauth.scopes) == (
        "client_credentials",
        ("https://api.example.com/orders.read",),
    )


def test_durations() -> None:
    assert [duration_minutes(d) for d in ("5m", "2h", "30d")] == [5, 120, 43200]
    assert [show_minutes(m) for m in (1, 60, 90, 1440, 2880)] == [
        "1 minute",
        "1 hour",
        "90 minutes",
        "1 day",
        "2 days",
    ]
    with pytest.raises(ValueError, match="not a duration"):
        duration_minutes("1 hour")


def test_token_validity_within_bounds() -> None:
    config = AuthConfig(
        clients=[
            {
                "name": "web",
                "token_validity": {
                    "access_token": "5m",
                    "id_token": "1d",
                    "refresh_token": "3650d",
                },
            }
        ]
    )
    validity = config.clients[0].token_validity
    assert [validity.minutes(n) for n in ("access_token", "id_token", "refresh_token")] == [
        5,
        1440,
        3650 * 1440,
    ]


# --- errors of one client --------------------------------------------------------------------


def client(**fields: Any) -> dict[str, Any]:
    return {"clients": [{"name": "web", **fields}]}


@pytest.mark.parametrize(
    ("fields", "path", "code"),
    [
        (
            {"token_validity": {"access_token": "2d"}},
            "clients[0].token_validity.access_token",
            "out_of_range",
        ),
        (
            {"token_validity": {"id_token": "4m"}},
            "clients[0].token_validity.id_token",
            "out_of_range",
        ),
        (
            {"token_validity": {"refresh_token": "59m"}},
            "clients[0].token_validity.refresh_token",
            "out_of_range",
        ),
        (
            {"token_validity": {"refresh_token": "3651d"}},
            "clients[0].token_validity.refresh_token",
            "out_of_range",
        ),
        (
            {"token_validity": {"access_token": "1d", "refresh_token": "1d"}},
            "clients[0].token_validity.access_token",
            "token_validity_order",
        ),
        (
            {"token_validity": {"id_token": "12h", "refresh_token": "2h"}},
            "clients[0].token_validity.id_token",
            "token_validity_order",
        ),
        (
            {"token_validity": {"refresh_token": "1h"}},
            "clients[0].token_validity.refresh_token",
            "token_validity_order",
        ),
        (
            {"token_validity": {"access_token": "1 hour"}},
            "clients[0].token_validity.access_token",
            "invalid_duration",
        ),
        (
            {"token_validity": {"access_token": "0m"}},
            "clients[0].token_validity.access_token",
            "zero_duration",
        ),
        (
            {"generate_secret": True},
            "clients[0].generate_secret",
            "secret_not_allowed",
        ),
        (
            {"kind": "server", "generate_secret": False},
            "clients[0].generate_secret",
            "secret_required",
        ),
        (
            {"scopes": ["openid", "read"]},
            "clients[0].scopes[1]",
            "unknown_scope",
        ),
        (
            {"scopes": ["has space/x"]},
            "clients[0].scopes[0]",
            "invalid_scope",
        ),
        (
            {"read_attributes": []},
            "clients[0].read_attributes",
            "empty",
        ),
        (
            {"write_attributes": ["email_verified"]},
            "clients[0].write_attributes[0]",
            "read_only_attribute",
        ),
        (
            {"read_attributes": ["mail"]},
            "clients[0].read_attributes[0]",
            "unknown_attribute",
        ),
        (
            {"read_attributes": ["email", "email"]},
            "clients[0].read_attributes[0]",
            "duplicate",
        ),
        (
            {"auth_flows": ["user_srp", "password"]},
            "clients[0].auth_flows[1]",
            "literal_error",
        ),
        (
            {"callback_urls": [], "logout_urls": ["https://a.example.com/"]},
            "clients[0].logout_urls",
            "logout_urls_without_callback_urls",
        ),
        (
            {"refresh_token_rotation": {"retry_grace_period_seconds": 61}},
            "clients[0].refresh_token_rotation.retry_grace_period_seconds",
            "less_than_equal",
        ),
        (
            {"name": "-web"},
            "clients[0].name",
            "string_pattern_mismatch",
        ),
    ],
)
def test_client_errors(fields: dict[str, Any], path: str, code: str) -> None:
    assert only(client(**fields)) == (path, code)


@pytest.mark.parametrize(
    ("fields", "path", "code"),
    [
        (
            {"auth_flows": ["user_srp"]},
            "clients[1].auth_flows",
            "machine_client_user_setting",
        ),
        (
            {"callback_urls": ["https://a.example.com/"]},
            "clients[1].callback_urls",
            "machine_client_user_setting",
        ),
        (
            {"logout_urls": ["https://a.example.com/"]},
            "clients[1].logout_urls",
            "machine_client_user_setting",
        ),
        (
            {"scopes": []},
            "clients[1].scopes",
            "machine_client_without_scopes",
        ),
        (
            {"scopes": ["openid"]},
            "clients[1].scopes[0]",
            "user_scope_on_machine_client",
        ),
        (
            {"scopes": ["https://api.example.com/orders.delete"]},
            "clients[1].scopes[0]",
            "unknown_scope",
        ),
        (
            {"read_attributes": ["email"]},
            "clients[1].read_attributes",
            "machine_client_user_setting",
        ),
        (
            {"token_validity": {"id_token": "1h"}},
            "clients[1].token_validity.id_token",
            "machine_client_user_setting",
        ),
        (
            {"token_validity": {"refresh_token": "10d"}},
            "clients[1].token_validity.refresh_token",
            "machine_client_user_setting",
        ),
        (
            {"refresh_token_rotation": True},
            "clients[1].refresh_token_rotation",
            "machine_client_user_setting",
        ),
        (
            {"generate_secret": False},
            "clients[1].generate_secret",
            "secret_required",
        ),
    ],
)
def test_machine_client_errors(fields: dict[str, Any], path: str, code: str) -> None:
    assert only(with_api(clients=["web", {**MACHINE, **fields}])) == (path, code)


def test_machine_client_without_scopes() -> None:
    assert only(with_api(clients=["web", {"name": "m", "kind": "machine"}])) == (
        "clients[1].scopes",
        "machine_client_without_scopes",
    )


# --- rules across the configuration ----------------------------------------------------------


def test_machine_clients_need_a_domain() -> None:
    data = {"resource_servers": [API], "clients": ["web", MACHINE]}
    assert only(data) == (
        "clients[1].kind",
        "machine_client_without_domain",
    )


def test_callback_urls_need_a_domain() -> None:
    assert only(client(callback_urls=["https://a.example.com/"])) == (
        "clients[0].callback_urls",
        "callback_urls_without_domain",
    )


def test_scopes_without_oauth() -> None:
    assert only(client(scopes=["openid"])) == (
        "clients[0].scopes",
        "scopes_without_callback_urls",
    )


def test_logout_urls_of_a_native_client_without_callback_urls() -> None:
    data = {"clients": [{"name": "app", "kind": "native", "logout_urls": ["myapp://bye"]}]}
    assert_only(data, "clients[0].logout_urls", "logout_urls_without_callback_urls")


def test_user_scopes_need_openid_and_may_name_resource_server_scopes() -> None:
    hosted = {
        "login_with": {"email": True, "external_providers": HOSTED},
        "resource_servers": [API],
    }
    AuthConfig.model_validate(
        {**hosted, "clients": [{"name": "web", "scopes": ["https://api.example.com/orders.read"]}]}
    )
    assert_only(
        {**hosted, "clients": [{"name": "web", "scopes": ["email"]}]},
        "clients[0].scopes",
        "scope_needs_openid",
    )


def test_client_names_are_unique() -> None:
    found = {
        format_path(p.path): (p.code, p.received)
        for p in refused({"clients": ["web", "Web", "web"]})
    }
    assert found == {
        "clients[2].name": ("client_name_clash", "web"),
        "clients[1].name": ("client_name_clash", "Web"),
    }


def test_at_least_one_client_and_one_user_client() -> None:
    assert only({"clients": []}) == ("clients", "no_client")
    assert only(with_api(clients=[MACHINE])) == (
        "clients",
        "only_machine_clients",
    )


def test_attributes_must_exist_and_writable_ones_be_mutable() -> None:
    data = {
        "user_attributes": {
            "nickname": {"mutable": False},
            "custom": {"tenant": {"mutable": False}, "plan": {}},
        },
        "clients": [
            {
                "name": "web",
                "read_attributes": ["email", "email_verified", "custom:tenant", "custom:nope"],
                "write_attributes": ["email", "nickname", "custom:tenant", "custom:plan"],
            }
        ],
    }
    assert codes(data) == {
        "clients[0].read_attributes[3]": ["unknown_attribute"],
        "clients[0].write_attributes[1]": ["immutable_attribute_writable"],
        "clients[0].write_attributes[2]": ["immutable_attribute_writable"],
    }


def test_mapped_attributes_must_be_writable_by_oauth_clients() -> None:
    google = {
        "client_id": "1.apps.googleusercontent.com",
        "client_secret": {"secrets_manager": "g"},
    }
    data = {
        "login_with": {"email": True, "external_providers": {**HOSTED, "google": google}},
        "clients": [{"name": "web", "write_attributes": ["given_name"]}],
    }
    assert only(data) == (
        "clients[0].write_attributes",
        "mapped_attribute_not_writable",
    )


def test_refresh_token_rotation_needs_essentials() -> None:
    AuthConfig(clients=[{"name": "web", "refresh_token_rotation": True}])
    assert_only(
        {"feature_plan": "lite", "clients": [{"name": "web", "refresh_token_rotation": True}]},
        "clients[0].refresh_token_rotation",
        "plan_required",
    )


# --- resource servers --------------------------------------------------------------------------


def test_resource_server_scopes() -> None:
    config = AuthConfig.model_validate(with_api())
    assert config.resource_servers[0].scope_strings() == (
        "https://api.example.com/orders.read",
        "https://api.example.com/orders.write",
    )


@pytest.mark.parametrize(
    ("server", "path", "code"),
    [
        (
            {**API, "identifier": "https://api.example.com/"},
            "resource_servers[0].identifier",
            "identifier_trailing_slash",
        ),
        (
            {**API, "identifier": "http://api.example.com"},
            "resource_servers[0].identifier",
            "insecure_scheme",
        ),
        (
            {**API, "identifier": "has space"},
            "resource_servers[0].identifier",
            "string_pattern_mismatch",
        ),
        (
            {**API, "scopes": [{"name": "a/b", "description": "x"}]},
            "resource_servers[0].scopes[0].name",
            "string_pattern_mismatch",
        ),
        (
            {**API, "scopes": [{"name": "read", "description": ""}]},
            "resource_servers[0].scopes[0].description",
            "string_too_short",
        ),
        (
            {
                **API,
                "scopes": [{"name": "r", "description": "x"}, {"name": "r", "description": "y"}],
            },
            "resource_servers[0].scopes[0].name",
            "duplicate",
        ),
        (
            {**API, "identifier": "x" * 250, "scopes": [{"name": "abcdefgh", "description": "x"}]},
            "resource_servers[0].scopes[0].name",
            "too_long",
        ),
    ],
)
def test_resource_server_errors(server: dict[str, Any], path: str, code: str) -> None:
    assert only({"resource_servers": [server]}) == (path, code)


def test_resource_server_identifiers_are_unique_and_limited() -> None:
    assert_only({"resource_servers": [API, API]}, "resource_servers[0].identifier", "duplicate")
    many = [{"identifier": f"api-{n}", "name": "API"} for n in range(26)]
    assert only({"resource_servers": many}) == (
        "resource_servers",
        "too_many_resource_servers",
    )
