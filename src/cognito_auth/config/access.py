"""Generated IAM access: ``access`` rules and the ``storage`` preset.

A principal is who receives the access: ``authenticated`` (every signed-in user),
``guest`` (unauthenticated identities, with ``guest_access: true``) or ``group:NAME``
(members of a user pool group whose role is in their token). ``${identity}`` in a
resource stands for the caller's identity id; the statements themselves are built by
:mod:`cognito_auth.config.policies`.

Wildcard actions are refused outright: ``*``, ``s3:*`` and prefix wildcards such as
``s3:Get*`` alike, because each of them also matches actions that the service adds
later. Resources may use ``*`` inside an ARN's resource part (``.../public/*``), never
for a whole service.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Final, Literal, Self

from pydantic import BeforeValidator, ValidationInfo, field_validator, model_validator

from cognito_auth.config._base import Model, Path, Problem, problem, raise_problems
from cognito_auth.config._patterns import InSchema, either
from cognito_auth.config.arns import every_resource_of
from cognito_auth.config.groups import GROUP_NAME_PATTERN

# The principal names stay importable from here (constructs and the guard import them).
from cognito_auth.config.principals import AUTHENTICATED as AUTHENTICATED  # noqa: PLC0414
from cognito_auth.config.principals import GROUP_PREFIX as GROUP_PREFIX  # noqa: PLC0414
from cognito_auth.config.principals import GUEST as GUEST  # noqa: PLC0414
from cognito_auth.config.principals import Principal

IDENTITY: Final = "${identity}"
"""Written in resources: the caller's identity id."""
IDENTITY_PATH_SEGMENT: Final = "{identity}"
"""Written in storage paths (``${identity}`` is accepted there too)."""
IDENTITY_VARIABLE: Final = "${cognito-identity.amazonaws.com:sub}"
"""The IAM policy variable that ``${identity}`` becomes."""
PRINCIPAL_TAG_VARIABLE = re.compile(r"\$\{aws:PrincipalTag/([^}]+)\}")
"""``${aws:PrincipalTag/TAG}``: a session tag set from a claim (``principal_tags``)."""

PARTITIONS: Final = (
    "aws",
    "aws-cn",
    "aws-us-gov",
    "aws-iso",
    "aws-iso-b",
    "aws-iso-e",
    "aws-iso-f",
    "aws-eusc",
)
_ARN = re.compile(
    rf"^arn:(?P<partition>{'|'.join(re.escape(p) for p in PARTITIONS)})"
    r":(?P<service>[a-z0-9][a-z0-9-]*)"
    r":(?P<region>[a-z0-9-]*|\*)"
    r":(?P<account>[0-9]{12}|aws|\*|)"
    r":(?P<resource>.+)$"
)
_ACTION = re.compile(r"^(?P<service>[a-z0-9][a-z0-9-]*):(?P<name>[A-Za-z][A-Za-z0-9-]*)$")
_BUCKET_ARN = re.compile(
    rf"^arn:(?:{'|'.join(re.escape(p) for p in PARTITIONS)}):s3:::"
    r"(?P<bucket>[a-z0-9][a-z0-9.-]{1,61}[a-z0-9])$"
)
_VARIABLE = re.compile(r"\$\{([^}]*)\}")
_ONLY_WILDCARDS = re.compile(r"^[*?/:]+$")
_TOKEN_MARKERS = ("${Token[", "#{Token[")
_TOKEN = re.compile(r"\$\{Token\[[^\]]*\]\}")
"""A CDK string token; stripped before the variables of a resource with tokens are checked."""
MAX_RESOURCE_LENGTH: Final = 2048
MAX_PATH_LENGTH: Final = 1024
_NOT_ONLY_WILDCARDS = re.compile(
    r"^(?:[^:]*:){5}(?!" + _ONLY_WILDCARDS.pattern.removeprefix("^") + ").*$"
)
"""An ARN whose resource part (after the fifth ':', as ``_ARN`` reads it) is not made of
wildcards only."""
_PATH_CHARACTERS = re.compile(r"^[A-Za-z0-9!\-_.'()/ &$@=;+,{}]*$")

StorageVerb = Literal["read", "list", "write", "delete"]
_GROUP_PRINCIPAL = re.escape(GROUP_PREFIX) + GROUP_NAME_PATTERN.removeprefix("^")
PRINCIPAL_FORMS = re.compile(either(re.escape(AUTHENTICATED), re.escape(GUEST), _GROUP_PRINCIPAL))
"""How a principal is written (whether the group exists, and guest access is on, are
checked against the rest of the configuration)."""
SIGNED_IN_PRINCIPAL_FORMS = re.compile(either(re.escape(AUTHENTICATED), _GROUP_PRINCIPAL))


