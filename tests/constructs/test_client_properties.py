"""Property tests: client names, scopes, resource server identifiers and token lifetimes
agree with Cognito's own patterns and bounds (CloudFormation registry schemas, Cognito's
API reference), and whatever the input, validation accepts it and the backend
synthesizes, or raises ConfigError, never anything else."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cognito_auth import AuthConfig, ConfigError
from support import synth

# AWS::Cognito::UserPoolClient ClientName and AllowedOAuthScopes items, and
# AWS::Cognito::UserPoolResourceServer Identifier.
COGNITO_CLIENT_NAME = re.compile(r"^[\w\s+=,.@-]{1,128}$")
COGNITO_SCOPE = re.compile(r"^[\x21\x23-\x5b\x5d-\x7e]{1,256}$")
COGNITO_IDENTIFIER = re.compile(r"^[\x21\x23-\x5b\x5d-\x7e]{1,256}$")
HOSTED = {"email": True, "external_providers": {"domain_prefix": "shop-auth"}}

FAST = settings(
    max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


def accepted(data: dict[str, Any]) -> AuthConfig | None:
    try:
        return AuthConfig.model_validate(data)
    except ConfigError:
        return None


@FAST
@given(st.text(max_size=80) | st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.@+=,-]{0,70}", fullmatch=True))
def test_client_names_follow_cognito_s_pattern(name: str) -> None:
    config = accepted({"name": "shop", "clients": [name]})
    if config is not None:
        assert COGNITO_CLIENT_NAME.match(f"shop-{name}"), name


@FAST
@given(st.text(max_size=12), st.sampled_from(["access_token", "id_token", "refresh_token"]))
def test_any_lifetime_is_accepted_within_bounds_or_refused(text: str, token: str) -> None:
    config = accepted({"clients": [{"name": "web", "token_validity": {token: text}}]})
    if config is None:
        return
    validity = config.clients[0].token_validity
    access, id_, refresh = (
        validity.minutes(n) for n in ("access_token", "id_token", "refresh_token")
    )
    assert 5 <= access <= 1440, text
    assert 5 <= id_ <= 1440, text
    assert 60 <= refresh <= 3650 * 1440, text
    assert max(access, id_) < refresh, text


@FAST
@given(st.text(max_size=40) | st.from_regex(r"https://[a-z.]{1,20}(/[a-z]{0,5})?", fullmatch=True))
def test_resource_server_identifiers_and_scopes_follow_cognito_s_patterns(identifier: str) -> None:
    server = {
        "identifier": identifier,
        "name": "API",
        "scopes": [{"name": "read", "description": "r"}],
    }
    config = accepted(
        {
            "login_with": HOSTED,
            "resource_servers": [server],
            "clients": [
                "web",
                {"name": "jobs", "kind": "machine", "scopes": [f"{identifier}/read"]},
            ],
        }
    )
    if config is not None:
        assert COGNITO_IDENTIFIER.match(identifier), identifier
        assert all(COGNITO_SCOPE.match(s) for s in config.clients[1].scopes or ()), identifier


kinds = st.sampled_from(["spa", "native", "server", "machine"])
lifetimes = st.fixed_dictionaries(
    {},
    optional={
        "access_token": st.sampled_from(["5m", "15m", "1h", "1d"]),
        "id_token": st.sampled_from(["5m", "30m", "12h"]),
        "refresh_token": st.sampled_from(["2d", "30d", "3650d"]),
    },
)


@settings(
    max_examples=8, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(st.tuples(kinds, lifetimes, st.booleans()), min_size=1, max_size=4))
def test_valid_client_lists_synthesize(specs: list[tuple[str, dict[str, str], bool]]) -> None:
    clients: list[dict[str, Any]] = [{"name": "web"}]
    for index, (kind, validity, rotation) in enumerate(specs):
        client: dict[str, Any] = {"name": f"c{index}", "kind": kind, "token_validity": validity}
        if kind == "machine":
            client["scopes"] = ["orders/read"]
            client["token_validity"] = {k: v for k, v in validity.items() if k == "access_token"}
        elif kind == "native":
            client["callback_urls"] = [f"app{index}://cb"]
        if rotation and kind != "machine":
            client["refresh_token_rotation"] = True
        clients.append(client)
    data = {
        "login_with": {
            **HOSTED,
            "external_providers": {
                "domain_prefix": "shop-auth",
                "callback_urls": ["https://shop.example.com/"],
                "logout_urls": ["https://shop.example.com/"],
            },
        },
        "resource_servers": [
            {
                "identifier": "orders",
                "name": "Orders",
                "scopes": [{"name": "read", "description": "r"}],
            }
        ],
        "clients": clients,
    }
    if accepted(data) is None:
        return  # a lifetime combination Cognito refuses (ID token longer than refresh...)
    result = synth(data)
    assert len(result.resources("AWS::Cognito::UserPoolClient")) == len(clients)
