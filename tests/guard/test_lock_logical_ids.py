"""The lock's logical ids are the template's: what ``cognito-auth lock`` records for the
stateful resources (computed from ``naming.py``, without synthesis) is exactly what the
constructs synthesize, for top-level and nested backends and after a replacement of the
user pool (generation 2)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from constructs import Construct

from cognito_auth import AuthBackend, AuthConfig, load_config
from cognito_auth.guard.lock import LockFile, record, stateful_logical_ids, write_lock
from samples import HOSTED

EXAMPLES = Path(__file__).parents[2] / "examples" / "configs"

KINDS = {
    "user_pool": "AWS::Cognito::UserPool",
    "identity_pool": "AWS::Cognito::IdentityPool",
    "domain": "AWS::Cognito::UserPoolDomain",
    "clients": "AWS::Cognito::UserPoolClient",
}
"""The lock's key (before the first ``.``) -> the resource type it records."""

CONFIGS: dict[str, dict[str, Any]] = {
    "default": {},
    "no identity pool": {"identity_pool": False},
    "hosted, several clients": {
        "name": "shop",
        "login_with": {"email": True, "external_providers": HOSTED},
        "clients": [
            {"name": "web", "kind": "spa"},
            {"name": "mobile-app", "kind": "native"},
            {"name": "backend", "kind": "server"},
        ],
    },
}


def build(config: Any, lock: Path, parents: list[str]) -> dict[str, Any]:
    """Synthesize ``config`` as ``Shop/<parents>/Auth`` against ``lock``; the resources."""
    app = cdk.App(context={"cognito-auth:lockFile": str(lock)})
    stack = cdk.Stack(app, "Shop")
    scope: Construct = stack
    for parent in parents:
        scope = Construct(scope, parent)
    AuthBackend(scope, "Auth", config=config)
    resources: dict[str, Any] = app.synth().get_stack_by_name("Shop").template["Resources"]
    return resources


@pytest.mark.parametrize("generation", [1, 2])
@pytest.mark.parametrize("parents", [[], ["Platform"], ["Platform", "Tenant-A"]])
@pytest.mark.parametrize(
    "source", [*CONFIGS, "federated.yaml", "platform.yaml"], ids=lambda source: source
)
def test_the_locks_logical_ids_are_the_templates(
    tmp_path: Path, source: str, parents: list[str], generation: int
) -> None:
    config = (
        load_config(EXAMPLES / source)
        if source.endswith(".yaml")
        else AuthConfig.model_validate(CONFIGS[source])
    )
    relative = [*parents, "Auth"]
    lock = tmp_path / "auth.lock.json"
    # the record `cognito-auth lock` writes after a deploy of this generation
    write_lock(
        lock, LockFile({"/".join(["Shop", *relative]): record(config, relative, generation)})
    )
    resources = build(config, lock, parents)

    ids = stateful_logical_ids(config, relative, generation)
    for key, logical_id in ids.items():
        assert resources[logical_id]["Type"] == KINDS[key.split(".")[0]], key
    for kind in KINDS.values():  # and the template has no other resource of these types
        in_template = {k for k, v in resources.items() if v["Type"] == kind}
        assert in_template == {v for k, v in ids.items() if KINDS[k.split(".")[0]] == kind}
    if generation == 2:
        assert "UserPoolV2" in ids["user_pool"]
