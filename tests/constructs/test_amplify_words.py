"""Amplify's words, written as they are (snake_case keys, lower-case values), give
Amplify's Cognito settings, except for the differences the README lists.

Each case is a ``defineAuth`` configuration translated word for word (no choice of
cognito-auth's written out, unlike ``test_amplify_core_parity``). The settings in which
the two sides differ must be exactly those of the differences the case names, and every
difference is a row of the README's "Differences from Amplify": the list and the code
cannot drift apart. Rows about what Amplify's words cannot say (plain usernames, several
clients...) are named in ``NOT_AMPLIFY_WORDS``; every other row is pinned by a case.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from test_amplify_core_parity import amplify_semantics, our_semantics

from support import synth

README = Path(__file__).parents[2] / "docs" / "differences-from-amplify.md"

# difference id -> (the README row's first cell, the settings that differ)
DIFFERENCES: dict[str, tuple[str, frozenset[str]]] = {
    # no guest access: no guest role either, so no trust policy for unauthenticated users
    "guest-access": ("guest access", frozenset({"AllowUnauthenticatedIdentities", "Trust"})),
    "mfa-default": ("MFA default", frozenset({"MfaConfiguration", "EnabledMfas"})),
    "mfa-on-sms-pools": (
        "MFA default on a pool that sends SMS",
        frozenset({"MfaConfiguration", "EnabledMfas"}),
    ),
    "mfa-mode-without-factors": ("MFA mode without factors", frozenset({"EnabledMfas"})),
    "sms-mfa-phone-verified": (
        "phone number of SMS MFA",
        frozenset({"AutoVerifiedAttributes", "KeepOriginal"}),
    ),
    "password-policy": ("password policy", frozenset({"MinimumLength"})),
    "deletion": ("user pool on stack deletion", frozenset({"DeletionProtection"})),
    "feature-plan": ("feature plan", frozenset({"UserPoolTier"})),
    "client-auth-flows": ("client auth flows", frozenset({"ExplicitAuthFlows"})),
}
BASE = (
    "guest-access",
    "mfa-default",
    "password-policy",
    "deletion",
    "feature-plan",
    "client-auth-flows",
)
"""The differences every configuration without the corresponding words shows."""
NOT_MFA = tuple(d for d in BASE if d != "mfa-default")

NOT_AMPLIFY_WORDS = {
    # rows whose Amplify side needs words Amplify's defineAuth does not have, or settings
    # that amplify_semantics does not model (external providers: test_amplify_parity)
    "plain usernames": "no defineAuth words for username sign-in",
    "self sign-up": "no defineAuth words to turn self sign-up off",
    "client OAuth without providers": "OAuth settings come with external providers",
    "identity pool tokens": "no defineAuth words; the identity pool's token check",
    "guest role": "follows guest access (the Trust setting of guest-access)",
    "group roles": "group roles' policies: no defineAuth words for access",
    "access of signed-in users and guests": "no defineAuth words for access rules",
    "role mapping": "no defineAuth words for claim rules or principal tags",
    "provider secrets": "external providers (test_amplify_parity, test_secrets)",
    "SAML options": "external providers (test_amplify_parity)",
    "SAML providers": "defineAuth's words allow one SAML provider",
    "hosted domain": "external providers (test_amplify_parity)",
    "provider scopes by default": "external providers (test_amplify_parity)",
    "client OAuth scopes by default": "external providers (test_amplify_parity)",
    "required attributes": "a refusal at validation, not a setting",
    "mapped attributes": "a refusal at validation, not a setting",
    "provider-only pools": "defineAuth's words cannot say it",
    "app clients": "defineAuth's words give one client",
    "machine-to-machine": "no defineAuth words for it",
    "pre token generation": "no defineAuth words for V2/V3",
    "triggers": "Lambda functions, not words",
    "feature plan and threat protection": "no defineAuth words for them",
    "passwordless": "the relying party id Amplify resolves at deploy",
}

# (defineAuth props, the same words in cognito-auth, the differences expected)
CASES: dict[str, tuple[dict[str, Any], dict[str, Any], tuple[str, ...]]] = {
    "email": ({"loginWith": {"email": True}}, {"login_with": {"email": True}}, BASE),
    "phone": (
        {"loginWith": {"phone": True}},
        {"login_with": {"phone": True}},
        (*NOT_MFA, "mfa-on-sms-pools"),
    ),
    "sms-only-mfa": (
        {
            "loginWith": {"email": True, "phone": True},
            "multifactor": {"mode": "OPTIONAL", "sms": True},
        },
        {
            "login_with": {"email": True, "phone": True},
            "multifactor": {"mode": "optional", "sms": True},
        },
        NOT_MFA,
    ),
    "totp-only-mfa": (
        {"loginWith": {"email": True}, "multifactor": {"mode": "REQUIRED", "totp": True}},
        {"login_with": {"email": True}, "multifactor": {"mode": "required", "totp": True}},
        NOT_MFA,
    ),
    "sms-and-totp": (
        {
            "loginWith": {"phone": True},
            "multifactor": {"mode": "OPTIONAL", "sms": True, "totp": True},
        },
        {
            "login_with": {"phone": True},
            "multifactor": {"mode": "optional", "sms": True, "totp": True},
        },
        NOT_MFA,
    ),
    "mode-without-factors": (
        {"loginWith": {"email": True}, "multifactor": {"mode": "OPTIONAL"}},
        {"login_with": {"email": True}, "multifactor": {"mode": "optional"}},
        (*NOT_MFA, "mfa-mode-without-factors"),
    ),
    "sms-mfa-with-required-phone": (
        {
            "loginWith": {"email": True},
            "multifactor": {"mode": "OPTIONAL", "sms": True},
            "userAttributes": {"phone_number": {"required": True}},
        },
        {
            "login_with": {"email": True},
            "multifactor": {"mode": "optional", "sms": True},
            "user_attributes": {"phone_number": {"required": True}},
        },
        (*NOT_MFA, "sms-mfa-phone-verified"),
    ),
}

# What AmplifyAuth writes beyond amplify_semantics (auth-construct's construct.ts and
# aws-cdk-lib's defaults under it): 8-character passwords, no deletion protection, no
# feature plan written, and the web client's flows.
AMPLIFY_POOL = {
    "MinimumLength": 8,
    "DeletionProtection": "INACTIVE",
    "UserPoolTier": None,
    "ExplicitAuthFlows": ["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"],
}


def _ours(template: dict[str, Any]) -> dict[str, Any]:
    facts = our_semantics(template)
    resources = template["Resources"].values()
    (pool,) = [r["Properties"] for r in resources if r["Type"] == "AWS::Cognito::UserPool"]
    (client,) = [r["Properties"] for r in resources if r["Type"] == "AWS::Cognito::UserPoolClient"]
    facts["MinimumLength"] = pool["Policies"]["PasswordPolicy"]["MinimumLength"]
    facts["DeletionProtection"] = pool.get("DeletionProtection", "INACTIVE")
    facts["UserPoolTier"] = pool.get("UserPoolTier")
    facts["ExplicitAuthFlows"] = sorted(client.get("ExplicitAuthFlows", []))
    return facts


def _readme_rows() -> list[str]:
    text = README.read_text()
    section = text  # the page is the list
    rows = re.findall(r"^\| (?!---|\s*\|)([^|]+?) \|", section, flags=re.MULTILINE)
    return [row for row in rows if row.strip()]


@pytest.mark.parametrize("name", sorted(CASES))
def test_amplify_words_give_amplify_settings_but_for_the_listed_differences(name: str) -> None:
    amplify_props, ours_config, expected = CASES[name]
    theirs = {**amplify_semantics(amplify_props), **AMPLIFY_POOL}
    ours = _ours(synth(ours_config).json)
    differing = {key for key in theirs if theirs[key] != ours[key]}
    allowed = frozenset().union(*(DIFFERENCES[d][1] for d in expected))
    assert differing == allowed, {k: (theirs[k], ours[k]) for k in differing ^ allowed}


def test_every_difference_is_a_readme_row_and_every_row_is_accounted_for() -> None:
    rows = _readme_rows()
    assert rows, "the Differences from Amplify table was not found"
    named = {label for label, _ in DIFFERENCES.values()}
    assert named <= set(rows), named - set(rows)
    assert set(rows) == named | set(NOT_AMPLIFY_WORDS), set(rows) ^ (named | set(NOT_AMPLIFY_WORDS))
    used = {d for _, _, expected in CASES.values() for d in expected}
    assert used == set(DIFFERENCES)
