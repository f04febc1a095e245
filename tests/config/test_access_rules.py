"""Access rules, the storage preset, role mapping rules and principal tags: parsing,
every error branch (path and code pinned, with what a user reads: allowed values and
hints), and the statements they plan."""

from __future__ import annotations

from typing import Any

import pytest

from cognito_auth import AuthConfig
from cognito_auth.config.access import IDENTITY_VARIABLE, S3_VERBS, AccessRule
from cognito_auth.config.policies import (
    MANAGED_POLICY_MAX,
    Atom,
    document_size,
    fit,
    merge,
    pack,
    plan,
    size,
)
from cognito_auth.errors import Problem, format_path
from problem_support import codes
from problem_support import refused as found
from samples import KEPT_ROLE, KEPT_ROLE_MAPPED

BUCKET = "arn:aws:s3:::photos"
TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/likes"


def only(data: dict[str, Any]) -> Problem:
    (one,) = found(data)
    return one


def rule(**overrides: Any) -> dict[str, Any]:
    return {
        "principals": ["authenticated"],
        "actions": ["dynamodb:GetItem"],
        "resources": [TABLE],
        **overrides,
    }


def storage(paths: dict[str, Any], bucket: str = BUCKET) -> dict[str, Any]:
    return {"bucket_arn": bucket, "paths": paths}


# --- access rules: parsing -----------------------------------------------------------------


def test_no_access_by_default() -> None:
    config = AuthConfig()
    assert config.access == ()
    assert config.storage is None
    assert config.role_mapping_rules == ()
    assert config.principal_tags == {}
    assert config.access_plan.statements == {}


def test_a_single_string_stands_for_a_list_of_one() -> None:
    config = AuthConfig(
        access=[{"principals": "authenticated", "actions": "s3:GetObject", "resources": TABLE}]
    )
    (parsed,) = config.access
    assert parsed.principals == ("authenticated",)
    assert parsed.actions == ("s3:GetObject",)
    assert parsed.resources == (TABLE,)


def test_every_principal_kind() -> None:
    config = AuthConfig(
        groups=[{"name": "ADMINS", "inherit_authenticated_access": False}],
        guest_access=True,
        access=[rule(principals=["authenticated", "guest", "group:ADMINS"])],
    )
    assert set(config.access_plan.statements) == {"authenticated", "guest", "group:ADMINS"}


# --- access rules: actions -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "code"),
    [
        ("*", "wildcard_action"),
        ("s3:*", "wildcard_action"),
        ("s3:Get*", "wildcard_action"),
        ("s3:Get?bject", "wildcard_action"),
        ("GetObject", "not_an_action"),
        ("s3:", "not_an_action"),
        ("S3:GetObject", "not_an_action"),
        ("s3:Get Object", "not_an_action"),
    ],
)
def test_actions_must_be_exact(action: str, code: str) -> None:
    problem = only({"access": [rule(actions=["s3:GetObject", action])]})
    assert (format_path(problem.path), problem.code) == ("access[0].actions[1]", code)
    assert problem.received == action
    assert problem.allowed == "an exact action, service:Action, such as s3:GetObject"


def test_wildcard_action_hint() -> None:
    problem = only({"access": [rule(actions=["s3:*"])]})
    assert problem.hint == "list the exact actions the principals need"


# --- access rules: resources ---------------------------------------------------------------


@pytest.mark.parametrize(
    "resource",
    [
        TABLE,
        "arn:aws:s3:::photos/public/*",
        "arn:aws:s3:::photos/private/${identity}/*",
        "arn:aws-cn:s3:::photos/x",
        "arn:aws:dynamodb:*:123456789012:table/likes",
        "arn:aws:iam::aws:policy/ReadOnly",
        "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/photos",
    ],
)
def test_valid_resources(resource: str) -> None:
    AuthConfig(access=[rule(resources=[resource])])


