"""Property tests: whatever access configuration comes in, validation either accepts it
or raises ConfigError, never anything else; and what it accepts plans into statements
with exact actions only, each policy within IAM's size."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cognito_auth import AuthConfig, ConfigError
from cognito_auth.config.policies import MANAGED_POLICY_MAX, document_size, pack, size

TEXT = st.text(
    alphabet=st.sampled_from("abcXYZ019:/*?$.{}-_ "), min_size=0, max_size=30
) | st.sampled_from(
    [
        "authenticated",
        "guest",
        "group:ADMINS",
        "group:NOPE",
        "s3:GetObject",
        "s3:*",
        "*",
        "arn:aws:s3:::photos/public/*",
        "arn:aws:s3:::photos/private/${identity}/*",
        "arn:aws:s3:::*",
        "public/*",
        "private/{identity}/*",
        "read",
        "list",
    ]
)
VALUES = st.one_of(TEXT, st.lists(TEXT, max_size=4), st.integers(), st.none())
PRINCIPALS = st.lists(st.sampled_from(["authenticated", "guest", "group:ADMINS"]), min_size=1)
ACTIONS = st.lists(
    st.sampled_from(["s3:GetObject", "s3:PutObject", "dynamodb:GetItem", "sqs:SendMessage"]),
    min_size=1,
)
RESOURCES = st.lists(
    st.sampled_from(
        [
            "arn:aws:s3:::photos/public/*",
            "arn:aws:s3:::photos/private/${identity}/*",
            "arn:aws:dynamodb:us-east-1:123456789012:table/likes",
        ]
    )
    | st.text(alphabet="abcxyz/-", min_size=1, max_size=40).map(lambda t: f"arn:aws:s3:::b/{t}"),
    min_size=1,
)
PATHS = st.sampled_from(["public/*", "private/{identity}/*", "a/b/*", "protected/*"]) | TEXT


CLEAN = st.shared(st.booleans(), key="clean")


@st.composite
def mostly(draw: st.DrawFn, valid: st.SearchStrategy[Any], other: st.SearchStrategy[Any]) -> Any:
    """In a clean example always ``valid``; otherwise ``valid`` three times in four."""
    if draw(CLEAN):
        return draw(valid)
    return draw(st.one_of(valid, valid, valid, other))


@st.composite
def configurations(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = {
        "groups": draw(mostly(st.just(["ADMINS"]), st.sampled_from([[], ["ADMINS", "EDITORS"]]))),
        "guest_access": draw(mostly(st.just(True), st.booleans())),
    }
    if draw(st.booleans()):
        data["access"] = draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "principals": mostly(PRINCIPALS, VALUES),
                        "actions": mostly(ACTIONS, VALUES),
                        "resources": mostly(RESOURCES, VALUES),
                    }
                ),
                max_size=3,
            )
        )
    if draw(st.booleans()):
        verbs = mostly(
            st.lists(st.sampled_from(["read", "list", "write", "delete"]), min_size=1),
            st.lists(st.sampled_from(["read", "rd"]), max_size=2),
        )
        principals = mostly(st.sampled_from(["authenticated", "guest", "group:ADMINS"]), TEXT)
        data["storage"] = {
            "bucket_arn": draw(
                mostly(
                    st.just("arn:aws:s3:::photos"), st.sampled_from(["photos", "arn:aws:s3:::*"])
                )
            ),
            "paths": draw(
                st.dictionaries(
                    mostly(st.sampled_from(["public/*", "private/{identity}/*", "a/*"]), PATHS),
                    st.dictionaries(principals, verbs, min_size=1, max_size=3),
                    min_size=1,
                    max_size=3,
                )
            ),
        }
    if draw(st.booleans()):
        data["role_mapping_rules"] = draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "claim": mostly(st.just("custom:tier"), TEXT),
                        "match_type": mostly(
                            st.sampled_from(["Equals", "Contains"]), st.just("Like")
                        ),
                        "value": mostly(st.just("gold"), TEXT),
                        "role": mostly(st.sampled_from(["authenticated", "group:ADMINS"]), TEXT),
                    }
                ),
                max_size=3,
            )
        )
    if draw(st.booleans()):
        data["principal_tags"] = draw(
            mostly(st.just({"team": "custom:team"}), st.dictionaries(TEXT, TEXT, max_size=3))
        )
    return data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(configurations())
def test_accepted_or_config_error_and_never_wildcards(data: dict[str, Any]) -> None:
    try:
        config = AuthConfig.model_validate(data)
    except ConfigError as error:
        problems = error.problems
        assert problems
        return
    for principal, statements in config.access_plan.statements.items():
        assert principal in ("authenticated", "guest") or principal.startswith("group:")
        for statement in statements:
            for action in statement["Action"]:
                assert "*" not in action
                assert "?" not in action
            for resource in statement["Resource"]:
                assert resource.startswith("arn:")
        sizes = [size(s) for s in statements]
        for document in pack(sizes):
            assert document_size(sizes[i] for i in document) <= MANAGED_POLICY_MAX
