"""How ConfigError renders: ``path: message (received X; allowed Y)`` plus a hint."""

from __future__ import annotations

import pytest

from cognito_auth import AuthConfig, ConfigError
from cognito_auth.errors import Problem, format_path, format_value


def test_render_lines() -> None:
    with pytest.raises(ConfigError) as caught:
        AuthConfig.model_validate(
            {"login_with": {"emial": True}, "password_policy": {"min_length": 3}}
        )
    assert str(caught.value) == (
        "invalid configuration (2 problems):\n"
        "  login_with.emial: unknown key 'emial' (received \"emial\"; "
        "allowed: case_sensitive, email, external_providers, phone, preferred_challenge, username, "
        "webauthn)\n"
        "    hint: did you mean 'email'?\n"
        "  password_policy.min_length: input should be greater than or equal to 6 "
        "(received 3; allowed: a number >= 6)\n"
        "  note: these are the problems of single fields; the rules that relate several "
        "fields (sign-in vs MFA, groups named by access rules, clients vs domain...) run "
        "once every field is valid: validate again after fixing these"
    )


def test_missing_required_key() -> None:
    with pytest.raises(ConfigError) as caught:
        AuthConfig.model_validate({"senders": {"email": {"from_name": "Shop"}}})
    assert caught.value.lines() == [
        "senders.email.from_email: field required (allowed: a value: this field is required)",
        "  hint: add the key 'from_email'",
    ]


def test_source_is_named() -> None:
    error = ConfigError([Problem(("name",), "bad", code="test")], source="auth.yaml")
    assert error.render().splitlines()[0] == "invalid configuration in auth.yaml (1 problem):"


def test_format_path() -> None:
    assert format_path(("groups", 0, "name")) == "groups[0].name"
    assert format_path(()) == "(configuration)"


def test_long_values_are_shortened() -> None:
    shown = format_value("x" * 200)
    assert len(shown) == 80
    assert shown.endswith("...")


@pytest.mark.parametrize(
    ("data", "path", "value"),
    [
        ({"multifactor": {"mode": "OPTIONAL"}}, "multifactor.mode", "optional"),
        ({"multifactor": {"mode": "REQUIRED"}}, "multifactor.mode", "required"),
        ({"multifactor": {"mode": "OFF"}}, "multifactor.mode", "off"),
        ({"account_recovery": "EMAIL_ONLY"}, "account_recovery", "email_only"),
        (
            {"account_recovery": "PHONE_WITHOUT_MFA_AND_EMAIL"},
            "account_recovery",
            "phone_without_mfa_and_email",
        ),
        (
            {"login_with": {"email": {"verification_email_style": "LINK"}}},
            "login_with.email.verification_email_style",
            "link",
        ),
    ],
)
def test_amplify_spellings_of_enum_values_get_a_hint(
    data: dict[str, object], path: str, value: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        AuthConfig.model_validate(data)
    (found,) = caught.value.problems
    assert format_path(found.path) == path
    received = found.received
    assert isinstance(received, str)
    assert received.lower() == value
    assert found.hint == (
        f"write {value!r}: values are lower case here (Amplify spells it {received!r})"
    )


def test_a_value_that_is_no_spelling_of_an_allowed_one_keeps_the_close_match_hint() -> None:
    with pytest.raises(ConfigError) as caught:
        AuthConfig.model_validate({"multifactor": {"mode": "optionl"}})
    (found,) = caught.value.problems
    assert found.hint == "did you mean 'optional'?"
    with pytest.raises(ConfigError) as caught:
        AuthConfig.model_validate({"profile": "PROD"})
    (found,) = caught.value.problems
    assert found.hint is None


ROUNDS_NOTE = "validate again after fixing these"


def test_single_field_problems_say_that_cross_field_rules_have_not_run() -> None:
    """Two rounds, said plainly: an unknown key hides the cross-field problem of phone
    sign-in with MFA but no SMS until it is fixed; the first report says so."""
    data: dict[str, object] = {
        "login_with": {"phone": True, "emial": True},
        "multifactor": {"mode": "optional", "totp": True},
    }
    with pytest.raises(ConfigError) as first:
        AuthConfig.model_validate(data)
    assert [p.path for p in first.value.problems] == [("login_with", "emial")]
    assert first.value.note is not None
    assert first.value.render().endswith(ROUNDS_NOTE)
    data["login_with"] = {"phone": True}
    with pytest.raises(ConfigError) as second:
        AuthConfig.model_validate(data)
    assert [p.path for p in second.value.problems] == [("multifactor", "totp")]
    assert second.value.note is None
    assert ROUNDS_NOTE not in second.value.render()
