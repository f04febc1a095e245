"""End to end: a sign-in to a new pool moves the user from the old one through the
trigger, as Cognito runs it.

The new pool is cognito-local (npm, pinned in package.json), which invokes the
UserMigration trigger (Authentication only; it has no ForgotPassword migration) through a
Lambda endpoint named in its configuration. The test serves that endpoint itself and runs
the package's function in-process; the function's boto3 talks to the old pool in moto's
Cognito API. Both servers listen on 127.0.0.1 and stop with the test.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from aws_support import REGION
from cognito_auth.functions import user_migration

ROOT = Path(__file__).parents[2]
COGNITO_LOCAL = ROOT / "node_modules" / ".bin" / "cognito-local"
PASSWORD = "Correct-horse-9!"


class _Lambda(BaseHTTPRequestHandler):
    """The Lambda Invoke API (``POST /2015-03-31/functions/NAME/invocations``), running
    the function in this process; a raised error is answered as Lambda answers it."""

    def do_POST(self) -> None:
        event = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        headers = {"Content-Type": "application/json"}
        try:
            body: dict[str, Any] = user_migration.handler(event, None)
        except user_migration.MigrationRefused as error:
            body = {"errorMessage": str(error), "errorType": type(error).__name__}
            headers["X-Amz-Function-Error"] = "Unhandled"
        data = json.dumps(body).encode()
        self.send_response(200)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def lambda_endpoint() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Lambda)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def cognito_local(tmp_path: Path, lambda_endpoint: str) -> Iterator[str]:
    if not COGNITO_LOCAL.exists():
        pytest.fail("cognito-local is missing: run `npm ci` (it is in package.json)")
    config = {
        "LambdaClient": {
            "endpoint": lambda_endpoint,
            "region": "local",
            "credentials": {"accessKeyId": "local", "secretAccessKey": "local"},
        },
        "TriggerFunctions": {"UserMigration": "UserMigration"},
        "UserPoolDefaults": {"UsernameAttributes": ["email"]},
    }
    (tmp_path / ".cognito").mkdir()
    (tmp_path / ".cognito" / "config.json").write_text(json.dumps(config))
    port = _free_port()
    node_bin = str(ROOT / "node_modules" / ".bin")
    env = {
        **os.environ,
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "PATH": f"{node_bin}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    process = subprocess.Popen(
        [shutil.which("node", path=env["PATH"]) or "node", str(COGNITO_LOCAL)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("cognito-local did not start")
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_sign_in_to_the_new_pool_moves_the_user(
    aws: boto3.Session, cognito_local: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The old pool (moto): usernames, a migration client, one user.
    old = aws.client("cognito-idp")
    old_pool = old.create_user_pool(PoolName="old")["UserPool"]["Id"]
    old_client = old.create_user_pool_client(
        UserPoolId=old_pool,
        ClientName="migration",
        ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH"],
    )["UserPoolClient"]["ClientId"]
    old.admin_create_user(
        UserPoolId=old_pool,
        Username="alice",
        MessageAction="SUPPRESS",
        UserAttributes=[
            {"Name": "email", "Value": "alice@example.com"},
            {"Name": "email_verified", "Value": "true"},
            {"Name": "given_name", "Value": "Alice"},
        ],
    )
    old.admin_set_user_password(
        UserPoolId=old_pool, Username="alice", Password=PASSWORD, Permanent=True
    )
    monkeypatch.setenv("SOURCE_USER_POOL_ID", old_pool)
    monkeypatch.setenv("SOURCE_CLIENT_ID", old_client)
    monkeypatch.setenv("SOURCE_REGION", REGION)
    monkeypatch.setenv("TARGET_CUSTOM_ATTRIBUTES", "")
    monkeypatch.setenv("TARGET_REQUIRED_ATTRIBUTES", "email")
    user_migration._client.cache_clear()

    # The new pool (cognito-local): email sign-in, the password flow.
    new = boto3.client("cognito-idp", region_name=REGION, endpoint_url=cognito_local)
    new_pool = new.create_user_pool(PoolName="new")["UserPool"]["Id"]
    new_client = new.create_user_pool_client(
        UserPoolId=new_pool,
        ClientName="web",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"],
    )["UserPoolClient"]["ClientId"]

    def sign_in(username: str, password: str) -> dict[str, Any]:
        return new.initiate_auth(  # type: ignore[return-value]
            ClientId=new_client,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": username, "PASSWORD": password},
        )

    with pytest.raises(ClientError):
        sign_in("alice@example.com", "wrong-Password-1")
    assert new.list_users(UserPoolId=new_pool)["Users"] == []

    assert "AccessToken" in sign_in("alice@example.com", PASSWORD)["AuthenticationResult"]
    (moved,) = new.list_users(UserPoolId=new_pool)["Users"]
    attributes = {a["Name"]: a["Value"] for a in moved["Attributes"]}
    assert attributes["email"] == "alice@example.com"
    assert attributes["email_verified"] == "true"
    assert attributes["given_name"] == "Alice"
    assert moved["UserStatus"] == "CONFIRMED"
    # The next sign-in is the new pool's own: the user is there, with the same password.
    user_migration._client.cache_clear()
    monkeypatch.setenv("SOURCE_CLIENT_ID", "0" * 26)  # a trigger call would now fail
    assert "AccessToken" in sign_in("alice@example.com", PASSWORD)["AuthenticationResult"]
