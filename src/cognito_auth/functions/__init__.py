"""Lambda functions shipped inside the package. Each module here runs in AWS Lambda as
it is: it imports only the standard library and the runtime's boto3, never
``cognito_auth``, so that its source can be deployed as inline code."""
