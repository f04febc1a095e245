"""The HTTP API example: a machine client with the client-credentials flow and a
resource-server scope, accepted by the API's JWT authorizer beside the web client."""

from __future__ import annotations

from pathlib import Path

from example_support import load_example, synth_example


def test_machine_to_machine(tmp_path: Path) -> None:
    module = load_example(Path(__file__).parent)
    template = synth_example(module, "ReportsApi", tmp_path)
    resources = template["Resources"]

    def of_type(kind: str) -> dict[str, dict[str, object]]:
        return {k: r["Properties"] for k, r in resources.items() if r["Type"] == kind}

    clients = {p["ClientName"]: (k, p) for k, p in of_type("AWS::Cognito::UserPoolClient").items()}
    machine_id, machine = clients["reports-exporter"]
    web_id, _ = clients["reports-web"]
    assert machine["GenerateSecret"] is True
    assert machine["AllowedOAuthFlows"] == ["client_credentials"]
    assert "ALLOW_USER_SRP_AUTH" not in machine.get("ExplicitAuthFlows", [])  # type: ignore[operator]
    ((server_id, server),) = of_type("AWS::Cognito::UserPoolResourceServer").items()
    assert server["Identifier"] == "https://api.reports.example.com"
    # The scope names the resource server by reference, so that it is created first.
    assert machine["AllowedOAuthScopes"] == [
        {"Fn::Join": ["", [{"Ref": server_id}, "/reports.read"]]}
    ]
    ((_, authorizer),) = of_type("AWS::ApiGatewayV2::Authorizer").items()
    audience = authorizer["JwtConfiguration"]["Audience"]  # type: ignore[index]
    assert audience == [{"Ref": web_id}, {"Ref": machine_id}]
    ((_, route),) = of_type("AWS::ApiGatewayV2::Route").items()
    assert route["AuthorizationScopes"] == ["https://api.reports.example.com/reports.read"]
    assert "TokenEndpoint" in template["Outputs"]
