"""A realistic production configuration and a corpus of edits to it.

Each mutation names the paths the guard must refuse (empty: the edit is allowed).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

API = "https://api.shop.example.com"
BASE: dict[str, Any] = {
    "name": "shop",
    "profile": "production",
    "login_with": {
        "email": {"verification_email_subject": "Confirm your account"},
        "username": {"preferred_username": True},
        "case_sensitive": False,
        "webauthn": {"relying_party_id": "shop.example.com"},
        "external_providers": {
            "domain_prefix": "shop-auth",
            "callback_urls": ["https://shop.example.com/"],
            "logout_urls": ["https://shop.example.com/"],
        },
    },
    "user_attributes": {
        "given_name": {"required": True},
        "nickname": {"mutable": False},
        "custom": {
            "tenant_id": {
                "data_type": "string",
                "mutable": False,
                "min_length": 1,
                "max_length": 64,
            },
            "points": {"data_type": "number", "min_value": 0, "max_value": 1000},
            "vip": {"data_type": "boolean"},
        },
    },
    "password_policy": {"min_length": 12},
    "multifactor": {"mode": "optional", "totp": True},
    "groups": ["ADMINS", {"name": "EDITORS", "description": "Edit the catalogue"}],
    "guest_access": False,
    "resource_servers": [
        {
            "identifier": API,
            "name": "Orders",
            "scopes": [{"name": "orders.read", "description": "Read orders"}],
        }
    ],
    "clients": [
        "web",
        {"name": "admin", "kind": "server"},
        {"name": "jobs", "kind": "machine", "scopes": [f"{API}/orders.read"]},
    ],
}
PROVIDERS: dict[str, Any] = {
    "google": {
        "client_id": "123-abc.apps.googleusercontent.com",
        "client_secret": {"secrets_manager": "shop/google"},
        "attribute_mapping": {"given_name": "given_name"},
    },
    "oidc": [
        {
            "name": "Okta",
            "client_id": "okta-client",
            "client_secret": {"secrets_manager": "shop/okta"},
            "issuer_url": "https://example.okta.com",
            "attribute_mapping": {"given_name": "given_name"},
        }
    ],
    "saml": [
        {
            "name": "Corp",
            "metadata": {"url": "https://idp.example.com/metadata.xml"},
            "attribute_mapping": {"email": "email", "given_name": "givenName"},
        }
    ],
    "callback_urls": ["https://shop.example.com/callback"],
    "logout_urls": ["https://shop.example.com/"],
    "domain_prefix": "shop-auth",
}
BASE["login_with"]["external_providers"] = PROVIDERS
_EXTERNAL = "login_with.external_providers"


@dataclass(frozen=True)
class Mutation:
    id: str
    edit: Callable[[dict[str, Any]], None]
    refused: tuple[str, ...] = ()

    def apply(self) -> dict[str, Any]:
        data = copy.deepcopy(BASE)
        self.edit(data)
        return data


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node = data
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value

    return edit


def _delete(path: str) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node = data
        for part in parents:
            node = node[part]
        del node[last]

    return edit


def _all(*edits: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        for one in edits:
            one(data)

    return edit


def _map_everywhere(**mapping: str) -> Callable[[dict[str, Any]], None]:
    """Map attributes from every provider (a required attribute must be mapped by all)."""

    def edit(data: dict[str, Any]) -> None:
        external = data["login_with"]["external_providers"]
        for provider in [external["google"], *external["oidc"], *external["saml"]]:
            provider["attribute_mapping"].update(mapping)

    return edit


def _groups(*groups: Any) -> Callable[[dict[str, Any]], None]:
    return _set("groups", list(groups))


def _clients(*clients: Any) -> Callable[[dict[str, Any]], None]:
    return _set("clients", list(clients))


_WEB_ADMIN = ("web", {"name": "admin", "kind": "server"})
_JOBS = {"name": "jobs", "kind": "machine", "scopes": [f"{API}/orders.read"]}


def _new_api_identifier(data: dict[str, Any]) -> None:
    new = "https://orders.shop.example.com"
    data["resource_servers"][0]["identifier"] = new
    data["clients"][2]["scopes"] = [f"{new}/orders.read"]


REFUSED = [
    # Turning email or phone sign-in on or off also changes whether the attribute is
    # required (as Amplify, the sign-in attribute is required): both are refused.
    Mutation(
        "email sign-in off",
        _set("login_with.email", False),
        ("login_with.email", "user_attributes.email.required"),
    ),
    Mutation(
        "phone sign-in on",
        _all(
            _set("login_with.phone", True),
            _set("multifactor.sms", True),
            _map_everywhere(email="email", phone_number="phone_number"),
        ),
        ("login_with.phone", "user_attributes.phone_number.required"),
    ),
    Mutation("username sign-in off", _delete("login_with.username"), ("login_with.username",)),
    Mutation(
        "preferred_username alias off",
        _set("login_with.username", {"preferred_username": False}),
        ("login_with.username.preferred_username",),
    ),
    Mutation(
        "case sensitivity on",
        _set("login_with.case_sensitive", True),
        ("login_with.case_sensitive",),
    ),
    Mutation(
        "standard attribute made optional",
        _set("user_attributes.given_name.required", False),
        ("user_attributes.given_name.required",),
    ),
    Mutation(
        "standard attribute made required",
        _all(
            _set("user_attributes.family_name", {"required": True}),
            _map_everywhere(family_name="family_name"),
        ),
        ("user_attributes.family_name.required",),
    ),
    Mutation(
        "standard attribute made mutable",
        _delete("user_attributes.nickname"),
        ("user_attributes.nickname.mutable",),
    ),
    Mutation(
        "sign-in email made optional",
        _set("user_attributes.email", {"required": False}),
        ("user_attributes.email.required",),
    ),
    Mutation(
        "custom attribute removed",
        _delete("user_attributes.custom.vip"),
        ("user_attributes.custom.vip",),
    ),
    Mutation(
        "custom attribute renamed",
        lambda d: d["user_attributes"]["custom"].update(
            {"tenant": d["user_attributes"]["custom"].pop("tenant_id")}
        ),
        ("user_attributes.custom.tenant_id",),
    ),
    Mutation(
        "custom attribute type",
        _set("user_attributes.custom.vip.data_type", "string"),
        ("user_attributes.custom.vip.data_type",),
    ),
    Mutation(
        "custom attribute mutability",
        _set("user_attributes.custom.tenant_id.mutable", True),
        ("user_attributes.custom.tenant_id.mutable",),
    ),
    Mutation(
        "custom attribute min length",
        _set("user_attributes.custom.tenant_id.min_length", 2),
        ("user_attributes.custom.tenant_id.min_length",),
    ),
    Mutation(
        "custom attribute max length",
        _set("user_attributes.custom.tenant_id.max_length", 128),
        ("user_attributes.custom.tenant_id.max_length",),
    ),
    Mutation(
        "custom attribute min value",
        _set("user_attributes.custom.points.min_value", -5),
        ("user_attributes.custom.points.min_value",),
    ),
    Mutation(
        "custom attribute max value",
        _set("user_attributes.custom.points.max_value", 5000),
        ("user_attributes.custom.points.max_value",),
    ),
    Mutation("group removed", _groups("ADMINS"), ("groups.EDITORS",)),
    Mutation(
        "group renamed",
        _groups("ADMINS", {"name": "WRITERS", "description": "Edit the catalogue"}),
        ("groups.EDITORS",),
    ),
    Mutation(
        "client secret added (spa to server)",
        _clients({"name": "web", "kind": "server"}, _WEB_ADMIN[1], _JOBS),
        ("clients.web.generate_secret",),
    ),
    Mutation(
        "client secret removed (server to spa)",
        _clients("web", {"name": "admin", "kind": "spa"}, _JOBS),
        ("clients.admin.generate_secret",),
    ),
    Mutation("client removed", _clients(*_WEB_ADMIN), ("clients.jobs",)),
    Mutation(
        "client renamed",
        _clients("web", {"name": "portal", "kind": "server"}, _JOBS),
        ("clients.admin",),
    ),
    Mutation(
        "resource server identifier changed",
        _new_api_identifier,
        (f'resource_servers["{API}"]',),
    ),
    Mutation(
        "passkey relying party changed",
        _set("login_with.webauthn", {"relying_party_id": "www.shop.example.com"}),
        ("login_with.webauthn.relying_party_id",),
    ),
    Mutation(
        "two fixed changes at once",
        _all(
            _set("login_with.case_sensitive", True),
            _set("user_attributes.custom.vip.mutable", False),
        ),
        ("login_with.case_sensitive", "user_attributes.custom.vip.mutable"),
    ),
]

REFUSED += [
    Mutation(
        "domain prefix changed",
        _set(f"{_EXTERNAL}.domain_prefix", "shop-login"),
        (f"{_EXTERNAL}.domain_prefix",),
    ),
    Mutation(
        "domain prefix swapped for a custom domain",
        _all(
            _delete(f"{_EXTERNAL}.domain_prefix"),
            _set(
                f"{_EXTERNAL}.custom_domain",
                {
                    "domain_name": "login.shop.example.com",
                    "certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/abc",
                },
            ),
            # Passkeys on hosted pages must then be bound to the custom domain.
            _set("login_with.webauthn", {"relying_party_id": "login.shop.example.com"}),
        ),
        (f"{_EXTERNAL}.custom_domain.domain_name", "login_with.webauthn.relying_party_id"),
    ),
    Mutation("Google removed", _delete(f"{_EXTERNAL}.google"), (f"{_EXTERNAL}.google",)),
    Mutation(
        "OIDC provider renamed",
        lambda d: d["login_with"]["external_providers"]["oidc"][0].update({"name": "OktaProd"}),
        (f"{_EXTERNAL}.oidc.Okta",),
    ),
    Mutation("SAML provider removed", _set(f"{_EXTERNAL}.saml", []), (f"{_EXTERNAL}.saml.Corp",)),
]

# State beyond the user pool: every identity id lives in the identity pool.
REFUSED += [
    Mutation("identity pool off", _set("identity_pool", False), ("identity_pool",)),
]

ALLOWED = [
    Mutation(
        "Facebook added",
        _set(
            f"{_EXTERNAL}.facebook",
            {
                "client_id": "1234567890",
                "client_secret": {"secrets_manager": "shop/facebook"},
                "attribute_mapping": {"given_name": "first_name"},
            },
        ),
    ),
    Mutation(
        "second OIDC provider",
        lambda d: d["login_with"]["external_providers"]["oidc"].append(
            {
                "name": "Auth0",
                "client_id": "auth0-client",
                "client_secret": {"secrets_manager": "shop/auth0"},
                "issuer_url": "https://shop.eu.auth0.com",
                "attribute_mapping": {"given_name": "given_name"},
            }
        ),
    ),
    Mutation(
        "callback URL added",
        _set(
            f"{_EXTERNAL}.callback_urls",
            ["https://shop.example.com/callback", "http://localhost:3000/callback"],
        ),
    ),
    Mutation("OAuth scopes", _set(f"{_EXTERNAL}.scopes", ["openid", "email"])),
    Mutation("new custom attribute", _set("user_attributes.custom.plan", {"max_length": 20})),
    Mutation(
        "new group",
        _groups("ADMINS", {"name": "EDITORS", "description": "Edit the catalogue"}, "SUPPORT"),
    ),
    Mutation(
        "group reordered",
        _groups({"name": "EDITORS", "description": "Edit the catalogue"}, "ADMINS"),
    ),
    Mutation("group description", _groups("ADMINS", {"name": "EDITORS", "description": "Edit"})),
    Mutation("longer passwords", _set("password_policy.min_length", 16)),
    Mutation("password history", _set("password_policy.password_history_size", 5)),
    Mutation(
        "MFA required, passkeys off (Cognito refuses both at once)",
        lambda d: (_set("multifactor.mode", "required")(d), _delete("login_with.webauthn")(d)),
    ),
    Mutation("MFA off", _set("multifactor", {"mode": "off"})),
    Mutation(
        "verification subject", _set("login_with.email", {"verification_email_subject": "Hi"})
    ),
    Mutation("guest access on", _set("guest_access", True)),
    Mutation("self sign-up off", _set("self_sign_up", False)),
    Mutation("account recovery", _set("account_recovery", "none")),
    Mutation("feature plan plus", _set("feature_plan", "plus")),
    Mutation("standard attribute listed with defaults", _set("user_attributes.picture", {})),
    Mutation("development profile", _set("profile", "development")),
    Mutation("new client", _clients(*_WEB_ADMIN, _JOBS, {"name": "mobile", "kind": "native"})),
    Mutation("clients reordered", _clients(_JOBS, *reversed(_WEB_ADMIN))),
    Mutation(
        "token lifetimes",
        _clients(
            {"name": "web", "token_validity": {"access_token": "10m", "refresh_token": "7d"}},
            _WEB_ADMIN[1],
            _JOBS,
        ),
    ),
    Mutation(
        "client flows and rotation",
        _clients(
            {"name": "web", "auth_flows": ["user_srp", "user_password"]},
            {"name": "admin", "kind": "server", "refresh_token_rotation": True},
            _JOBS,
        ),
    ),
    Mutation(
        "resource server scope added",
        _set(
            "resource_servers",
            [
                {
                    "identifier": API,
                    "name": "Orders API",
                    "scopes": [
                        {"name": "orders.read", "description": "Read all orders"},
                        {"name": "orders.write", "description": "Change orders"},
                    ],
                }
            ],
        ),
    ),
    Mutation(
        "passkeys require user verification",
        _set(
            "login_with.webauthn",
            {"relying_party_id": "shop.example.com", "user_verification": "required"},
        ),
    ),
    Mutation(
        "threat protection on the plus plan",
        lambda d: (_set("feature_plan", "plus")(d), _set("threat_protection", "enforced")(d)),
    ),
    Mutation("device tracking on", _set("device_tracking", True)),
]
