"""Listing a bucket through an ``access`` rule: only under key prefixes (``s3_prefixes``),
as the storage preset does; a bare-bucket s3:ListBucket is refused with the way out."""

from __future__ import annotations

from typing import Any

import pytest

from cognito_auth import AuthConfig, ConfigError
from cognito_auth.errors import format_path

BUCKET = "arn:aws:s3:::photos-media"


def lines(**rule: Any) -> list[str]:
    try:
        AuthConfig(access=[{"principals": ["authenticated"], **rule}])
    except ConfigError as exc:
        return [f"{format_path(p.path)}: {p.message}" for p in exc.problems]
    return []


@pytest.mark.parametrize(
    "action", ["s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads"]
)
@pytest.mark.parametrize("bucket", [BUCKET, "arn:aws:s3:::photos-*"])
def test_listing_a_whole_bucket_is_refused(action: str, bucket: str) -> None:
    try:
        AuthConfig(
            access=[{"principals": ["authenticated"], "actions": [action], "resources": [bucket]}]
        )
    except ConfigError as exc:
        (found,) = exc.problems
    else:  # pragma: no cover - the assertion below explains
        pytest.fail("a bare-bucket listing validated")
    assert format_path(found.path) == "access[0].actions"
    assert found.message.startswith(f"{action} on {bucket} lists every key of the bucket")
    assert found.hint is not None
    assert "s3_prefixes: [public/, private/${identity}/]" in found.hint


def test_object_actions_on_objects_need_no_prefixes() -> None:
    assert lines(actions=["s3:GetObject"], resources=[f"{BUCKET}/public/*"]) == []


def test_s3_prefixes_give_the_storage_presets_statement() -> None:
    rule = AuthConfig(
        access=[
            {
                "principals": ["authenticated"],
                "actions": ["s3:ListBucket"],
                "resources": [BUCKET],
                "s3_prefixes": ["public/", "private/${identity}/"],
            }
        ]
    )
    preset = AuthConfig(
        storage={
            "bucket_arn": BUCKET,
            "paths": {
                "public/*": {"authenticated": ["list"]},
                "private/{identity}/*": {"authenticated": ["list"]},
            },
        }
    )
    assert rule.access_plan.statements == preset.access_plan.statements
    (statement,) = rule.access_plan.statements["authenticated"]
    assert statement["Condition"] == {
        "StringLike": {
            "s3:prefix": [
                "private/${cognito-identity.amazonaws.com:sub}/",
                "private/${cognito-identity.amazonaws.com:sub}/*",
                "public/",
                "public/*",
            ]
        }
    }


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (
            {
                "actions": ["s3:ListBucket", "s3:GetObject"],
                "resources": [BUCKET],
                "s3_prefixes": ["a/"],
            },
            "access[0].actions: the s3:prefix condition of s3_prefixes applies to s3:ListBucket",
        ),
        (
            {"actions": ["s3:ListBucket"], "resources": [f"{BUCKET}/a/*"], "s3_prefixes": ["a/"]},
            "access[0].resources[0]: s3_prefixes list keys of a bucket",
        ),
        (
            {"actions": ["s3:ListBucket"], "resources": [BUCKET], "s3_prefixes": ["public"]},
            "access[0].s3_prefixes[0]: a key prefix ends in /",
        ),
        (
            {"actions": ["s3:ListBucket"], "resources": [BUCKET], "s3_prefixes": ["*"]},
            "access[0].s3_prefixes[0]: a key prefix ends in /",
        ),
        (
            {"actions": ["s3:ListBucket"], "resources": [BUCKET], "s3_prefixes": ["a/*/"]},
            "access[0].s3_prefixes[0]: wildcards are not allowed in a key prefix",
        ),
        (
            {"actions": ["s3:ListBucket"], "resources": [BUCKET], "s3_prefixes": []},
            "access[0].s3_prefixes: is empty",
        ),
    ],
)
def test_s3_prefixes_misuse(rule: dict[str, Any], expected: str) -> None:
    found = lines(**rule)
    assert any(line.startswith(expected) for line in found), found
