"""A small IAM policy evaluator, for checking what synthesized policies allow.

It implements the parts of IAM's identity-policy evaluation that the generated
policies use, and refuses (raises) anything else rather than guessing:

- explicit ``Deny`` beats ``Allow``; no matching ``Allow`` is an implicit deny;
- ``Action`` / ``NotAction`` matched case-insensitively with ``*`` and ``?``;
- ``Resource`` / ``NotResource`` matched case-sensitively with ``*`` and ``?``, after
  substituting policy variables (``${cognito-identity.amazonaws.com:sub}``, ``${*}``,
  ``${?}``, ``${$}``); a variable missing from the request makes the resource not match;
- conditions ``StringEquals``, ``StringNotEquals``, ``StringLike``, ``StringNotLike``
  and their ``ForAnyValue:`` / ``ForAllValues:`` forms, with policy variables in the
  values; keys are case-insensitive, values case-sensitive;
- trust policies: ``Principal: {Federated: ...}``.

It also reads a synthesized template: the statements of every policy that reaches a
role (inline ``Policies``, ``AWS::IAM::Policy`` and ``AWS::IAM::ManagedPolicy`` with
the role in ``Roles``, ``ManagedPolicyArns``), with CloudFormation's ``Ref``,
``Fn::GetAtt`` and ``Fn::Join`` resolved to test values.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

Decision = Literal["Allow", "ExplicitDeny", "ImplicitDeny"]
ContextValue = str | Sequence[str]

PSEUDO = {
    "AWS::Partition": "aws",
    "AWS::Region": "us-east-1",
    "AWS::AccountId": "123456789012",
    "AWS::URLSuffix": "amazonaws.com",
}

_SINGLE_OPERATORS = ("StringEquals", "StringNotEquals", "StringLike", "StringNotLike")


class Unsupported(Exception):
    """The policy uses something this evaluator does not implement."""


@dataclass(frozen=True)
class Request:
    action: str
    resource: str = "*"
    context: Mapping[str, ContextValue] = field(default_factory=dict)
    principal: Mapping[str, str] = field(default_factory=dict)
    """For trust policies: e.g. ``{"Federated": "cognito-identity.amazonaws.com"}``."""


# --- matching -----------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _glob(pattern: str, case_insensitive: bool) -> re.Pattern[str]:
    parts = []
    for ch in pattern:
        if ch == "*":
            parts.append(".*")
        elif ch == "?":
            parts.append(".")
        else:
            parts.append(re.escape(ch))
    return re.compile("".join(parts), re.S | (re.I if case_insensitive else 0))


def glob_match(pattern: str, value: str, *, case_insensitive: bool = False) -> bool:
    """IAM wildcard matching: ``*`` any run of characters, ``?`` one character."""
    return _glob(pattern, case_insensitive).fullmatch(value) is not None


_VARIABLE = re.compile(r"\$\{([^}]*)\}")
_ESCAPES = {"*": "\x00STAR\x00", "?": "\x00QMARK\x00", "$": "\x00DOLLAR\x00"}


def substitute(pattern: str, context: Mapping[str, ContextValue]) -> str | None:
    """Replace policy variables from ``context``; ``None`` when one is missing.

    ``${*}``, ``${?}`` and ``${$}`` stand for the literal characters: they are
    returned escaped so that :func:`glob_match` treats them literally (see
    :func:`match_substituted`).
    """
    lowered = {k.lower(): v for k, v in context.items()}
    missing = False

    def replace(match: re.Match[str]) -> str:
        nonlocal missing
        name = match.group(1)
        if name in _ESCAPES:
            return _ESCAPES[name]
        if "," in name:
            raise Unsupported(f"policy variables with default values: ${{{name}}}")
        value = lowered.get(name.lower())
        if value is None or not isinstance(value, str):
            missing = True
            return ""
        # A value from the request is literal text, never a wildcard.
        return value.replace("*", _ESCAPES["*"]).replace("?", _ESCAPES["?"])

    out = _VARIABLE.sub(replace, pattern)
    return None if missing else out


def match_substituted(pattern: str, value: str, *, case_insensitive: bool = False) -> bool:
    regex = []
    index = 0
    literal = {v: k for k, v in _ESCAPES.items()}
    token = re.compile("|".join(re.escape(v) for v in _ESCAPES.values()))
    for found in token.finditer(pattern):
        regex.append(_glob(pattern[index : found.start()], case_insensitive).pattern)
        regex.append(re.escape(literal[found.group(0)]))
        index = found.end()
    regex.append(_glob(pattern[index:], case_insensitive).pattern)
    flags = re.S | (re.I if case_insensitive else 0)
    return re.fullmatch("".join(regex), value, flags) is not None


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _action_matches(statement: Mapping[str, Any], action: str) -> bool:
    if "Action" in statement:
        return any(
            glob_match(p, action, case_insensitive=True) for p in _as_list(statement["Action"])
        )
    if "NotAction" in statement:
        return not any(
            glob_match(p, action, case_insensitive=True) for p in _as_list(statement["NotAction"])
        )
    raise Unsupported("a statement without Action or NotAction")


def _resource_pattern_matches(pattern: str, request: Request) -> bool:
    substituted = substitute(pattern, request.context)
    return substituted is not None and match_substituted(substituted, request.resource)


def _resource_matches(statement: Mapping[str, Any], request: Request) -> bool:
    if "Resource" in statement:
        return any(_resource_pattern_matches(p, request) for p in _as_list(statement["Resource"]))
    if "NotResource" in statement:
        return not any(
            _resource_pattern_matches(p, request) for p in _as_list(statement["NotResource"])
        )
    if "Principal" in statement:  # a trust policy has no Resource
        return True
    raise Unsupported("an identity statement without Resource or NotResource")


def _principal_matches(statement: Mapping[str, Any], request: Request) -> bool:
    if "Principal" not in statement:
        return True
    principal = statement["Principal"]
    if principal == "*":
        return True
    if not isinstance(principal, dict):
        raise Unsupported(f"principal {principal!r}")
    return any(
        request.principal.get(kind) in _as_list(values) for kind, values in principal.items()
    )


def _values(value: ContextValue | None) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def _string_test(operator: str, pattern: str, value: str, context: Mapping[str, Any]) -> bool:
    substituted = substitute(pattern, context)
    if substituted is None:
        return False
    if operator in ("StringEquals", "StringNotEquals"):
        literal = {v: k for k, v in _ESCAPES.items()}
        for escaped, ch in literal.items():
            substituted = substituted.replace(escaped, ch)
        return substituted == value
    return match_substituted(substituted, value)


def _condition_holds(operator: str, key: str, expected: Any, context: Mapping[str, Any]) -> bool:
    lowered = {k.lower(): v for k, v in context.items()}
    present = _values(lowered.get(key.lower()))
    patterns = [str(p) for p in _as_list(expected)]
    qualifier, _, base = operator.rpartition(":")
    if base not in _SINGLE_OPERATORS or qualifier not in ("", "ForAnyValue", "ForAllValues"):
        raise Unsupported(f"condition operator {operator}")
    negated = "Not" in base
    positive = base.replace("Not", "")

    def any_pattern(value: str) -> bool:
        return any(_string_test(positive, p, value, context) for p in patterns)

    if qualifier == "ForAnyValue":
        return any(any_pattern(v) != negated for v in present or [])
    if qualifier == "ForAllValues":
        return all(any_pattern(v) != negated for v in present or [])
    if present is None:
        return negated
    if len(present) != 1:
        raise Unsupported(f"single-valued operator {operator} on a multi-valued key {key}")
    return any_pattern(present[0]) != negated


def _conditions_hold(statement: Mapping[str, Any], request: Request) -> bool:
    for operator, tests in (statement.get("Condition") or {}).items():
        for key, expected in tests.items():
            if not _condition_holds(operator, key, expected, request.context):
                return False
    return True


def statement_applies(statement: Mapping[str, Any], request: Request) -> bool:
    return (
        _principal_matches(statement, request)
        and _action_matches(statement, request.action)
        and _resource_matches(statement, request)
        and _conditions_hold(statement, request)
    )


def evaluate(statements: Sequence[Mapping[str, Any]], request: Request) -> Decision:
    """IAM's decision for one identity (or trust) policy set and one request."""
    decision: Decision = "ImplicitDeny"
    for statement in statements:
        effect = statement.get("Effect")
        if effect not in ("Allow", "Deny"):
            raise Unsupported(f"effect {effect!r}")
        if statement_applies(statement, request):
            if effect == "Deny":
                return "ExplicitDeny"
            decision = "Allow"
    return decision


