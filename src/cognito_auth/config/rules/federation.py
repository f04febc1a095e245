"""External providers: the hosted domain, managed login and attribute mapping."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cognito_auth.config.providers import VERIFIED_FLAGS, ExternalProviders, SocialProvider
from cognito_auth.config.rules.common import plan_allows, plan_problem
from cognito_auth.errors import Problem, problem

if TYPE_CHECKING:
    from cognito_auth.config.root import AuthConfig

__all__ = ["check"]


def check(config: AuthConfig) -> Iterator[Problem]:
    login = config.login_with
    external = config.external_providers
    base: tuple[str | int, ...] = ("login_with", "external_providers")
    if (
        login.email is not None
        and login.email.verification_email_style == "link"
        and not external.has_domain
    ):
        yield problem(
            "login_with.email.verification_email_style",
            "verification links point to the pool's hosted domain, and it has none",
            received="link",
            allowed="code, or link together with a domain",
            hint="add external_providers: {domain_prefix: a-unique-prefix} under "
            "login_with, or use verification_email_style: code",
            code="verification_link_without_domain",
        )
    if external.allow_cognito_sign_in and not login.sign_in_attributes:
        yield problem(
            (*base, "allow_cognito_sign_in"),
            "the pool's own sign-in is turned on, but login_with turns on none of email, "
            "phone or username to sign in with",
            received=True,
            allowed="false (or leave it out) for a pool whose users all come from providers",
            hint="remove allow_cognito_sign_in, or turn on email under login_with",
            code="cognito_sign_in_without_identifier",
        )
    if external.managed_login_version == "managed_login" and not plan_allows(
        config.feature_plan, "essentials"
    ):
        yield plan_problem(
            (*base, "managed_login_version"),
            "managed login",
            config.feature_plan,
            instead="with lite, Cognito serves only the classic hosted UI",
            received="managed_login",
            allowed="classic_hosted_ui with feature_plan: lite",
            hint="set feature_plan: essentials, or managed_login_version: classic_hosted_ui",
        )
    yield from _mapping_rules(config, external, base)


def _mapping_rules(
    config: AuthConfig, external: ExternalProviders, base: tuple[str | int, ...]
) -> Iterator[Problem]:
    attributes = config.user_attributes
    immutable_by_default: dict[str, list[str]] = {}
    for provider in external.providers:
        path = (*base, *external.provider_path(provider), "attribute_mapping")
        mapping = config.attribute_mapping(provider)
        for target, source in mapping.items():
            mutable = True if target in VERIFIED_FLAGS else attributes.is_mutable(target)
            if mutable is None:
                name = target.removeprefix("custom:")
                yield problem(
                    (*path, target),
                    f"{target} is not an attribute of the pool",
                    received=source,
                    allowed=", ".join(f"custom:{n}" for n in attributes.custom)
                    or "a custom attribute defined under user_attributes.custom",
                    hint=f"add it: user_attributes: {{custom: {{{name}: {{}}}}}}",
                    code="unknown_attribute",
                )
            elif not mutable:
                if target in provider.attribute_mapping:
                    yield problem(
                        (*path, target),
                        f"{target} is immutable in the pool, and Cognito writes mapped "
                        "attributes at every federated sign-in",
                        received=source,
                        allowed="a mapping to a mutable attribute",
                        hint=f"remove the mapping, or make {target} mutable (possible only "
                        "before the pool is first deployed)",
                        code="immutable_attribute_mapped",
                    )
                else:
                    immutable_by_default.setdefault(target, []).append(provider.provider_name)
        if (
            isinstance(provider, SocialProvider)
            and provider.email_scopes
            and mapping.get("email") == "email"
            and not set(provider.email_scopes) & set(getattr(provider, "scopes", ()))
        ):
            yield problem(
                (*base, *external.provider_path(provider), "scopes"),
                f"email is mapped from {provider.provider_name}'s email, which "
                f"{provider.provider_name} returns only with the "
                f"{provider.email_scopes[0]!r} scope",
                received=list(getattr(provider, "scopes", ())),
                allowed=f"scopes including {provider.email_scopes[0]}",
                hint=f"add {provider.email_scopes[0]} to scopes",
                code="email_mapping_scope",
            )
        for required in attributes.required_standard():
            if required not in mapping:
                yield problem(
                    path,
                    f"the pool requires {required}, but {provider.provider_name} does not "
                    "map it: Cognito could not create its users at their first sign-in",
                    received=dict(provider.attribute_mapping),
                    allowed=f"a mapping that includes {required}",
                    hint=f"add {required}: PROVIDER_ATTRIBUTE under attribute_mapping, or "
                    f"make user_attributes.{required} optional",
                    code="required_attribute_not_mapped",
                )
    for target, names in immutable_by_default.items():
        yield problem(
            ("user_attributes", target, "mutable"),
            f"{target} is mapped from {', '.join(names)} by default (users sign in with "
            f"{target}, as Amplify), and Cognito writes mapped attributes at every "
            "federated sign-in, so it must be mutable",
            received=False,
            allowed="true",
            hint=f"make {target} mutable (possible only before the pool is first deployed)",
            code="mapped_attribute_immutable_default",
        )
