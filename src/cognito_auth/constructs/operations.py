"""Production operations: the risk configuration of threat protection and the export of
Cognito's event logs.

- ``threat_protection`` in its object form becomes one
  ``AWS::Cognito::UserPoolRiskConfigurationAttachment`` for all clients (``ClientId:
  ALL``): the actions per risk level, compromised credentials, notification emails sent
  through the SES identity of ``senders.email``, and the IP ranges always allowed or
  blocked.
- ``logs`` becomes one ``AWS::Cognito::LogDeliveryConfiguration``, plus a log group per
  CloudWatch destination, named under ``/aws/vendedlogs/`` (where Cognito's log delivery
  keeps its resource policy small) and encrypted by CloudWatch Logs itself (Cognito cannot
  deliver to a log group with a KMS key). The delivery itself grants what it needs when
  it is set up: a resource policy on the log group for ``delivery.logs.amazonaws.com``,
  statements in the bucket policy, a tag on the Firehose stream; the template adds no
  IAM statement of its own.
"""

from __future__ import annotations

from typing import Any

from aws_cdk import ArnFormat, RemovalPolicy, Stack
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_logs as logs
from constructs import Construct

from cognito_auth.config import AuthConfig
from cognito_auth.config.senders import EmailSender
from cognito_auth.config.threat_protection import (
    DEFAULT_NOTIFY_EMAILS,
    NotifyEmail,
    NotifySettings,
)
from cognito_auth.naming import log_group_id

__all__ = [
    "LOG_DELIVERY_ID",
    "RISK_CONFIGURATION_ID",
    "build_log_delivery",
    "build_risk_configuration",
    "log_group_id",
]

_Risk = cognito.CfnUserPoolRiskConfigurationAttachment
_Logs = cognito.CfnLogDeliveryConfiguration
RISK_CONFIGURATION_ID = "RiskConfiguration"
LOG_DELIVERY_ID = "LogDelivery"
_ACTIONS = {
    "allow": "NO_ACTION",
    "mfa_if_configured": "MFA_IF_CONFIGURED",
    "mfa_required": "MFA_REQUIRED",
    "block": "BLOCK",
}
_COMPROMISED = {"block": "BLOCK", "no_action": "NO_ACTION"}
COMPROMISED_EVENTS = ("SIGN_IN", "SIGN_UP", "PASSWORD_CHANGE")
"""Compromised credentials are checked at every event Cognito offers."""
_STREAMS = {
    "user_notification": ("userNotification", "ERROR", "user-notification"),
    "user_activity": ("userAuthEvents", "INFO", "user-activity"),
}


def build_risk_configuration(
    scope: Construct, config: AuthConfig, user_pool: cognito.IUserPool
) -> cognito.CfnUserPoolRiskConfigurationAttachment | None:
    """The risk configuration of the object form of ``threat_protection``; ``None`` for
    the string form (left to the console) or an audit mode without IP ranges."""
    settings = config.risk_configuration
    if settings is None:
        return None
    props: dict[str, Any] = {}
    adaptive = settings.effective_adaptive_authentication
    if adaptive is not None:
        notify = settings.notify is not None
        takeover: dict[str, Any] = {
            "actions": _Risk.AccountTakeoverActionsTypeProperty(
                low_action=_action(adaptive.low, notify),
                medium_action=_action(adaptive.medium, notify),
                high_action=_action(adaptive.high, notify),
            )
        }
        if settings.notify is not None and config.senders.email is not None:
            takeover["notify_configuration"] = _notify_configuration(
                scope, config.senders.email, settings.notify
            )
        props["account_takeover_risk_configuration"] = (
            _Risk.AccountTakeoverRiskConfigurationTypeProperty(**takeover)
        )
    compromised = settings.effective_compromised_credentials
    if compromised is not None:
        props["compromised_credentials_risk_configuration"] = (
            _Risk.CompromisedCredentialsRiskConfigurationTypeProperty(
                actions=_Risk.CompromisedCredentialsActionsTypeProperty(
                    event_action=_COMPROMISED[compromised]
                ),
                event_filter=list(COMPROMISED_EVENTS),
            )
        )
    if settings.always_allow_ips or settings.always_block_ips:
        props["risk_exception_configuration"] = _Risk.RiskExceptionConfigurationTypeProperty(
            skipped_ip_range_list=list(settings.always_allow_ips) or None,
            blocked_ip_range_list=list(settings.always_block_ips) or None,
        )
    return cognito.CfnUserPoolRiskConfigurationAttachment(
        scope,
        RISK_CONFIGURATION_ID,
        user_pool_id=user_pool.user_pool_id,
        client_id="ALL",
        **props,
    )


