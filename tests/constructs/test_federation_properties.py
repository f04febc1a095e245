"""Property tests: the federation rules agree with Cognito's own patterns (from the
CloudFormation registry schemas), and whatever the input, validation either accepts it
and the backend synthesizes, or raises ConfigError, never anything else."""

from __future__ import annotations

import unicodedata
from typing import Any

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cognito_auth import AuthConfig, ConfigError
from cognito_auth.config.providers import RESERVED_PROVIDER_NAMES
from federation import OKTA, federated
from support import synth

# AWS::Cognito::UserPoolIdentityProvider ProviderName and AWS::Cognito::UserPoolDomain
# Domain (without a custom domain), as in the registry schemas bundled with cfn-lint.
COGNITO_PROVIDER_NAME = regex.compile(r"^[^_\p{Z}][\p{L}\p{M}\p{S}\p{N}\p{P}][^_\p{Z}]+$")
COGNITO_DOMAIN_PREFIX = regex.compile(r"^[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?$")

names = st.text(min_size=0, max_size=40) | st.from_regex(r"[A-Za-z][A-Za-z0-9_.-]{1,34}")
prefixes = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_A.", max_size=70
) | st.sampled_from(["aws", "my-amazon-shop", "cognito1", "shop"])
FAST = settings(
    max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


def accepted(data: dict[str, Any]) -> bool:
    try:
        AuthConfig.model_validate(data)
    except ConfigError:
        return False
    return True


@FAST
@given(names)
def test_provider_names_follow_cognito_s_pattern(name: str) -> None:
    ours = accepted(federated({"oidc": [{**OKTA, "name": name}]}))
    cognito = (
        3 <= len(name) <= 32
        and COGNITO_PROVIDER_NAME.match(name) is not None
        and name.lower() not in {n.lower() for n in RESERVED_PROVIDER_NAMES}
    )
    if ours:
        assert cognito, name
    elif cognito:
        # The one deliberate difference: control, private-use and unassigned characters
        # (in Python's Unicode database), which Cognito's pattern lets through and no real
        # provider name has.
        assert any(unicodedata.category(ch)[0] == "C" for ch in name), name


@FAST
@given(prefixes)
def test_domain_prefixes_follow_cognito_s_pattern(prefix: str) -> None:
    ours = accepted(federated({"domain_prefix": prefix}))
    cognito = COGNITO_DOMAIN_PREFIX.match(prefix) is not None and not any(
        word in prefix for word in ("aws", "amazon", "cognito")
    )
    assert ours == cognito, prefix


@FAST
@given(st.text(max_size=60))
def test_any_callback_url_is_accepted_or_refused_cleanly(url: str) -> None:
    accepted(federated({"callback_urls": [url]}))


@settings(
    max_examples=6, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.from_regex(r"[A-Za-z][A-Za-z0-9.-]{2,30}", fullmatch=True), st.booleans())
def test_valid_federated_configurations_synthesize(name: str, saml: bool) -> None:
    provider = (
        {
            "saml": [
                {
                    "name": name,
                    "metadata": {"url": "https://idp/m"},
                    "attribute_mapping": {"email": "m"},
                }
            ]
        }
        if saml
        else {"oidc": [{**OKTA, "name": name}]}
    )
    data = federated(provider)
    if not accepted(data):
        return  # a reserved name
    result = synth(data)
    (idp,) = result.resources("AWS::Cognito::UserPoolIdentityProvider").values()
    assert idp["Properties"]["ProviderName"] == name