@pytest.mark.parametrize(
    ("resource", "code", "hint"),
    [
        ("*", "invalid_arn", "'*' means every resource of every service: name the resources"),
        (
            "${Token[Bucket.Arn.12]}",
            "invalid_arn",
            "CDK tokens (such as bucket.bucket_arn) are not data: grant them in Python with "
            "AuthBackend.grant_access(...)",
        ),
        (
            "photos/public/*",
            "invalid_arn",
            "write the resource's full ARN, such as arn:aws:s3:::photos/public/*",
        ),
        (
            "arn:aws:s3:::*",
            "wildcard_resource",
            "narrow the resource part, e.g. arn:aws:s3:::photos/public/*",
        ),
        (
            "arn:aws:dynamodb:us-east-1:123456789012:*",
            "wildcard_resource",
            "narrow the resource part, e.g. arn:aws:s3:::photos/public/*",
        ),
        (
            "arn:aws:s3:::photos/${aws:username}/*",
            "unknown_variable",
            "write ${identity} for the caller's own identity id",
        ),
        (
            "arn:aws:s3:::photos/private/{identity}/*",
            "variable_without_dollar",
            "write ${identity} for the caller's own identity id",
        ),
        ("arn:mars:s3:::photos/x", "invalid_arn", None),
        ("arn:aws:S3:::photos/x", "invalid_arn", None),
        ("arn:aws:s3:us-east-1:12345:photos", "invalid_arn", None),
    ],
)
def test_resources_must_be_specific_arns(resource: str, code: str, hint: str | None) -> None:
    problem = only({"access": [rule(resources=[resource])]})
    assert (format_path(problem.path), problem.code) == ("access[0].resources[0]", code)
    assert problem.received == resource
    if hint is not None:
        assert problem.hint == hint


def test_overlong_resource() -> None:
    resource = "arn:aws:s3:::photos/" + "x" * 2100
    problem = only({"access": [rule(resources=[resource])]})
    assert (problem.code, len(problem.received)) == ("too_long", 2120)
    assert problem.allowed is not None
    assert "2048" in problem.allowed


def test_empty_lists_are_refused() -> None:
    assert codes({"access": [rule(principals=[], actions=[], resources=[])]}) == {
        "access[0].principals": ["empty"],
        "access[0].actions": ["empty"],
        "access[0].resources": ["empty"],
    }


def test_non_string_entries() -> None:
    assert codes({"access": [rule(actions=["s3:GetObject", 3])]}) == {
        "access[0].actions[1]": ["string_type"]
    }


# --- principals ---------------------------------------------------------------------------


def test_guests_get_nothing_while_guest_access_is_off() -> None:
    problem = only({"groups": ["ADMINS"], "access": [rule(principals=["authenticated", "guest"])]})
    assert format_path(problem.path) == "access[0].principals[1]"
    assert problem.code == "guest_access_off"
    assert problem.allowed == "authenticated, group:ADMINS"
    assert problem.hint == "set guest_access: true, or remove guest"


def test_unknown_group_suggests_the_closest() -> None:
    problem = only({"groups": ["ADMINS", "EDITORS"], "access": [rule(principals=["group:ADMIN"])]})
    assert format_path(problem.path) == "access[0].principals[0]"
    assert (problem.code, problem.received) == ("unknown_group", "group:ADMIN")
    assert problem.allowed == "group:ADMINS, group:EDITORS"
    assert problem.hint == "did you mean 'group:ADMINS'?"


def test_unknown_group_without_groups() -> None:
    problem = only({"access": [rule(principals=["group:ADMINS"])]})
    assert problem.allowed == "no groups are configured"
    assert problem.hint == "add the group under groups, or fix its name"


def test_a_bare_group_name_is_not_a_principal() -> None:
    problem = only({"groups": ["ADMINS"], "access": [rule(principals=["ADMINS"])]})
    assert (problem.code, problem.received) == ("unknown_principal", "ADMINS")
    assert problem.allowed == "authenticated, guest, group:ADMINS"
    assert problem.hint == "write 'group:ADMINS' for the members of group ADMINS"


