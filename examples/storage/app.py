#!/usr/bin/env python3
"""A storage backend with per-user paths, for a bucket created in the same app.

Signed-in users read and write their own ``private/<identity id>/`` folder; everybody,
guests included, reads ``public/``; members of ADMINS may also delete anything under
``public/``. The ``storage`` preset of the configuration does the same for a bucket that
already exists (it takes a literal ARN); for a bucket built here, ``grant_access`` takes
CDK tokens.
"""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_s3 as s3

from cognito_auth import AuthBackend

CONFIG = {
    "name": "photos",
    "login_with": {"email": True},
    "guest_access": True,
    "groups": ["ADMINS"],
}


def build(app: cdk.App) -> cdk.Stack:
    stack = cdk.Stack(app, "PhotoStorage")
    bucket = s3.Bucket(
        stack,
        "Photos",
        block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
        encryption=s3.BucketEncryption.S3_MANAGED,
        enforce_ssl=True,
        removal_policy=cdk.RemovalPolicy.RETAIN,
    )
    auth = AuthBackend(stack, "Auth", config=CONFIG)
    auth.grant_access(
        "authenticated",
        ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
        bucket.arn_for_objects("private/${identity}/*"),
    )
    auth.grant_access(
        ["guest", "authenticated"], "s3:GetObject", bucket.arn_for_objects("public/*")
    )
    auth.grant_access("group:ADMINS", "s3:DeleteObject", bucket.arn_for_objects("public/*"))
    cdk.CfnOutput(stack, "BucketName", value=bucket.bucket_name)
    return stack


if __name__ == "__main__":
    application = cdk.App()
    build(application)
    application.synth()
