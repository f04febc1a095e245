"""The JSON Schema (`cognito-auth schema`) refuses what `validate` refuses on a single
field, wherever JSON Schema can say it: an editor warns as validate would.

Hand-picked cases first; then every string field the corpus of the trailing-newline test
reaches (the models' every string field), each value mutated: validate and the schema
agree on each mutation, except for the rules listed in LEFT_TO_VALIDATE. Last, every
pattern of the schema matches alike in ECMA-262 (Node.js, as editors) and in Python."""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import samples
from cognito_auth import AuthConfig, ConfigError
from cognito_auth.config._patterns import PYTHON_SPACE, ecma_pattern
from cognito_auth.config.clients import _BOUNDS, _DURATION, duration_minutes
from cognito_auth.config.providers import _NO_SEPARATOR_OR_CONTROL
from cognito_auth.config.schema import config_json_schema, duration_pattern, integer_range

SCHEMA = config_json_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
LOGIN = {"login_with": {"email": True}}
HOSTED = {
    "login_with": {
        "email": True,
        "external_providers": samples.HOSTED,
    }
}


def rule(actions: Any) -> dict[str, Any]:
    return {
        **LOGIN,
        "access": [
            {"principals": ["authenticated"], "actions": actions, "resources": ["arn:aws:s3:::b/*"]}
        ],
    }


def client(**validity: str) -> dict[str, Any]:
    return {**HOSTED, "clients": [{"name": "web", "token_validity": validity}]}


BAD: dict[str, dict[str, Any]] = {
    "action *": rule(["*"]),
    "action s3:*": rule(["s3:*"]),
    "action s3:Get*": rule("s3:Get*"),
    "action without service": rule(["GetObject"]),
    "refresh token 3651d": client(refresh_token="3651d"),
    "refresh token 59m": client(refresh_token="59m"),
    "refresh token 87601h": client(refresh_token="87601h"),
    "refresh token in weeks": client(refresh_token="2w"),
    "access token 2d": client(access_token="2d"),
    "access token 4m": client(access_token="4m"),
    "id token 25h": client(id_token="25h"),
    "id token zero": client(id_token="0m"),
    "custom attribute required": {
        **LOGIN,
        "user_attributes": {"custom": {"tenant": {"required": True}}},
    },
    "mfa mode on": {**LOGIN, "multifactor": {"mode": True}},
    "mfa mode typo": {**LOGIN, "multifactor": {"mode": "requird"}},
    "password too short": {**LOGIN, "password_policy": {"min_length": 3}},
    "unknown key": {"login_with": {"emial": True}},
}

