"""The hosted sign-in domain and the web client's OAuth settings: URL, scope and domain
rules shared by ``login_with.external_providers``."""

from __future__ import annotations

import re
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field

from cognito_auth.config._base import Change, Immutable, Model, value_problem
from cognito_auth.config._patterns import END, InSchema, any_case, none_of

__all__ = [
    "DOMAIN_CHANGE",
    "OAUTH_SCOPES",
    "RESERVED_DOMAIN_WORDS",
    "CallbackUrl",
    "CustomDomain",
    "DomainPrefix",
    "HttpsUrl",
    "OAuthScope",
]

OAUTH_SCOPES = ("openid", "email", "profile", "phone", "aws.cognito.signin.user.admin")
OAuthScope = Literal["openid", "email", "profile", "phone", "aws.cognito.signin.user.admin"]
"""The OAuth scopes of Cognito's own user info, in the order Cognito lists them."""

RESERVED_DOMAIN_WORDS = ("aws", "amazon", "cognito")
_PREFIX = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_DOMAIN = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")
_MAX_CUSTOM_DOMAIN = 63
_CERTIFICATE = re.compile(
    r"^arn:aws[a-z-]*:acm:(?P<region>[a-z]{2}(?:-[a-z]+)+-[0-9]):[0-9]{12}:certificate/[A-Za-z0-9-]+$"
)
_CLOUDFRONT_REGION = "us-east-1"
_CLOUDFRONT_CERTIFICATE = re.compile(rf"^arn:[^:]*:acm:{_CLOUDFRONT_REGION}:.*$")
_COGNITO_DOMAIN = "amazoncognito.com"
_NOT_COGNITO_DOMAIN = re.compile(rf"^(?!(?:.*\.)?{re.escape(_COGNITO_DOMAIN)}$).*$")
_VISIBLE = re.compile(r"^[^\s\x00-\x1f\x7f]{1,1024}$")
_FORBIDDEN_SCHEMES = ("http", "javascript", "data", "file", "vbscript", "ftp", "ws", "wss")


_USER_INFO = r"(?:[^/?#\[\]]*@)?"
_PORT = r"(?::[^/?#@\[\]]*)?"
_AUTHORITY = rf"{_USER_INFO}(?:[^/?#@:\[\]]+|\[[^/?#@\[\]]+\]){_PORT}"
"""An authority with a host: what urlsplit reads a non-empty hostname from (the bracketed
IPv6 form is checked further by urlsplit)."""
_VISIBLE_AHEAD = "(?=" + _VISIBLE.pattern.removeprefix("^").removesuffix("$") + END + ")"
CALLBACK_URL = re.compile(
    rf"^{_VISIBLE_AHEAD}(?![^#]*#)(?:"
    rf"{any_case('https')}://{_AUTHORITY}(?:[/?].*)?"
    rf"|{any_case('http')}://{_USER_INFO}{any_case('localhost')}{_PORT}(?:[/?].*)?"
    rf"|(?!(?:{'|'.join(any_case(s) for s in ('https', *_FORBIDDEN_SCHEMES))}):)"
    r"[A-Za-z][A-Za-z0-9+.-]*:/.*"
    r")$"
)
"""What a redirect URL looks like (the validator also parses it, with urlsplit)."""
HTTPS_URL = re.compile(rf"^{_VISIBLE_AHEAD}{any_case('https')}://{_AUTHORITY}(?:[/?#].*)?$")
_DOMAIN_WHY = (
    "a domain is created under its name and cannot be renamed: a new name replaces the "
    "domain, and Cognito refuses the new one while the old one exists ('User pool already "
    "has a domain configured')"
)
_DOMAIN_INSTEAD = (
    "remove it, deploy, then add the new one; sign-in links and the callback URLs "
    "registered at your identity providers change with it"
)


def _domain_prefix(value: str) -> str:
    if not _PREFIX.fullmatch(value):
        raise value_problem(
            "invalid_domain_prefix",
            f"domain prefix {value!r} must be 1-63 lowercase letters, digits and hyphens, "
            "not starting or ending with a hyphen",
        )
    reserved = [word for word in RESERVED_DOMAIN_WORDS if word in value]
    if reserved:
        raise value_problem(
            "reserved_word",
            f"domain prefix {value!r} contains the reserved word {reserved[0]!r}; Cognito "
            f"refuses prefixes containing {', '.join(RESERVED_DOMAIN_WORDS)}",
        )
    return value


DOMAIN_CHANGE = Immutable(Change.REPLACING, why=_DOMAIN_WHY, instead=_DOMAIN_INSTEAD, slot="domain")
"""How a domain changes: by replacement (marked on the domain prefix and domain name)."""

