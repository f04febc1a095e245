"""Every mutation of the corpus: refused ones are refused with their paths named, allowed
ones pass, both through ``cognito-auth plan`` and through synth."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from corpus import ALLOWED, BASE, REFUSED, Mutation

from cognito_auth import ImmutableChangeError
from cognito_auth.cli import main
from support import synth


def test_the_corpus_is_large_enough() -> None:
    assert len(REFUSED) + len(ALLOWED) >= 25
    assert len(ALLOWED) >= 10


def _write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data))
    return path


@pytest.fixture(scope="module")
def locked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The lock file of the base configuration, deployed: synthesized, then recorded by
    ``cognito-auth lock``."""
    folder = tmp_path_factory.mktemp("corpus")
    lock = folder / "auth.lock.json"
    synth(BASE, stack_name="Shop", lock_file=lock)
    assert not lock.exists(), "synthesis never writes the lock"
    config = _write(folder / "auth.yaml", BASE)
    assert (
        main(["lock", "--config", str(config), "--lock", str(lock), "--backend", "Shop/Auth"]) == 0
    )
    return lock


def _plan(tmp_path: Path, lock: Path, data: dict[str, Any], capsys: Any) -> tuple[int, str]:
    config = _write(tmp_path / "auth.yaml", data)
    copy = tmp_path / "lock.json"
    copy.write_text(lock.read_text())
    code = main(["plan", "--config", str(config), "--lock", str(copy)])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("mutation", REFUSED, ids=lambda m: m.id)
def test_refused_through_plan(
    mutation: Mutation, locked: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _plan(tmp_path, locked, mutation.apply(), capsys)
    assert code == 1, out
    refused_block = out.split("allowed (")[0]
    for path in mutation.refused:
        assert f"\n  {path}: " in refused_block, (path, out)
    assert refused_block.count("\n    why: ") == len(mutation.refused), out


@pytest.mark.parametrize("mutation", REFUSED, ids=lambda m: m.id)
def test_refused_through_synth(mutation: Mutation, locked: Path, tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    lock.write_text(locked.read_text())
    with pytest.raises(ImmutableChangeError) as caught:
        synth(mutation.apply(), stack_name="Shop", lock_file=lock)
    assert sorted(r.path for r in caught.value.refusals) == sorted(mutation.refused)
    assert lock.read_text() == locked.read_text(), "a refused synth must not touch the lock"


@pytest.mark.parametrize("mutation", ALLOWED, ids=lambda m: m.id)
def test_allowed_through_plan(
    mutation: Mutation, locked: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _plan(tmp_path, locked, mutation.apply(), capsys)
    assert code == 0, out
    assert "refused" not in out


@pytest.mark.parametrize("mutation", ALLOWED, ids=lambda m: m.id)
def test_allowed_through_synth(mutation: Mutation, locked: Path, tmp_path: Path) -> None:
    lock = tmp_path / "auth.lock.json"
    lock.write_text(locked.read_text())
    synth(mutation.apply(), stack_name="Shop", lock_file=lock)


def test_keys_with_dots_are_reported_whole(
    locked: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A resource server's identifier is a URL: its dots are not path separators."""
    (mutation,) = [m for m in REFUSED if m.id == "resource server identifier changed"]
    code, out = _plan(tmp_path, locked, mutation.apply(), capsys)
    assert code == 1
    assert '\n  resource_servers["https://api.shop.example.com"]: removed\n' in out
    assert '\n  resource_servers["https://orders.shop.example.com"]: added\n' in out