def _action(action: str, notify: bool) -> _Risk.AccountTakeoverActionTypeProperty:
    return _Risk.AccountTakeoverActionTypeProperty(event_action=_ACTIONS[action], notify=notify)


def _notify_configuration(
    scope: Construct, sender: EmailSender, notify: NotifySettings
) -> _Risk.NotifyConfigurationTypeProperty:
    stack = Stack.of(scope)
    source_arn = stack.format_arn(
        service="ses",
        region=sender.ses_region or stack.region,
        resource="identity",
        resource_name=sender.ses_verified_domain or sender.from_email,
        arn_format=ArnFormat.SLASH_RESOURCE_NAME,
    )
    return _Risk.NotifyConfigurationTypeProperty(
        source_arn=source_arn,
        from_=sender.from_email,
        reply_to=sender.reply_to,
        block_email=_email("block_email", notify.block_email),
        mfa_email=_email("mfa_email", notify.mfa_email),
        no_action_email=_email("no_action_email", notify.no_action_email),
    )


def _email(key: str, email: NotifyEmail) -> _Risk.NotifyEmailTypeProperty:
    subject, text, html = DEFAULT_NOTIFY_EMAILS[key]
    return _Risk.NotifyEmailTypeProperty(
        subject=email.subject or subject,
        text_body=email.text_body or text,
        html_body=email.html_body or html,
    )


def build_log_delivery(
    scope: Construct,
    config: AuthConfig,
    user_pool: cognito.IUserPool,
) -> tuple[cognito.CfnLogDeliveryConfiguration | None, dict[str, logs.CfnLogGroup]]:
    """The log delivery configuration and the log groups it writes to (by stream name);
    ``(None, {})`` when no log is exported. The log groups hold data: the backend pins
    their logical ids (``AuthBackend._pin_logical_ids``)."""
    wanted = {
        stream: destination
        for stream in _STREAMS
        if (destination := getattr(config.logs, stream)) is not None
    }
    if not wanted:
        return None, {}
    stack = Stack.of(scope)
    removal = RemovalPolicy.RETAIN if config.profile == "production" else RemovalPolicy.DESTROY
    groups: dict[str, logs.CfnLogGroup] = {}
    entries: list[_Logs.LogConfigurationProperty] = []
    for stream, destination in wanted.items():
        source, level, suffix = _STREAMS[stream]
        target: dict[str, Any] = {}
        if destination.cloudwatch is not None:
            name = f"/aws/vendedlogs/cognito/{user_pool.user_pool_id}/{suffix}"
            group = logs.CfnLogGroup(
                scope,
                log_group_id(stream),
                log_group_name=name,
                retention_in_days=destination.cloudwatch.retention_days,
            )
            group.apply_removal_policy(removal)
            groups[stream] = group
            # The ARN without the ":*" that the log group's Arn attribute ends with:
            # Cognito's LogGroupArn pattern does not take it.
            arn = stack.format_arn(
                service="logs",
                resource="log-group",
                resource_name=name,
                arn_format=ArnFormat.COLON_RESOURCE_NAME,
            )
            target["cloud_watch_logs_configuration"] = _Logs.CloudWatchLogsConfigurationProperty(
                log_group_arn=arn
            )
        elif destination.s3_bucket_arn is not None:
            target["s3_configuration"] = _Logs.S3ConfigurationProperty(
                bucket_arn=destination.s3_bucket_arn
            )
        else:
            target["firehose_configuration"] = _Logs.FirehoseConfigurationProperty(
                stream_arn=destination.firehose_stream_arn
            )
        entries.append(
            _Logs.LogConfigurationProperty(event_source=source, log_level=level, **target)
        )
    delivery = cognito.CfnLogDeliveryConfiguration(
        scope, LOG_DELIVERY_ID, user_pool_id=user_pool.user_pool_id, log_configurations=entries
    )
    for group in groups.values():
        delivery.node.add_dependency(group)
    return delivery, groups