@dataclass(frozen=True)
class S3Verb:
    """What one storage verb grants."""

    actions: tuple[str, ...]
    """Exact S3 actions."""
    on: Literal["objects", "bucket"]
    """``objects``: the objects under the path; ``bucket``: the bucket itself, limited to
    the path by an ``s3:prefix`` condition."""
    meaning: str


S3_VERBS: Final[Mapping[StorageVerb, S3Verb]] = {
    "read": S3Verb(("s3:GetObject",), "objects", "download the objects under the path"),
    "list": S3Verb(
        ("s3:ListBucket",),
        "bucket",
        "list the keys under the path",
    ),
    "write": S3Verb(("s3:PutObject",), "objects", "upload or overwrite objects under the path"),
    "delete": S3Verb(("s3:DeleteObject",), "objects", "delete objects under the path"),
}
"""The one table from storage verbs to exact S3 actions."""


def _one_or_many(value: Any) -> Any:
    """A single string stands for a list of one."""
    return [value] if isinstance(value, str) else value


OneOrMany = Annotated[
    tuple[str, ...],
    BeforeValidator(_one_or_many, json_schema_input_type=str | list[str]),
]


def is_unresolved(value: str, info: ValidationInfo | None = None) -> bool:
    """Whether ``value`` is a CDK token that validation cannot inspect.

    Only the construct layer may pass tokens: it validates with a context whose
    ``is_unresolved`` is the CDK's own test. Configuration data never holds them.
    """
    context = info.context if info is not None else None
    check = context.get("is_unresolved") if isinstance(context, Mapping) else None
    return bool(check(value)) if callable(check) else False


def looks_like_token(value: str) -> bool:
    return any(marker in value for marker in _TOKEN_MARKERS)


