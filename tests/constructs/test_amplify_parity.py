"""Federated sign-in has Amplify's Cognito semantics for the same settings.

``amplify_semantics`` models what ``AmplifyAuth`` (``@aws-amplify/auth-construct`` 1.12,
over aws-cdk-lib) makes of ``loginWith.externalProviders``, as documented in the
project's notes on Amplify (sections 3, 5 and 6): provider types, names, details, scopes,
attribute mappings and identifiers, the web client's OAuth settings and providers, and the
identity pool's login providers. ``our_semantics`` reads the same facts from the template
that cognito-auth synthesizes for the equivalent configuration. Secrets are left out on
both sides (Amplify writes some in plain text; ours are references).
"""

from __future__ import annotations

from typing import Any

from support import synth

# --- the Amplify side -----------------------------------------------------------------

AMPLIFY_PROPS: dict[str, Any] = {
    "loginWith": {
        "email": True,
        "externalProviders": {
            "google": {
                "clientId": "1234-abc.apps.googleusercontent.com",
                "clientSecret": "(secret)",
                "scopes": ["openid", "email", "profile"],
                "attributeMapping": {"givenName": "given_name", "familyName": "family_name"},
            },
            "facebook": {
                "clientId": "987654321",
                "clientSecret": "(secret)",
                "scopes": ["public_profile", "email"],
                "apiVersion": "v19.0",
            },
            "loginWithAmazon": {
                "clientId": "amzn1.application-oa2-client.0123",
                "clientSecret": "(secret)",
                "scopes": ["profile"],
            },
            "signInWithApple": {
                "clientId": "com.example.shop.web",
                "teamId": "ABCDE12345",
                "keyId": "KEY1234567",
                "privateKey": "(secret)",
                "scopes": ["email", "name"],
            },
            "oidc": [
                {
                    "name": "Okta",
                    "clientId": "okta-client",
                    "clientSecret": "(secret)",
                    "issuerUrl": "https://example.okta.com",
                    "scopes": ["openid", "email", "profile"],
                    "identifiers": ["example.com"],
                },
                {
                    "name": "Auth0",
                    "clientId": "auth0-client",
                    "clientSecret": "(secret)",
                    "issuerUrl": "https://shop.eu.auth0.com/",
                    "scopes": ["openid", "email"],
                    "attributeRequestMethod": "POST",
                    "attributeMapping": {"custom": {"custom:tenant_id": "org_id"}},
                },
            ],
            "saml": {
                "name": "Corp",
                "metadata": {
                    "metadataContent": "https://idp.example.com/metadata.xml",
                    "metadataType": "URL",
                },
                "identifiers": ["corp.example.com"],
                "idpSignout": True,
                "attributeMapping": {"email": "http://schemas.xmlsoap.org/claims/EmailAddress"},
            },
            "callbackUrls": ["https://app.example.com/callback", "http://localhost:3000/"],
            "logoutUrls": ["https://app.example.com/"],
            "scopes": ["phone", "email", "openid", "profile", "aws.cognito.signin.user.admin"],
            "domainPrefix": "shop-auth",
        },
    },
    "userAttributes": {"custom:tenant_id": {"dataType": "String", "mutable": True}},
}

# aws-cdk-lib's StandardAttributeNames: the CDK's attribute keys -> Cognito's names.
CDK_ATTRIBUTE_NAMES = {
    "address": "address",
    "birthdate": "birthdate",
    "email": "email",
    "emailVerified": "email_verified",
    "familyName": "family_name",
    "gender": "gender",
    "givenName": "given_name",
    "locale": "locale",
    "middleName": "middle_name",
    "fullname": "name",
    "nickname": "nickname",
    "phoneNumber": "phone_number",
    "profilePicture": "picture",
    "preferredUsername": "preferred_username",
    "profilePage": "profile",
    "lastUpdateTime": "updated_at",
    "website": "website",
    "timezone": "zoneinfo",
}
SOCIAL = (
    # (props key, provider type/name, default scopes, scope separator, login provider)
    ("google", "Google", ["profile"], " ", "accounts.google.com"),
    ("facebook", "Facebook", ["public_profile"], ",", "graph.facebook.com"),
    ("loginWithAmazon", "LoginWithAmazon", ["profile"], " ", "www.amazon.com"),
    ("signInWithApple", "SignInWithApple", ["name"], " ", "appleid.apple.com"),
)
CLIENT_DEFAULT_SCOPES = ["phone", "email", "openid", "profile", "aws.cognito.signin.user.admin"]
COGNITO_DEFAULTS = {"SAML": {"EncryptedResponses": False, "IDPInit": False}}
"""ProviderDetails equal to Cognito's defaults: written or not, the same semantics."""


