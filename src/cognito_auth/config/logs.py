"""Cognito's event logs as configuration: ``logs``.

Cognito exports two streams (``SetLogDeliveryConfiguration``): message-delivery errors
(event source ``userNotification``, ERROR level, to a CloudWatch log group only) and, with
threat protection on the plus plan, users' sign-in events (``userAuthEvents``, INFO level,
to a log group, an S3 bucket or a Firehose stream).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from cognito_auth.config._base import Model, Problem, problem, raise_problems

__all__ = [
    "DEFAULT_RETENTION_DAYS",
    "RETENTION_DAYS",
    "CloudWatchDestination",
    "LogDestination",
    "Logs",
]

RETENTION_DAYS = (
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
    1096, 1827, 2192, 2557, 2922, 3288, 3653,
)  # fmt: skip
"""The retention periods CloudWatch Logs accepts (``AWS::Logs::LogGroup``
``RetentionInDays``)."""
DEFAULT_RETENTION_DAYS = 365

S3_BUCKET_ARN_PATTERN = r"^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"
FIREHOSE_STREAM_ARN_PATTERN = (
    r"^arn:aws[a-z-]*:firehose:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}"
    r":deliverystream/[a-zA-Z0-9_.-]{1,64}$"
)


class CloudWatchDestination(Model):
    """A CloudWatch Logs log group that the backend creates, named as Cognito's log
    delivery expects (``/aws/vendedlogs/cognito/...``), encrypted by CloudWatch Logs (a KMS
    key is not allowed by Cognito)."""

    retention_days: int = DEFAULT_RETENTION_DAYS
    """How long events are kept: one of CloudWatch's periods (1, 3, 5, 7, 14, 30, 60, 90,
    120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653).
    Default: 365."""

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.retention_days not in RETENTION_DAYS:
            raise_problems(
                [
                    problem(
                        "retention_days",
                        "not a retention period that CloudWatch Logs offers",
                        received=self.retention_days,
                        allowed=", ".join(str(d) for d in RETENTION_DAYS),
                        hint=f"use {_nearest(self.retention_days)}",
                        code="invalid_retention",
                    )
                ]
            )
        return self


def _nearest(days: int) -> int:
    return min(RETENTION_DAYS, key=lambda d: (abs(d - days), -d))


class LogDestination(Model):
    """Where one stream of events goes: exactly one of ``cloudwatch``, ``s3_bucket_arn``,
    ``firehose_stream_arn``."""

    cloudwatch: CloudWatchDestination | None = None
    """A log group created by the backend: ``{retention_days}``."""
    s3_bucket_arn: Annotated[str | None, Field(pattern=S3_BUCKET_ARN_PATTERN)] = None
    """An existing S3 bucket (``arn:aws:s3:::NAME``) in the backend's account. The log
    delivery adds the statements it needs to the bucket policy when it is set up. Only
    for ``user_activity``."""
    firehose_stream_arn: Annotated[str | None, Field(pattern=FIREHOSE_STREAM_ARN_PATTERN)] = None
    """An existing Firehose stream
    (``arn:aws:firehose:REGION:ACCOUNT:deliverystream/NAME``) in the backend's account.
    The log delivery tags it and uses its service-linked role. Only for
    ``user_activity``."""

    @property
    def kind(self) -> Literal["cloudwatch", "s3", "firehose"]:
        if self.s3_bucket_arn is not None:
            return "s3"
        if self.firehose_stream_arn is not None:
            return "firehose"
        return "cloudwatch"

    @model_validator(mode="after")
    def _check(self) -> Self:
        raise_problems(self._problems())
        return self

    def _problems(self) -> Iterator[Problem]:
        given = [
            key
            for key in ("cloudwatch", "s3_bucket_arn", "firehose_stream_arn")
            if getattr(self, key) is not None
        ]
        if len(given) != 1:
            yield problem(
                (),
                "a log destination is exactly one of cloudwatch, s3_bucket_arn or "
                f"firehose_stream_arn; {'none is' if not given else ', '.join(given) + ' are'} "
                "given",
                received=given,
                allowed="{cloudwatch: {retention_days: 365}}, {s3_bucket_arn: ...} or "
                "{firehose_stream_arn: ...}",
                hint="keep one destination (one stream goes to one place)",
                code="exactly_one",
            )


class Logs(Model):
    """Cognito's event logs, each sent to one destination."""

    user_notification: LogDestination | None = None
    """Errors delivering email and SMS messages (verification codes, invitations, MFA
    codes), ERROR level: ``{cloudwatch: {retention_days}}`` (Cognito sends these to a log
    group only). Default: not exported."""
    user_activity: LogDestination | None = None
    """Users' sign-in events with threat protection's risk assessment, INFO level: to a
    log group, an S3 bucket or a Firehose stream. Needs ``feature_plan: plus`` and
    ``threat_protection`` (Cognito produces these events only with threat protection on).
    Default: not exported."""
