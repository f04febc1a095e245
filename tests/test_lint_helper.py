"""The cfn-lint helper of the tests (``support.assert_lint_clean``) still reports errors
with its rules loaded once per process, the same errors as ``cfnlint.api.lint`` loading
them afresh, and nothing carries over from one template to the next."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from cfnlint.api import ManualArgs, lint

from support import LINT_REGIONS, _lint, assert_lint_clean, format_lint_errors

CLEAN: dict[str, Any] = {
    "Resources": {
        "Pool": {
            "Type": "AWS::Cognito::UserPool",
            "Properties": {"MfaConfiguration": "OFF"},
        },
        "Client": {
            "Type": "AWS::Cognito::UserPoolClient",
            "Properties": {"UserPoolId": {"Ref": "Pool"}},
        },
    }
}


def _broken() -> dict[str, Any]:
    template = copy.deepcopy(CLEAN)
    # a value outside the allowed ones, and a reference to a resource that does not exist
    template["Resources"]["Pool"]["Properties"]["MfaConfiguration"] = "SOMETIMES"
    template["Resources"]["Client"]["Properties"]["UserPoolId"] = {"Ref": "Missing"}
    return template


def test_a_broken_template_is_reported_with_its_errors() -> None:
    with pytest.raises(AssertionError, match="cfn-lint errors") as caught:
        assert_lint_clean(_broken())
    message = str(caught.value)
    assert "E3030" in message  # MfaConfiguration: SOMETIMES is not one of OFF, ON, OPTIONAL
    assert "Resources/Pool/Properties/MfaConfiguration" in message
    assert "E1020 'Missing' is not one of" in message  # Ref to a resource not there
    assert "Resources/Client/Properties/UserPoolId/Ref" in message


def test_the_shared_rules_find_what_a_fresh_cfn_lint_finds() -> None:
    text = json.dumps(_broken(), sort_keys=True)
    fresh = format_lint_errors(lint(text, config=ManualArgs(regions=LINT_REGIONS)))
    assert fresh
    assert _lint(text) == fresh


def test_nothing_carries_over_between_templates() -> None:
    assert_lint_clean(CLEAN)
    with pytest.raises(AssertionError, match="E3030"):
        assert_lint_clean(_broken())
    assert_lint_clean(CLEAN)
    # a second broken template, not the cached text of the first
    other = _broken()
    other["Resources"]["Pool"]["Properties"]["UserPoolName"] = "other"
    with pytest.raises(AssertionError, match="E3030"):
        assert_lint_clean(other)
