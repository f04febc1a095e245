"""Shared fixtures. The jsii warning about an end-of-life Node.js only adds noise to
test output (the README says which Node.js versions work), so it is silenced here,
before anything starts the jsii runtime."""

from __future__ import annotations

import os

os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "18,20")
os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.json import JSONSnapshotExtension


@pytest.fixture
def snapshot_json(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """Snapshots as readable JSON files, one per test."""
    return snapshot.use_extension(JSONSnapshotExtension)


from aws_support import aws, moto_endpoint  # noqa: E402, F401  (fixtures)
