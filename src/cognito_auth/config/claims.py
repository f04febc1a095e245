"""Claims that decide privileges must be claims users cannot set themselves.

``role_mapping_rules`` turn a token claim into a role and ``principal_tags`` turn one into
a session tag. A claim taken from a user attribute is only as trustworthy as the
attribute (Cognito developer guide, "Working with user attributes", and the API
reference of ``UpdateUserAttributes``, ``SignUp`` and ``CreateUserPoolClient``):

- A signed-in user changes their own attributes with ``UpdateUserAttributes``, authorized
  by their own access token (scope ``aws.cognito.signin.user.admin``, which every token
  from a sign-in through the API carries, and the managed login pages' tokens carry
  when the client allows that scope). Which attributes: the mutable ones the app client
  may write (``WriteAttributes``). A client that lists none keeps Cognito's default
  write permissions, documented as every attribute by the CDK and the console (the API
  reference names the standard ones): we count every mutable attribute.
- At sign-up (``SignUp``, or the managed login sign-up page) a user gives values for the
  attributes the client may write, immutable ones included: an immutable attribute can
  be written only when the user is created. A client may not list an immutable attribute
  in ``WriteAttributes``; with the default permissions we count it as writable at
  sign-up.
- ``email`` and ``phone_number`` are verified when users sign in with them: Cognito sends
  a code, and keeps the original value until a new one is verified. A verified address
  is still one the user chose: only ``Equals`` names one; ``StartsWith``, ``Contains``
  and ``NotEqual`` are met by an address anyone can register.
- ``cognito:username`` is chosen by the user at sign-up in a pool with username sign-in.

So a claim decides a role or a tag only when no user can write it: an immutable
attribute when users cannot create themselves with it, or an attribute in no user
client's ``write_attributes`` (administrators set it with ``AdminUpdateUserAttributes``,
or a trigger does).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cognito_auth.config._base import Problem, problem
from cognito_auth.config.access import AUTHENTICATED
from cognito_auth.config.attributes import STANDARD_ATTRIBUTES

if TYPE_CHECKING:
    from cognito_auth.config.clients import AppClient
    from cognito_auth.config.root import AuthConfig

VERIFIED_CONTACTS = ("email", "phone_number")
SAFE_ON_VERIFIED = "Equals"


def verified_contacts(config: AuthConfig) -> tuple[str, ...]:
    """The contact attributes Cognito verifies (and keeps until a new value is verified):
    the ones users sign in with, and the phone number that SMS MFA must reach (the same
    rule as the user pool's ``auto_verify``; a test keeps the two together)."""
    login = config.login_with
    out: list[str] = []
    if login.email is not None:
        out.append("email")
    if login.phone is not None or (
        "sms" in config.multifactor.factors and config.user_attributes.phone_number.required
    ):
        out.append("phone_number")
    return tuple(out)


def attribute_of(claim: str) -> str | None:
    """The pool attribute a claim carries (``custom:tier``, ``email``), or None."""
    if claim.startswith("custom:") or claim in STANDARD_ATTRIBUTES:
        return claim
    return None


def writers(config: AuthConfig, attribute: str) -> tuple[AppClient, ...]:
    """The user clients through which users write ``attribute`` themselves: listed in
    their ``write_attributes``, or any mutable one when a client lists none."""
    mutable = config.user_attributes.is_mutable(attribute)
    if not mutable:
        return ()
    return tuple(
        client
        for client in config.user_clients
        if client.write_attributes is None or attribute in client.write_attributes
    )


def sign_up_writers(config: AuthConfig, attribute: str) -> tuple[AppClient, ...]:
    """The user clients through which users give ``attribute`` at sign-up, immutable ones
    included (a client with default write permissions)."""
    if not config.self_sign_up or config.user_attributes.is_mutable(attribute) is None:
        return ()
    return tuple(
        client
        for client in config.user_clients
        if client.write_attributes is None or attribute in client.write_attributes
    )


def who_sets(config: AuthConfig, claim: str, match_type: str | None) -> str | None:
    """Why users can set ``claim`` themselves (a sentence), or None when they cannot.
    ``match_type`` is the rule's, or None for a session tag (the value itself)."""
    if claim == "cognito:username":
        login = config.login_with
        if login.username is not None and config.self_sign_up:
            return "users choose their own username when they sign up"
        return None
    attribute = attribute_of(claim)
    if attribute is None:
        return None  # a claim of the token itself (sub, cognito:groups...) or a trigger's
    if attribute in VERIFIED_CONTACTS and attribute in verified_contacts(config):
        if match_type in (None, SAFE_ON_VERIFIED):
            return None
        return (
            f"{attribute} is verified, but users choose the address they verify: "
            f"{match_type} is met by one anyone can register; only Equals names one"
        )
    names = _names(writers(config, attribute))
    if names:
        return (
            f"users change it themselves with UpdateUserAttributes and their own access "
            f"token, because it is mutable and {names} may write it"
        )
    names = _names(sign_up_writers(config, attribute))
    if names:
        return (
            f"users give it themselves when they sign up through {names}, which keeps "
            "Cognito's default write permissions (an immutable attribute is written when "
            "the user is created)"
        )
    return None


def _names(clients: tuple[AppClient, ...]) -> str:
    if not clients:
        return ""
    listed = ", ".join(repr(c.name) for c in clients)
    return f"the client{'s' if len(clients) > 1 else ''} {listed}"


def _way_out(claim: str) -> str:
    attribute = attribute_of(claim)
    if claim == "cognito:username":
        return "use a claim administrators set, such as cognito:groups or a custom attribute"
    if attribute in VERIFIED_CONTACTS:
        return f"use match_type: Equals on the verified {attribute}, or a claim users cannot set"
    where = (
        f"user_attributes.custom.{attribute.removeprefix('custom:')}.mutable: false"
        if attribute is not None and attribute.startswith("custom:")
        else f"user_attributes.{attribute}.mutable: false"
    )
    return (
        f"give every user client write_attributes that leave {claim} out (administrators "
        f"then set it with AdminUpdateUserAttributes, or a trigger does), or set {where} "
        "and list write_attributes on every user client (the schema can change only before "
        "the pool is first deployed)"
    )


def claim_problems(config: AuthConfig) -> Iterator[Problem]:
    """Every role mapping rule and principal tag whose claim users can set themselves."""
    for index, rule in enumerate(config.role_mapping_rules):
        if rule.role == AUTHENTICATED:
            continue  # what a token matching no rule gets anyway: no privilege to win
        reason = who_sets(config, rule.claim, rule.match_type)
        if reason:
            yield problem(
                ("role_mapping_rules", index, "claim"),
                f"role_mapping_rules[{index}] gives {rule.role} by the claim {rule.claim!r}, "
                f"which users can set themselves: {reason}",
                received=rule.claim,
                allowed="a claim users cannot write",
                hint=_way_out(rule.claim),
                code="role_by_user_claim",
            )
    for tag, claim in config.principal_tags.items():
        reason = who_sets(config, claim, None)
        if reason:
            yield problem(
                ("principal_tags", tag),
                f"the session tag {tag!r} comes from the claim {claim!r}, which users can set "
                f"themselves: {reason}",
                received=claim,
                allowed="a claim users cannot write",
                hint=_way_out(claim),
                code="tag_from_user_claim",
            )