class AccessRule(Model):
    """One grant: what the listed principals may do on the listed resources."""

    principals: Annotated[OneOrMany, InSchema((PRINCIPAL_FORMS,))]
    """Who gets the access: ``authenticated``, ``guest`` or ``group:NAME``."""
    actions: OneOrMany
    """Exact IAM actions (``service:Action``, e.g. ``s3:GetObject``); wildcards such as
    ``*``, ``s3:*`` or ``s3:Get*`` are refused."""
    resources: Annotated[
        OneOrMany,
        InSchema((_ARN, _NOT_ONLY_WILDCARDS), max_length=MAX_RESOURCE_LENGTH),
    ]
    """ARNs the actions apply to; ``${identity}`` stands for the caller's identity id and
    ``${aws:PrincipalTag/TAG}`` for a tag from ``principal_tags``."""
    s3_prefixes: OneOrMany | None = None
    """Key prefixes that ``s3:ListBucket`` may list, each ending in ``/``
    (``private/${identity}/`` is each caller's own folder): the statement gets the
    ``s3:prefix`` condition the ``storage`` preset uses. A rule with them grants
    ``s3:ListBucket`` only, on bucket ARNs. Default: none; then a rule cannot list a
    bucket (``s3:ListBucket`` on a bucket would list every key, other users' included)."""

    @field_validator("actions")
    @classmethod
    def _actions(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        raise_problems(
            found.prefixed((index,))
            for index, action in enumerate(value)
            for found in action_problems(action)
        )
        return value

    @field_validator("resources")
    @classmethod
    def _resources(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        raise_problems(
            found.prefixed((index,))
            for index, resource in enumerate(value)
            for found in (
                variable_problems(_TOKEN.sub("", resource))
                if is_unresolved(resource, info)
                else resource_problems(resource)
            )
        )
        return value

    @model_validator(mode="after")
    def _listing(self) -> Self:
        raise_problems(listing_problems(self))
        return self

    @model_validator(mode="after")
    def _not_empty(self) -> Self:
        raise_problems(
            problem(
                name,
                "is empty: a rule needs at least one",
                received=[],
                allowed=allowed,
                code="empty",
            )
            for name, allowed in (
                ("principals", "authenticated, guest or group:NAME"),
                ("actions", "exact actions such as s3:GetObject"),
                ("resources", "ARNs"),
            )
            if not getattr(self, name)
        )
        return self


LISTING_ACTIONS: Final = ("s3:ListBucket", "s3:ListBucketVersions", "s3:ListBucketMultipartUploads")
"""S3 actions on a bucket that list its keys."""
PREFIXED_LISTING: Final = "s3:ListBucket"
"""The listing action ``s3_prefixes`` limits (the ``storage`` preset's ``list`` verb)."""


def _is_bucket_level(resource: str) -> bool:
    """An S3 ARN naming buckets (no object key): ``arn:aws:s3:::photos``, ``...:::shop-*``."""
    match = _ARN.fullmatch(resource)
    return match is not None and match["service"] == "s3" and "/" not in match["resource"]


def listing_problems(rule: AccessRule) -> Iterator[Problem]:
    """A bucket is listed only under key prefixes: ``s3_prefixes``, as ``storage`` does."""
    buckets = [r for r in rule.resources if _is_bucket_level(r)]
    listing = [a for a in rule.actions if a in LISTING_ACTIONS]
    if rule.s3_prefixes is None:
        if buckets and listing:
            yield problem(
                "actions",
                f"{listing[0]} on {buckets[0]} lists every key of the bucket, other users' "
                "keys included: an access rule limits a listing only with s3_prefixes",
                received=listing[0],
                allowed="s3:ListBucket together with s3_prefixes",
                hint="add s3_prefixes: [public/, private/${identity}/] (the key prefixes to "
                "list), or use the storage preset's list verb",
                code="unrestricted_listing",
            )
        return
    allowed_actions = f"{PREFIXED_LISTING} alone"
    if tuple(rule.actions) != (PREFIXED_LISTING,):
        yield problem(
            "actions",
            "the s3:prefix condition of s3_prefixes applies to s3:ListBucket only; it would "
            "deny the other actions of the rule",
            received=list(rule.actions),
            allowed=allowed_actions,
            hint="put the other actions in a rule of their own",
            code="prefix_condition_on_other_actions",
        )
    for index, resource in enumerate(rule.resources):
        if not _BUCKET_ARN.fullmatch(resource) and not looks_like_token(resource):
            yield problem(
                ("resources", index),
                "s3_prefixes list keys of a bucket: the resource must be a bucket's ARN",
                received=resource,
                allowed="arn:aws:s3:::BUCKET",
                code="prefix_resource_not_bucket",
            )
    if not rule.s3_prefixes:
        yield problem(
            "s3_prefixes",
            "is empty: give the key prefixes to list",
            received=[],
            allowed="prefixes such as public/",
            code="empty",
        )
    for index, prefix in enumerate(rule.s3_prefixes):
        if not prefix.endswith("/"):
            yield problem(
                ("s3_prefixes", index),
                "a key prefix ends in /: the whole bucket is not a prefix",
                received=prefix,
                allowed="a key prefix ending in /, such as public/ or private/${identity}/",
                hint=f"write {prefix}/" if prefix and prefix != "*" else None,
                code="whole_bucket_prefix",
            )
            continue
        if "*" in prefix or "?" in prefix:
            yield problem(
                ("s3_prefixes", index),
                "wildcards are not allowed in a key prefix (it already covers every key below it)",
                received=prefix,
                allowed="a key prefix ending in /, such as public/ or private/${identity}/",
                hint="list each prefix separately",
                code="wildcard_in_prefix",
            )
            continue
        for found in path_problems(f"{prefix}*"):
            yield Problem(
                ("s3_prefixes", index),
                found.message,
                prefix,
                "a key prefix ending in /, such as public/ or private/${identity}/",
                found.hint,
                code=found.code,
            )


def action_problems(action: str) -> Iterator[Problem]:
    """An exact ``service:Action``; every wildcard refused."""
    allowed = "an exact action, service:Action, such as s3:GetObject"
    if "*" in action or "?" in action:
        service = action.split(":", 1)[0]
        if action.strip() == "*":
            what = "'*' allows every action of every service"
        elif action.endswith(":*"):
            what = f"{action!r} allows every {service} action, including ones added later"
        else:
            what = f"{action!r} also matches {service} actions added later"
        yield problem(
            (),
            f"wildcard actions are refused: {what}",
            received=action,
            allowed=allowed,
            hint="list the exact actions the principals need",
            code="wildcard_action",
        )
    elif not _ACTION.fullmatch(action):
        yield problem(
            (), "not an IAM action", received=action, allowed=allowed, code="not_an_action"
        )


def resource_problems(resource: str) -> Iterator[Problem]:
    """An ARN naming specific resources, with only the variables we know."""
    allowed = "an ARN, arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE"
    if len(resource) > MAX_RESOURCE_LENGTH:
        yield problem(
            (),
            f"is {len(resource)} characters long; IAM allows {MAX_RESOURCE_LENGTH}",
            received=resource,
            allowed=f"an ARN of at most {MAX_RESOURCE_LENGTH} characters",
            code="too_long",
        )
        return
    match = _ARN.fullmatch(resource)
    if match is None:
        if resource.strip() == "*":
            hint = "'*' means every resource of every service: name the resources"
        elif looks_like_token(resource):
            hint = (
                "CDK tokens (such as bucket.bucket_arn) are not data: grant them in Python "
                "with AuthBackend.grant_access(...)"
            )
        else:
            hint = "write the resource's full ARN, such as arn:aws:s3:::photos/public/*"
        yield problem(
            (), "not an ARN", received=resource, allowed=allowed, hint=hint, code="invalid_arn"
        )
        return
    if _ONLY_WILDCARDS.fullmatch(match["resource"]):
        yield problem(
            (),
            f"names every {match['service']} resource",
            received=resource,
            allowed="an ARN naming specific resources (wildcards inside a path are fine)",
            hint="narrow the resource part, e.g. arn:aws:s3:::photos/public/*",
            code="wildcard_resource",
        )
    elif (covered := every_resource_of(match["service"], match["resource"])) is not None:
        kind, form = covered
        yield problem(
            (),
            f"names every {match['service']} {kind} ({form} with only wildcards for the name)",
            received=resource,
            allowed="an ARN naming specific resources: part of the name fixed, such as a "
            "prefix (wildcards inside a path are fine)",
            hint=f"narrow the name, e.g. {_example(form)}",
            code="wildcard_resource",
        )
    yield from variable_problems(resource)


def _example(form: str) -> str:
    """``secret:${SecretId}`` -> ``secret:shop-*``: the format with its first name
    fixed to a prefix (and any further one a wildcard)."""
    return re.sub(r"\$\{[^}]*\}", "*", re.sub(r"\$\{[^}]*\}", "shop-*", form, count=1))


def variable_problems(text: str) -> Iterator[Problem]:
    """Only ``${identity}`` and ``${aws:PrincipalTag/TAG}``; no ``{identity}`` without $."""
    for name in _VARIABLE.findall(text):
        if f"${{{name}}}" == IDENTITY or PRINCIPAL_TAG_VARIABLE.fullmatch(f"${{{name}}}"):
            continue
        yield problem(
            (),
            f"unknown variable ${{{name}}}",
            received=text,
            allowed="${identity} (the caller's identity id) or ${aws:PrincipalTag/TAG}",
            hint="write ${identity} for the caller's own identity id",
            code="unknown_variable",
        )
    if IDENTITY_PATH_SEGMENT in text.replace(IDENTITY, ""):
        yield problem(
            (),
            "{identity} without $ is taken literally here",
            received=text,
            allowed="${identity}",
            hint="write ${identity} for the caller's own identity id",
            code="variable_without_dollar",
        )


class StorageAccess(Model):
    """Access to the paths of one S3 bucket, by coarse verbs: ``read``, ``list``, ``write``
    and ``delete`` (the table in the README's "Access policies" section)."""

    bucket_arn: Annotated[str, InSchema((_BUCKET_ARN,))]
    """The bucket's ARN, e.g. ``arn:aws:s3:::photos-bucket``."""
    paths: dict[str, dict[Annotated[str, InSchema((PRINCIPAL_FORMS,))], tuple[StorageVerb, ...]]]
    """Key prefixes ending in ``/*`` (``{identity}`` as a whole segment means each
    caller's own folder), each mapping principals (``authenticated``, ``guest``,
    ``group:NAME``) to the verbs they get. A path covers everything below it."""

    @model_validator(mode="after")
    def _check(self) -> Self:
        raise_problems(self._problems())
        return self

    def _problems(self) -> Iterator[Problem]:
        if not _BUCKET_ARN.fullmatch(self.bucket_arn):
            hint = "give the bucket's ARN, arn:aws:s3:::BUCKET, without an object path"
            if looks_like_token(self.bucket_arn):
                hint = (
                    "CDK tokens (such as bucket.bucket_arn) are not data: grant them in "
                    "Python with AuthBackend.grant_access(...)"
                )
            yield problem(
                "bucket_arn",
                "not an S3 bucket ARN",
                received=self.bucket_arn,
                allowed="arn:aws:s3:::BUCKET (a bucket name of 3-63 characters)",
                hint=hint,
                code="invalid_arn",
            )
        if not self.paths:
            yield problem(
                "paths",
                "is empty: give at least one path",
                received={},
                allowed="paths such as public/*",
                hint='add e.g. "public/*": {authenticated: [read]}',
                code="empty",
            )
        seen: dict[str, str] = {}
        for path, grants in self.paths.items():
            for principal, verbs in grants.items():
                if not verbs:
                    yield problem(
                        ("paths", path, principal),
                        "no verbs: the principal would get nothing",
                        received=[],
                        allowed="read, list, write, delete",
                        hint="list the verbs, or remove the principal",
                        code="empty",
                    )
            if not grants:
                yield problem(
                    ("paths", path),
                    "no principals: the path would grant nothing",
                    received={},
                    allowed="authenticated, guest or group:NAME mapped to verbs",
                    code="empty",
                )
            for found in path_problems(path):
                yield found.prefixed(("paths", path))
            canonical = storage_prefix(path)
            if canonical in seen:
                yield problem(
                    ("paths", path),
                    f"the same path as {seen[canonical]!r}",
                    received=path,
                    allowed="each path once",
                    hint="merge the two entries",
                    code="duplicate",
                )
            seen.setdefault(canonical, path)


def path_problems(path: str) -> Iterator[Problem]:
    """A key prefix ending in ``/*``, with ``{identity}`` only as a whole segment."""
    allowed = "a key prefix ending in /*, such as public/* or private/{identity}/*"
    if not path.endswith("/*") or path.startswith("/") or "//" in path or path == "/*":
        hint = "end the path with /*; the whole bucket is not a path"
        if path.startswith("/"):
            hint = "remove the leading /"
        yield problem(
            (), "not a storage path", received=path, allowed=allowed, hint=hint, code="invalid_path"
        )
        return
    if len(path) > MAX_PATH_LENGTH:
        yield problem(
            (),
            f"is {len(path)} characters long; S3 keys have at most {MAX_PATH_LENGTH}",
            received=path,
            allowed=allowed,
            code="too_long",
        )
        return
    body = path[:-2]
    segments = body.split("/")
    for segment in segments:
        if segment in (IDENTITY_PATH_SEGMENT, IDENTITY):
            continue
        if "*" in segment or "?" in segment:
            yield problem(
                (),
                "wildcards are allowed only as the final /*",
                received=path,
                allowed=allowed,
                hint="list each path separately",
                code="wildcard_in_path",
            )
            return
        if not _PATH_CHARACTERS.fullmatch(segment) or "{" in segment or "$" in segment:
            yield problem(
                (),
                f"the segment {segment!r} has characters S3 keys should avoid, or a "
                "variable other than {identity}",
                received=path,
                allowed="letters, digits and !-_.'() plus {identity} as a whole segment",
                code="invalid_path_segment",
            )
            return


def storage_prefix(path: str) -> str:
    """``private/{identity}/*`` -> ``private/${cognito-identity.amazonaws.com:sub}/``."""
    segments = path[:-2].split("/")
    return (
        "/".join(
            IDENTITY_VARIABLE if s in (IDENTITY_PATH_SEGMENT, IDENTITY) else s for s in segments
        )
        + "/"
    )


def with_identity_variable(resource: str) -> str:
    """``${identity}`` becomes the policy variable of the caller's identity id."""
    return resource.replace(IDENTITY, IDENTITY_VARIABLE)


# --- principals and the checks that need the rest of the configuration -----------------


@dataclass(frozen=True)
class AccessContext:
    """What the cross-field checks need to know about the configuration."""

    groups: tuple[str, ...]
    guest_access: bool
    identity_pool: bool
    principal_tags: tuple[str, ...] = ()
    kept_roles: tuple[str, ...] = ()
    """The groups that keep an existing role (``role_arn``): nothing can be granted to them."""
    roleless: tuple[str, ...] = ()
    """The groups without an IAM role (``iam_role: false``)."""


def principal_problems(
    principal: str, context: AccessContext, *, allow_guest: bool = True, grants: bool = True
) -> Iterator[Problem]:
    """``authenticated``, ``guest`` (with guest access) or ``group:NAME`` of a known group;
    with ``grants`` (the principal receives permissions), not a group that keeps an existing
    role."""
    choices = [AUTHENTICATED, *([GUEST] if allow_guest else [])]
    shown = ", ".join([*choices, *(f"{GROUP_PREFIX}{g}" for g in context.groups)])
    parsed = Principal.parse(principal)
    if parsed is not None and parsed.kind == "authenticated":
        return
    if parsed is not None and parsed.kind == "guest" and allow_guest:
        if not context.guest_access:
            yield problem(
                (),
                "guests get nothing while guest_access is off",
                received=principal,
                allowed=", ".join([AUTHENTICATED, *(f"{GROUP_PREFIX}{g}" for g in context.groups)]),
                hint="set guest_access: true, or remove guest",
                code="guest_access_off",
            )
        return
    if parsed is not None and parsed.kind == "group":
        name = parsed.group
        if name not in context.groups:
            close = difflib.get_close_matches(name, context.groups, n=1)
            yield problem(
                (),
                f"unknown group {name!r}",
                received=principal,
                allowed=", ".join(f"{GROUP_PREFIX}{g}" for g in context.groups)
                or "no groups are configured",
                hint=f"did you mean '{GROUP_PREFIX}{close[0]}'?"
                if close
                else "add the group under groups, or fix its name",
                code="unknown_group",
            )
        elif name in context.roleless:
            yield problem(
                (),
                f"group {name!r} has no IAM role (iam_role: false)",
                received=principal,
                allowed=", ".join(
                    f"{GROUP_PREFIX}{g}" for g in context.groups if g not in context.roleless
                )
                or AUTHENTICATED,
                hint=f"remove iam_role: false from group {name}, or name another principal",
                code="group_without_role",
            )
        elif grants and name in context.kept_roles:
            yield problem(
                (),
                f"group {name!r} keeps an existing role (role_arn): cognito-auth adds "
                "nothing to a role it did not create",
                received=principal,
                allowed=", ".join(
                    f"{GROUP_PREFIX}{g}"
                    for g in context.groups
                    if g not in context.kept_roles and g not in context.roleless
                )
                or AUTHENTICATED,
                hint=f"remove role_arn from group {name} (the backend then creates its role), "
                "or grant in IAM to the existing role",
                code="group_role_kept",
            )
        return
    if principal in context.groups:
        hint = f"write '{GROUP_PREFIX}{principal}' for the members of group {principal}"
    elif principal == GUEST:
        hint = "role mapping rules apply to signed-in users: name authenticated or a group"
    else:
        close = difflib.get_close_matches(principal, choices, n=1)
        hint = (
            f"did you mean {close[0]!r}?" if close else "write authenticated, guest or group:NAME"
        )
    yield problem(
        (),
        f"unknown principal {principal!r}",
        received=principal,
        allowed=shown,
        hint=hint,
        code="unknown_principal",
    )


def _tag_problems(resource: str, context: AccessContext) -> Iterator[Problem]:
    for tag in PRINCIPAL_TAG_VARIABLE.findall(resource):
        if tag not in context.principal_tags:
            yield problem(
                (),
                f"the principal tag {tag!r} is not in principal_tags",
                received=resource,
                allowed=", ".join(context.principal_tags) or "no principal tags are configured",
                hint=f"add {tag}: CLAIM under principal_tags, or fix the tag name",
                code="unknown_principal_tag",
            )


def rule_problems(rule: AccessRule, context: AccessContext) -> Iterator[Problem]:
    """A rule's principals and tag variables, against the rest of the configuration."""
    for index, principal in enumerate(rule.principals):
        for found in principal_problems(principal, context):
            yield found.prefixed(("principals", index))
    for index, resource in enumerate(rule.resources):
        for found in _tag_problems(resource, context):
            yield found.prefixed(("resources", index))


def access_problems(
    access: Iterable[AccessRule], storage: StorageAccess | None, context: AccessContext
) -> Iterator[Problem]:
    """Every cross-field problem of ``access`` and ``storage``."""
    rules = tuple(access)
    for name, used in (("access", bool(rules)), ("storage", storage is not None)):
        if used and not context.identity_pool:
            yield problem(
                name,
                f"{name} needs an identity pool (its roles receive the access), and "
                "identity_pool is false",
                received=False,
                allowed="identity_pool: true",
                hint=f"set identity_pool: true, or remove {name}",
                code="needs_identity_pool",
            )
    for index, rule in enumerate(rules):
        for found in rule_problems(rule, context):
            yield found.prefixed(("access", index))
    if storage is not None:
        for path, grants in storage.paths.items():
            for principal in grants:
                location: Path = ("storage", "paths", path, principal)
                for found in principal_problems(principal, context):
                    yield found.prefixed(location)
