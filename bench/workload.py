"""One measured process: build and synthesize an app, then report timings and memory.

    python bench/workload.py VARIANT BACKENDS OUTDIR

VARIANT is ``auth`` (cognito-auth's AuthBackend), ``l2`` (the same backend written by
hand with aws-cdk-lib L2 constructs: the same resources and the same stack outputs),
``l2_bare`` (that without the outputs) or ``empty`` (an empty stack: the floor of Python
CDK). BACKENDS backends are spread over stacks of at most 10. Prints one JSON line.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

STARTED = time.perf_counter()

import aws_cdk as cdk  # noqa: E402
from aws_cdk import aws_cognito as cognito  # noqa: E402
from aws_cdk import aws_iam as iam  # noqa: E402

if sys.argv[1:2] == ["auth"]:
    # Where an app imports it: at the top, beside aws_cdk.
    from cognito_auth import AuthBackend  # noqa: F401

IMPORTED = time.perf_counter()

PER_STACK = 10
GOOGLE_SECRET = "shop/google"

CONFIG: dict[str, Any] = {
    "login_with": {
        "email": True,
        "external_providers": {
            "google": {
                "client_id": "1234567890-abc.apps.googleusercontent.com",
                "client_secret": {"secrets_manager": GOOGLE_SECRET},
                "scopes": ["openid", "email", "profile"],
            },
            "callback_urls": ["https://shop.example.com/"],
            "logout_urls": ["https://shop.example.com/"],
            "domain_prefix": "shop-auth",
        },
    },
    "groups": ["ADMINS", "EDITORS"],
    "multifactor": {"mode": "optional", "totp": True},
    "user_attributes": {"custom": {"tenant_id": {"mutable": False, "max_length": 64}}},
    "identity_pool": True,
}


def config_for(index: int) -> dict[str, Any]:
    config = json.loads(json.dumps(CONFIG))
    config["login_with"]["external_providers"]["domain_prefix"] = f"shop-auth-{index}"
    return config


def build_auth(stack: cdk.Stack, index: int) -> None:
    from cognito_auth import AuthBackend

    AuthBackend(stack, f"Auth{index}", config=config_for(index), lock_file=None)


def _principal(pool_ref: str, amr: str) -> iam.IPrincipal:
    return iam.FederatedPrincipal(
        "cognito-identity.amazonaws.com",
        {
            "StringEquals": {"cognito-identity.amazonaws.com:aud": pool_ref},
            "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": amr},
        },
        "sts:AssumeRoleWithWebIdentity",
    )


# What a frontend needs besides the ids (cognito-auth writes this from the configuration).
CLIENT_CONFIG = {
    "auth": {
        "mfa_methods": ["TOTP"],
        "standard_required_attributes": ["email"],
        "username_attributes": ["email"],
        "user_verification_types": ["email"],
        "groups": [{"ADMINS": {"precedence": 0}}, {"EDITORS": {"precedence": 1}}],
        "mfa_configuration": "OPTIONAL",
        "password_policy": {
            "min_length": 12,
            "require_lowercase": True,
            "require_numbers": True,
            "require_symbols": True,
            "require_uppercase": True,
        },
        "oauth": {
            "identity_providers": ["GOOGLE"],
            "domain": "",
            "scopes": ["openid", "email", "profile"],
            "redirect_sign_in_uri": ["https://shop.example.com/"],
            "redirect_sign_out_uri": ["https://shop.example.com/"],
            "response_type": "code",
        },
        "unauthenticated_identities_enabled": False,
    },
    "custom_auth": {
        "custom_attributes": {"custom:tenant_id": {"data_type": "string", "mutable": False}}
    },
}


def build_l2(stack: cdk.Stack, index: int) -> None:
    """The same backend by hand, with the stack outputs a frontend is configured from."""
    ids = build_l2_bare(stack, index)
    region = stack.region
    values = {
        "Region": region,
        "UserPoolId": ids["pool"].user_pool_id,
        "UserPoolClientId": ids["client"].user_pool_client_id,
        "IdentityPoolId": ids["identity_pool"].ref,
        "OAuthDomain": f"shop-auth-{index}.auth.{region}.amazoncognito.com",
        "ClientConfig": json.dumps(CLIENT_CONFIG, separators=(",", ":")),
    }
    for name, value in values.items():
        cdk.CfnOutput(stack, f"Auth{index}{name}", value=value)


def build_l2_bare(stack: cdk.Stack, index: int) -> dict[str, Any]:
    """The same resources by hand, and no outputs."""
    scope = cdk.Resource(stack, f"Auth{index}")
    pool = cognito.UserPool(
        scope,
        "UserPool",
        sign_in_aliases=cognito.SignInAliases(email=True),
        sign_in_case_sensitive=False,
        auto_verify=cognito.AutoVerifiedAttrs(email=True),
        keep_original=cognito.KeepOriginalAttrs(email=True),
        self_sign_up_enabled=True,
        standard_attributes=cognito.StandardAttributes(
            email=cognito.StandardAttribute(required=True, mutable=True)
        ),
        custom_attributes={"tenant_id": cognito.StringAttribute(max_len=64, mutable=False)},
        password_policy=cognito.PasswordPolicy(
            min_length=12,
            require_lowercase=True,
            require_uppercase=True,
            require_digits=True,
            require_symbols=True,
            temp_password_validity=cdk.Duration.days(7),
        ),
        mfa=cognito.Mfa.OPTIONAL,
        mfa_second_factor=cognito.MfaSecondFactor(sms=False, otp=True),
        account_recovery=cognito.AccountRecovery.EMAIL_ONLY,
        feature_plan=cognito.FeaturePlan.ESSENTIALS,
        deletion_protection=True,
        removal_policy=cdk.RemovalPolicy.RETAIN,
    )
    google = cognito.UserPoolIdentityProviderGoogle(
        scope,
        "Google",
        user_pool=pool,
        client_id="1234567890-abc.apps.googleusercontent.com",
        client_secret_value=cdk.SecretValue.secrets_manager(GOOGLE_SECRET),
        scopes=["openid", "email", "profile"],
        attribute_mapping=cognito.AttributeMapping(email=cognito.ProviderAttribute.GOOGLE_EMAIL),
    )
    pool.add_domain(
        "Domain",
        cognito_domain=cognito.CognitoDomainOptions(domain_prefix=f"shop-auth-{index}"),
    )
    client = pool.add_client(
        "WebClient",
        auth_flows=cognito.AuthFlow(user_srp=True),
        generate_secret=False,
        prevent_user_existence_errors=True,
        o_auth=cognito.OAuthSettings(
            flows=cognito.OAuthFlows(authorization_code_grant=True),
            scopes=[
                cognito.OAuthScope.OPENID,
                cognito.OAuthScope.EMAIL,
                cognito.OAuthScope.PROFILE,
            ],
            callback_urls=["https://shop.example.com/"],
            logout_urls=["https://shop.example.com/"],
        ),
        supported_identity_providers=[
            cognito.UserPoolClientIdentityProvider.GOOGLE,
            cognito.UserPoolClientIdentityProvider.COGNITO,
        ],
    )
    client.node.add_dependency(google)
    identity_pool = cognito.CfnIdentityPool(
        scope,
        "IdentityPool",
        allow_unauthenticated_identities=False,
        cognito_identity_providers=[
            cognito.CfnIdentityPool.CognitoIdentityProviderProperty(
                client_id=client.user_pool_client_id,
                provider_name=pool.user_pool_provider_name,
                server_side_token_check=True,
            )
        ],
        supported_login_providers={
            "accounts.google.com": "1234567890-abc.apps.googleusercontent.com"
        },
    )
    authenticated = iam.Role(
        scope, "AuthenticatedRole", assumed_by=_principal(identity_pool.ref, "authenticated")
    )
    for precedence, name in enumerate(["ADMINS", "EDITORS"]):
        role = iam.Role(
            scope, f"{name}Role", assumed_by=_principal(identity_pool.ref, "authenticated")
        )
        cognito.UserPoolGroup(
            scope, f"{name}Group", user_pool=pool, group_name=name, precedence=precedence, role=role
        )
    cognito.CfnIdentityPoolRoleAttachment(
        scope,
        "RoleAttachment",
        identity_pool_id=identity_pool.ref,
        roles={"authenticated": authenticated.role_arn},
        role_mappings={
            "web": cognito.CfnIdentityPoolRoleAttachment.RoleMappingProperty(
                type="Token",
                ambiguous_role_resolution="AuthenticatedRole",
                identity_provider=f"{pool.user_pool_provider_name}:{client.user_pool_client_id}",
            )
        },
    )
    return {"pool": pool, "client": client, "identity_pool": identity_pool}


def main() -> None:
    variant, count, outdir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    app = cdk.App(outdir=outdir)
    build = {"auth": build_auth, "l2": build_l2, "l2_bare": build_l2_bare}.get(variant)
    stacks = max(1, -(-count // PER_STACK))
    for stack_index in range(stacks):
        stack = cdk.Stack(app, f"Bench{stack_index}")
        if build is None:
            continue
        for index in range(stack_index * PER_STACK, min(count, (stack_index + 1) * PER_STACK)):
            build(stack, index)
    built = time.perf_counter()
    app.synth()
    done = time.perf_counter()
    print(
        json.dumps(
            {
                "import_s": IMPORTED - STARTED,
                "construct_s": built - IMPORTED,
                "synth_s": done - built,
                "python_maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                "node_hwm_kb": _node_peak_kb(),
                "templates": len(list(Path(outdir).glob("*.template.json"))),
            }
        )
    )


def _node_peak_kb() -> int:
    """Peak resident memory of the jsii Node.js child process (VmHWM)."""
    peak = 0
    task = Path(f"/proc/{os.getpid()}/task")
    for thread in task.iterdir() if task.exists() else []:
        for child in (thread / "children").read_text().split():
            status = Path(f"/proc/{child}/status")
            if status.exists():
                for line in status.read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
    return peak


if __name__ == "__main__":
    main()
