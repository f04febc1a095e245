"""``cognito-auth adopt``: a live user pool becomes a configuration, a lock and an import
mapping for ``cdk import``.

- :mod:`~cognito_auth.adopt.read` reads the pool through boto3 (Describe/List/Get only);
- :mod:`~cognito_auth.adopt.translate` turns the API's answers into a minimal configuration
  and the notes on what it cannot express (plain Python, no AWS, no aws_cdk);
- :mod:`~cognito_auth.adopt.mapping` gives the ``cdk import --resource-mapping`` file;
- :mod:`~cognito_auth.adopt.command` writes the files and reports.
"""
