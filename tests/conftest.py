"""Shared fixtures. The jsii warning about an end-of-life Node.js only adds noise to
test output (the README says which Node.js versions work), so it is silenced here,
before anything starts the jsii runtime."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator

os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "18,20")
os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")

import pytest
from hypothesis import HealthCheck, is_hypothesis_test, settings
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.json import JSONSnapshotExtension

# Hypothesis: reproducible by default (CI); HYPOTHESIS_PROFILE=thorough explores more, at
# random (support.scaled() multiplies the examples of each property).
settings.register_profile(
    "default",
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "thorough",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the hypothesis properties first, the rest in their order. Each property is one
    test of up to hundreds of examples (minutes for those that synthesize): started last,
    one of them would end the run on one worker while the other (``-n 2``) idles."""
    items.sort(key=lambda item: not is_hypothesis_test(getattr(item, "obj", None)))


@pytest.fixture
def snapshot_json(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """Snapshots as readable JSON files, one per test."""
    return snapshot.use_extension(JSONSnapshotExtension)


@pytest.fixture(autouse=True)
def _sweep_synthesized_templates(request: pytest.FixtureRequest) -> Iterator[None]:
    """After each test, sweep the templates it synthesized (``support.SYNTHESIZED``): no
    wildcard action for an identity pool role, no Cognito trust without aud and amr.
    A test that deliberately grants wildcards through CDK's own ``grant_*`` methods
    says so with ``@pytest.mark.cdk_wildcard_grants``."""
    support = sys.modules.get("support")
    start = len(support.SYNTHESIZED) if support is not None else 0
    yield
    support = sys.modules.get("support")
    if support is None or request.node.get_closest_marker("cdk_wildcard_grants"):
        return
    from policy_sweep import sweep_problems

    found = [
        problem
        for text in support.SYNTHESIZED[start:]
        for problem in sweep_problems(json.loads(text))
    ]
    assert not found, "policy sweep:\n" + "\n".join(found)


from aws_support import aws, moto_endpoint  # noqa: E402, F401  (fixtures)

_ROOT_LOCK = __import__("pathlib").Path(__file__).parents[1] / "auth.lock.json"


@pytest.fixture(autouse=True)
def _no_lock_file_in_the_repository() -> Iterator[None]:
    """A test that synthesizes with the guard on must use a lock file of its own
    (``lock_file=None`` or a tmp path), never the repository's working directory."""
    existed = _ROOT_LOCK.exists()
    yield
    if _ROOT_LOCK.exists() and not existed:
        _ROOT_LOCK.unlink()
        pytest.fail("the test wrote auth.lock.json into the repository; pass lock_file=None")
