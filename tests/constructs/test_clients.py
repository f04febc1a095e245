"""App clients and resource servers in the template: each kind's flows, secret, scopes,
token lifetimes and OAuth settings; the identity pool's clients; pinned logical ids;
resource servers and the scopes machine clients request."""

from __future__ import annotations

from typing import Any

from cognito_auth import AuthConfig
from cognito_auth.config.clients import explicit_auth_flows
from cognito_auth.naming import pinned_logical_id, resource_server_construct_id
from samples import API, HOSTED
from support import Synth, synth

CLIENT = "AWS::Cognito::UserPoolClient"
ALL_KINDS: dict[str, Any] = {
    "login_with": {"email": True, "external_providers": HOSTED},
    "resource_servers": [API],
    "clients": [
        "web",
        {"name": "mobile", "kind": "native", "callback_urls": ["shop://callback"]},
        {"name": "portal", "kind": "server"},
        {
            "name": "backend",
            "kind": "machine",
            "scopes": ["https://api.example.com/orders.read"],
            "token_validity": {"access_token": "15m"},
        },
    ],
}


def clients(result: Synth) -> dict[str, dict[str, Any]]:
    """Client properties by logical id prefix (``Web``, ``Mobile``...)."""
    out = {}
    for key, value in result.resources(CLIENT).items():
        name = key.removeprefix("Auth").split("Client")[0]
        out[name] = value["Properties"]
    return out


def test_every_kind() -> None:
    result = synth(ALL_KINDS)
    found = clients(result)
    assert sorted(found) == ["Backend", "Mobile", "Portal", "Web"]
    web, mobile, portal, backend = (found[n] for n in ("Web", "Mobile", "Portal", "Backend"))

    for public in (web, mobile):
        assert public["GenerateSecret"] is False
        assert public["ExplicitAuthFlows"] == ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
        assert public["AllowedOAuthFlows"] == ["code"]
        assert public["AllowedOAuthFlowsUserPoolClient"] is True
    assert web["CallbackURLs"] == ["https://shop.example.com/"]
    assert web["LogoutURLs"] == ["https://shop.example.com/bye"]
    assert mobile["CallbackURLs"] == ["shop://callback"]
    assert mobile["LogoutURLs"] == []

    assert portal["GenerateSecret"] is True
    assert portal["AllowedOAuthFlows"] == ["code"]
    assert portal["CallbackURLs"] == web["CallbackURLs"]
    assert portal["AllowedOAuthScopes"] == ["openid", "email", "profile"]

    assert backend["GenerateSecret"] is True
    assert backend["AllowedOAuthFlows"] == ["client_credentials"]
    (server_id,) = result.resources("AWS::Cognito::UserPoolResourceServer")
    assert backend["AllowedOAuthScopes"] == [
        {"Fn::Join": ["", [{"Ref": server_id}, "/orders.read"]]}
    ]
    assert backend["ExplicitAuthFlows"] == ["ALLOW_REFRESH_TOKEN_AUTH"]
    assert backend["SupportedIdentityProviders"] == ["COGNITO"]
    assert "CallbackURLs" not in backend
    assert (backend["AccessTokenValidity"], backend["TokenValidityUnits"]) == (
        15,
        {"AccessToken": "minutes"},
    )
    for props in found.values():
        assert props["EnableTokenRevocation"] is True
        assert props["PreventUserExistenceErrors"] == "ENABLED"
        assert "implicit" not in props.get("AllowedOAuthFlows", [])


def test_construct_attributes() -> None:
    result = synth(ALL_KINDS)
    backend = result.backend
    assert list(backend.clients) == ["web", "mobile", "portal", "backend"]
    assert backend.user_pool_client is backend.clients["web"]
    assert list(backend.resource_servers) == ["https://api.example.com"]


def test_without_web_the_first_user_client_is_the_default() -> None:
    config = {"clients": [{"name": "portal", "kind": "server"}, {"name": "app", "kind": "native"}]}
    result = synth(config)
    assert result.backend.user_pool_client is result.backend.clients["app"]
    outputs = result.json["Outputs"]
    app_id = next(k for k in result.resources(CLIENT) if k.startswith("AuthAppClient"))
    assert outputs["AuthUserPoolClientId"]["Value"] == {"Ref": app_id}
    portal_id = next(k for k in result.resources(CLIENT) if k.startswith("AuthPortalClient"))
    assert outputs["AuthAppClientPortalId"]["Value"] == {"Ref": portal_id}


