"""The defaults of the nested sections are validated by AuthConfig's own validator (so
that no section builds a validator of its own): they equal the sections' own defaults."""

from __future__ import annotations

from cognito_auth import AuthConfig
from cognito_auth.config import (
    AppClient,
    EmailLogin,
    LoginWith,
    Multifactor,
    PasswordPolicy,
    Senders,
    StandardAttribute,
    TokenValidity,
    UserAttributes,
)


def test_the_defaults_are_the_sections_own() -> None:
    config = AuthConfig.model_validate({})
    assert config.password_policy == PasswordPolicy()
    assert config.multifactor == Multifactor()
    assert config.senders == Senders()
    # email sign-in (the default) makes email required (AuthConfig's before-validator)
    signed_in_with = StandardAttribute(required=True, mutable=True)
    assert config.user_attributes == UserAttributes(email=signed_in_with)
    assert config.login_with == LoginWith(email=EmailLogin())
    assert config.clients == (AppClient(name="web"),)
    assert config.clients[0].generate_secret is False  # the before-validator ran
    assert config.clients[0].token_validity == TokenValidity()
    assert config.user_attributes.phone_number == StandardAttribute()


def test_defaults_are_not_marked_as_set() -> None:
    config = AuthConfig.model_validate({})
    assert "password_policy" not in config.model_fields_set
    assert "clients" not in config.model_fields_set