def allowed(statements: Sequence[Mapping[str, Any]], request: Request) -> bool:
    return evaluate(statements, request) == "Allow"


# --- templates ----------------------------------------------------------------------------


def resolve(value: Any, arns: Mapping[str, str] | None = None) -> Any:
    """CloudFormation intrinsics replaced by test values: pseudo parameters, ``Ref`` of a
    resource (its logical id), ``Fn::GetAtt [X, Arn]`` (``arns[X]`` or a made-up ARN)."""
    arns = arns or {}
    if isinstance(value, list):
        return [resolve(v, arns) for v in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        ((key, inner),) = value.items()
        if key == "Ref":
            return PSEUDO.get(inner, inner)
        if key == "Fn::GetAtt":
            logical, attribute = inner
            if attribute == "Arn":
                return arns.get(logical, f"arn:aws:test:us-east-1:123456789012:{logical}")
            return f"{logical}.{attribute}"
        if key == "Fn::Join":
            separator, parts = inner
            return separator.join(str(resolve(p, arns)) for p in parts)
        if key.startswith("Fn::"):
            raise Unsupported(f"intrinsic {key}")
    return {k: resolve(v, arns) for k, v in value.items()}


def _refers_to(value: Any, logical_id: str) -> bool:
    return value == {"Ref": logical_id}


def role_statements(
    template: Mapping[str, Any],
    role: str,
    arns: Mapping[str, str] | None = None,
    *,
    raw: bool = False,
) -> list[dict[str, Any]]:
    """Every identity-policy statement that reaches the role with logical id ``role``;
    ``raw``: as written in the template, intrinsics unresolved."""
    resources = template["Resources"]
    found: list[dict[str, Any]] = []

    def add(document: Mapping[str, Any]) -> None:
        statements = document["Statement"]
        found.extend(_as_list(statements if raw else resolve(statements, arns)))

    properties = resources[role].get("Properties", {})
    for inline in properties.get("Policies", []):
        add(inline["PolicyDocument"])
    attached = {
        arn["Ref"]
        for arn in properties.get("ManagedPolicyArns", [])
        if isinstance(arn, dict) and "Ref" in arn
    }
    for logical_id, resource in resources.items():
        kind = resource["Type"]
        props = resource.get("Properties", {})
        if kind in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"):
            roles = props.get("Roles", [])
            if any(_refers_to(r, role) for r in roles) or logical_id in attached:
                add(props["PolicyDocument"])
    return found


def trust_statements(template: Mapping[str, Any], role: str) -> list[dict[str, Any]]:
    document = template["Resources"][role]["Properties"]["AssumeRolePolicyDocument"]
    return list(_as_list(resolve(document["Statement"])))


def roles(template: Mapping[str, Any]) -> Iterator[str]:
    for logical_id, resource in template["Resources"].items():
        if resource["Type"] == "AWS::IAM::Role":
            yield logical_id
