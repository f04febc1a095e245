"""The logical ids of the stateful resources of every example configuration, pinned.

A changed logical id replaces the resource: a user pool, with all its users; a group,
with its members; a provider, with its federated users' link. No refactor of the
package may change one of these; a change here is a breaking change for every user.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cognito_auth import load_config
from support import synth

EXAMPLES = Path(__file__).parents[2] / "examples" / "configs"
STATEFUL = {
    "AWS::Cognito::UserPool",
    "AWS::Cognito::UserPoolClient",
    "AWS::Cognito::IdentityPool",
    "AWS::Cognito::UserPoolDomain",
    "AWS::Cognito::UserPoolIdentityProvider",
    "AWS::Cognito::UserPoolGroup",
    "AWS::Cognito::UserPoolResourceServer",
    "AWS::Logs::LogGroup",
}
BASE = {
    "AuthUserPool8115E87F": "UserPool",
    "AuthWebClientB65B58AE": "UserPoolClient",
    "AuthIdentityPool659E7F64": "IdentityPool",
}
EXPECTED: dict[str, dict[str, str]] = {
    "minimal": BASE,
    "shop": {
        **BASE,
        "AuthGroupADMINS05BEC0BD": "UserPoolGroup",
        "AuthGroupEDITORS1CE05147": "UserPoolGroup",
        "AuthGroupSUPPORT84EE623D": "UserPoolGroup",
    },
    "phone": {
        **BASE,
        "AuthGroupDRIVERS75C02C8E": "UserPoolGroup",
        "AuthGroupRIDERSB5DA72E8": "UserPoolGroup",
    },
    "photos": {**BASE, "AuthGroupADMINS05BEC0BD": "UserPoolGroup"},
    "federated": {
        **BASE,
        "AuthAmazonProvider2914936C": "UserPoolIdentityProvider",
        "AuthAppleProvider2BD916D4": "UserPoolIdentityProvider",
        "AuthFacebookProvider16B1C81A": "UserPoolIdentityProvider",
        "AuthGoogleProviderA3A93E63": "UserPoolIdentityProvider",
        "AuthOidcProviderAuth091EFF660": "UserPoolIdentityProvider",
        "AuthOidcProviderOkta68BF9C11": "UserPoolIdentityProvider",
        "AuthSamlProviderCorp8F12EAEF": "UserPoolIdentityProvider",
        "AuthGroupADMINS05BEC0BD": "UserPoolGroup",
        "AuthGroupSTAFFDE8EF5D8": "UserPoolGroup",
        "AuthUserPoolDomain97947401": "UserPoolDomain",
    },
    "platform": {
        **BASE,
        "AuthMobileClientA86BD1FE": "UserPoolClient",
        "AuthAdminClientD5002E2A": "UserPoolClient",
        "AuthNightlyjobsf9ff3aClientF18240C7": "UserPoolClient",
        "AuthResourceServerhttpsapiplatformexamplecom54f7eeF58D1CED": "UserPoolResourceServer",
        "AuthGroupADMINS05BEC0BD": "UserPoolGroup",
        "AuthGroupSUPPORT84EE623D": "UserPoolGroup",
        "AuthUserPoolDomain97947401": "UserPoolDomain",
    },
    "operations": {**BASE, "AuthUserNotificationLogs07D32548": "LogGroup"},
}


def test_every_example_configuration_is_pinned() -> None:
    assert sorted(EXPECTED) == sorted(p.stem for p in EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_stateful_logical_ids(name: str) -> None:
    template = synth(load_config(EXAMPLES / f"{name}.yaml")).json
    found = {
        logical_id: resource["Type"].split("::")[-1]
        for logical_id, resource in template["Resources"].items()
        if resource["Type"] in STATEFUL
    }
    assert found == EXPECTED[name]
