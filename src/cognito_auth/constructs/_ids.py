"""Pinned logical ids for the stateful resources.

A changed logical id of a user pool creates a new, empty pool. So the logical
ids of the user pool, its clients, its domain and the identity pool are
computed here from the backend's own path and a fixed name for each resource,
with the same algorithm the CDK uses, and forced onto the L1 resources. How the
package arranges its constructs internally can then never move them.
"""

from __future__ import annotations

import hashlib
import re

from aws_cdk import CfnResource, Stack
from constructs import Construct

_HIDDEN = "Default"
_HIDDEN_FROM_HUMAN = "Resource"
_MAX_HUMAN = 240
_NON_ALNUM = re.compile(r"[^A-Za-z0-9]")


def cdk_logical_id(components: list[str]) -> str:
    """The logical id that the CDK gives an element at this stack-relative path."""
    parts = [c for c in components if c != _HIDDEN]
    if not parts:
        raise ValueError("a logical id needs at least one path component")
    if len(parts) == 1:
        candidate = _NON_ALNUM.sub("", parts[0])
        if len(candidate) <= 255:
            return candidate
    digest = hashlib.md5("/".join(parts).encode(), usedforsecurity=False).hexdigest()
    human: list[str] = []
    for part in parts:
        if part == _HIDDEN_FROM_HUMAN:
            continue
        if human and human[-1] == part:
            continue
        human.append(part)
    return "".join(_NON_ALNUM.sub("", p) for p in human)[:_MAX_HUMAN] + digest[:8].upper()


def stack_relative_path(scope: Construct) -> list[str]:
    """Path components of ``scope`` below its stack."""
    stack = Stack.of(scope)
    scopes = scope.node.scopes
    index = scopes.index(stack)
    return [s.node.id for s in scopes[index + 1 :]]


def pinned_logical_id(backend: Construct, resource: str) -> str:
    """The pinned logical id of the backend's stateful ``resource`` (e.g. ``UserPool``)."""
    return cdk_logical_id([*stack_relative_path(backend), resource, _HIDDEN_FROM_HUMAN])


def pin(backend: Construct, resource: str, element: CfnResource) -> str:
    """Force ``element``'s logical id to the pinned one; return it."""
    logical_id = pinned_logical_id(backend, resource)
    element.override_logical_id(logical_id)
    return logical_id
