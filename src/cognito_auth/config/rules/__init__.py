"""The cross-field rules of a configuration: the checks that relate several fields.

One module per subject (sign-in, groups, MFA, plan, identity pool, access,
federation, migration, clients, features, quotas), each exposing
``check(config) -> Iterator[Problem]``; :mod:`cognito_auth.config.rules.subjects`
lists them and ``AuthConfig``'s validator runs them all. The package itself imports
nothing, so the field models may import :mod:`cognito_auth.config.rules.common`
(the helpers that write each common message once) without a cycle.
"""
