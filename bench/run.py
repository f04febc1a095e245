"""Benchmarks of cognito-auth, measured side by side in one run (not a test).

    python bench/run.py [--runs N] [--quick] [--reference REVISION] [--out FILE]

Whole-process wall time, runs alternating between variants so that the machine's
drift hits all of them alike:

- synth: (a) AuthBackend with a realistic configuration, (b) the same backend written
  by hand with aws-cdk-lib L2 constructs (the same resources and stack outputs; also
  without the outputs, ``l2_bare``), (c) an empty stack (the floor);
- scale: 1, 10 and 50 backends in one app (stacks of at most 10), AuthBackend and L2
  (with and without the outputs); 7 rounds, each running every size of every variant, and
  the slope of each round besides the slope of the medians;
- Node.js: the same synth with Node.js 22 and with the machine's Node.js as jsii runtime;
- cold: the first synth with an empty jsii package cache;
- cognito-auth validate and plan on the same configuration, beside Python's start and
  the pydantic floor (one model built and used); with ``--reference REVISION``, beside
  the same commands of the package at that revision;
- import cost of cognito_auth over aws_cdk, and where the time goes (-X importtime,
  cProfile of the construction).

The package is byte-compiled first (``compileall``), as pip does when it installs it: an
editable checkout under ``PYTHONDONTWRITEBYTECODE`` would otherwise compile its sources
in every run, which no installed copy does.

Prints medians, min-max, ratios and peak memory, and writes them as JSON.
"""

from __future__ import annotations

import argparse
import compileall
import cProfile
import io
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
WORKLOAD = ROOT / "bench" / "workload.py"
PYTHON = sys.executable


def node_binaries() -> dict[str, str]:
    """Node.js 22 from node_modules (make setup), and the machine's own."""
    found: dict[str, str] = {}
    local = ROOT / "node_modules" / ".bin" / "node"
    if local.exists():
        found[_node_version(str(local))] = str(local)
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        candidate = Path(directory) / "node"
        if candidate.exists() and "node_modules" not in directory:
            version = _node_version(str(candidate))
            found.setdefault(version, str(candidate))
    return found


def _node_version(binary: str) -> str:
    return subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()