DomainPrefix = Annotated[
    str, AfterValidator(_domain_prefix), InSchema((_PREFIX, none_of(RESERVED_DOMAIN_WORDS)))
]


def _custom_domain_name(value: str) -> str:
    if not _DOMAIN.fullmatch(value):
        raise value_problem(
            "not_a_domain",
            f"{value!r} is not a domain name: lowercase labels of letters, digits and "
            "hyphens separated by dots, such as auth.example.com",
        )
    if len(value) > _MAX_CUSTOM_DOMAIN:
        raise value_problem(
            "length",
            f"{value!r} has {len(value)} characters; Cognito's custom domains have at most "
            f"{_MAX_CUSTOM_DOMAIN}",
        )
    if not _NOT_COGNITO_DOMAIN.fullmatch(value):
        raise value_problem(
            "cognito_domain",
            "amazoncognito.com domains are Cognito's own: use domain_prefix for them",
        )
    return value


def _certificate_arn(value: str) -> str:
    match = _CERTIFICATE.fullmatch(value)
    if match is None:
        raise value_problem(
            "invalid_arn",
            "is not an ACM certificate ARN (arn:aws:acm:us-east-1:ACCOUNT:certificate/ID)",
        )
    if match["region"] != _CLOUDFRONT_REGION:
        raise value_problem(
            "certificate_region",
            f"the certificate is in {match['region']}; a Cognito custom domain is served by "
            "CloudFront, which takes certificates from us-east-1 only: request or import "
            "the certificate in us-east-1",
        )
    return value


class CustomDomain(Model):
    """Your own domain for the hosted sign-in pages, such as ``auth.example.com``.

    After deploy, point the domain at the CloudFront distribution that Cognito creates (an
    alias record in your DNS). The parent domain (``example.com``) must resolve to an A
    record, or Cognito refuses the domain."""

    domain_name: Annotated[
        str,
        AfterValidator(_custom_domain_name),
        InSchema((_DOMAIN, _NOT_COGNITO_DOMAIN), max_length=_MAX_CUSTOM_DOMAIN),
        DOMAIN_CHANGE,
    ]
    """The fully qualified domain name, at most 63 characters. Required."""
    certificate_arn: Annotated[
        str, AfterValidator(_certificate_arn), InSchema((_CERTIFICATE, _CLOUDFRONT_CERTIFICATE))
    ]
    """An ACM certificate for the domain, in us-east-1 (CloudFront's region) whatever the
    stack's region. Required."""


def _callback_url(value: str) -> str:
    if not _VISIBLE.fullmatch(value):
        raise value_problem(
            "invalid_url", "a URL has 1-1024 characters and no spaces or control characters"
        )
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if not scheme or not value.lower().startswith(f"{scheme}:/"):
        raise value_problem(
            "invalid_url", f"{value!r} is not an absolute URL such as https://app.example.com/"
        )
    if parts.fragment or "#" in value:
        raise value_problem(
            "url_fragment", f"{value!r} has a fragment ('#...'); OAuth redirect URLs cannot"
        )
    if scheme == "https":
        if not parts.hostname:
            raise value_problem("invalid_url", f"{value!r} has no host")
        return value
    if scheme == "http":
        if parts.hostname == "localhost":
            return value
        raise value_problem(
            "insecure_scheme",
            f"{value!r} uses http: Cognito accepts http only for http://localhost; use https",
        )
    if scheme in _FORBIDDEN_SCHEMES:
        raise value_problem(
            "invalid_scheme", f"{value!r} uses the {scheme!r} scheme, which cannot be a redirect"
        )
    return value  # an app's own scheme: myapp://callback, com.example.app:/oauth2redirect


def _redirect_url(value: str) -> str:
    _callback_url(value)
    if not CALLBACK_URL.fullmatch(value):
        raise value_problem(
            "invalid_url", f"{value!r} is not a redirect URL such as https://app.example.com/"
        )
    return value


CallbackUrl = Annotated[str, AfterValidator(_redirect_url), InSchema((CALLBACK_URL,))]
"""An OAuth redirect URL: ``https://...``, ``http://localhost[:PORT]/...`` for local
development, or a mobile app's own scheme (``myapp://callback``)."""


def _https_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname or not HTTPS_URL.fullmatch(value):
        raise value_problem("insecure_scheme", f"{value!r} is not an https URL")
    return value


HttpsUrl = Annotated[
    str, Field(max_length=2048), AfterValidator(_https_url), InSchema((HTTPS_URL,))
]
"""An ``https://`` URL."""
