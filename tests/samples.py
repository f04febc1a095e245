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