def base_env(node: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env["JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"] = "18,20"
    env["JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION"] = "1"
    if node is not None:
        env["JSII_NODE"] = node
    return env


VARIANTS = {
    "auth": "auth",
    "l2": "l2",
    "l2_bare": "l2_bare",
    "empty": "empty",
}
"""Measured variants, and the workload each runs."""


def run_workload(variant: str, backends: int, env: dict[str, str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as outdir:
        started = time.perf_counter()
        done = subprocess.run(
            [PYTHON, str(WORKLOAD), VARIANTS[variant], str(backends), outdir],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{variant} x{backends} failed:\n{done.stderr[-3000:]}")
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    report["wall_s"] = wall
    return report


def summary(values: list[float]) -> dict[str, float]:
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "n": len(values),
    }


def alternate(
    labels: list[str], runs: int, one: Callable[[str], dict[str, Any]]
) -> dict[str, list[dict[str, Any]]]:
    results: dict[str, list[dict[str, Any]]] = {label: [] for label in labels}
    for _ in range(runs):
        for label in labels:
            results[label].append(one(label))
    return results


def describe(results: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "wall_s": summary([r["wall_s"] for r in results]),
        "construct_s": summary([r["construct_s"] for r in results]),
        "synth_s": summary([r["synth_s"] for r in results]),
        "python_peak_mb": max(r["python_maxrss_kb"] for r in results) / 1024,
        "node_peak_mb": max(r["node_hwm_kb"] for r in results) / 1024,
    }


# The least a command that validates with pydantic can cost: Python starting, pydantic
# importing, one model's validator built (pydantic's plugin lookup included) and used.
PYDANTIC_FLOOR = """
from pydantic import BaseModel
class Floor(BaseModel):
    name: str
Floor.model_validate({"name": "floor"})
"""


def reference_source(revision: str, into: Path) -> Path:
    """``src/`` as it was at ``revision`` (``git archive``), byte-compiled like ours."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "src"], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    compileall.compile_dir(into / "src", quiet=1)
    return into / "src"


def cli_times(runs: int, reference: str | None) -> dict[str, Any]:
    """``cognito-auth validate`` and ``plan`` on the workload's configuration, alternating
    with Python's start and the pydantic floor (and, with ``reference``, the same commands
    of the package at that revision, side by side: a ratio that a slower or faster machine
    does not change)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import workload

    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        config = scratch / "auth.json"
        config.write_text(json.dumps(workload.CONFIG))
        trees = {"": ROOT / "src"}
        if reference:
            (scratch / "reference").mkdir()
            trees["reference_"] = reference_source(reference, scratch / "reference")
        commands: dict[str, tuple[list[str], dict[str, str]]] = {}
        for prefix, source in trees.items():
            env = {**os.environ, "PYTHONPATH": str(source)}
            imported = subprocess.run(
                [PYTHON, "-c", "import cognito_auth; print(cognito_auth.__file__)"],
                capture_output=True,
                text=True,
                env=env,
                check=True,
            ).stdout.strip()
            if not Path(imported).is_relative_to(source):
                raise SystemExit(f"{prefix or 'current'}: imported {imported}, not {source}")
            cli = [PYTHON, "-m", "cognito_auth.cli"]
            lock = scratch / f"{prefix}auth.lock.json"
            subprocess.run(
                [*cli, "lock", "--config", str(config), "--lock", str(lock)],
                capture_output=True,
                env=env,
                check=True,
            )
            commands[f"{prefix}validate"] = ([*cli, "validate", str(config)], env)
            commands[f"{prefix}plan"] = (
                [*cli, "plan", "--config", str(config), "--lock", str(lock)],
                env,
            )
        commands["python_startup"] = ([PYTHON, "-c", "pass"], dict(os.environ))
        commands["pydantic_floor"] = ([PYTHON, "-c", PYDANTIC_FLOOR], dict(os.environ))

        rounds = alternate(list(commands), runs, lambda label: {"s": wall_time(*commands[label])})
    times = {label: [one["s"] for one in ones] for label, ones in rounds.items()}
    result: dict[str, Any] = {f"{label}_s": summary(values) for label, values in times.items()}
    if reference:
        result["reference"] = reference
        for command in ("validate", "plan"):
            result[f"{command}_over_reference"] = statistics.median(
                now / then
                for now, then in zip(times[command], times[f"reference_{command}"], strict=True)
            )
    return result


def wall_time(argv: list[str], env: dict[str, str]) -> float:
    """One whole process's wall time; a failed command stops the benchmark."""
    started = time.perf_counter()
    subprocess.run(argv, capture_output=True, env=env, check=True)
    return time.perf_counter() - started


def slope(points: dict[int, float]) -> float:
    xs, ys = list(points), list(points.values())
    mean_x, mean_y = statistics.mean(xs), statistics.mean(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs
    )


def import_profile() -> dict[str, Any]:
    """-X importtime of importing the constructs: the heaviest modules, and the cost of
    cognito_auth over aws_cdk."""
    env = base_env(None)
    code = "import aws_cdk; from cognito_auth import AuthBackend"
    done = subprocess.run(
        [PYTHON, "-X", "importtime", "-c", code], capture_output=True, text=True, env=env
    )
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        self_us, cumulative_us, name = (
            part.strip() for part in line.removeprefix("import time:").split("|")
        )
        rows.append((int(cumulative_us), int(self_us), name))
    ours = sum(c for c, _, n in rows if n.strip() == "cognito_auth.constructs.backend")
    cdk_total = sum(c for c, _, n in rows if n.strip() == "aws_cdk")
    top = sorted(rows, reverse=True)[:12]
    return {
        "aws_cdk_cumulative_ms": cdk_total / 1000,
        "cognito_auth_constructs_cumulative_ms": ours / 1000,
        "top_cumulative_ms": [{"module": n.strip(), "ms": c / 1000} for c, _, n in top],
    }


IMPORT_STATEMENT = """
import time
started = time.perf_counter()
from cognito_auth import AuthBackend
print((time.perf_counter() - started) * 1000)
"""


def import_overhead(runs: int) -> dict[str, Any]:
    """What ``from cognito_auth import AuthBackend`` adds to what the hand-written L2 app
    imports: whole processes (the import loads the configuration models too), and the
    import statement itself."""
    env = base_env(None)
    base = "import aws_cdk; from aws_cdk import aws_cognito, aws_iam"
    commands = {
        "aws_cdk": ([PYTHON, "-c", base], env),
        "aws_cdk+cognito_auth": (
            [PYTHON, "-c", f"{base}; from cognito_auth import AuthBackend"],
            env,
        ),
        # the models alone: their share of the import
        "models": ([PYTHON, "-c", "import cognito_auth.config"], env),
        "python": ([PYTHON, "-c", "pass"], env),
    }
    times: dict[str, list[float]] = {label: [] for label in commands}
    statement: list[float] = []
    for _ in range(runs):
        for label, (argv, run_env) in commands.items():
            times[label].append(wall_time(argv, run_env))
        done = subprocess.run(
            [PYTHON, "-c", f"{base}\n{IMPORT_STATEMENT}"],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        statement.append(float(done.stdout.strip().splitlines()[-1]) / 1000)
    medians = {k: statistics.median(v) for k, v in times.items()}
    return {
        "aws_cdk_s": summary(times["aws_cdk"]),
        "with_cognito_auth_s": summary(times["aws_cdk+cognito_auth"]),
        "overhead_ms": (medians["aws_cdk+cognito_auth"] - medians["aws_cdk"]) * 1000,
        "import_statement_s": summary(statement),
        "models_load_ms": (medians["models"] - medians["python"]) * 1000,
    }


def construct_profile() -> str:
    """Where Python time goes while AuthBackend builds (cProfile, top functions)."""
    os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "18,20")
    sys.path.insert(0, str(ROOT / "bench"))
    import aws_cdk as cdk
    import workload

    app = cdk.App()
    workload.build_auth(cdk.Stack(app, "Warm"), 0)  # jsii start-up and type loading
    profiler = cProfile.Profile()
    profiler.enable()
    stack = cdk.Stack(app, "Profiled")
    for index in range(1, 6):
        workload.build_auth(stack, index)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(18)
    return out.getvalue()


def machine() -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "aws_cdk_lib": version("aws-cdk-lib"),
        "pydantic": version("pydantic"),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15, help="runs per synth variant (default 15)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="3 runs, scale up to 10 backends: checks the script, too few runs to judge targets",
    )
    parser.add_argument("--out", default=str(ROOT / "bench" / "results.json"))
    parser.add_argument(
        "--reference",
        metavar="REVISION",
        help="also time validate and plan of the package at this git revision, side by side",
    )
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    compileall.compile_dir(ROOT / "src", quiet=1)  # as an installed copy is
    nodes = node_binaries()
    preferred = max(nodes, key=lambda v: int(v.lstrip("v").split(".")[0])) if nodes else None
    node = nodes.get(preferred) if preferred else None
    env = base_env(node)
    results: dict[str, Any] = {"machine": machine(), "node_used": preferred}

    print(f"machine: {results['machine']['cpu']} x{results['machine']['cores']}, node {preferred}")
    run_workload("auth", 1, env)  # warm the jsii cache and the file system

    synth = alternate(
        ["auth", "l2", "empty", "l2_bare"],
        runs,
        lambda v: run_workload(v, 1, env),
    )
    results["synth"] = {label: describe(runs_) for label, runs_ in synth.items()}
    med = {k: v["wall_s"]["median"] for k, v in results["synth"].items()}
    results["ratios"] = {
        "auth_over_l2": med["auth"] / med["l2"],
        "auth_over_empty": med["auth"] / med["empty"],
        "auth_over_l2_bare": med["auth"] / med["l2_bare"],
        # Runs alternate, so each round's (a) and (b) ran side by side: the median of the
        # rounds' ratios, and the ratio of the fastest runs, are less exposed to drift.
        "auth_over_l2_paired_median": statistics.median(
            a["wall_s"] / b["wall_s"] for a, b in zip(synth["auth"], synth["l2"], strict=True)
        ),
        "auth_over_l2_of_minimums": (
            results["synth"]["auth"]["wall_s"]["min"] / results["synth"]["l2"]["wall_s"]["min"]
        ),
        "construct_auth_minus_l2_ms": (
            results["synth"]["auth"]["construct_s"]["median"]
            - results["synth"]["l2"]["construct_s"]["median"]
        )
        * 1000,
    }

    sizes = [1, 10] if args.quick else [1, 10, 50]
    scale_runs = 2 if args.quick else 7
    labels = ["auth", "l2", "l2_bare"]
    # Every round runs every size of every variant, in reversed order every other round,
    # so that drift over the run reaches all sizes alike: a slope compares sizes.
    rounds: list[dict[tuple[str, int], dict[str, Any]]] = []
    for round_ in range(scale_runs):
        order = [(label, size) for size in sizes for label in labels]
        rounds.append(
            {key: run_workload(key[0], key[1], env) for key in order[:: -1 if round_ % 2 else 1]}
        )
    scale: dict[str, dict[int, dict[str, Any]]] = {
        label: {size: describe([one[(label, size)] for one in rounds]) for size in sizes}
        for label in labels
    }
    results["scale"] = {
        label: {str(size): data for size, data in by_size.items()}
        for label, by_size in scale.items()
    }
    results["scale_slope_s_per_backend"] = {
        label: slope({size: data["wall_s"]["median"] for size, data in by_size.items()})
        for label, by_size in scale.items()
    }
    # Each round's own slope, then their median: rounds ran side by side.
    results["scale_slope_paired_s_per_backend"] = {
        label: statistics.median(
            slope({size: one[(label, size)]["wall_s"] for size in sizes}) for one in rounds
        )
        for label in labels
    }
    # The same growth split by phase, measured inside each process (so without the
    # start-up and exit that add most of the whole-process noise).
    results["scale_phase_slope_s_per_backend"] = {
        label: {
            phase: slope({size: data[phase]["median"] for size, data in by_size.items()})
            for phase in ("construct_s", "synth_s")
        }
        for label, by_size in scale.items()
    }

    if len(nodes) > 1:
        by_node = alternate(
            sorted(nodes), runs, lambda v: run_workload("auth", 1, base_env(nodes[v]))
        )
        results["node_runtime"] = {v: describe(r) for v, r in by_node.items()}

    cold = []
    for _ in range(1 if args.quick else 2):
        cache = tempfile.mkdtemp(prefix="jsii-cold-")
        cold_env = {**env, "JSII_RUNTIME_PACKAGE_CACHE_ROOT": cache}
        cold.append(run_workload("auth", 1, cold_env))
        shutil.rmtree(cache, ignore_errors=True)
    results["cold_cache"] = describe(cold)

    results["cli"] = cli_times(runs, args.reference)

    results["imports"] = {**import_overhead(runs), **import_profile()}
    results["construct_profile"] = construct_profile()

    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    report(results)
    print(f"\nwritten: {args.out}")


def report(results: dict[str, Any]) -> None:
    def line(label: str, data: dict[str, float]) -> str:
        return (
            f"  {label:<28} median {data['median']:.2f} s  "
            f"(min {data['min']:.2f}, max {data['max']:.2f}, n={int(data['n'])})"
        )

    print("\nsynth, one backend (whole process):")
    for label, data in results["synth"].items():
        print(
            line(label, data["wall_s"]),
            f" peak python {data['python_peak_mb']:.0f} MB, node {data['node_peak_mb']:.0f} MB",
        )
    ratios = results["ratios"]
    print(
        f"  ratio auth/l2 {ratios['auth_over_l2']:.3f} (paired "
        f"{ratios['auth_over_l2_paired_median']:.3f}, of minimums "
        f"{ratios['auth_over_l2_of_minimums']:.3f}), auth/empty {ratios['auth_over_empty']:.3f}"
        f", auth/l2 without outputs {ratios['auth_over_l2_bare']:.3f}"
    )
    print("scale (median wall s):")
    for label, by_size in results["scale"].items():
        sizes = ", ".join(f"{n}: {d['wall_s']['median']:.2f}" for n, d in by_size.items())
        phases = results["scale_phase_slope_s_per_backend"][label]
        print(
            f"  {label:<5} {sizes}; "
            f"slope {results['scale_slope_s_per_backend'][label]:.3f} s/backend "
            f"(rounds' median {results['scale_slope_paired_s_per_backend'][label]:.3f}; "
            f"construct {phases['construct_s'] * 1000:.1f} ms, synth "
            f"{phases['synth_s'] * 1000:.1f} ms)"
        )
    if "node_runtime" in results:
        print("jsii runtime:")
        for version, data in results["node_runtime"].items():
            print(line(f"node {version}", data["wall_s"]))
    print(line("cold jsii cache", results["cold_cache"]["wall_s"]))
    cli = results["cli"]
    for name, data in cli.items():
        if name.endswith("_s"):
            print(line(name, data))
    if "reference" in cli:
        print(
            f"  against {cli['reference']}, side by side: validate "
            f"{cli['validate_over_reference']:.3f}, plan {cli['plan_over_reference']:.3f}"
        )
    imports = results["imports"]
    print(
        f"import cognito_auth over aws_cdk: {imports['overhead_ms']:.0f} ms (whole process); "
        f"the import statement {imports['import_statement_s']['median'] * 1000:.0f} ms; "
        f"the configuration models load in {imports['models_load_ms']:.0f} ms (first backend)"
    )
    print("\nwhere construction time goes (cProfile, 5 backends):")
    print("\n".join(results["construct_profile"].splitlines()[:30]))


if __name__ == "__main__":
    main()
