"""The JSON Schema (`cognito-auth schema`) refuses what `validate` refuses on a single
field, wherever JSON Schema can say it: an editor warns as validate would."""

from __future__ import annotations

import re
from typing import Any

import jsonschema
import pytest

from cognito_auth import AuthConfig, ConfigError
from cognito_auth.config.clients import _BOUNDS, _DURATION, duration_minutes
from cognito_auth.config.schema import config_json_schema, duration_pattern, integer_range

VALIDATOR = jsonschema.Draft202012Validator(config_json_schema())
LOGIN = {"login_with": {"email": True}}
HOSTED = {
    "login_with": {
        "email": True,
        "external_providers": {
            "domain_prefix": "shop-auth",
            "callback_urls": ["https://shop.example.com/"],
            "logout_urls": ["https://shop.example.com/"],
        },
    }
}


def rule(actions: Any) -> dict[str, Any]:
    return {
        **LOGIN,
        "access": [
            {"principals": ["authenticated"], "actions": actions, "resources": ["arn:aws:s3:::b/*"]}
        ],
    }


def client(**validity: str) -> dict[str, Any]:
    return {**HOSTED, "clients": [{"name": "web", "token_validity": validity}]}


BAD: dict[str, dict[str, Any]] = {
    "action *": rule(["*"]),
    "action s3:*": rule(["s3:*"]),
    "action s3:Get*": rule("s3:Get*"),
    "action without service": rule(["GetObject"]),
    "refresh token 3651d": client(refresh_token="3651d"),
    "refresh token 59m": client(refresh_token="59m"),
    "refresh token 87601h": client(refresh_token="87601h"),
    "refresh token in weeks": client(refresh_token="2w"),
    "access token 2d": client(access_token="2d"),
    "access token 4m": client(access_token="4m"),
    "id token 25h": client(id_token="25h"),
    "id token zero": client(id_token="0m"),
    "custom attribute required": {
        **LOGIN,
        "user_attributes": {"custom": {"tenant": {"required": True}}},
    },
    "mfa mode on": {**LOGIN, "multifactor": {"mode": True}},
    "mfa mode typo": {**LOGIN, "multifactor": {"mode": "requird"}},
    "password too short": {**LOGIN, "password_policy": {"min_length": 3}},
    "unknown key": {"login_with": {"emial": True}},
}

GOOD: dict[str, dict[str, Any]] = {
    "exact actions": rule(["s3:GetObject", "dynamodb:Query"]),
    "refresh token 90d": client(refresh_token="90d"),
    "refresh token 3650d": client(refresh_token="3650d"),
    "tokens at the low bounds": client(access_token="5m", id_token="5m", refresh_token="60m"),
    "tokens at the high bounds": client(access_token="24h", id_token="1d", refresh_token="3650d"),
    "custom attribute not required": {
        **LOGIN,
        "user_attributes": {"custom": {"tenant": {"required": False}}},
    },
    "mfa off unquoted": {**LOGIN, "multifactor": {"mode": False}},
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_the_schema_refuses_what_validate_refuses(name: str) -> None:
    with pytest.raises(ConfigError):
        AuthConfig.model_validate(BAD[name])
    assert not VALIDATOR.is_valid(BAD[name]), f"the schema accepts {name}"


@pytest.mark.parametrize("name", sorted(GOOD))
def test_the_schema_accepts_what_validate_accepts(name: str) -> None:
    AuthConfig.model_validate(GOOD[name])
    VALIDATOR.validate(GOOD[name])


@pytest.mark.parametrize(("low", "high"), [(1, 1), (5, 1440), (60, 5_256_000), (7, 123)])
def test_integer_range_matches_exactly_the_range(low: int, high: int) -> None:
    pattern = re.compile(f"^(?:{integer_range(low, high)})$")
    for number in [*range(0, 2000), high - 1, high, high + 1, 10 * high]:
        assert bool(pattern.match(str(number))) == (low <= number <= high), number


@pytest.mark.parametrize("field", sorted(_BOUNDS))
def test_duration_pattern_agrees_with_validation(field: str) -> None:
    low, high = _BOUNDS[field]
    pattern = re.compile(duration_pattern(low, high))
    numbers = [*range(0, 1500), 3650, 3651, 87600, 87601, 5_256_000, 5_256_001, 99_999_999]
    for unit in "mhd":
        for number in numbers:
            for text in (f"{number}{unit}", f"0{number}{unit}"):
                valid = bool(_DURATION.match(text)) and low <= duration_minutes(text) <= high
                assert bool(pattern.match(text)) == valid, text
