"""Cognito's documented quotas that a configuration can exceed, and the CloudFormation
resources a backend needs: refused at validation, not halfway through a deploy.

Quotas: Amazon Cognito Developer Guide, "Quotas in Amazon Cognito", section "Quotas on
resource number and size" (user pools and identity pools resource quotas). Adjustable
quotas are checked at their default value, as the rest of validation does (resource
servers); the refusal says how far Service Quotas can raise them. Quotas already
enforced where their field lives are listed in :data:`ENFORCED_ELSEWHERE`.

One CloudFormation stack holds at most 500 resources (CloudFormation User Guide,
"CloudFormation quotas"). :func:`resource_count` counts what ``AuthBackend`` creates for
a configuration, from the configuration alone (no aws_cdk); a test keeps it equal to
the synthesized templates. Resources created from Python (triggers, ``grant_*``) come on
top.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from cognito_auth.config._base import Problem, problem
from cognito_auth.config.claims import verified_contacts
from cognito_auth.config.secrets import SsmParameterSecret

if TYPE_CHECKING:
    from cognito_auth.config.root import AuthConfig

MAX_STACK_RESOURCES: Final = 500
"""CloudFormation: resources per stack."""


@dataclass(frozen=True)
class Quota:
    """One documented quota."""

    what: str
    limit: int
    adjustable_to: int | None = None
    """The maximum Service Quotas can raise an adjustable quota to; None: not adjustable."""

    def sentence(self) -> str:
        if self.adjustable_to is None:
            return f"Cognito allows at most {self.limit:,} {self.what} (not adjustable)"
        return (
            f"Cognito allows at most {self.limit:,} {self.what} by default (adjustable in "
            f"Service Quotas up to {self.adjustable_to:,}; this package checks the default)"
        )


CUSTOM_ATTRIBUTES: Final = Quota("custom attributes per user pool", 50)
GROUPS: Final = Quota("groups per user pool", 10_000)
APP_CLIENTS: Final = Quota("app clients per user pool", 1_000, adjustable_to=10_000)
IDENTITY_PROVIDERS: Final = Quota("identity providers per user pool", 300, adjustable_to=1_000)
BRANDING_STYLES: Final = Quota("managed login branding styles per user pool", 20)
IDENTITY_POOL_PROVIDERS: Final = Quota(
    "Amazon Cognito user pool providers (app clients) per identity pool", 50, adjustable_to=1_000
)
ROLE_MAPPINGS: Final = Quota("identity providers with role mappings per identity pool", 10)

ENFORCED_ELSEWHERE: Final = {
    "resource servers per user pool (25, adjustable to 300)": "resource_servers",
    "scopes per resource server (100)": "resource_servers[].scopes",
    "scopes per app client (50)": "clients[].scopes",
    "callback URLs per app client (100)": "clients[].callback_urls, external_providers",
    "logout URLs per app client (100)": "clients[].logout_urls, external_providers",
    "identifiers per identity provider (50)": "oidc[].identifiers, saml[].identifiers",
    "characters in a custom attribute name (20)": "user_attributes.custom",
    "role-based access control rules (25)": "role_mapping_rules",
    "password length (6-99)": "password_policy.min_length",
}
"""Documented quotas checked on their own fields (each has a test)."""


def quota_problems(config: AuthConfig) -> Iterator[Problem]:
    """Every count of the configuration above its Cognito quota, and a backend over
    CloudFormation's 500 resources per stack."""
    user_clients = config.user_clients
    hosted = _hosted_clients(config)
    counts: list[tuple[Quota, int, str, str]] = [
        (
            CUSTOM_ATTRIBUTES,
            len(config.user_attributes.custom),
            "user_attributes.custom",
            "keep several values in one attribute (a JSON string), or keep the data in "
            "your own table keyed by the user's sub",
        ),
        (GROUPS, len(config.groups), "groups", "keep fewer groups"),
        (APP_CLIENTS, len(config.clients), "clients", "share clients between applications"),
        (
            IDENTITY_PROVIDERS,
            len(config.external_providers.providers),
            "login_with.external_providers",
            "federate through fewer providers (one SAML or OIDC provider can broker many)",
        ),
        (
            BRANDING_STYLES,
            len(hosted),
            "clients",
            "let fewer clients use the managed login pages, or use "
            "managed_login_version: classic_hosted_ui",
        ),
    ]
    if config.identity_pool:
        counts += [
            (
                IDENTITY_POOL_PROVIDERS,
                len(user_clients),
                "clients",
                "give the identity pool's users fewer clients, or set identity_pool: false",
            ),
            (
                ROLE_MAPPINGS,
                len(user_clients),
                "clients",
                "the identity pool maps roles for each user client: keep at most 10 user "
                "clients, or set identity_pool: false",
            ),
        ]
    for quota, count, path, hint in counts:
        if count > quota.limit:
            yield problem(
                path,
                f"{count:,} {quota.what}; {quota.sentence()}",
                received=f"{count:,}",
                allowed=f"at most {quota.limit:,}",
                hint=hint,
                code="quota_exceeded",
            )
    total = resource_count(config)
    if total > MAX_STACK_RESOURCES:
        yield problem(
            (),
            f"this backend needs {total:,} CloudFormation resources; a stack holds at most "
            f"{MAX_STACK_RESOURCES}",
            received=f"{total:,} resources",
            allowed=f"at most {MAX_STACK_RESOURCES} resources in the stack",
            hint="fewer groups (each also has a role), clients or identity providers; or "
            "split the backend's consumers so that this stack holds the backend alone",
            code="too_many_resources",
        )


