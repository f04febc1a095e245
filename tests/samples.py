"""Configuration fragments that several test modules build on (no aws_cdk here: the
configuration tests use them too)."""

from __future__ import annotations

HOSTED = {
    "domain_prefix": "shop-auth",
    "callback_urls": ["https://shop.example.com/"],
    "logout_urls": ["https://shop.example.com/bye"],
}
"""A hosted sign-in domain with its redirect URLs (``external_providers``)."""

API = {
    "identifier": "https://api.example.com",
    "name": "Shop API",
    "scopes": [
        {"name": "orders.read", "description": "Read orders"},
        {"name": "orders.write", "description": "Change orders"},
    ],
}
"""A resource server with two scopes (``resource_servers``)."""

KEPT_ROLE = "arn:aws:iam::123456789012:role/legacy-admins"
"""An existing IAM role that a group keeps (``role_arn``, what adopt writes)."""

KEPT_ROLE_MAPPED = {
    "groups": [{"name": "ADMINS", "role_arn": KEPT_ROLE}, "EDITORS"],
    "role_mapping_rules": [
        {
            "claim": "email",
            "match_type": "Equals",
            "value": "ops@example.com",
            "role": "group:ADMINS",
        }
    ],
}
"""ADMINS keeps an existing role, named by a role-mapping rule; EDITORS gets the
backend's role."""
