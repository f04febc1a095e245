"""References to secrets: where an identity provider's client secret or private key is
stored. The configuration never holds a secret's value.

A reference is one of two mappings::

    {secrets_manager: NAME_OR_ARN, json_field: FIELD}   # AWS Secrets Manager
    {ssm_parameter: NAME}                               # SSM Parameter Store SecureString

A plain string is refused: the message shows both forms, and never the value itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Any, Self

from pydantic import BeforeValidator, Discriminator, Tag, model_validator
from pydantic_core import PydanticCustomError

from cognito_auth.config._base import Model, Problem, problem, raise_problems
from cognito_auth.config._patterns import InSchema, both, either
from cognito_auth.errors import RULES_ERROR

__all__ = [
    "REFERENCE_FORMS",
    "SecretRef",
    "SecretsManagerSecret",
    "SsmParameterSecret",
]

REFERENCE_FORMS = "{secrets_manager: NAME_OR_ARN, json_field: FIELD} or {ssm_parameter: NAME}"
"""How a reference is written, shown in every error about one."""

SECRET_NAME = re.compile(r"^[A-Za-z0-9/_+=.@-]{1,512}$")
SECRET_ARN = re.compile(
    r"^arn:aws[a-z-]*:secretsmanager:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}"
    r":secret:[A-Za-z0-9/_+=.@-]{1,512}$"
)
JSON_FIELD = re.compile(r"^[^:{}\s]{1,256}$")
PARAMETER_NAME = re.compile(r"^(/[A-Za-z0-9_.-]+)+$|^[A-Za-z0-9_.-]+$")
PARAMETER_ARN = re.compile(
    r"^arn:aws[a-z-]*:ssm:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}:parameter/[A-Za-z0-9_./-]+$"
)
KMS_KEY_ARN = re.compile(
    r"^arn:aws[a-z-]*:kms:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}:key/[A-Za-z0-9-]+$"
)
_MAX_PARAMETER_NAME = 1011
_PARAMETER_NAME_LENGTH = re.compile(rf"^.{{1,{_MAX_PARAMETER_NAME}}}$")
_SECRET = either(SECRET_ARN, SECRET_NAME)
"""A secret's ARN or name (a name has no ':', so it never looks like an ARN)."""
_PARAMETER = either(PARAMETER_ARN, both(_PARAMETER_NAME_LENGTH, PARAMETER_NAME))


class SecretsManagerSecret(Model):
    """A secret in AWS Secrets Manager. The template holds a CloudFormation dynamic
    reference (``{{resolve:secretsmanager:...}}``); CloudFormation reads the value at
    deploy time, and it never appears in the template or in the configuration."""

    secrets_manager: Annotated[str, InSchema((_SECRET,))]
    """The secret's name (``shop/google``) or its full ARN. Required."""
    json_field: Annotated[str | None, InSchema((JSON_FIELD,))] = None
    """The key to read when the secret's value is a JSON object
    (``{"client_secret": "..."}``). Default: the whole secret string is the value."""

    @model_validator(mode="after")
    def _check(self) -> Self:
        raise_problems(self._problems())
        return self

    def _problems(self) -> Iterator[Problem]:
        secret = self.secrets_manager
        if secret.startswith("arn:"):
            if not SECRET_ARN.fullmatch(secret):
                yield problem(
                    "secrets_manager",
                    "is not a Secrets Manager secret ARN",
                    received=secret,
                    allowed="arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-SUFFIX, "
                    "or the secret's name",
                    code="invalid_arn",
                )
        elif not SECRET_NAME.fullmatch(secret):
            yield problem(
                "secrets_manager",
                "is not a valid secret name",
                received=secret,
                allowed="1-512 letters, digits and /_+=.@- (or the secret's full ARN)",
                hint="a name cannot contain ':'; give the full ARN for a secret found by ARN",
                code="invalid_name",
            )
        if self.json_field is not None and not JSON_FIELD.fullmatch(self.json_field):
            yield problem(
                "json_field",
                "cannot be used in a CloudFormation dynamic reference",
                received=self.json_field,
                allowed="1-256 characters without ':', '{', '}' or spaces",
                code="invalid_json_field",
            )


