"""The resource count computed from a configuration equals the synthesized template's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cognito_auth import AuthConfig, load_config
from cognito_auth.config.quotas import resource_count
from support import synth

EXAMPLES = sorted((Path(__file__).parents[2] / "examples" / "configs").glob("*.yaml"))
SITE = {"callback_urls": ["https://app.example.com/"], "logout_urls": ["https://app.example.com/"]}

CONFIGS: dict[str, dict[str, Any]] = {
    "no identity pool": {"identity_pool": False, "groups": ["A", "B"]},
    "guest, tags, storage and access": {
        "guest_access": True,
        "groups": [{"name": "ADMINS", "inherit_authenticated_access": True}, "EDITORS"],
        "principal_tags": {"sub": "sub"},
        "storage": {
            "bucket_arn": "arn:aws:s3:::photos-media",
            "paths": {
                "public/*": {"guest": ["read"], "authenticated": ["read", "list"]},
                "private/{identity}/*": {"authenticated": ["read", "write", "delete"]},
                "admin/*": {"group:ADMINS": ["read", "delete"]},
            },
        },
        "access": [
            {
                "principals": ["group:EDITORS"],
                "actions": ["dynamodb:GetItem"],
                "resources": ["arn:aws:dynamodb:us-east-1:123456789012:table/Orders"],
            }
        ],
    },
    "sms with its own role": {
        "login_with": {"phone": True},
        "multifactor": {"mode": "optional", "sms": True},
        "senders": {
            "sms": {
                "sns_caller_arn": "arn:aws:iam::123456789012:role/sms",
                "external_id": "shop",
            }
        },
    },
    "ssm secrets and managed login": {
        "login_with": {
            "email": True,
            "external_providers": {
                "domain_prefix": "shop-auth",
                "managed_login_version": "managed_login",
                **SITE,
                "google": {"client_id": "g", "client_secret": {"ssm_parameter": "/shop/google"}},
                "facebook": {"client_id": "f", "client_secret": {"ssm_parameter": "/shop/fb"}},
            },
        },
        "clients": ["web", {"name": "admin", "kind": "server"}, {"name": "app", "kind": "native"}],
    },
    "migration, audit with ip ranges, logs to s3 and cloudwatch": {
        "login_with": {"email": True},
        "feature_plan": "plus",
        "threat_protection": {"mode": "audit", "always_block_ips": ["198.51.100.7/32"]},
        "logs": {
            "user_notification": {"cloudwatch": {"retention_days": 90}},
            "user_activity": {"s3_bucket_arn": "arn:aws:s3:::shop-auth-events"},
        },
        "migrate_users_from": {
            "user_pool_id": "us-east-1_AbCdEf123",
            "client_id": "1a2b3c4d5e6f7g8h9i0j1k2l3m",
        },
    },
    "audit mode alone": {"feature_plan": "plus", "threat_protection": {"mode": "audit"}},
}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples(path: Path) -> None:
    config = load_config(path)
    template = synth(config).json
    assert resource_count(config) == len(template["Resources"])


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_configurations(name: str) -> None:
    config = AuthConfig.model_validate(CONFIGS[name])
    template = synth(config).json
    assert resource_count(config) == len(template["Resources"])
