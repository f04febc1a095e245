"""Every configuration and code block of the documentation (README and docs/) runs as written.

The convention (docs/development.md): a YAML, JSON, TOML or Python block is complete
unless the line right before its opening fence is an HTML comment ``<!-- snippet: ... -->``:

- no marker: YAML/JSON/TOML is a whole configuration that validates and synthesizes;
  Python is a whole program that runs in an empty folder and calls ``app.synth()``;
- ``<!-- snippet: in PATH -->``: a part of a configuration at the dotted ``PATH``, put into
  the smallest configuration around it (:data:`BASE`), which then validates and
  synthesizes; ``<!-- snippet: each line in PATH -->``: each line is such a part;
- ``<!-- snippet: refused -->``: a whole configuration that validation refuses; the next
  block (```` ```text ````) is exactly what ``cognito-auth validate auth.yaml`` prints;
- ``<!-- snippet: fragment: REASON -->``: not run (not a configuration or not a whole
  program: a trimmed template, a piece of amplify_outputs.json), with the reason.
"""

from __future__ import annotations

import json
import re
import runpy
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
import yaml

from cognito_auth import AuthConfig, ConfigError, load_config
from support import assert_lint_clean, synth

ROOT = Path(__file__).parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
"""The documentation: the README and every guide under docs/."""
CHECKED = ("yaml", "json", "toml", "python")
MARKER = re.compile(r"^<!-- snippet: (?P<kind>[^-]+?)(?:: (?P<reason>.+?))? -->$")

HOSTED = {
    "domain_prefix": "shop-auth",
    "callback_urls": ["https://shop.example.com/"],
    "logout_urls": ["https://shop.example.com/"],
}
BASE: dict[str, Any] = {"login_with": {"email": True, "external_providers": HOSTED}}
"""What a part (``in PATH``) is put into: email sign-in, and the hosted pages that
federated sign-in needs (kept only under login_with.external_providers)."""
AROUND: dict[str, dict[str, Any]] = {
    "login_with.external_providers.google": {"client_id": "1234567890-abc"},
}
"""What a part needs around it at a deeper path (a provider's required keys)."""


@dataclass(frozen=True)
class Block:
    page: str
    line: int
    lang: str
    text: str
    marker: str | None
    reason: str | None

    @property
    def id(self) -> str:
        return f"{self.page}:{self.line}:{self.lang}" + (f":{self.marker}" if self.marker else "")


def blocks(text: str, page: str = "README.md") -> list[Block]:
    """Every fenced block, with the snippet marker on the line before its fence."""
    found: list[Block] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        fence = re.match(r"^```(\w*)\s*$", lines[index])
        if not fence:
            index += 1
            continue
        end = lines.index("```", index + 1)
        previous = lines[index - 1] if index else ""
        marker = MARKER.match(previous.strip())
        found.append(
            Block(
                page=page,
                line=index + 1,
                lang=fence.group(1),
                text="\n".join(lines[index + 1 : end]) + "\n",
                marker=marker.group("kind") if marker else None,
                reason=marker.group("reason") if marker else None,
            )
        )
        if previous.startswith("<!-- snippet") and not marker:
            raise AssertionError(f"{page}:{index}: unreadable snippet marker {previous!r}")
        index = end + 1
    return found


ALL = [b for page in PAGES for b in blocks(page.read_text(), str(page.relative_to(ROOT)))]
CODE = [b for b in ALL if b.lang in CHECKED]


def parse(block: Block) -> Any:
    if block.lang == "yaml":
        return yaml.safe_load(block.text)
    if block.lang == "json":
        return json.loads(block.text)
    return tomllib.loads(block.text)


def put(data: Any, path: str) -> dict[str, Any]:
    """The base configuration with ``data`` deep-merged at the dotted ``path``."""
    config = json.loads(json.dumps(BASE))
    if not path.startswith("login_with.external_providers"):
        del config["login_with"]["external_providers"]
    node = config
    walked = []
    for part in path.split("."):
        walked.append(part)
        node = node.setdefault(part, dict(AROUND.get(".".join(walked), {})))
    node.update(data)
    return config


def check_complete(config: Any) -> None:
    assert isinstance(config, dict), "a configuration is a mapping"
    synth(AuthConfig.model_validate(config))


def test_the_readme_has_the_blocks_this_test_expects() -> None:
    kinds = {b.marker for b in CODE}
    assert kinds <= {None, "refused", "fragment"} | {
        m for m in kinds if m and re.fullmatch(r"(each line )?in [\w.]+", m)
    }, kinds
    assert sum(b.lang == "python" for b in CODE) >= 3
    assert sum(b.marker == "refused" for b in CODE) >= 1
    for block in CODE:
        if block.marker == "fragment":
            assert block.reason, f"{block.id}: a fragment says why it is not run"


@pytest.mark.parametrize("block", [b for b in CODE if b.lang != "python"], ids=lambda b: b.id)
def test_configuration_blocks(block: Block, tmp_path: Path, monkeypatch: Any) -> None:
    if block.marker == "fragment":
        return
    if block.marker == "refused":
        shown = ALL[ALL.index(block) + 1]
        assert shown.lang == "text", f"{block.id}: a refused block is followed by its error"
        path = tmp_path / f"auth.{block.lang}"
        path.write_text(block.text)
        monkeypatch.chdir(tmp_path)
        with pytest.raises(ConfigError) as info:
            load_config(path.name)
        assert info.value.render() + "\n" == shown.text
        return
    if block.marker and block.marker.startswith("each line in "):
        for line in block.text.splitlines():
            check_complete(put(yaml.safe_load(line), block.marker.removeprefix("each line in ")))
        return
    data = parse(block)
    if block.marker and block.marker.startswith("in "):
        check_complete(put(data, block.marker.removeprefix("in ")))
        return
    assert block.marker is None, block.marker
    check_complete(data)


PYTHON = [
    # CDK's own grant_* methods grant wildcard actions (s3:Abort*...): the policy sweep
    # of the suite's templates leaves such tests out, by their marker.
    pytest.param(b, marks=pytest.mark.cdk_wildcard_grants)
    if re.search(r"\bbucket\.grant_", b.text)
    else b
    for b in CODE
    if b.lang == "python"
]


@pytest.mark.parametrize("block", PYTHON, ids=lambda b: b.id)
def test_python_blocks_run_as_programs(block: Block, tmp_path: Path, monkeypatch: Any) -> None:
    """Each runs as a file of its own in an empty folder (the guard's lock lands there)."""
    if block.marker == "fragment":
        return
    assert block.marker is None, block.marker
    assert "app.synth()" in block.text, f"{block.id}: without app.synth() `cdk synth` fails"
    program = tmp_path / "app.py"
    program.write_text(block.text)
    monkeypatch.chdir(tmp_path)
    namespace = runpy.run_path(str(program), run_name="__main__")
    app = namespace["app"]
    assert isinstance(app, cdk.App)
    for stack in app.synth().stacks:
        assert_lint_clean(stack.template)
