"""Helpers for the examples' tests: load an example app, synthesize it, lint it."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import aws_cdk as cdk

from support import assert_lint_clean


def load_example(directory: Path, name: str | None = None) -> ModuleType:
    """The example's app.py as a module of its own name."""
    name = name or f"example_{directory.name}"
    spec = importlib.util.spec_from_file_location(name, directory / "app.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_root_app() -> ModuleType:
    """The repository's own app.py (``import app`` could find an example's app.py, whose
    folder pytest puts on sys.path)."""
    return load_example(Path(__file__).parents[1], name="root_app")


def synth_example(module: ModuleType, stack_name: str, tmp_path: Path) -> dict[str, Any]:
    """Build the example into a fresh app (its lock file in ``tmp_path``), lint every
    stack's template, and return the template of ``stack_name``."""
    app = cdk.App(context={"cognito-auth:lockFile": str(tmp_path / "auth.lock.json")})
    module.build(app)
    assembly = app.synth()
    for stack in assembly.stacks:
        assert_lint_clean(stack.template)
    return assembly.get_stack_by_name(stack_name).template  # type: ignore[no-any-return]