GOOD: dict[str, dict[str, Any]] = {
    "exact actions": rule(["s3:GetObject", "dynamodb:Query"]),
    "refresh token 90d": client(refresh_token="90d"),
    "refresh token 3650d": client(refresh_token="3650d"),
    "tokens at the low bounds": client(access_token="5m", id_token="5m", refresh_token="60m"),
    "tokens at the high bounds": client(access_token="24h", id_token="1d", refresh_token="3650d"),
    "custom attribute not required": {
        **LOGIN,
        "user_attributes": {"custom": {"tenant": {"required": False}}},
    },
    "mfa off unquoted": {**LOGIN, "multifactor": {"mode": False}},
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_the_schema_refuses_what_validate_refuses(name: str) -> None:
    with pytest.raises(ConfigError):
        AuthConfig.model_validate(BAD[name])
    assert not VALIDATOR.is_valid(BAD[name]), f"the schema accepts {name}"


@pytest.mark.parametrize("name", sorted(GOOD))
def test_the_schema_accepts_what_validate_accepts(name: str) -> None:
    AuthConfig.model_validate(GOOD[name])
    VALIDATOR.validate(GOOD[name])


@pytest.mark.parametrize(("low", "high"), [(1, 1), (5, 1440), (60, 5_256_000), (7, 123)])
def test_integer_range_matches_exactly_the_range(low: int, high: int) -> None:
    pattern = re.compile(f"^(?:{integer_range(low, high)})$")
    for number in [*range(0, 2000), high - 1, high, high + 1, 10 * high]:
        assert bool(pattern.match(str(number))) == (low <= number <= high), number


@pytest.mark.parametrize("field", sorted(_BOUNDS))
def test_duration_pattern_agrees_with_validation(field: str) -> None:
    low, high = _BOUNDS[field]
    pattern = re.compile(duration_pattern(low, high))
    numbers = [*range(0, 1500), 3650, 3651, 87600, 87601, 5_256_000, 5_256_001, 99_999_999]
    for unit in "mhd":
        for number in numbers:
            for text in (f"{number}{unit}", f"0{number}{unit}"):
                valid = bool(_DURATION.match(text)) and low <= duration_minutes(text) <= high
                assert bool(pattern.match(text)) == valid, text


# --- every string field with a pattern or a length: the corpus's values, mutated --------
#
# The fields and their valid values come from the corpus of the trailing-newline test
# (the example configurations plus configurations that reach every string field of the
# models, which that test checks). Each value is mutated in ways that break common
# patterns; for each mutation, validate and the schema must agree.


def _mutations(value: str) -> list[str]:
    out = [
        "",
        " " + value,
        value + " ",
        value + "\n",
        value + "#x",
        value + ",x",
        value.upper(),
        value[:-1],
        value[1:],
        value + "\u00e9",
        value + "\ufeff",
        value + "\x85",
        value + "\u00a0",
        "_" + value,
        value * 40,
        value + "x" * 20_001,
        value[:1],
        value.replace("https://", "http://"),
        value.replace("aws", "aws-cn", 1),
        value.replace("us-east-1", "eu-west-1"),
        value.replace("1", "\u0661"),
        value + "*",
    ]
    return sorted({m for m in out if m != value})


def _node(schema: dict[str, Any], pointer: tuple[Any, ...]) -> dict[str, Any]:
    node: Any = schema
    for part in pointer:
        node = node[part]
    return node


def _constrained(node: Any) -> bool:
    """Whether a property's schema holds a pattern or a length for its strings."""
    if isinstance(node, dict):
        if node.get("type") == "string" and (
            {"pattern", "allOf", "minLength", "maxLength"} & set(node)
        ):
            return True
        return any(_constrained(value) for value in node.values())
    if isinstance(node, list):
        return any(_constrained(value) for value in node)
    return False


def _property(field: tuple[str, str]) -> Any:
    """The field's schema (nothing for a string standing for an object, such as a group's
    or a client's name in a list: those are read as that object's ``name``)."""
    model, name = field
    owner = SCHEMA if model == "AuthConfig" else SCHEMA["$defs"][model]
    return owner["properties"].get(name)


def _replaced(data: dict[str, Any], path: tuple[Any, ...], is_key: bool, new: str) -> Any:
    out = copy.deepcopy(data)
    parent: Any = out
    for part in path[:-1]:
        parent = parent[part]
    if is_key:
        parent[new] = parent.pop(path[-1])
    else:
        parent[path[-1]] = new
    return out


def _field_refusal(data: Any, path: tuple[Any, ...]) -> list[tuple[str, str]] | None:
    """None when validate accepts ``data``; else the (code, message) of the problems at
    ``path`` (or below)."""
    try:
        AuthConfig.model_validate(data)
    except ConfigError as error:
        return [(p.code, p.message) for p in error.problems if tuple(p.path)[: len(path)] == path]
    return None


def _field_validator(field: tuple[str, str]) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator({"$defs": SCHEMA["$defs"], **_property(field)})


LEFT_TO_VALIDATE: dict[tuple[str, str], str] = {
    ("OidcProvider", "name"): "the reserved names and uniqueness compare it with the others",
    ("SamlProvider", "name"): "the reserved names and uniqueness compare it with the others",
    ("AccessRule", "principals"): "a group:NAME must name a group of `groups`",
    ("RoleMappingRule", "role"): "a group:NAME must name a group of `groups`",
    ("MigrateUsersFrom", "region"): "must be the region the pool id starts with",
    ("AccessRule", "resources"): "every resource of a type depends on the service's formats",
    ("EmailSender", "ses_verified_domain"): "from_email must be an address in the domain",
    # rules no pattern can say
    ("AuthConfig", "principal_tags"): "a tag key's letters are Unicode letters (\\w)",
    ("SamlMetadataFile", "file"): "the file must exist and hold SAML metadata",
    ("AccessRule", "s3_prefixes"): "key prefixes are read segment by segment, with variables",
    ("StorageAccess", "paths"): "storage paths are read segment by segment ({identity})",
    ("ThreatProtection", "always_allow_ips"): "a CIDR block is parsed (IPv6, host bits)",
    ("ThreatProtection", "always_block_ips"): "a CIDR block is parsed (IPv6, host bits)",
    **{
        (provider, "attribute_mapping"): "a custom:NAME must be an attribute of the pool"
        for provider in (
            "GoogleProvider",
            "FacebookProvider",
            "LoginWithAmazonProvider",
            "SignInWithAppleProvider",
            "OidcProvider",
            "SamlProvider",
        )
    },
}
"""Fields with a rule that compares the value with other fields (or tables), or that no
pattern can say: the schema leaves that rule to validate (docs/configuration.md says so)."""


@pytest.fixture(scope="module")
def corpus_with_metadata(tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    from test_trailing_newline import METADATA, all_leaves

    metadata = tmp_path_factory.mktemp("saml") / "idp.xml"
    metadata.write_text(
        '<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="corp">'
        '<IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
        '<SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" '
        'Location="https://corp.example.com/sso"/></IDPSSODescriptor></EntityDescriptor>'
    )
    text = json.dumps(all_leaves()).replace(json.dumps(str(METADATA)), json.dumps(str(metadata)))
    return [
        (name, data, ((field[0], field[1]), tuple(path), key))
        for name, data, (field, path, key) in json.loads(text)
    ]


def test_the_schema_refuses_what_validate_refuses_field_by_field(
    corpus_with_metadata: list[Any],
) -> None:
    disagreements: list[str] = []
    tried: set[tuple[str, str]] = set()
    done: set[tuple[tuple[str, str], bool]] = set()
    for name, data, (field, path, is_key) in corpus_with_metadata:
        if _property(field) is None or (field, is_key) in done:
            continue
        done.add((field, is_key))
        value = path[-1] if is_key else _node(data, path)
        at_field = path[: len(path) - path[::-1].index(field[1])] if field[1] in path else ()
        validator = _field_validator(field) if at_field else VALIDATOR
        assert validator.is_valid(_node(data, at_field)), (name, field)
        for mutated in _mutations(value):
            candidate = _replaced(data, path, is_key, mutated)
            where = (*path[:-1], mutated) if is_key else path
            refusal = _field_refusal(candidate, where)
            schema_accepts = validator.is_valid(_node(candidate, at_field))
            if refusal is None:
                if not schema_accepts:
                    disagreements.append(f"{field} {mutated!r}: validate accepts, schema refuses")
                continue
            if not refusal:
                continue  # refused for another field (a cross-field rule)
            tried.add(field)
            if schema_accepts and field not in LEFT_TO_VALIDATE:
                disagreements.append(f"{field} {mutated!r}: refused {refusal[0]}, schema accepts")
    assert not disagreements, "\n".join(disagreements)
    constrained = {field for field, _ in done if _constrained(_property(field))}
    assert sorted(constrained - tried) == []


# --- the patterns read alike in ECMA-262 (editors) and in Python (jsonschema) ------------

NODE = shutil.which("node") or str(Path(__file__).parents[2] / "node_modules" / ".bin" / "node")
PROBES = [
    *"\t\n\x0b\x0c\r\x1c\x1f \x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\ufeff",
    "\u00e9",
    "\u0661",
    "_",
]


def _patterns(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["pattern"]} if isinstance(node.get("pattern"), str) else set()
        return found.union(*(_patterns(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_patterns(value) for value in node))
    return set()


def test_every_pattern_matches_alike_in_ecma_262_and_python(
    corpus_with_metadata: list[Any],
) -> None:
    """Node.js (the CDK's runtime, always present) compiles each pattern as editors do
    (with the ``u`` flag, and without) and matches every corpus value, its mutations and
    probe characters; Python's ``re.search`` (what jsonschema does) must agree on each."""
    patterns = sorted(_patterns(SCHEMA))
    values = {
        (leaf[1][-1] if leaf[2] else _node(data, leaf[1])) for _, data, leaf in corpus_with_metadata
    }
    samples = {m for v in values if isinstance(v, str) for m in (v, *_mutations(v))}
    samples |= {
        f"{before}{probe}{after}"
        for probe in PROBES
        for before in ("", "a", "https://a")
        for after in ("", "b", "/")
    }
    ordered = sorted(samples)
    script = (
        "const [ps, ss] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(ps.map(p => { new RegExp(p); const r = new RegExp(p, 'u');"
        "return ss.map(s => (r.test(s) ? '1' : '0')).join(''); })));"
    )
    done = subprocess.run(
        [NODE, "-e", script],
        input=json.dumps([patterns, ordered]),
        capture_output=True,
        text=True,
        check=True,
    )
    in_ecma = json.loads(done.stdout)
    for pattern, ecma in zip(patterns, in_ecma, strict=True):
        compiled = re.compile(pattern)
        python = "".join("1" if compiled.search(s) else "0" for s in ordered)
        differ = [s for s, a, b in zip(ordered, ecma, python, strict=True) if a != b]
        assert differ == [], pattern


def test_python_space_is_what_python_reads_as_s() -> None:
    spaces = re.compile(r"\s")
    written = re.compile(f"[{PYTHON_SPACE}]")
    for code in range(0x110000):
        char = chr(code)
        assert bool(spaces.match(char)) == bool(written.match(char)), hex(code)


def test_the_provider_name_pattern_refuses_separators_and_controls_only() -> None:
    """The schema's part of "no Unicode separator or control character": never a refusal
    that validate would not make."""
    for code in range(0x110000):
        char = chr(code)
        if not _NO_SEPARATOR_OR_CONTROL.fullmatch(char):
            assert unicodedata.category(char)[0] in "ZC", hex(code)


@pytest.mark.parametrize(
    "python",
    [r"^\d+$", r"^\w+$", r"^a\b$", r"(?i)^a$", r"^(a)\1$", r"^[]a]$", r"^a{,3}$", r"^\Z"],
)
def test_a_pattern_without_an_exact_translation_is_refused(python: str) -> None:
    with pytest.raises(ValueError, match=r"ECMA-262|translation"):
        ecma_pattern(python)


@pytest.mark.parametrize(
    ("python", "ecma"),
    [
        (r"^(?P<region>[a-z]+)-[0-9]$", r"^(?:[a-z]+)-[0-9]$(?!\n)"),
        (r"^a.b$", r"^a[^\n]b$(?!\n)"),
        (r"^a|b$", r"^(?:a|b)$(?!\n)"),
        (r"^aws\-cn\&$", r"^aws-cn&$(?!\n)"),
        (r"^[a\-z]$", r"^[a\-z]$(?!\n)"),
    ],
)
def test_translations(python: str, ecma: str) -> None:
    assert ecma_pattern(python) == ecma
