"""The configuration reference in Markdown, generated from the models themselves.

``python -m cognito_auth.docs --write`` refreshes the blocks between
``<!-- BEGIN name -->`` and ``<!-- END name -->`` markers in the README and the pages
under ``docs/``; a test fails when the documentation and the models disagree.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import types
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from cognito_auth.config._base import on_off
from cognito_auth.config._docs import field_docs
from cognito_auth.config.access import S3_VERBS
from cognito_auth.config.admin import ADMIN_ACTIONS
from cognito_auth.config.root import AuthConfig
from cognito_auth.config.triggers import TRIGGERS
from cognito_auth.guard.declaration import immutability_table
from cognito_auth.security import ACKNOWLEDGED


def _type_name(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type_name(args[0])
    if origin is typing.Literal:
        return " \\| ".join(f"`{a}`" for a in args)
    if origin in (typing.Union, types.UnionType):
        names = [_type_name(a) for a in args if a is not type(None)]
        return " \\| ".join(names)
    if origin in (tuple, list):
        return f"list of {_type_name(args[0])}"
    if origin is dict:
        return f"map of {_type_name(args[1])}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    if annotation is bool:
        return "boolean"
    if annotation is int:
        return "integer"
    if annotation is str:
        return "string"
    return str(getattr(annotation, "__name__", annotation))


def _field_type(info: FieldInfo) -> str:
    toggled = any(getattr(m, "func", None) is on_off for m in info.metadata)
    name = _type_name(info.annotation)
    return f"`true` \\| `false` \\| {name}" if toggled else name


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return "required"
    if info.default_factory is not None:
        return "see below"
    value = info.default
    if value is None or value is PydanticUndefined:
        return "—"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, tuple):
        return f"`[{', '.join(str(item) for item in value)}]`"
    return f"`{value}`"


def _description(model: type[BaseModel], name: str, info: FieldInfo) -> str:
    text = " ".join((info.description or field_docs(model).get(name, "")).split())
    return text.replace("|", "\\|")


def _models(root: type[BaseModel]) -> Iterator[type[BaseModel]]:
    seen: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.append(model)
        for info in model.model_fields.values():
            for nested in _nested_models(info.annotation):
                visit(nested)

    visit(root)
    yield from seen


def _nested_models(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    for arg in typing.get_args(annotation):
        yield from _nested_models(arg)


def configuration_reference() -> str:
    """One table per model, in the order they appear under :class:`AuthConfig`."""
    out: list[str] = []
    for model in _models(AuthConfig):
        out.append(f"#### {model.__name__}")
        out.append("")
        doc = " ".join((model.__doc__ or "").split())
        if doc:
            out.append(doc)
            out.append("")
        out.append("| key | type | default | meaning |")
        out.append("|---|---|---|---|")
        for name, info in model.model_fields.items():
            out.append(
                f"| `{name}` | {_field_type(info)} | {_default(info)} "
                f"| {_description(model, name, info)} |"
            )
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def storage_verbs() -> str:
    """The storage verbs table, from :data:`cognito_auth.config.access.S3_VERBS`."""
    out = ["| verb | IAM actions | on | lets the principal |", "|---|---|---|---|"]
    for verb, granted in S3_VERBS.items():
        actions = ", ".join(f"`{a}`" for a in granted.actions)
        on = (
            "`BUCKET_ARN/PATH`"
            if granted.on == "objects"
            else "`BUCKET_ARN`, with `s3:prefix` `PATH/` and `PATH/*`"
        )
        out.append(f"| `{verb}` | {actions} | {on} | {granted.meaning} |")
    return "\n".join(out) + "\n"


def admin_actions() -> str:
    """The grant_admin table, from :data:`cognito_auth.config.admin.ADMIN_ACTIONS`."""
    out = ["| coarse action | exact `cognito-idp:` actions, on the user pool's ARN |", "|---|---|"]
    for name, actions in ADMIN_ACTIONS.items():
        exact = ", ".join(f"`{a.removeprefix('cognito-idp:')}`" for a in actions)
        out.append(f"| `{name}` | {exact} |")
    return "\n".join(out) + "\n"


def trigger_events() -> str:
    """The trigger table, from :data:`cognito_auth.config.triggers.TRIGGERS`."""
    out = ["| event | `LambdaConfig` key | version | plan | for |", "|---|---|---|---|---|"]
    for name, trigger in TRIGGERS.items():
        plan = "essentials or plus" if trigger.needs_essentials else "any"
        version = f"`{trigger.version}`" if trigger.version else "—"
        out.append(
            f"| `{name}` | `{trigger.lambda_config_key}` | {version} | {plan} | {trigger.what} |"
        )
    return "\n".join(out) + "\n"


RESULTS = Path(__file__).resolve().parents[2] / "bench" / "results.json"


def performance() -> str:
    """The latest figures of ``python bench/run.py`` (bench/results.json)."""
    if not RESULTS.exists():
        return "No benchmark results yet: run `python bench/run.py`.\n"
    r = json.loads(RESULTS.read_text())
    m = r["machine"]

    def s(data: dict[str, float]) -> str:
        return f"{data['median']:.2f} s ({data['min']:.2f}-{data['max']:.2f}, n={int(data['n'])})"

    synth, ratios = r["synth"], r["ratios"]
    lines = [
        f"Measured {m['date'][:10]} on {m['cpu']}, {m['cores']} cores, Python {m['python']}, "
        f"aws-cdk-lib {m.get('aws_cdk_lib', '?')}, jsii runtime Node.js {r['node_used']}.",
        "",
        "| measure | median (min-max) |",
        "|---|---|",
        f"| (a) synth, `AuthBackend`, a realistic configuration | {s(synth['auth']['wall_s'])} |",
        f"| (b) synth, the same backend written with L2 constructs | {s(synth['l2']['wall_s'])} |",
        f"| (c) synth, an empty stack | {s(synth['empty']['wall_s'])} |",
        f"| ratio (a)/(b) | {ratios['auth_over_l2']:.3f} |",
        "| ratio (a)/(b), median of the rounds' ratios; of the fastest runs | "
        f"{ratios['auth_over_l2_paired_median']:.3f}; {ratios['auth_over_l2_of_minimums']:.3f} |",
        f"| (b) without its stack outputs | {s(synth['l2_bare']['wall_s'])} |",
        f"| ratio (a)/(b without outputs) | {ratios['auth_over_l2_bare']:.3f} |",
        f"| ratio (a)/(c) | {ratios['auth_over_empty']:.3f} |",
        f"| peak memory (a): Python / Node.js | {synth['auth']['python_peak_mb']:.0f} MB / "
        f"{synth['auth']['node_peak_mb']:.0f} MB |",
        f"| peak memory (b): Python / Node.js | {synth['l2']['python_peak_mb']:.0f} MB / "
        f"{synth['l2']['node_peak_mb']:.0f} MB |",
    ]
    names = {"auth": "AuthBackend", "l2": "L2 by hand", "l2_bare": "L2 by hand, no outputs"}
    for label, name in names.items():
        sizes = ", ".join(
            f"{n}: {d['wall_s']['median']:.2f} s" for n, d in r["scale"][label].items()
        )
        slope = r["scale_slope_s_per_backend"][label]
        paired = r["scale_slope_paired_s_per_backend"][label]
        phases = r["scale_phase_slope_s_per_backend"][label]
        lines.append(
            f"| scale, {name} (backends: time) | {sizes}; {slope * 1000:.0f} ms/backend "
            f"(median of the rounds' slopes {paired * 1000:.0f}; construction "
            f"{phases['construct_s'] * 1000:.1f}, synthesis {phases['synth_s'] * 1000:.1f}) |"
        )
    for version, data in sorted(r.get("node_runtime", {}).items()):  # with two Node.js only
        lines.append(f"| synth (a) with Node.js {version} | {s(data['wall_s'])} |")
    imports, cli = r["imports"], r["cli"]
    lines += [
        f"| first synth, empty jsii cache | {s(r['cold_cache']['wall_s'])} |",
        f"| `cognito-auth validate` | {s(cli['validate_s'])} |",
        f"| `cognito-auth plan` | {s(cli['plan_s'])} |",
    ]
    if "pydantic_floor_s" in cli:
        lines += [
            f"| Python starting (`python -c pass`) | {s(cli['python_startup_s'])} |",
            "| the pydantic floor: Python, pydantic, one small model built and used | "
            f"{s(cli['pydantic_floor_s'])} |",
        ]
    if "reference" in cli:
        lines.append(
            f"| validate; plan, over the package at `{cli['reference']}` (median of the "
            "rounds' ratios, side by side) | "
            f"{cli['validate_over_reference']:.3f}; {cli['plan_over_reference']:.3f} |"
        )
    lines += [
        "| import of cognito_auth over what (b) imports (whole process) | "
        f"{imports['overhead_ms']:.0f} ms |",
        "| `from cognito_auth import AuthBackend` on the main thread | "
        f"{imports['import_statement_s']['median'] * 1000:.0f} ms |",
        "| loading the configuration models (pydantic, validators) | "
        f"{imports['models_load_ms']:.0f} ms |",
    ]
    return "\n".join(lines) + "\n"


def nag_acknowledgments() -> str:
    """The cdk-nag acknowledgments, from :data:`cognito_auth.security.ACKNOWLEDGED`."""
    out = ["| rule | acknowledged when | reason |", "|---|---|---|"]
    out.extend(f"| `{rule}` | {when} | {reason} |" for rule, when, reason in ACKNOWLEDGED)
    return "\n".join(out) + "\n"


BLOCKS: dict[str, Callable[[], str]] = {
    "trigger-events": trigger_events,
    "config-reference": configuration_reference,
    "storage-verbs": storage_verbs,
    "admin-actions": admin_actions,
    "immutable-choices": immutability_table,
    "nag-acknowledgments": nag_acknowledgments,
    "performance": performance,
}


def _replacement(rendered: str) -> Callable[[re.Match[str]], str]:
    return lambda match: match.group(1) + rendered + match.group(2)


def render_into(text: str) -> str:
    """``text`` with every generated block replaced by its current rendering."""
    for name, render in BLOCKS.items():
        pattern = re.compile(
            rf"(<!-- BEGIN {re.escape(name)} -->\n).*?(<!-- END {re.escape(name)} -->)", re.S
        )
        text = pattern.sub(_replacement(render()), text)
    return text


ROOT = Path(__file__).resolve().parents[2]


def documentation_files(root: Path = ROOT) -> list[Path]:
    """The project's Markdown documentation: the README and every page under docs/."""
    return [root / "README.md", *sorted((root / "docs").glob("**/*.md"))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--write",
        metavar="FILE",
        nargs="*",
        help="refresh the generated blocks of each FILE (none named: the README and docs/)",
    )
    args = parser.parse_args(argv)
    if args.write is not None:
        for path in [Path(f) for f in args.write] or documentation_files():
            text = path.read_text()
            rendered = render_into(text)
            if rendered != text:
                path.write_text(rendered)
        return 0
    sys.stdout.write(configuration_reference())
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