class SsmParameterSecret(Model):
    """A SecureString parameter in SSM Parameter Store.

    CloudFormation cannot resolve ``ssm-secure`` references in Cognito identity providers
    (it supports them only for a short list of resource types), so the backend reads the
    parameter at deploy time with a small custom resource (``ssm:GetParameter`` with
    decryption, allowed on this parameter only). The value never appears in the template."""

    ssm_parameter: Annotated[str, InSchema((_PARAMETER,))]
    """The parameter's name (``/shop/google-secret``) or its full ARN. Required."""
    kms_key_arn: Annotated[str | None, InSchema((KMS_KEY_ARN,))] = None
    """The customer managed KMS key that encrypts the parameter; the reader is allowed to
    decrypt with it through SSM only. Default: the parameter uses the AWS managed key
    ``aws/ssm``, which needs no extra permission."""

    @model_validator(mode="after")
    def _check(self) -> Self:
        raise_problems(self._problems())
        return self

    @property
    def parameter_name(self) -> str:
        """The name to request, without the ARN."""
        if self.ssm_parameter.startswith("arn:"):
            return "/" + self.ssm_parameter.split(":parameter/", 1)[1].lstrip("/")
        return self.ssm_parameter

    def _problems(self) -> Iterator[Problem]:
        name = self.ssm_parameter
        if name.startswith("arn:"):
            if not PARAMETER_ARN.fullmatch(name):
                yield problem(
                    "ssm_parameter",
                    "is not an SSM parameter ARN",
                    received=name,
                    allowed="arn:aws:ssm:REGION:ACCOUNT:parameter/NAME, or the parameter's name",
                    code="invalid_arn",
                )
        elif not _PARAMETER_NAME_LENGTH.fullmatch(name) or not PARAMETER_NAME.fullmatch(name):
            yield problem(
                "ssm_parameter",
                "is not a valid parameter name",
                received=name,
                allowed="letters, digits and _.- in one name, or a path such as "
                "/shop/google-secret (up to 1011 characters)",
                hint="a path must start with '/'",
                code="invalid_name",
            )
        if self.kms_key_arn is not None and not KMS_KEY_ARN.fullmatch(self.kms_key_arn):
            yield problem(
                "kms_key_arn",
                "is not a KMS key ARN",
                received=self.kms_key_arn,
                allowed="arn:aws:kms:REGION:ACCOUNT:key/KEY-ID",
                code="invalid_arn",
            )


def _secret_kind(value: Any) -> str | None:
    if isinstance(value, SecretsManagerSecret):
        return "variant:secrets_manager"
    if isinstance(value, SsmParameterSecret):
        return "variant:ssm_parameter"
    if isinstance(value, dict):
        if "ssm_parameter" in value:
            return "variant:ssm_parameter"
        return "variant:secrets_manager"
    return None


def secret_input(value: Any) -> Any:
    """Refuse anything that is not a reference, before the union looks at it, with a
    message that shows the reference form and never echoes a plain value."""
    found: Problem | None = None
    if isinstance(value, str):
        found = problem(
            (),
            "a secret is never written in the configuration: store it in Secrets Manager "
            "or SSM Parameter Store and give a reference",
            received="(a plain string, not shown)",
            allowed=REFERENCE_FORMS,
            hint="for example: aws secretsmanager create-secret --name shop/google "
            "--secret-string VALUE, then write {secrets_manager: shop/google}",
            code="plain_secret",
        )
    elif isinstance(value, dict):
        kinds = [key for key in ("secrets_manager", "ssm_parameter") if key in value]
        if len(kinds) != 1:
            found = problem(
                (),
                "a secret reference names exactly one store"
                if kinds
                else "a secret reference needs secrets_manager or ssm_parameter",
                received=sorted(value),
                allowed=REFERENCE_FORMS,
                code="exactly_one",
            )
    elif not isinstance(value, SecretsManagerSecret | SsmParameterSecret):
        found = problem(
            (),
            "is not a secret reference",
            received=type(value).__name__,
            allowed=REFERENCE_FORMS,
            code="not_a_secret_reference",
        )
    if found is not None:
        raise PydanticCustomError(
            RULES_ERROR, "{summary}", {"summary": found.message, "problems": [found]}
        )
    return value


SecretRef = Annotated[
    Annotated[
        Annotated[SecretsManagerSecret, Tag("variant:secrets_manager")]
        | Annotated[SsmParameterSecret, Tag("variant:ssm_parameter")],
        Discriminator(_secret_kind),
    ],
    BeforeValidator(secret_input),
]
"""A reference to a stored secret, never its value."""