@pytest.mark.parametrize(
    ("principal", "hint"),
    [
        ("authenticatd", "did you mean 'authenticated'?"),
        ("everyone", "write authenticated, guest or group:NAME"),
    ],
)
def test_unknown_principal(principal: str, hint: str) -> None:
    problem = only({"access": [rule(principals=[principal])]})
    assert (problem.code, problem.received) == ("unknown_principal", principal)
    assert problem.hint == hint


def test_access_needs_an_identity_pool() -> None:
    found_codes = codes(
        {
            "identity_pool": False,
            "access": [rule()],
            "storage": storage({"public/*": {"authenticated": ["read"]}}),
        }
    )
    assert found_codes["access"] == ["needs_identity_pool"]
    assert found_codes["storage"] == ["needs_identity_pool"]


def test_principal_tag_variables_need_the_tag() -> None:
    resource = "arn:aws:s3:::photos/${aws:PrincipalTag/team}/*"
    problem = only({"access": [rule(resources=[resource])]})
    assert format_path(problem.path) == "access[0].resources[0]"
    assert (problem.code, problem.received) == ("unknown_principal_tag", resource)
    assert problem.hint == "add team: CLAIM under principal_tags, or fix the tag name"
    AuthConfig(access=[rule(resources=[resource])], principal_tags={"team": "custom:team"})


def test_problems_from_several_rules_are_reported_together() -> None:
    assert set(
        codes(
            {
                "access": [rule(principals=["group:Y"]), rule(principals=["guest"])],
                "storage": storage({"public/*": {"group:X": ["read"]}}),
                "role_mapping_rules": [
                    {"claim": "c", "match_type": "Equals", "value": "v", "role": "group:Z"}
                ],
            }
        )
    ) == {
        "access[0].principals[0]",
        "access[1].principals[0]",
        "storage.paths.public/*.group:X",
        "role_mapping_rules[0].role",
    }


def test_field_errors_of_several_rules_are_reported_together() -> None:
    assert set(codes({"access": [rule(actions=["s3:*"]), rule(resources=["*"])]})) == {
        "access[0].actions[0]",
        "access[1].resources[0]",
    }


# --- the storage preset ---------------------------------------------------------------------


def test_storage_verbs_table() -> None:
    assert {verb: (v.actions, v.on) for verb, v in S3_VERBS.items()} == {
        "read": (("s3:GetObject",), "objects"),
        "list": (("s3:ListBucket",), "bucket"),
        "write": (("s3:PutObject",), "objects"),
        "delete": (("s3:DeleteObject",), "objects"),
    }


@pytest.mark.parametrize(
    "bucket",
    [
        "photos",
        "arn:aws:s3:::photos/public/*",
        "arn:aws:s3:::Photos",
        "arn:aws:s3:us-east-1::photos",
        "arn:aws:s3:::ab",
    ],
)
def test_bucket_arn(bucket: str) -> None:
    problem = only({"storage": storage({"public/*": {"authenticated": ["read"]}}, bucket)})
    assert format_path(problem.path) == "storage.bucket_arn"
    assert problem.code == "invalid_arn"
    assert problem.hint == "give the bucket's ARN, arn:aws:s3:::BUCKET, without an object path"


def test_bucket_arn_token_hint() -> None:
    problem = only({"storage": storage({"a/*": {"authenticated": ["read"]}}, "${Token[X.1]}")})
    assert problem.hint is not None
    assert problem.hint.startswith("CDK tokens (such as bucket.bucket_arn) are not data")


@pytest.mark.parametrize(
    ("path", "code", "hint"),
    [
        ("public", "invalid_path", "end the path with /*; the whole bucket is not a path"),
        ("/public/*", "invalid_path", "remove the leading /"),
        ("*", "invalid_path", "end the path with /*; the whole bucket is not a path"),
        ("/*", "invalid_path", "remove the leading /"),
        ("a//b/*", "invalid_path", "end the path with /*; the whole bucket is not a path"),
        ("pub*/x/*", "wildcard_in_path", "list each path separately"),
        ("users/{user}/*", "invalid_path_segment", None),
        ("a/${identity}x/*", "invalid_path_segment", None),
        ("a/b#c/*", "invalid_path_segment", None),
    ],
)
def test_storage_paths(path: str, code: str, hint: str | None) -> None:
    problem = only({"storage": storage({path: {"authenticated": ["read"]}})})
    assert (problem.path, problem.code) == (("storage", "paths", path), code)
    assert problem.hint == hint