def _mapping(mapping: dict[str, Any] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in (mapping or {}).items():
        if key == "custom":
            out.update(value)
        else:
            out[CDK_ATTRIBUTE_NAMES[key]] = value
    return out


def amplify_semantics(props: dict[str, Any]) -> dict[str, Any]:
    """AmplifyAuth's translation of external providers, from the notes (sections 3, 5, 6)."""
    login = props["loginWith"]
    external = login["externalProviders"]
    maps_email = bool(login.get("email")) and not login.get("phone")
    email = {"email": "email"} if maps_email else {}
    providers: list[dict[str, Any]] = []
    login_providers: dict[str, str] = {}
    for key, kind, default_scopes, separator, domain in SOCIAL:
        given = external.get(key)
        if given is None:
            continue
        details: dict[str, Any] = {
            "client_id": given["clientId"],
            "authorize_scopes": separator.join(given.get("scopes") or default_scopes),
        }
        if kind == "SignInWithApple":
            details.update(team_id=given["teamId"], key_id=given["keyId"])
        if kind == "Facebook" and "apiVersion" in given:
            details["api_version"] = given["apiVersion"]
        providers.append(
            {
                "type": kind,
                "name": kind,
                "details": details,
                "mapping": {**email, **_mapping(given.get("attributeMapping"))},
                "identifiers": [],
            }
        )
        login_providers[domain] = given["clientId"]
    for given in external.get("oidc", []):
        details = {
            "client_id": given["clientId"],
            "authorize_scopes": " ".join(given.get("scopes") or ["openid"]),
            "attributes_request_method": given.get("attributeRequestMethod", "GET"),
            "oidc_issuer": given["issuerUrl"],
        }
        providers.append(
            {
                "type": "OIDC",
                "name": given["name"],
                "details": details,
                "mapping": {**email, **_mapping(given.get("attributeMapping"))},
                "identifiers": given.get("identifiers", []),
            }
        )
    saml = external.get("saml")
    if saml is not None:
        metadata = saml["metadata"]
        source = "MetadataFile" if metadata["metadataType"] == "FILE" else "MetadataURL"
        providers.append(
            {
                "type": "SAML",
                "name": saml["name"],
                "details": {
                    "IDPSignout": saml.get("idpSignout", False),
                    source: metadata["metadataContent"],
                },
                "mapping": _mapping(saml.get("attributeMapping")),
                "identifiers": saml.get("identifiers", []),
            }
        )
    scopes = list(dict.fromkeys(external.get("scopes") or CLIENT_DEFAULT_SCOPES))
    if {"phone", "email", "profile"} & set(scopes) and "openid" not in scopes:
        scopes.append("openid")
    return {
        "providers": providers,
        "client": {
            "flows": ["code"],
            "scopes": scopes,
            "callback_urls": external["callbackUrls"],
            "logout_urls": external["logoutUrls"],
            "providers": [p["name"] for p in providers] + ["COGNITO"],
        },
        "identity_pool_login_providers": login_providers,
    }


# --- our side -------------------------------------------------------------------------

OUR_CONFIG: dict[str, Any] = {
    "login_with": {
        "email": True,
        "external_providers": {
            "google": {
                "client_id": "1234-abc.apps.googleusercontent.com",
                "client_secret": {"secrets_manager": "shop/google"},
                "scopes": ["openid", "email", "profile"],
                "attribute_mapping": {"given_name": "given_name", "family_name": "family_name"},
            },
            "facebook": {
                "client_id": "987654321",
                "client_secret": {"secrets_manager": "shop/facebook"},
                "scopes": ["public_profile", "email"],
                "api_version": "v19.0",
            },
            "login_with_amazon": {
                "client_id": "amzn1.application-oa2-client.0123",
                "client_secret": {"secrets_manager": "shop/amazon"},
                "scopes": ["profile"],
            },
            "sign_in_with_apple": {
                "client_id": "com.example.shop.web",
                "team_id": "ABCDE12345",
                "key_id": "KEY1234567",
                "private_key": {"ssm_parameter": "/shop/apple-key"},
                "scopes": ["email", "name"],
            },
            "oidc": [
                {
                    "name": "Okta",
                    "client_id": "okta-client",
                    "client_secret": {"secrets_manager": "shop/okta"},
                    "issuer_url": "https://example.okta.com",
                    "scopes": ["openid", "email", "profile"],
                    "identifiers": ["example.com"],
                },
                {
                    "name": "Auth0",
                    "client_id": "auth0-client",
                    "client_secret": {"secrets_manager": "shop/auth0"},
                    "issuer_url": "https://shop.eu.auth0.com/",
                    "scopes": ["openid", "email"],
                    "attribute_request_method": "POST",
                    "attribute_mapping": {"custom:tenant_id": "org_id"},
                },
            ],
            "saml": [
                {
                    "name": "Corp",
                    "metadata": {"url": "https://idp.example.com/metadata.xml"},
                    "identifiers": ["corp.example.com"],
                    "idp_signout": True,
                    "attribute_mapping": {
                        "email": "http://schemas.xmlsoap.org/claims/EmailAddress"
                    },
                }
            ],
            "callback_urls": ["https://app.example.com/callback", "http://localhost:3000/"],
            "logout_urls": ["https://app.example.com/"],
            "scopes": ["phone", "email", "openid", "profile", "aws.cognito.signin.user.admin"],
            "domain_prefix": "shop-auth",
        },
    },
    "user_attributes": {"custom": {"tenant_id": {"data_type": "string"}}},
}

SECRET_DETAILS = ("client_secret", "private_key")


def our_semantics(template: dict[str, Any]) -> dict[str, Any]:
    resources = template["Resources"]

    def of(kind: str) -> list[dict[str, Any]]:
        return [r["Properties"] for r in resources.values() if r["Type"] == kind]

    (client,) = of("AWS::Cognito::UserPoolClient")
    (identity_pool,) = of("AWS::Cognito::IdentityPool")
    by_name = {p["ProviderName"]: p for p in of("AWS::Cognito::UserPoolIdentityProvider")}
    providers = []
    for name in client["SupportedIdentityProviders"]:
        if name == "COGNITO":
            continue
        idp = by_name[name]
        defaults = COGNITO_DEFAULTS.get(idp["ProviderType"], {})
        details = {
            key: value
            for key, value in idp["ProviderDetails"].items()
            if key not in SECRET_DETAILS and defaults.get(key, object()) != value
        }
        providers.append(
            {
                "type": idp["ProviderType"],
                "name": name,
                "details": details,
                "mapping": idp.get("AttributeMapping", {}),
                "identifiers": idp.get("IdpIdentifiers", []),
            }
        )
    return {
        "providers": providers,
        "client": {
            "flows": client["AllowedOAuthFlows"],
            "scopes": client["AllowedOAuthScopes"],
            "callback_urls": client["CallbackURLs"],
            "logout_urls": client["LogoutURLs"],
            "providers": client["SupportedIdentityProviders"],
        },
        "identity_pool_login_providers": identity_pool.get("SupportedLoginProviders", {}),
    }


def test_same_cognito_semantics_as_amplify() -> None:
    expected = amplify_semantics(AMPLIFY_PROPS)
    found = our_semantics(synth(OUR_CONFIG).json)
    assert found["providers"] == expected["providers"]
    assert found["client"] == expected["client"]
    assert found["identity_pool_login_providers"] == expected["identity_pool_login_providers"]


def test_the_model_of_amplify_matches_the_notes_on_defaults() -> None:
    """Spot checks of the model itself against the notes' defaults."""
    props = {
        "loginWith": {
            "email": True,
            "externalProviders": {
                "google": {"clientId": "g"},
                "oidc": [{"name": "Okta", "clientId": "o", "issuerUrl": "https://o"}],
                "callbackUrls": ["https://a/"],
                "logoutUrls": ["https://a/"],
            },
        }
    }
    semantics = amplify_semantics(props)
    google, okta = semantics["providers"]
    assert google["details"]["authorize_scopes"] == "profile"
    assert okta["details"]["authorize_scopes"] == "openid"
    assert okta["details"]["attributes_request_method"] == "GET"
    assert google["mapping"] == okta["mapping"] == {"email": "email"}
    assert semantics["client"]["scopes"] == CLIENT_DEFAULT_SCOPES


def test_where_we_deliberately_differ() -> None:
    """The README's "Differences from Amplify": with defaults, and SAML options kept."""
    config: dict[str, Any] = {
        "login_with": {
            "email": True,
            "external_providers": {
                "google": {"client_id": "g", "client_secret": {"secrets_manager": "g"}},
                "saml": [
                    {
                        "name": "Corp",
                        "metadata": {"url": "https://idp.example.com/metadata.xml"},
                        "attribute_mapping": {"email": "mail"},
                        "encrypted_responses": True,
                        "request_signing_algorithm": "rsa-sha256",
                        "idp_initiated": True,
                    }
                ],
                "callback_urls": ["https://a.example.com/"],
                "logout_urls": ["https://a.example.com/"],
                "domain_prefix": "shop-auth",
            },
        }
    }
    ours = our_semantics(synth(config).json)
    google, corp = ours["providers"]
    # Google's default scopes return the email that Amplify maps (Amplify asks profile only).
    assert google["details"]["authorize_scopes"] == "openid email profile"
    # SAML options reach the template (Amplify drops them).
    assert corp["details"] == {
        "MetadataURL": "https://idp.example.com/metadata.xml",
        "IDPSignout": False,
        "EncryptedResponses": True,
        "RequestSigningAlgorithm": "rsa-sha256",
        "IDPInit": True,
    }
    # The client's default scopes: openid, email, profile (Amplify adds phone and the
    # Cognito admin scope).
    assert ours["client"]["scopes"] == ["openid", "email", "profile"]
