"""The storage example: per-user paths through the identity id variable."""

from __future__ import annotations

import json
from pathlib import Path

from example_support import load_example, synth_example


def test_per_user_paths(tmp_path: Path) -> None:
    module = load_example(Path(__file__).parent)
    template = synth_example(module, "PhotoStorage", tmp_path)
    policies = [
        r["Properties"]
        for r in template["Resources"].values()
        if r["Type"] == "AWS::IAM::ManagedPolicy"
    ]
    text = json.dumps(policies)
    assert "private/${cognito-identity.amazonaws.com:sub}/*" in text
    assert '"s3:*"' not in text
    names = {json.dumps(p.get("Roles")) for p in policies}
    assert len(names) >= 2, "the authenticated, guest and ADMINS roles get their own policies"