def test_overlong_storage_path() -> None:
    path = "a/" * 520 + "*"
    problem = only({"storage": storage({path: {"authenticated": ["read"]}})})
    assert (problem.code, len(problem.received)) == ("too_long", 1041)


def test_both_identity_spellings_are_the_same_path() -> None:
    problem = only(
        {
            "storage": storage(
                {
                    "private/{identity}/*": {"authenticated": ["read"]},
                    "private/${identity}/*": {"authenticated": ["write"]},
                }
            )
        }
    )
    assert problem.path == ("storage", "paths", "private/${identity}/*")
    assert problem.code == "duplicate"


def test_storage_needs_paths_principals_and_verbs() -> None:
    assert codes({"storage": storage({})}) == {"storage.paths": ["empty"]}
    assert codes({"storage": storage({"a/*": {}, "b/*": {"authenticated": []}})}) == {
        "storage.paths.a/*": ["empty"],
        "storage.paths.b/*.authenticated": ["empty"],
    }


def test_unknown_verb_suggests_the_closest() -> None:
    problem = only({"storage": storage({"a/*": {"authenticated": ["reed"]}})})
    assert problem.path == ("storage", "paths", "a/*", "authenticated", 0)
    assert problem.hint == "did you mean 'read'?"


def test_storage_principals_are_checked() -> None:
    data = {
        "groups": ["ADMINS"],
        "storage": storage({"public/*": {"guest": ["read"], "group:ADMIN": ["delete"]}}),
    }
    assert codes(data) == {
        "storage.paths.public/*.guest": ["guest_access_off"],
        "storage.paths.public/*.group:ADMIN": ["unknown_group"],
    }


# --- role mapping rules and principal tags ---------------------------------------------------


def mapping(**overrides: Any) -> dict[str, Any]:
    return {"claim": "custom:tier", "match_type": "Equals", "value": "gold", **overrides}


def test_role_mapping_rules() -> None:
    config = AuthConfig(
        groups=["GOLD"],
        role_mapping_rules=[mapping(role="group:GOLD"), mapping(role="authenticated")],
    )
    assert [r.role for r in config.role_mapping_rules] == ["group:GOLD", "authenticated"]


def test_at_most_25_rules() -> None:
    problem = only({"role_mapping_rules": [mapping(role="authenticated")] * 26})
    assert format_path(problem.path) == "role_mapping_rules"
    assert (problem.code, problem.received) == ("too_many_rules", 26)
    AuthConfig(role_mapping_rules=[mapping(role="authenticated")] * 25)


def test_rules_map_signed_in_users_only() -> None:
    problem = only({"guest_access": True, "role_mapping_rules": [mapping(role="guest")]})
    assert format_path(problem.path) == "role_mapping_rules[0].role"
    assert (problem.code, problem.received) == ("unknown_principal", "guest")
    assert problem.allowed == "authenticated"
    assert problem.hint == (
        "role mapping rules apply to signed-in users: name authenticated or a group"
    )


def test_rule_roles_name_known_groups() -> None:
    problem = only({"groups": ["GOLD"], "role_mapping_rules": [mapping(role="group:SILVER")]})
    assert format_path(problem.path) == "role_mapping_rules[0].role"
    assert (problem.code, problem.received) == ("unknown_group", "group:SILVER")


@pytest.mark.parametrize(
    ("rule_data", "path"),
    [
        (mapping(role="authenticated", match_type="Like"), "role_mapping_rules[0].match_type"),
        (mapping(role="authenticated", claim=""), "role_mapping_rules[0].claim"),
        (mapping(role="authenticated", claim="has space"), "role_mapping_rules[0].claim"),
        (mapping(role="authenticated", claim="c" * 65), "role_mapping_rules[0].claim"),
        (mapping(role="authenticated", value=""), "role_mapping_rules[0].value"),
        (mapping(role="authenticated", value="v" * 129), "role_mapping_rules[0].value"),
        ({"claim": "x", "match_type": "Equals", "value": "y"}, "role_mapping_rules[0].role"),
    ],
)
def test_rule_fields(rule_data: dict[str, Any], path: str) -> None:
    assert path in codes({"role_mapping_rules": [rule_data]})


