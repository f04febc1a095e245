"""Who sends Cognito's email and SMS: ``senders``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Self

from pydantic import Field, model_validator

from cognito_auth.config._base import Model, Problem, problem, raise_problems

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
REGION_PATTERN = r"^[a-z]{2}(-[a-z]+)+-[0-9]$"
ROLE_ARN_PATTERN = r"^arn:aws[A-Za-z0-9_-]*:iam::[0-9]{12}:role/[A-Za-z0-9_+=,.@/-]+$"


class EmailSender(Model):
    """Send email through Amazon SES instead of Cognito's default sender (which allows
    50 emails a day and is meant for tests)."""

    from_email: Annotated[str, Field(pattern=EMAIL_PATTERN)]
    """Sender address; must be verified in SES (or belong to ``ses_verified_domain``)."""
    from_name: Annotated[
        str | None, Field(min_length=1, max_length=100, pattern=r"^[^\x00-\x1f\x7f]+$")
    ] = None
    """Display name of the sender (it goes into the From header: no line breaks or other
    control characters). Default: the address alone."""
    reply_to: Annotated[str | None, Field(pattern=EMAIL_PATTERN)] = None
    """Reply-to address. Default: the sender address."""
    configuration_set: Annotated[
        str | None, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    ] = None
    """SES configuration set (for event publishing, dedicated IPs): letters, digits, ``_``
    and ``-``, as SES names them. Default: none."""
    ses_region: Annotated[str | None, Field(pattern=REGION_PATTERN)] = None
    """Region of the SES identity. Default: the stack's region."""
    ses_verified_domain: Annotated[str | None, Field(min_length=3, max_length=253)] = None
    """Domain verified in SES that ``from_email`` belongs to. Default: the address itself
    is verified."""

    @model_validator(mode="after")
    def _check(self) -> Self:
        raise_problems(self._problems())
        return self

    def _problems(self) -> Iterator[Problem]:
        domain = self.from_email.rsplit("@", 1)[-1]
        if self.ses_verified_domain and domain != self.ses_verified_domain:
            yield problem(
                "ses_verified_domain",
                f"from_email {self.from_email!r} is not in the verified domain",
                received=self.ses_verified_domain,
                allowed=f"{domain!r}, the domain of from_email",
                code="from_email_outside_domain",
            )


class SmsSender(Model):
    """Send SMS through Amazon SNS with a role that Cognito assumes."""

    sns_caller_arn: Annotated[str | None, Field(pattern=ROLE_ARN_PATTERN)] = None
    """An existing IAM role that Cognito assumes to publish SMS. Default: the construct
    creates one, allowed only ``sns:Publish``."""
    external_id: Annotated[
        str | None, Field(min_length=1, max_length=1224, pattern=r"^[A-Za-z0-9_+=,.@:/-]+$")
    ] = None
    """External id in the trust policy of ``sns_caller_arn`` (letters, digits and
    ``+=,.@:/-``, as STS allows); give both or neither."""
    sns_region: Annotated[str | None, Field(pattern=REGION_PATTERN)] = None
    """Region of SNS used to send SMS. Default: the stack's region."""

    @model_validator(mode="after")
    def _check(self) -> Self:
        raise_problems(self._problems())
        return self

    def _problems(self) -> Iterator[Problem]:
        if (self.sns_caller_arn is None) != (self.external_id is None):
            missing = "external_id" if self.external_id is None else "sns_caller_arn"
            yield problem(
                missing,
                "sns_caller_arn and external_id go together",
                received=None,
                allowed="both, or neither (the construct then creates the role)",
                hint=f"add {missing}, or remove the other one",
                code="fields_go_together",
            )


class Senders(Model):
    """Senders of Cognito's messages."""

    email: EmailSender | None = None
    """Email through SES. Default: Cognito's own sender (limited to 50 emails a day)."""
    sms: SmsSender | None = None
    """SMS through SNS. Default: a role is created when anything sends SMS."""
