"""The photo-sharing example's policies, evaluated: who may do what to whose photos.

Each request is evaluated against every statement that reaches the role the identity
pool would hand out (``iam_eval``), and the trust policies against the token claims
Cognito presents when it assumes a role.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from cognito_auth import load_config
from iam_eval import Request, allowed, role_statements, trust_statements
from support import Synth, synth

EXAMPLES = Path(__file__).parents[2] / "examples" / "configs"
BUCKET = "arn:aws:s3:::photos-media-example"
SUB = "cognito-identity.amazonaws.com:sub"
ALICE = "us-east-1:11111111-aaaa-4aaa-8aaa-111111111111"
BOB = "us-east-1:22222222-bbbb-4bbb-8bbb-222222222222"
GUEST = "us-east-1:33333333-cccc-4ccc-8ccc-333333333333"


@lru_cache(maxsize=1)
def photos() -> Synth:
    return synth(load_config(EXAMPLES / "photos.yaml"))


def role(kind: str) -> str:
    backend = photos().backend
    found = backend.role_for(kind)
    return photos().stack.resolve(found.node.default_child.logical_id)  # type: ignore[union-attr,no-any-return]


def can(kind: str, who: str, action: str, key: str | None = None, **context: Any) -> bool:
    resource = f"{BUCKET}/{key}" if key is not None else BUCKET
    statements = role_statements(photos().json, role(kind))
    return allowed(statements, Request(action, resource, {SUB: who, **context}))


def can_list(kind: str, who: str, prefix: str) -> bool:
    return can(kind, who, "s3:ListBucket", None, **{"s3:prefix": prefix})


# --- signed-in users ----------------------------------------------------------------------------


@pytest.mark.parametrize("action", ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"])
def test_users_own_their_private_folder(action: str) -> None:
    assert can("authenticated", ALICE, action, f"private/{ALICE}/beach.jpg")
    assert can("authenticated", ALICE, action, f"private/{ALICE}/2024/summer/beach.jpg")


@pytest.mark.parametrize("action", ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"])
def test_user_a_cannot_touch_user_bs_private_folder(action: str) -> None:
    assert not can("authenticated", ALICE, action, f"private/{BOB}/beach.jpg")
    assert not can("authenticated", ALICE, action, f"private/{BOB}/{ALICE}/beach.jpg")


def test_the_identity_variable_is_not_a_wildcard() -> None:
    assert not can("authenticated", "*", "s3:GetObject", f"private/{BOB}/beach.jpg")


def test_users_list_their_own_private_folder_only() -> None:
    assert can_list("authenticated", ALICE, f"private/{ALICE}/")
    assert can_list("authenticated", ALICE, f"private/{ALICE}/2024/")
    assert not can_list("authenticated", ALICE, f"private/{BOB}/")
    assert not can_list("authenticated", ALICE, "private/")
    assert not can_list("authenticated", ALICE, "")
    assert not can("authenticated", ALICE, "s3:ListBucket")  # no prefix at all


def test_users_publish_in_their_own_public_folder_only() -> None:
    assert can("authenticated", ALICE, "s3:PutObject", f"public/{ALICE}/sunset.jpg")
    assert can("authenticated", ALICE, "s3:DeleteObject", f"public/{ALICE}/sunset.jpg")
    assert not can("authenticated", ALICE, "s3:PutObject", f"public/{BOB}/sunset.jpg")
    assert not can("authenticated", ALICE, "s3:DeleteObject", f"public/{BOB}/sunset.jpg")
    assert not can("authenticated", ALICE, "s3:PutObject", "public/sunset.jpg")


def test_users_read_and_list_everything_public() -> None:
    assert can("authenticated", ALICE, "s3:GetObject", f"public/{BOB}/sunset.jpg")
    assert can_list("authenticated", ALICE, "public/")
    assert can_list("authenticated", ALICE, f"public/{BOB}/")


def test_nothing_outside_the_listed_paths() -> None:
    for action in ("s3:GetObject", "s3:PutObject", "s3:DeleteObject"):
        assert not can("authenticated", ALICE, action, "admin/report.csv")
        assert not can("authenticated", ALICE, action, f"{ALICE}/x.jpg")
    assert not can("authenticated", ALICE, "s3:GetObjectAcl", f"private/{ALICE}/beach.jpg")
    assert not can("authenticated", ALICE, "s3:PutObjectAcl", f"public/{ALICE}/sunset.jpg")


# --- guests -------------------------------------------------------------------------------------


def test_guests_read_and_list_public() -> None:
    assert can("guest", GUEST, "s3:GetObject", f"public/{ALICE}/sunset.jpg")
    assert can_list("guest", GUEST, "public/")


@pytest.mark.parametrize(
    "key", ["public/x.jpg", f"public/{GUEST}/x.jpg", f"private/{GUEST}/x.jpg", "other/x"]
)
def test_guests_cannot_write_or_delete(key: str) -> None:
    assert not can("guest", GUEST, "s3:PutObject", key)
    assert not can("guest", GUEST, "s3:DeleteObject", key)


def test_guests_cannot_read_private() -> None:
    assert not can("guest", GUEST, "s3:GetObject", f"private/{GUEST}/x.jpg")
    assert not can("guest", GUEST, "s3:GetObject", f"private/{ALICE}/x.jpg")
    assert not can_list("guest", GUEST, f"private/{GUEST}/")


# --- ADMINS: inheriting ---------------------------------------------------------------------


def test_admins_still_own_their_private_folder() -> None:
    """A group adds permissions and never takes any away (amplify-backend issue 1771)."""
    for action in ("s3:GetObject", "s3:PutObject", "s3:DeleteObject"):
        assert can("group:ADMINS", ALICE, action, f"private/{ALICE}/beach.jpg")
    assert can_list("group:ADMINS", ALICE, f"private/{ALICE}/")


def test_admins_delete_anything_under_public() -> None:
    assert can("group:ADMINS", ALICE, "s3:DeleteObject", f"public/{BOB}/sunset.jpg")
    assert can("group:ADMINS", ALICE, "s3:DeleteObject", "public/a/b/c/d.jpg")
    assert can("group:ADMINS", ALICE, "s3:DeleteObject", "public/x.jpg")


def test_admins_do_not_get_other_users_private_photos() -> None:
    for action in ("s3:GetObject", "s3:PutObject", "s3:DeleteObject"):
        assert not can("group:ADMINS", ALICE, action, f"private/{BOB}/beach.jpg")
    assert not can("group:ADMINS", ALICE, "s3:PutObject", f"public/{BOB}/sunset.jpg")


def test_the_group_role_is_the_authenticated_role_plus_delete() -> None:
    for key in (f"private/{ALICE}/a.jpg", f"public/{ALICE}/a.jpg", f"public/{BOB}/a.jpg", "x"):
        for action in ("s3:GetObject", "s3:PutObject", "s3:DeleteObject"):
            user = can("authenticated", ALICE, action, key)
            admin = can("group:ADMINS", ALICE, action, key)
            assert admin >= user, (action, key)  # never less
            if admin != user:
                assert (action, key.split("/")[0]) == ("s3:DeleteObject", "public")


# --- the trust policies ---------------------------------------------------------------------------

POOL = "AuthIdentityPool659E7F64"  # the identity pool's Ref resolves to its logical id here
COGNITO = {"Federated": "cognito-identity.amazonaws.com"}


def assume(kind: str, *, aud: str = POOL, amr: list[str]) -> bool:
    request = Request(
        "sts:AssumeRoleWithWebIdentity",
        context={
            "cognito-identity.amazonaws.com:aud": aud,
            "cognito-identity.amazonaws.com:amr": amr,
        },
        principal=COGNITO,
    )
    return allowed(trust_statements(photos().json, role(kind)), request)


SIGNED_IN = ["authenticated", "cognito-idp.us-east-1.amazonaws.com/us-east-1_abc"]


def test_signed_in_users_assume_the_signed_in_roles() -> None:
    assert assume("authenticated", amr=SIGNED_IN)
    assert assume("group:ADMINS", amr=SIGNED_IN)
    assert not assume("guest", amr=SIGNED_IN)


def test_guests_assume_only_the_guest_role() -> None:
    assert assume("guest", amr=["unauthenticated"])
    assert not assume("authenticated", amr=["unauthenticated"])
    assert not assume("group:ADMINS", amr=["unauthenticated"])


def test_another_identity_pool_assumes_nothing() -> None:
    for kind in ("authenticated", "guest", "group:ADMINS"):
        assert not assume(kind, aud="us-east-1:someone-elses-pool", amr=SIGNED_IN)
        assert not assume(kind, aud="us-east-1:someone-elses-pool", amr=["unauthenticated"])


def test_a_rule_with_s3_prefixes_lists_only_the_callers_folder() -> None:
    """The listing an ``access`` rule grants, evaluated: Alice lists her own folder and
    public/, never Bob's folder nor the bucket's root."""
    done = synth(
        {
            "access": [
                {
                    "principals": ["authenticated"],
                    "actions": ["s3:ListBucket"],
                    "resources": [BUCKET],
                    "s3_prefixes": ["public/", "private/${identity}/"],
                }
            ]
        }
    )
    found = done.backend.role_for("authenticated")
    logical = done.stack.resolve(found.node.default_child.logical_id)  # type: ignore[union-attr]
    statements = role_statements(done.json, logical)

    def lists(prefix: str | None) -> bool:
        context: dict[str, Any] = {SUB: ALICE}
        if prefix is not None:
            context["s3:prefix"] = prefix
        return allowed(statements, Request("s3:ListBucket", BUCKET, context))

    assert lists(f"private/{ALICE}/")
    assert lists("public/photos/")
    assert not lists(f"private/{BOB}/")
    assert not lists("private/")
    assert not lists(None)