def _hosted_clients(config: AuthConfig) -> list[str]:
    """The clients that get a managed login branding style (``constructs.domain``)."""
    if config.external_providers.managed_login_version != "managed_login":
        return []
    return [c.name for c in config.user_clients if config.client_oauth(c) is not None]


def _uses_sms(config: AuthConfig) -> bool:
    """As ``constructs.user_pool.uses_sms``: Cognito sends SMS (a test keeps them equal)."""
    return (
        "phone_number" in verified_contacts(config)
        or "sms" in config.multifactor.factors
        or "sms_otp" in config.login_with.passwordless_factors
        or config.senders.sms is not None
        or "phone" in config.effective_account_recovery
    )


def _ssm_secrets(config: AuthConfig) -> int:
    count = 0
    for provider in config.external_providers.providers:
        for name in type(provider).model_fields:
            if isinstance(getattr(provider, name), SsmParameterSecret):
                count += 1
    return count


def resource_count(config: AuthConfig) -> int:
    """The CloudFormation resources ``AuthBackend`` synthesizes for ``config`` alone."""
    total = 1  # the user pool
    total += len(config.clients) + len(config.resource_servers)
    total += len(config.external_providers.providers)
    total += 1 if config.external_providers.has_domain else 0
    total += len(_hosted_clients(config))
    total += len(config.groups)
    sms = config.senders.sms
    if _uses_sms(config) and (sms is None or sms.sns_caller_arn is None):
        total += 1  # the role Cognito assumes to send SMS
    secrets = _ssm_secrets(config)
    if secrets:
        # each reader is a custom resource with its own policy; the stack shares one
        # function and its role
        total += 2 * secrets + 2
    if config.migrate_users_from is not None:
        # the managed user-migration function: function, role, its policy, its log group
        # and Cognito's permission to invoke it
        total += 5
    if config.risk_configuration is not None:
        total += 1  # the risk configuration attachment (ClientId ALL)
    streams = [
        destination
        for destination in (config.logs.user_notification, config.logs.user_activity)
        if destination is not None
    ]
    if streams:
        total += 1  # the log delivery configuration
        total += sum(1 for destination in streams if destination.cloudwatch is not None)
    if config.identity_pool:
        total += 1 + 1  # the identity pool and its role attachment
        total += 1 + (1 if config.guest_access else 0) + len(config.groups)  # roles
        total += 1 if config.principal_tags else 0
        if config.access or config.storage:
            found = config.access_plan
            total += sum(found.documents(principal) for principal in found.statements)
    return total
