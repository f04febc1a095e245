"""The configuration models: defaults, parsing, and every validator branch, with the
error location and code pinned (and the allowed values and hints a user reads)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cognito_auth import AuthConfig, ConfigError, load_config
from cognito_auth.config import STANDARD_ATTRIBUTES
from cognito_auth.errors import format_path
from problem_support import assert_only, codes, refused

EXAMPLES = Path(__file__).parents[2] / "examples" / "configs"
STR, NUM = "string", "number"


def only_problem(data: dict[str, Any]) -> tuple[str, str]:
    """The one problem of ``data``: its rendered path and its code."""
    found = codes(data)
    assert len(found) == 1, found
    ((path, (code, *more)),) = found.items()
    assert not more, found
    return path, code


# --- defaults --------------------------------------------------------------------------


def test_defaults_are_the_safe_ones() -> None:
    config = AuthConfig()
    assert config.login_with.sign_in_attributes == ("email",)
    assert config.login_with.case_sensitive is False
    assert config.profile == "production"
    assert config.guest_access is False
    assert config.identity_pool is True
    assert config.self_sign_up is True
    assert config.feature_plan == "essentials"
    policy = config.password_policy
    assert (policy.min_length, policy.require_symbols, policy.require_digits) == (12, True, True)
    assert config.multifactor.mode == "optional"
    assert config.multifactor.factors == ("totp",)
    assert config.effective_account_recovery == "email_only"


def test_sign_in_attribute_is_required_as_amplify_does() -> None:
    assert AuthConfig().user_attributes.email.required is True
    phone = AuthConfig(login_with={"phone": True}, multifactor={"mode": "off"})
    assert phone.user_attributes.phone_number.required is True
    assert phone.user_attributes.email.required is False
    assert phone.effective_account_recovery == "phone_only_without_mfa"


def test_explicit_attribute_settings_win_over_the_sign_in_default() -> None:
    config = AuthConfig(user_attributes={"email": {"required": False}})
    assert config.user_attributes.email.required is False


def test_login_with_given_means_only_what_it_lists() -> None:
    config = AuthConfig(login_with={"username": True}, multifactor={"mode": "off"})
    assert config.login_with.sign_in_attributes == ("username",)


def test_true_and_false_toggle_options() -> None:
    config = AuthConfig(login_with={"email": True, "phone": False}, multifactor={"sms": True})
    assert config.login_with.phone is None
    assert config.login_with.email is not None
    assert config.multifactor.sms is not None
    assert config.multifactor.factors == ("sms",)  # listed factors are exactly the factors


def test_groups_accept_names_and_take_their_position_as_precedence() -> None:
    config = AuthConfig(
        groups=["ADMINS", {"name": "EDITORS"}, {"name": "SUPPORT", "precedence": 10}]
    )
    assert [(g.name, g.precedence) for g in config.groups] == [
        ("ADMINS", 0),
        ("EDITORS", 1),
        ("SUPPORT", 10),
    ]
    assert all(g.inherit_authenticated_access for g in config.groups)


def test_models_are_frozen() -> None:
    config = AuthConfig()
    with pytest.raises(Exception, match="frozen"):
        config.guest_access = True  # type: ignore[misc]


def test_every_standard_attribute_is_configurable() -> None:
    data = {"user_attributes": {name: {"required": True} for name in STANDARD_ATTRIBUTES}}
    config = AuthConfig.model_validate(data)
    assert config.user_attributes.required_standard() == STANDARD_ATTRIBUTES


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_example_configurations_are_valid(path: Path) -> None:
    load_config(path)


# --- field errors ----------------------------------------------------------------------


def test_unknown_key_names_the_allowed_ones_and_a_likely_fix() -> None:
    with pytest.raises(ConfigError) as caught:
        AuthConfig.model_validate({"login_with": {"emial": True}})
    (found,) = caught.value.problems
    assert (found.path, found.code, found.received) == (
        ("login_with", "emial"),
        "extra_forbidden",
        "emial",
    )
    assert found.allowed == (
        "case_sensitive, email, external_providers, phone, preferred_challenge, username, webauthn"
    )
    assert found.hint == "did you mean 'email'?"


def test_unknown_top_level_key() -> None:
    assert only_problem({"guest_acess": True}) == ("guest_acess", "extra_forbidden")


def test_wrong_literal_suggests_the_closest() -> None:
    with pytest.raises(ConfigError) as caught:
        AuthConfig.model_validate({"multifactor": {"mode": "requird"}})
    (found,) = caught.value.problems
    assert found.path == ("multifactor", "mode")
    assert found.received == "requird"
    assert found.hint == "did you mean 'required'?"


def test_toggle_refuses_other_values() -> None:
    assert only_problem({"login_with": {"email": "yes"}}) == (
        "login_with.email",
        "invalid_setting",
    )


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"password_policy": {"min_length": 5}}, "password_policy.min_length"),
        ({"password_policy": {"min_length": 100}}, "password_policy.min_length"),
        (
            {"password_policy": {"temp_password_validity_days": 0}},
            "password_policy.temp_password_validity_days",
        ),
        (
            {"password_policy": {"password_history_size": 25}},
            "password_policy.password_history_size",
        ),
        ({"groups": [{"name": "A", "precedence": -1}]}, "groups[0].precedence"),
        ({"groups": [{"name": ""}]}, "groups[0].name"),
        ({"groups": [{"name": " padded "}]}, "groups[0].name"),
        ({"groups": ["two words"]}, "groups[0].name"),
        ({"name": "1starts-with-digit"}, "name"),
        ({"name": "has space"}, "name"),
        ({"profile": "staging"}, "profile"),
        ({"feature_plan": "premium"}, "feature_plan"),
        ({"account_recovery": "sms"}, "account_recovery"),
        ({"senders": {"email": {"from_email": "not-an-address"}}}, "senders.email.from_email"),
        (
            {"senders": {"email": {"from_email": "a@b.co", "ses_region": "Mars"}}},
            "senders.email.ses_region",
        ),
        (
            {"user_attributes": {"custom": {"x": {"max_length": 5000}}}},
            "user_attributes.custom.x.max_length",
        ),
        (
            {"user_attributes": {"custom": {"x": {"data_type": "json"}}}},
            "user_attributes.custom.x.data_type",
        ),
    ],
)
def test_out_of_range_and_malformed_values(data: dict[str, Any], path: str) -> None:
    assert path in codes(data)


# --- validator branches ----------------------------------------------------------------


def test_custom_attribute_name_without_prefix() -> None:
    assert only_problem({"user_attributes": {"custom": {"custom:tenant": {}}}}) == (
        "user_attributes.custom.custom:tenant",
        "custom_prefix",
    )


def test_custom_attribute_name_length() -> None:
    assert only_problem({"user_attributes": {"custom": {"a" * 21: {}}}}) == (
        f"user_attributes.custom.{'a' * 21}",
        "length",
    )


def test_custom_attribute_name_characters() -> None:
    assert only_problem({"user_attributes": {"custom": {"two words": {}}}}) == (
        "user_attributes.custom.two words",
        "invalid_characters",
    )


def test_custom_attribute_can_never_be_required() -> None:
    assert only_problem({"user_attributes": {"custom": {"tenant": {"required": True}}}}) == (
        "user_attributes.custom.tenant.required",
        "custom_attribute_required",
    )


@pytest.mark.parametrize(
    ("attribute", "path", "code", "allowed"),
    [
        ({"data_type": "number", "min_length": 1}, "min_length", "constraint_wrong_type", STR),
        ({"data_type": "boolean", "max_length": 1}, "max_length", "constraint_wrong_type", STR),
        ({"data_type": "string", "min_value": 1}, "min_value", "constraint_wrong_type", NUM),
        ({"data_type": "datetime", "max_value": 1}, "max_value", "constraint_wrong_type", NUM),
        ({"min_length": 10, "max_length": 5}, "min_length", "min_above_max", None),
        (
            {"data_type": "number", "min_value": 9, "max_value": 1},
            "min_value",
            "min_above_max",
            None,
        ),
    ],
)
def test_custom_attribute_constraints(
    attribute: dict[str, Any], path: str, code: str, allowed: str | None
) -> None:
    data = {"user_attributes": {"custom": {"x": attribute}}}
    found = assert_only(data, f"user_attributes.custom.x.{path}", code)
    if allowed is not None:  # which kind of attribute takes the constraint
        assert found.allowed is not None
        assert allowed in found.allowed


@pytest.mark.parametrize(
    ("email", "path", "placeholder"),
    [
        ({"verification_email_body": "Your code"}, "verification_email_body", "{####}"),
        (
            {"verification_email_style": "link", "verification_email_body": "Code {####}"},
            "verification_email_body",
            "{##Verify Email##}",
        ),
        (
            {"user_invitation": {"email_body": "Password {####}"}},
            "user_invitation.email_body",
            "{username}",
        ),
        (
            {"user_invitation": {"email_body": "Hello {username}"}},
            "user_invitation.email_body",
            "{####}",
        ),
        (
            {"user_invitation": {"sms_message": "Hi {username}"}},
            "user_invitation.sms_message",
            "{####}",
        ),
    ],
)
def test_message_templates_need_their_placeholders(
    email: dict[str, Any], path: str, placeholder: str
) -> None:
    found = assert_only(
        {"login_with": {"email": email}}, f"login_with.email.{path}", "missing_placeholder"
    )
    assert found.allowed == f"text containing {placeholder}"


def test_link_style_accepts_any_link_text() -> None:
    config = AuthConfig(
        login_with={
            "email": {
                "verification_email_style": "link",
                "verification_email_body": "Click {##here to verify##}",
            },
            "external_providers": {"domain_prefix": "shop-auth"},
        }
    )
    assert config.login_with.email is not None


def test_message_lengths() -> None:
    found = {
        format_path(p.path): (p.code, p.allowed)
        for p in refused(
            {
                "login_with": {
                    "email": {"verification_email_subject": "x" * 141},
                    "phone": {"verification_message": "{####}" + "x" * 140},
                },
                "multifactor": {"sms": True},
            }
        )
    }
    assert found["login_with.email.verification_email_subject"] == (
        "length",
        "text of 1-140 characters",
    )
    assert found["login_with.phone.verification_message"] == ("length", "text of 6-140 characters")


def test_sms_mfa_message_needs_the_code() -> None:
    found = assert_only(
        {"multifactor": {"sms": {"message": "Your code"}}},
        "multifactor.sms.message",
        "missing_placeholder",
    )
    assert found.allowed == "text containing {####}"


def test_mfa_mode_on_needs_a_factor() -> None:
    assert only_problem({"multifactor": {"mode": "required", "totp": False}}) == (
        "multifactor.mode",
        "mode_without_factor",
    )


def test_mfa_factor_while_off_is_refused() -> None:
    assert only_problem({"multifactor": {"mode": "off", "sms": True}}) == (
        "multifactor.sms",
        "factor_while_off",
    )


def test_mfa_off_with_default_factors_is_fine() -> None:
    assert AuthConfig(multifactor={"mode": "off"}).multifactor.factors == ()


def test_no_way_to_sign_in() -> None:
    assert only_problem({"login_with": {}}) == ("login_with", "no_sign_in")


def test_duplicate_groups_are_reported_once() -> None:
    assert codes({"groups": ["A", "B", "A", "A"]}) == {"groups[0].name": ["duplicate"]}


def test_required_sms_only_mfa_needs_a_required_phone_number() -> None:
    data = {"multifactor": {"mode": "required", "totp": False, "sms": True}}
    assert only_problem(data) == ("multifactor.sms", "sms_mfa_without_phone")
    data["user_attributes"] = {"phone_number": {"required": True}}
    AuthConfig.model_validate(data)


def test_email_mfa_needs_ses_and_a_plan() -> None:
    found = codes({"multifactor": {"email": True}, "feature_plan": "lite"})
    assert found == {"multifactor.email": ["email_mfa_without_sender", "plan_required"]}
    AuthConfig(multifactor={"email": True}, senders={"email": {"from_email": "a@example.com"}})


def test_password_history_needs_essentials() -> None:
    assert_only(
        {"password_policy": {"password_history_size": 3}, "feature_plan": "lite"},
        "password_policy.password_history_size",
        "plan_required",
    )


def test_guest_access_needs_an_identity_pool() -> None:
    assert only_problem({"guest_access": True, "identity_pool": False}) == (
        "guest_access",
        "guest_access_without_identity_pool",
    )


def test_sms_sender_role_and_external_id_go_together() -> None:
    arn = "arn:aws:iam::123456789012:role/cognito-sms"
    assert only_problem({"senders": {"sms": {"sns_caller_arn": arn}}}) == (
        "senders.sms.external_id",
        "fields_go_together",
    )


def test_ses_verified_domain_must_hold_the_sender() -> None:
    assert only_problem(
        {"senders": {"email": {"from_email": "a@x.example", "ses_verified_domain": "y.example"}}}
    ) == ("senders.email.ses_verified_domain", "from_email_outside_domain")


def test_problems_in_separate_parts_are_reported_together() -> None:
    found = codes(
        {
            "login_with": {"email": {"verification_email_body": "no code"}},
            "password_policy": {"min_length": 2},
            "groups": [{"name": "A", "colour": "red"}],
            "user_attributes": {"custom": {"t": {"required": True}}},
        }
    )
    assert set(found) == {
        "login_with.email.verification_email_body",
        "password_policy.min_length",
        "groups[0].colour",
        "user_attributes.custom.t.required",
    }


def test_not_a_mapping() -> None:
    with pytest.raises(ConfigError) as caught:
        AuthConfig.model_validate(["email"])
    assert [p.code for p in caught.value.problems] == ["not_a_mapping"]


def test_keyword_construction_raises_config_error_too() -> None:
    with pytest.raises(ConfigError):
        AuthConfig(profile="staging")
