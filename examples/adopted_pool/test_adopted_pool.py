"""The adopted-pool example: the configuration adopt wrote synthesizes (cfn-lint clean)
with the lock adopt wrote, refuses nothing, and every resource of its import mapping is
in the template under the mapped logical id."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from cognito_auth.adopt.mapping import identifiers
from cognito_auth.cli import main
from example_support import load_example, synth_example

HERE = Path(__file__).parent


def test_adopted_pool(tmp_path: Path) -> None:
    assert main(["validate", str(HERE / "auth.yaml")]) == 0
    assert (
        main(["plan", "--config", str(HERE / "auth.yaml"), "--lock", str(HERE / "auth.lock.json")])
        == 0
    )
    # The synth checks against a copy of the committed lock (a test never writes the
    # example's own files).
    shutil.copy(HERE / "auth.lock.json", tmp_path / "auth.lock.json")
    template = synth_example(load_example(HERE), "CognitoAuth", tmp_path)
    assert (tmp_path / "auth.lock.json").read_text() == (HERE / "auth.lock.json").read_text()
    resources = template["Resources"]
    mapping = json.loads((HERE / "import-mapping.json").read_text())
    for logical_id, identifier in mapping.items():
        assert sorted(identifier) == sorted(identifiers()[resources[logical_id]["Type"]])
    kinds = sorted(resources[i]["Type"].removeprefix("AWS::Cognito::") for i in mapping)
    assert kinds == [
        "UserPool",
        "UserPoolClient",
        "UserPoolDomain",
        "UserPoolGroup",
        "UserPoolIdentityProvider",
        "UserPoolIdentityProvider",
        "UserPoolIdentityProvider",
    ]
    pool = next(i for i in mapping if resources[i]["Type"] == "AWS::Cognito::UserPool")
    assert resources[pool]["DeletionPolicy"] == "Retain"
    assert "fb-app-secret-value" not in json.dumps(template)
