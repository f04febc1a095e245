"""The CDK constructs (they import aws_cdk; the rest of the package does not)."""
