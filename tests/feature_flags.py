"""The recommended feature flags of the installed aws-cdk-lib, for ``cdk.json``.

aws-cdk-lib ships them as ``recommended-feature-flags.json`` at the root of its npm
package: the file ``cdk init`` copies into a new app's ``cdk.json``. The Python
distribution carries that npm package as its jsii bundle
(``aws_cdk/_jsii/aws-cdk-lib@VERSION.jsii.tgz``), so the flags of exactly the installed
version are read from there, offline, with no Node.js.

``python tests/feature_flags.py`` rewrites the ``context`` of the repository's
``cdk.json``: the project's own keys (``cognito-auth:...``) stay, every other key is
the recommended flags of the installed aws-cdk-lib. Run it after upgrading aws-cdk-lib
(``tests/test_feature_flags.py`` fails until then).
"""

from __future__ import annotations

import json
import sys
import tarfile
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parents[1]
CDK_JSON = ROOT / "cdk.json"
OWN_PREFIX = "cognito-auth:"
MEMBER = "package/recommended-feature-flags.json"


def cdk_lib_version() -> str:
    return version("aws-cdk-lib")


def recommended_flags() -> dict[str, Any]:
    """The installed aws-cdk-lib's recommended feature flags, as ``cdk init`` writes them."""
    spec = find_spec("aws_cdk")  # finds the package without importing it (no jsii start)
    if spec is None or spec.origin is None:  # pragma: no cover - aws-cdk-lib is a dependency
        raise ModuleNotFoundError("aws_cdk")
    bundle = Path(spec.origin).parent / "_jsii" / f"aws-cdk-lib@{cdk_lib_version()}.jsii.tgz"
    with tarfile.open(bundle) as archive:
        member = archive.extractfile(MEMBER)
        if member is None:  # pragma: no cover - a directory of that name
            raise FileNotFoundError(f"{MEMBER} in {bundle}")
        flags: dict[str, Any] = json.load(member)
    return dict(sorted(flags.items()))


def own_context(context: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in context.items() if key.startswith(OWN_PREFIX)}


def generated_cdk_json(current: dict[str, Any]) -> dict[str, Any]:
    """``current`` with its context's flags replaced by the recommended ones."""
    context = {**own_context(current.get("context", {})), **recommended_flags()}
    return {**current, "context": context}


def main() -> int:
    current = json.loads(CDK_JSON.read_text())
    CDK_JSON.write_text(json.dumps(generated_cdk_json(current), indent=2) + "\n")
    print(f"cdk.json: the recommended feature flags of aws-cdk-lib {cdk_lib_version()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