def test_logical_ids_are_pinned_and_web_keeps_its_own() -> None:
    result = synth(ALL_KINDS)
    ids = set(result.resources(CLIENT))
    assert ids == {
        pinned_logical_id(["Auth"], name)
        for name in ("WebClient", "MobileClient", "PortalClient", "BackendClient")
    }
    assert pinned_logical_id(["Auth"], "WebClient") == synth({}).only_id(CLIENT)
    (server,) = result.resources("AWS::Cognito::UserPoolResourceServer")
    assert server == pinned_logical_id(["Auth"], resource_server_construct_id(API["identifier"]))


def test_physical_names_follow_the_backend_name() -> None:
    found = clients(synth({**ALL_KINDS, "name": "shop"}))
    assert found["Mobile"]["ClientName"] == "shop-mobile"
    assert "ClientName" not in clients(synth(ALL_KINDS))["Mobile"]


def test_token_lifetimes_revocation_and_existence_errors() -> None:
    config = {
        "clients": [
            {
                "name": "web",
                "token_validity": {"access_token": "5m", "id_token": "2h", "refresh_token": "90d"},
                "token_revocation": False,
                "prevent_user_existence_errors": False,
            }
        ]
    }
    (props,) = clients(synth(config)).values()
    assert (
        props["AccessTokenValidity"],
        props["IdTokenValidity"],
        props["RefreshTokenValidity"],
    ) == (5, 120, 90 * 1440)
    assert props["TokenValidityUnits"] == {
        "AccessToken": "minutes",
        "IdToken": "minutes",
        "RefreshToken": "minutes",
    }
    assert props["EnableTokenRevocation"] is False
    assert props["PreventUserExistenceErrors"] == "LEGACY"


def test_every_auth_flow() -> None:
    flows = ["user_srp", "user_password", "admin_user_password", "user_auth"]
    (props,) = clients(synth({"clients": [{"name": "web", "auth_flows": flows}]})).values()
    assert props["ExplicitAuthFlows"] == [
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        "ALLOW_USER_SRP_AUTH",
        "ALLOW_USER_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
    ]
    (hosted_only,) = clients(synth({"clients": [{"name": "web", "auth_flows": []}]})).values()
    assert hosted_only["ExplicitAuthFlows"] == ["ALLOW_REFRESH_TOKEN_AUTH"]


def test_refresh_token_rotation() -> None:
    config = {
        "clients": [{"name": "web", "refresh_token_rotation": {"retry_grace_period_seconds": 10}}]
    }
    (props,) = clients(synth(config)).values()
    assert props["RefreshTokenRotation"] == {"Feature": "ENABLED", "RetryGracePeriodSeconds": 10}
    assert props["ExplicitAuthFlows"] == ["ALLOW_USER_SRP_AUTH"]


def test_read_and_write_attributes() -> None:
    config = {
        "user_attributes": {"custom": {"tenant": {"mutable": False}, "plan": {}}},
        "clients": [
            {
                "name": "web",
                "read_attributes": ["email", "email_verified", "zoneinfo", "custom:tenant"],
                "write_attributes": ["email", "name", "custom:plan"],
            }
        ],
    }
    (props,) = clients(synth(config)).values()
    assert props["ReadAttributes"] == ["custom:tenant", "email", "email_verified", "zoneinfo"]
    assert props["WriteAttributes"] == ["custom:plan", "email", "name"]
    (default,) = clients(synth({})).values()
    assert "ReadAttributes" not in default
    assert "WriteAttributes" not in default


def test_user_scopes_may_include_resource_server_scopes() -> None:
    config = {
        "login_with": {"email": True, "external_providers": HOSTED},
        "resource_servers": [API],
        "clients": [{"name": "web", "scopes": ["openid", "https://api.example.com/orders.write"]}],
    }
    result = synth(config)
    (props,) = clients(result).values()
    (server_id,) = result.resources("AWS::Cognito::UserPoolResourceServer")
    assert props["AllowedOAuthScopes"] == [
        "openid",
        {"Fn::Join": ["", [{"Ref": server_id}, "/orders.write"]]},
    ]


