"""The translation's pure parts: defaults left out, names, secret names."""

from __future__ import annotations

from cognito_auth.adopt.translate import client_config_name, minimal, secret_name


def test_defaults_are_left_out() -> None:
    full = {
        "profile": "production",
        "login_with": {"email": {}, "case_sensitive": False},
        "self_sign_up": True,
        "password_policy": {"min_length": 12, "require_symbols": True},
        "groups": [{"name": "admins", "precedence": 0}, {"name": "ops", "precedence": None}],
        "clients": [{"name": "web", "kind": "spa", "token_revocation": True}],
        "identity_pool": True,
    }
    assert minimal(full) == {"groups": ["admins", {"name": "ops", "precedence": None}]}


def test_a_standard_attribute_that_sign_in_would_require_stays_optional() -> None:
    full = {
        "login_with": {"email": {}},
        "user_attributes": {"email": {"required": False, "mutable": True}},
    }
    assert minimal(full) == {"user_attributes": {"email": {"required": False}}}


def test_on_off_options_become_true() -> None:
    full = {
        "login_with": {"email": {}, "phone": {}},
        "multifactor": {"mode": "optional", "sms": {}},
    }
    assert minimal(full) == {
        "login_with": {"email": True, "phone": True},
        "multifactor": {"sms": True},
    }


def test_client_names() -> None:
    assert client_config_name("shop-web", "shop") == "web"
    assert client_config_name("My web app", None) == "My-web-app"
    assert client_config_name("_private", None) == "c_private"


def test_secret_names_are_valid_secrets_manager_names() -> None:
    assert secret_name("eu-west-1_AbC", "Okta Prod") == "cognito-auth/eu-west-1_AbC/Okta-Prod"


def test_value_tables_are_the_guards() -> None:
    """One copy of the API-value tables: adopt reads the pool with the same tables that
    check-deployed compares with (review item D6), so the two can never disagree."""
    import inspect

    from cognito_auth.adopt import translate
    from cognito_auth.guard import deployed

    assert translate.MFA_MODES is deployed.MFA_MODES
    assert translate.RECOVERY_SETTINGS is deployed.RECOVERY_SETTINGS
    assert translate.ATTRIBUTE_TYPES is deployed.ATTRIBUTE_TYPES
    source = inspect.getsource(translate)
    for literal in ('"OPTIONAL": "optional"', '("admin_only",)', '"DateTime": "datetime"'):
        assert literal not in source, literal
