"""Pinned logical ids for the stateful resources.

A changed logical id of a user pool creates a new, empty pool. So the logical
ids of the user pool, its clients, its domain and the identity pool are
computed from the backend's own path and a fixed name for each resource (see
:mod:`cognito_auth.naming`), with the same algorithm the CDK uses, and forced
onto the L1 resources. How the package arranges its constructs internally can
then never move them.
"""

from __future__ import annotations

import weakref

from aws_cdk import CfnResource, Stack
from constructs import Construct

from cognito_auth.naming import pinned_logical_id


def stack_and_path(scope: Construct) -> tuple[Stack, list[str]]:
    """``scope``'s stack, and the path components of ``scope`` below it."""
    if isinstance(scope, Stack):  # the usual case: no call into jsii
        return scope, []
    stack = Stack.of(scope)
    scopes = scope.node.scopes
    index = scopes.index(stack)
    return stack, [s.node.id for s in scopes[index + 1 :]]


def pin(backend_path: list[str], resource: str, element: CfnResource) -> str:
    """Force ``element``'s logical id to the pinned one for ``resource`` of the backend at
    ``backend_path`` (stack-relative, see :func:`stack_and_path`); return it."""
    logical_id = pinned_logical_id(backend_path, resource)
    element.override_logical_id(logical_id)
    return logical_id


_REGIONS: weakref.WeakKeyDictionary[Stack, str] = weakref.WeakKeyDictionary()


def stack_region(stack: Stack) -> str:
    """``stack.region`` (a token unless the stack's environment names one), read from the
    jsii runtime once per stack."""
    region = _REGIONS.get(stack)
    if region is None:
        region = _REGIONS[stack] = stack.region
    return region