def test_principal_tags() -> None:
    config = AuthConfig(principal_tags={"department": "custom:department", "team": "team"})
    assert config.principal_tags == {"department": "custom:department", "team": "team"}


@pytest.mark.parametrize(
    ("tags", "code"),
    [
        ({"aws:team": "team"}, "invalid_tag_key"),
        ({"AWS:team": "team"}, "invalid_tag_key"),
        ({"team#1": "team"}, "invalid_tag_key"),
        ({"t" * 129: "team"}, "invalid_tag_key"),
        ({"team": ""}, "invalid_claim_name"),
        ({"team": "c" * 257}, "invalid_claim_name"),
    ],
)
def test_principal_tag_errors(tags: dict[str, str], code: str) -> None:
    problem = only({"principal_tags": tags})
    assert (problem.path, problem.code) == (("principal_tags", next(iter(tags))), code)
    assert problem.received == next(iter(tags.values() if code == "invalid_claim_name" else tags))


def test_at_most_50_principal_tags() -> None:
    problem = only({"principal_tags": {f"t{i}": "c" for i in range(51)}})
    assert (problem.code, problem.received) == ("too_many_principal_tags", 51)


def test_mapping_and_tags_need_an_identity_pool() -> None:
    assert codes(
        {
            "identity_pool": False,
            "role_mapping_rules": [mapping(role="authenticated")],
            "principal_tags": {"team": "team"},
        }
    ) == {
        "role_mapping_rules": ["needs_identity_pool"],
        "principal_tags": ["needs_identity_pool"],
    }


# --- planning: atoms, merging, inheritance -----------------------------------------------------


def test_identity_becomes_the_policy_variable() -> None:
    config = AuthConfig(
        access=[rule(actions=["s3:GetObject"], resources=["arn:aws:s3:::p/u/${identity}/*"])]
    )
    (statement,) = config.access_plan.statements["authenticated"]
    assert statement["Resource"] == [f"arn:aws:s3:::p/u/{IDENTITY_VARIABLE}/*"]
    assert IDENTITY_VARIABLE == "${cognito-identity.amazonaws.com:sub}"


def test_each_storage_verb() -> None:
    paths = {"public/*": {"authenticated": ["read", "list", "write", "delete"]}}
    statements = AuthConfig(storage=storage(paths)).access_plan.statements["authenticated"]
    assert statements == [
        {
            "Effect": "Allow",
            "Action": ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"],
            "Resource": [f"{BUCKET}/public/*"],
        },
        {
            "Effect": "Allow",
            "Action": ["s3:ListBucket"],
            "Resource": [BUCKET],
            "Condition": {"StringLike": {"s3:prefix": ["public/", "public/*"]}},
        },
    ]


def test_list_on_an_identity_path() -> None:
    paths = {"private/{identity}/*": {"authenticated": ["list"]}}
    (statement,) = AuthConfig(storage=storage(paths)).access_plan.statements["authenticated"]
    prefix = f"private/{IDENTITY_VARIABLE}/"
    assert statement["Condition"] == {"StringLike": {"s3:prefix": [prefix, f"{prefix}*"]}}


