"""Every string field, fed a trailing newline (YAML block scalars end with one): refused,
or accepted with a value that still synthesizes. ``re``'s ``$`` matches before a final
newline, so patterns must match the whole text.

The fields come from the models (every field whose type holds ``str``), and a test
checks that the corpus below reaches each of them."""

from __future__ import annotations

import copy
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal, Union

import yaml
from pydantic import BaseModel

from cognito_auth import AuthConfig, ConfigError

EXAMPLES = Path(__file__).parents[2] / "examples" / "configs"
METADATA = Path(__file__).parent / "newline-metadata.xml"
"""A committed file: pytest-xdist runs this module's tests on both workers, and a file
written and removed by a module fixture on one worker vanished under the other."""

Field = tuple[str, str]  # (model, field)
Leaf = tuple[Field, tuple[Any, ...], bool]  # the field, the path in the data, is a key


def _members(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _members(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return [m for arg in typing.get_args(annotation) for m in _members(arg)]
    return [annotation]


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _holds_str(annotation: Any) -> bool:
    for member in _members(annotation):
        origin = typing.get_origin(member)
        if member is str:
            return True
        if origin in (tuple, list, dict) and any(
            _holds_str(a) for a in typing.get_args(member) if a is not Ellipsis
        ):
            return True
    return False


def string_fields(model: type[BaseModel], seen: set[type[BaseModel]] | None = None) -> set[Field]:
    """Every (model, field) below ``model`` whose type holds a string (not a Literal)."""
    seen = set() if seen is None else seen
    if model in seen:
        return set()
    seen.add(model)
    out: set[Field] = set()
    for name, field in model.model_fields.items():
        if _holds_str(field.annotation):
            out.add((model.__name__, name))
        for inner in _nested_models(field.annotation):
            out |= string_fields(inner, seen)
    return out


def _nested_models(annotation: Any) -> Iterator[type[BaseModel]]:
    for member in _members(annotation):
        if _is_model(member):
            yield member
        for arg in typing.get_args(member):
            if arg is not Ellipsis and typing.get_origin(member) is not Literal:
                yield from _nested_models(arg)


def leaves(data: Any, annotation: Any, owner: Field, path: tuple[Any, ...]) -> Iterator[Leaf]:
    """The string leaves of ``data`` (and string keys of its mappings), each with the model
    field it belongs to, walking the data alongside the models' annotations."""
    members = _members(annotation)
    models = [m for m in members if _is_model(m)]
    if isinstance(data, str):
        if models and not any(m is str for m in members):  # a name standing for an object
            yield (models[0].__name__, "name"), path, False
        else:
            yield owner, path, False
        return
    if isinstance(data, dict):
        model = next((m for m in models if set(data) <= set(m.model_fields)), None)
        if model is not None:
            for key, value in data.items():
                field = model.model_fields[key]
                yield from leaves(value, field.annotation, (model.__name__, key), (*path, key))
            return
        mapping = next((m for m in members if typing.get_origin(m) is dict), None)
        if mapping is not None:
            key_type, value_type = typing.get_args(mapping)
            for key, value in data.items():
                if _holds_str(key_type):
                    yield owner, (*path, key), True
                yield from leaves(value, value_type, owner, (*path, key))
        return
    if isinstance(data, list):
        sequence = next((m for m in members if typing.get_origin(m) in (tuple, list)), None)
        if sequence is not None:
            item = typing.get_args(sequence)[0]
            for index, value in enumerate(data):
                yield from leaves(value, item, owner, (*path, index))


def with_newline(data: dict[str, Any], path: tuple[Any, ...], is_key: bool) -> dict[str, Any]:
    out = copy.deepcopy(data)
    parent: Any = out
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if is_key:
        parent[last + "\n"] = parent.pop(last)
    else:
        parent[last] = parent[last] + "\n"
    return out


def corpus() -> list[tuple[str, dict[str, Any]]]:
    out = [(p.stem, yaml.safe_load(p.read_text())) for p in sorted(EXAMPLES.glob("*.yaml"))]
    out += [
        (
            "messages",
            {
                "login_with": {
                    "email": {
                        "verification_email_subject": "Your code",
                        "verification_email_body": "Your code is {####}",
                        "user_invitation": {
                            "email_subject": "Welcome",
                            "email_body": "User {username}, password {####}",
                            "sms_message": "User {username}, password {####}",
                        },
                    },
                    "phone": {"verification_message": "Code {####}"},
                },
                "multifactor": {"mode": "optional", "sms": {"message": "MFA code {####}"}},
                "senders": {
                    "email": {
                        "from_email": "no-reply@example.com",
                        "from_name": "Shop",
                        "reply_to": "help@example.com",
                        "configuration_set": "shop",
                        "ses_region": "us-east-1",
                        "ses_verified_domain": "example.com",
                    },
                    "sms": {
                        "sns_caller_arn": "arn:aws:iam::123456789012:role/sms",
                        "external_id": "shop-sms",
                        "sns_region": "us-east-1",
                    },
                },
                "groups": [
                    {"name": "ADMINS", "description": "Administrators"},
                    {"name": "LEGACY", "role_arn": "arn:aws:iam::123456789012:role/legacy"},
                ],
                "user_attributes": {"custom": {"tier": {}}},
                "clients": [{"name": "web", "write_attributes": ["email", "phone_number"]}],
                "role_mapping_rules": [
                    {
                        "claim": "custom:tier",
                        "match_type": "Equals",
                        "value": "gold",
                        "role": "group:ADMINS",
                    }
                ],
                "principal_tags": {"tier": "custom:tier"},
                "access": [
                    {
                        "principals": ["authenticated"],
                        "actions": ["s3:GetObject"],
                        "resources": ["arn:aws:s3:::reports/${aws:PrincipalTag/tier}/*"],
                    }
                ],
                "storage": {
                    "bucket_arn": "arn:aws:s3:::photos-media",
                    "paths": {"public/*": {"authenticated": ["read"]}},
                },
            },
        ),
        (
            "risk-logs-migration",
            {
                "login_with": {"username": True},
                "feature_plan": "plus",
                "senders": {"email": {"from_email": "security@example.com"}},
                "threat_protection": {
                    "mode": "enforced",
                    "notify": {
                        "no_action_email": {
                            "subject": "New sign-in",
                            "html_body": "<p>Hello {username}</p>",
                            "text_body": "Hello {username}",
                        }
                    },
                },
                "logs": {
                    "user_activity": {"s3_bucket_arn": "arn:aws:s3:::ops-auth-events"},
                },
                "migrate_users_from": {
                    "user_pool_id": "us-east-1_AbCdEf123",
                    "client_id": "1a2b3c4d5e6f7g8h9i0j1k2l3m",
                    "region": "us-east-1",
                },
                "access": [
                    {
                        "principals": ["authenticated"],
                        "actions": ["s3:ListBucket"],
                        "resources": ["arn:aws:s3:::reports"],
                        "s3_prefixes": ["private/${identity}/"],
                    }
                ],
            },
        ),
        (
            "providers",
            {
                "login_with": {
                    "email": True,
                    "external_providers": {
                        "custom_domain": {
                            "domain_name": "auth.example.com",
                            "certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/"
                            "abcd-1234",
                        },
                        "callback_urls": ["https://app.example.com/"],
                        "logout_urls": ["https://app.example.com/"],
                        "google": {
                            "client_id": "g-client",
                            "client_secret": {"secrets_manager": "shop/google"},
                            "scopes": ["openid", "email"],
                        },
                        "facebook": {
                            "client_id": "123",
                            "client_secret": {"secrets_manager": "shop/facebook"},
                            "scopes": ["public_profile", "email"],
                            "attribute_mapping": {"email": "email", "name": "name"},
                        },
                        "login_with_amazon": {
                            "client_id": "amzn1.application-oa2-client.1",
                            "client_secret": {"secrets_manager": "shop/amazon"},
                            "scopes": ["profile"],
                            "attribute_mapping": {"email": "email", "name": "name"},
                        },
                        "sign_in_with_apple": {
                            "client_id": "com.example.web",
                            "team_id": "ABCDE12345",
                            "key_id": "KEY1234567",
                            "private_key": {"secrets_manager": "shop/apple"},
                            "attribute_mapping": {"email": "email", "name": "firstName"},
                        },
                        "oidc": [
                            {
                                "name": "Okta",
                                "client_id": "okta-client",
                                "client_secret": {
                                    "ssm_parameter": "/shop/okta",
                                    "kms_key_arn": "arn:aws:kms:us-east-1:123456789012:key/abcd",
                                },
                                "issuer_url": "https://shop.okta.com",
                                "endpoints": {
                                    "authorization": "https://shop.okta.com/authorize",
                                    "token": "https://shop.okta.com/token",
                                    "userinfo": "https://shop.okta.com/userinfo",
                                    "jwks_uri": "https://shop.okta.com/keys",
                                },
                            }
                        ],
                        "saml": [
                            {
                                "name": "Corp",
                                "metadata": {"file": str(METADATA)},
                                "attribute_mapping": {"email": "mail"},
                            }
                        ],
                    },
                },
            },
        ),
    ]
    return out


def all_leaves() -> list[tuple[str, dict[str, Any], Leaf]]:
    return [
        (name, data, leaf)
        for name, data in corpus()
        for leaf in leaves(data, AuthConfig, ("AuthConfig", ""), ())
    ]


def test_the_corpus_is_valid_and_reaches_every_string_field() -> None:
    for _, data in corpus():
        AuthConfig.model_validate(data)
    reached = {leaf[0] for _, _, leaf in all_leaves()}
    assert string_fields(AuthConfig) - reached == set()


def test_a_trailing_newline_is_refused_or_synthesizes() -> None:
    accepted: dict[str, list[Leaf]] = {}
    for name, data, leaf in all_leaves():
        try:
            AuthConfig.model_validate(with_newline(data, leaf[1], leaf[2]))
        except ConfigError:
            continue
        accepted.setdefault(name, []).append(leaf)
    accepted_fields = sorted({leaf[0] for leaves in accepted.values() for leaf in leaves})
    assert accepted_fields == sorted(FREE_TEXT), accepted_fields
    from support import synth  # aws_cdk only for this part

    # Each configuration once, with every accepted newline at once (cfn-lint checks it).
    for name, original in corpus():
        if name in accepted:
            data = original
            for _, path, is_key in accepted[name]:
                data = with_newline(data, path, is_key)
            synth(AuthConfig.model_validate(data))


FREE_TEXT: set[Field] = {
    # messages, subjects and descriptions: text, line breaks included
    ("EmailLogin", "verification_email_subject"),
    ("EmailLogin", "verification_email_body"),
    ("UserInvitation", "email_subject"),
    ("UserInvitation", "email_body"),
    ("UserInvitation", "sms_message"),
    ("PhoneLogin", "verification_message"),
    ("SmsFactor", "message"),
    ("Group", "description"),
    ("ResourceScope", "description"),
    # Cognito's own patterns admit any whitespace here ([\w\s+=,.@-]+)
    ("ResourceServer", "name"),
    ("OidcProvider", "identifiers"),
    ("SamlProvider", "identifiers"),
    # values compared with what an identity provider or a token holds: Cognito sets no
    # pattern; a value with a line break simply never matches
    ("RoleMappingRule", "value"),
    ("GoogleProvider", "attribute_mapping"),
    ("FacebookProvider", "attribute_mapping"),
    ("LoginWithAmazonProvider", "attribute_mapping"),
    ("OidcProvider", "attribute_mapping"),
    ("SamlProvider", "attribute_mapping"),
    # (Sign in with Apple's side of a mapping is one of Apple's attribute names: refused)
    # risk notification emails: subject and bodies are text (Cognito's own limits only)
    ("NotifyEmail", "subject"),
    ("NotifyEmail", "html_body"),
    ("NotifyEmail", "text_body"),
}
"""Fields whose text may end with a newline (each accepted value is synthesized and
checked with cfn-lint below)."""
