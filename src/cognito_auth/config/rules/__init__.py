"""The cross-field rules of a configuration: the checks that relate several fields.

:mod:`cognito_auth.config.rules.common` holds the helpers every rule shares (a value
listed twice, a feature that needs a higher feature plan), so that each of those
messages is written once.
"""