def test_merging_groups_resources_by_their_actions() -> None:
    atoms = [
        Atom("s3:GetObject", "r1"),
        Atom("s3:PutObject", "r1"),
        Atom("s3:GetObject", "r2"),
        Atom("s3:PutObject", "r2"),
        Atom("s3:GetObject", "r3"),
        Atom("s3:GetObject", "r1"),  # duplicate
        Atom("s3:ListBucket", "b", "x/"),
        Atom("s3:ListBucket", "b", "a/"),
    ]
    assert merge(atoms) == [
        {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": ["r1", "r2"]},
        {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["r3"]},
        {
            "Effect": "Allow",
            "Action": ["s3:ListBucket"],
            "Resource": ["b"],
            "Condition": {"StringLike": {"s3:prefix": ["a/", "x/"]}},
        },
    ]


def photo_storage() -> dict[str, Any]:
    return storage(
        {
            "public/*": {
                "guest": ["read"],
                "authenticated": ["read", "write"],
                "group:ADMINS": ["read", "write", "delete"],
                "group:AUDIT": ["read"],
            },
            "private/{identity}/*": {"authenticated": ["read", "write"]},
        }
    )


def test_inheriting_groups_hold_only_what_they_add() -> None:
    config = AuthConfig(
        groups=["ADMINS", {"name": "AUDIT", "inherit_authenticated_access": False}],
        guest_access=True,
        storage=photo_storage(),
    )
    statements = config.access_plan.statements
    assert statements["group:ADMINS"] == [
        {"Effect": "Allow", "Action": ["s3:DeleteObject"], "Resource": [f"{BUCKET}/public/*"]}
    ]
    # AUDIT opts out of inheritance: its read of public/* stays its own
    assert statements["group:AUDIT"] == [
        {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": [f"{BUCKET}/public/*"]}
    ]
    assert config.access_plan.inheriting == ("group:ADMINS",)


def test_a_group_granting_only_inherited_access_has_no_statements() -> None:
    config = AuthConfig(
        groups=["ADMINS"],
        storage=storage({"a/*": {"authenticated": ["read"], "group:ADMINS": ["read"]}}),
    )
    assert set(config.access_plan.statements) == {"authenticated"}


def test_duplicate_principals_and_rules_grant_once() -> None:
    config = AuthConfig(access=[rule(principals=["authenticated", "authenticated"]), rule()])
    assert len(config.access_plan.statements["authenticated"]) == 1


# --- planning: sizes ------------------------------------------------------------------------


def test_size_is_compact_json() -> None:
    assert size({"a": [1, 2]}) == len('{"a":[1,2]}')
    assert document_size([]) == len('{"Version":"2012-10-17","Statement":[]}')
    assert document_size([10, 20]) == document_size([]) + 31


def test_the_planned_document_size_is_what_iam_counts() -> None:
    statements = [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["r"]}] * 2
    document = {"Version": "2012-10-17", "Statement": statements}
    assert document_size([size(s) for s in statements]) == size(document)


def test_pack_starts_a_new_document_when_one_is_full() -> None:
    limit = document_size([100, 100])
    assert pack([100, 100, 100, 1], limit) == [[0, 1], [2, 3]]
    assert pack([], limit) == []
    assert pack([limit * 2], limit) == [[0]]  # too big alone: its own document


def test_fit_splits_a_large_statement() -> None:
    resources = [f"arn:aws:s3:::photos/user-{i:04}/{'x' * 80}/*" for i in range(200)]
    statement = {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": resources}
    pieces = fit(statement)
    assert len(pieces) > 1
    assert [r for p in pieces for r in p["Resource"]] == resources
    assert all(document_size([size(p)]) <= MANAGED_POLICY_MAX for p in pieces)


def test_fit_splits_prefixes_and_actions_too() -> None:
    prefixes = [f"p{i:04}/{'y' * 60}/" for i in range(200)]
    listed = {
        "Effect": "Allow",
        "Action": ["s3:ListBucket"],
        "Resource": ["b"],
        "Condition": {"StringLike": {"s3:prefix": prefixes}},
    }
    pieces = fit(listed)
    assert [v for p in pieces for v in p["Condition"]["StringLike"]["s3:prefix"]] == prefixes
    actions = [f"svc:Action{i:04}{'z' * 50}" for i in range(200)]
    many = {"Effect": "Allow", "Action": actions, "Resource": ["r"]}
    assert [a for p in fit(many) for a in p["Action"]] == actions


def test_many_resources_spread_over_several_policies() -> None:
    resources = [f"arn:aws:s3:::photos/user-{i:04}/{'x' * 150}/*" for i in range(100)]
    config = AuthConfig(access=[rule(actions=["s3:GetObject"], resources=resources)])
    assert config.access_plan.documents("authenticated") == 4  # ~185 characters each, 33 fit


def test_too_many_policies_for_a_role_are_refused() -> None:
    def big(prefix: str) -> list[str]:
        return [f"arn:aws:s3:::photos/{prefix}-{i:04}/{'x' * 1000}/*" for i in range(30)]

    data = {
        "groups": ["ADMINS"],
        "access": [
            rule(actions=["s3:GetObject"], resources=big("a")),
            rule(principals=["group:ADMINS"], actions=["s3:GetObject"], resources=big("b")),
        ],
    }
    problem = only(data)
    assert (format_path(problem.path), problem.code) == ("access", "too_many_policies")
    assert (problem.received, problem.allowed) == ("12 policies", "at most 10 policies per role")
    assert problem.message.startswith("the access of group:ADMINS ")  # which role
    # without inheritance each role needs 6: fine
    data["groups"] = [{"name": "ADMINS", "inherit_authenticated_access": False}]
    AuthConfig.model_validate(data)


def test_size_problems_are_reported_under_storage_without_rules() -> None:
    paths = {
        f"u{i:03}-{'x' * 900}/*": {"authenticated": ["read", "write", "delete", "list"]}
        for i in range(80)
    }
    problem = only({"storage": storage(paths)})
    assert (format_path(problem.path), problem.code) == ("storage", "too_many_policies")
    assert problem.message.startswith("the access of authenticated ")  # which role


def test_plan_works_on_a_single_rule() -> None:
    parsed = AccessRule.model_validate(rule(principals=["authenticated", "guest"]))
    assert set(plan([parsed], None, inheriting=()).statements) == {"authenticated", "guest"}


def test_nothing_is_granted_to_a_group_that_keeps_its_role() -> None:
    problem = only(
        {
            "groups": ["EDITORS", {"name": "ADMINS", "role_arn": KEPT_ROLE}],
            "access": [rule(principals=["authenticated", "group:ADMINS"])],
        }
    )
    assert format_path(problem.path) == "access[0].principals[1]"
    assert problem.message == (
        "group 'ADMINS' keeps an existing role (role_arn): cognito-auth adds nothing to a "
        "role it did not create"
    )
    assert problem.allowed == "group:EDITORS"
    assert problem.hint == (
        "remove role_arn from group ADMINS (the backend then creates its role), or grant in "
        "IAM to the existing role"
    )
    assert problem.code == "group_role_kept"


def test_a_kept_role_may_be_named_by_role_mapping_rules_and_does_not_inherit() -> None:
    config = AuthConfig.model_validate(KEPT_ROLE_MAPPED)
    assert config.inheriting_groups == ("EDITORS",)
    assert config.access_context.kept_roles == ("ADMINS",)


def test_role_arn_must_be_a_role_arn() -> None:
    problem = only({"groups": [{"name": "ADMINS", "role_arn": "admins"}]})
    assert format_path(problem.path) == "groups[0].role_arn"
    assert problem.received == "admins"


def test_a_group_without_role_gets_nothing_and_maps_to_nothing() -> None:
    problem = only(
        {
            "groups": [{"name": "NEWS", "iam_role": False}, "EDITORS"],
            "role_mapping_rules": [
                {"claim": "custom:tier", "match_type": "Equals", "value": "x", "role": "group:NEWS"}
            ],
        }
    )
    assert format_path(problem.path) == "role_mapping_rules[0].role"
    assert problem.message == "group 'NEWS' has no IAM role (iam_role: false)"
    assert problem.allowed == "group:EDITORS"
    assert problem.hint == "remove iam_role: false from group NEWS, or name another principal"
    assert problem.code == "group_without_role"


def test_role_arn_and_no_role_conflict() -> None:
    problem = only({"groups": [{"name": "ADMINS", "role_arn": KEPT_ROLE, "iam_role": False}]})
    assert format_path(problem.path) == "groups[0].iam_role"
    assert problem.code == "group_role_conflict"
    assert problem.hint == "remove iam_role: false, or remove role_arn"