def test_resource_servers() -> None:
    result = synth(ALL_KINDS)
    (server,) = result.resources("AWS::Cognito::UserPoolResourceServer").values()
    assert server["Properties"] == {
        "Identifier": "https://api.example.com",
        "Name": "Shop API",
        "Scopes": [
            {"ScopeDescription": "Read orders", "ScopeName": "orders.read"},
            {"ScopeDescription": "Change orders", "ScopeName": "orders.write"},
        ],
        "UserPoolId": {"Ref": result.only_id("AWS::Cognito::UserPool")},
    }


def test_the_identity_pool_lists_the_user_clients_only() -> None:
    result = synth(ALL_KINDS)
    found = result.resources(CLIENT)
    machine = next(k for k in found if k.startswith("AuthBackendClient"))
    pool = result.only("AWS::Cognito::IdentityPool")
    listed = [p["ClientId"]["Ref"] for p in pool["CognitoIdentityProviders"]]
    assert sorted(listed) == sorted(k for k in found if k != machine)
    mappings = result.only("AWS::Cognito::IdentityPoolRoleAttachment")["RoleMappings"]
    assert sorted(mappings) == ["mobile", "portal", "web"]
    assert {m["Type"] for m in mappings.values()} == {"Token"}


def test_role_mapping_rules_apply_to_every_user_client() -> None:
    config = {
        # custom:tier decides a role: no user client may write it
        "clients": [
            {"name": "web", "write_attributes": ["email"]},
            {"name": "mobile", "kind": "native", "write_attributes": ["email"]},
        ],
        "groups": ["ADMINS"],
        "role_mapping_rules": [
            {
                "claim": "custom:tier",
                "match_type": "Equals",
                "value": "gold",
                "role": "group:ADMINS",
            }
        ],
        "user_attributes": {"custom": {"tier": {}}},
    }
    mappings = synth(config).only("AWS::Cognito::IdentityPoolRoleAttachment")["RoleMappings"]
    assert {name: m["Type"] for name, m in mappings.items()} == {"web": "Rules", "mobile": "Rules"}


def test_managed_login_styles_every_client_on_the_hosted_pages() -> None:
    config = {
        **ALL_KINDS,
        "login_with": {
            "email": True,
            "external_providers": {**HOSTED, "managed_login_version": "managed_login"},
        },
    }
    brandings = synth(config).resources("AWS::Cognito::ManagedLoginBranding")
    assert sorted(k.removeprefix("Auth").split("Client")[0] for k in brandings) == [
        "Mobile",
        "Portal",
        "Web",
    ]


def test_stack_outputs_hold_every_other_client_id() -> None:
    result = synth(ALL_KINDS)
    outputs = result.json["Outputs"]
    ids = {k: v["Value"] for k, v in outputs.items() if k.startswith("AuthAppClient")}
    assert sorted(ids) == [
        "AuthAppClientBackendId",
        "AuthAppClientMobileId",
        "AuthAppClientPortalId",
    ]
    custom = result.stack.resolve(result.backend.client_config_custom)
    assert custom["clients"]["backend"] == {
        "client_id": {"Ref": next(k for k in result.resources(CLIENT) if "Backend" in k)},
        "kind": "machine",
        "oauth": {
            "flows": ["client_credentials"],
            "scopes": ["https://api.example.com/orders.read"],
        },
    }
    assert "web" not in custom["clients"]


def test_the_guard_expects_the_flows_the_template_has() -> None:
    """check-deployed compares Cognito's ExplicitAuthFlows with explicit_auth_flows(): the
    two must agree for every kind, with passwordless sign-in and with rotation."""
    config = {
        **ALL_KINDS,
        "login_with": {**ALL_KINDS["login_with"], "webauthn": {"relying_party_id": "example.com"}},
        "clients": [
            *ALL_KINDS["clients"],
            {"name": "rotating", "auth_flows": ["user_password"], "refresh_token_rotation": True},
        ],
    }
    result = synth(config)
    validated = AuthConfig.model_validate(config)
    templates = clients(result)
    for client in validated.clients:
        key = next(k for k in templates if k.lower().startswith(client.name))
        assert sorted(templates[key]["ExplicitAuthFlows"]) == explicit_auth_flows(
            client, passwordless=validated.passwordless
        ), client.name
