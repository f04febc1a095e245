"""Helpers for the examples' tests: load an example app, synthesize it, lint it."""

from __future__ import annotations

import importlib.util
import shutil
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


def copy_root_app(folder: Path) -> Path:
    """A copy of the repository's app.py alone in ``folder`` (created), so that a test of
    it never reads a user's auth.yaml, auth.json... or auth.lock.json in the checkout."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "app.py"
    shutil.copyfile(Path(__file__).parents[1] / "app.py", target)
    return target


def load_root_app(folder: Path) -> ModuleType:
    """The repository's own app.py, copied alone into ``folder`` (see copy_root_app)
    and loaded under its own name (``import app`` could find an example's app.py, whose
    folder pytest puts on sys.path)."""
    return load_example(copy_root_app(folder).parent, name="root_app")


def synth_example(module: ModuleType, stack_name: str, tmp_path: Path) -> dict[str, Any]:
    """Build the example into a fresh app (its lock file in ``tmp_path``), lint every
    stack's template, and return the template of ``stack_name``."""
    app = cdk.App(context={"cognito-auth:lockFile": str(tmp_path / "auth.lock.json")})
    module.build(app)
    assembly = app.synth()
    for stack in assembly.stacks:
        assert_lint_clean(stack.template)
    return assembly.get_stack_by_name(stack_name).template  # type: ignore[no-any-return]
