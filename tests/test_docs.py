"""The README's generated sections match the code."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from cognito_auth import AuthConfig
from cognito_auth.docs import BLOCKS, ROOT, documentation_files, render_into

README = Path(__file__).parents[1] / "README.md"


def test_generated_blocks_are_current() -> None:
    """Each generated block appears once in the documentation, rendered from the code."""
    files = documentation_files(ROOT)
    texts = {path: path.read_text() for path in files}
    for name in BLOCKS:
        holders = [p.name for p, text in texts.items() if f"<!-- BEGIN {name} -->" in text]
        assert len(holders) == 1, (name, holders)
    stale = [str(p.relative_to(ROOT)) for p, text in texts.items() if render_into(text) != text]
    assert not stale, f"out of date: {stale}: run python -m cognito_auth.docs --write"


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _outside_code(text: str) -> list[str]:
    lines, fence = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fence = not fence
            continue
        if not fence:
            lines.append(line)
    return lines


def _anchors(path: Path) -> set[str]:
    found: set[str] = set()
    seen: dict[str, int] = {}
    for line in _outside_code(path.read_text()):
        match = re.match(r"#{1,6} (.*)", line)
        if match:
            slug = _slug(match.group(1))
            count = seen.get(slug, 0)
            seen[slug] = count + 1
            found.add(slug if count == 0 else f"{slug}-{count}")
    return found


def test_every_relative_link_resolves() -> None:
    """Every relative link of the README and docs/ names a file or folder that exists and,
    with a fragment, a heading of that Markdown page."""
    broken = []
    for path in documentation_files(ROOT):
        for line in _outside_code(path.read_text()):
            for target in re.findall(r"\]\(([^)\s]+)\)", line):
                if re.match(r"[a-z]+:", target):
                    continue
                file, _, fragment = target.partition("#")
                dest = (path.parent / file).resolve() if file else path
                if not dest.exists():
                    broken.append(f"{path.relative_to(ROOT)}: {target} (no such file)")
                elif fragment and dest.suffix == ".md" and fragment not in _anchors(dest):
                    broken.append(f"{path.relative_to(ROOT)}: {target} (no such heading)")
    assert not broken, "\n".join(broken)


def test_readme_starts_with_the_two_commands() -> None:
    lines = README.read_text().splitlines()
    commands = [line for line in lines[:8] if line.startswith("make ")]
    assert [c.split()[1] for c in commands] == ["synth", "test"]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (README.parent / ".ci" / "run").read_text()
    assert "make test" in ci.splitlines()[-1]


def _federated_yaml_blocks() -> list[str]:
    section = (ROOT / "docs" / "federation.md").read_text()
    return re.findall(r"```yaml\n(.*?)```", section, re.S)


def test_federated_sign_in_examples_are_valid() -> None:
    """Every YAML example of the Federated sign-in section validates as written: whole
    configurations as they are, provider snippets inside a minimal configuration."""
    hosted = {
        "domain_prefix": "shop-auth",
        "callback_urls": ["https://shop.example.com/"],
        "logout_urls": ["https://shop.example.com/"],
    }
    blocks = _federated_yaml_blocks()
    assert len(blocks) >= 9
    checked = 0
    for block in blocks:
        if block.startswith("client_secret:"):
            for line in block.splitlines():
                secret = yaml.safe_load(line)["client_secret"]
                google = {"client_id": "g", "client_secret": secret}
                AuthConfig.model_validate(
                    {"login_with": {"external_providers": {**hosted, "google": google}}}
                )
                checked += 1
            continue
        data = yaml.safe_load(block)
        if "login_with" in data:
            AuthConfig.model_validate(data)
        else:
            AuthConfig.model_validate(
                {"login_with": {"email": True, "external_providers": {**hosted, **data}}},
            )
        checked += 1
    assert checked == len(blocks) - 1 + 5


def test_make_example_synth_names_the_examples() -> None:
    """`make example-synth` without a valid EXAMPLE lists every example and changes
    nothing; the README documents the target."""
    import subprocess

    root = README.parent
    done = subprocess.run(
        ["make", "--no-print-directory", "example-synth", "EXAMPLE=nope"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    names = sorted(p.parent.name for p in (root / "examples").glob("*/cdk.json"))
    assert names
    assert f"NAME one of: {' '.join(names)}" in done.stderr
    assert "make example-synth EXAMPLE=NAME" in README.read_text()
    dry = subprocess.run(
        ["make", "--no-print-directory", "-n", "example-synth", "EXAMPLE=storage"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "cd examples/storage && cdk synth" in dry.stdout
