"""Federated sign-in: ``login_with.external_providers``.

Social providers (Google, Facebook, Login with Amazon, Sign in with Apple), any number of
OpenID Connect and SAML providers, the hosted sign-in domain, and the OAuth settings of
the web client. Every secret is a reference (see :mod:`cognito_auth.config.secrets`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, Self

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from cognito_auth.config._base import (
    Change,
    Immutable,
    Model,
    Problem,
    each,
    problem,
    raise_problems,
    value_problem,
)
from cognito_auth.config._patterns import InSchema, either, none_of
from cognito_auth.config.attributes import CUSTOM_NAME, STANDARD_ATTRIBUTES, custom_attribute_name
from cognito_auth.config.oauth import (
    DOMAIN_CHANGE,
    CallbackUrl,
    CustomDomain,
    DomainPrefix,
    HttpsUrl,
    OAuthScope,
)
from cognito_auth.config.rules.common import duplicates, logout_urls_problem, openid_problems
from cognito_auth.config.secrets import SecretRef

__all__ = [
    "MAPPABLE_ATTRIBUTES",
    "RESERVED_PROVIDER_NAMES",
    "VERIFIED_FLAGS",
    "EnterpriseProvider",
    "ExternalProviders",
    "FacebookProvider",
    "GoogleProvider",
    "LoginWithAmazonProvider",
    "OidcEndpoints",
    "OidcProvider",
    "Provider",
    "SamlMetadataFile",
    "SamlMetadataUrl",
    "SamlProvider",
    "SignInWithAppleProvider",
    "SocialProvider",
    "files_relative_to",
    "read_metadata_file",
]

VERIFIED_FLAGS = ("email_verified", "phone_number_verified")
"""Mappable attributes outside the schema (always mutable)."""
MAPPABLE_ATTRIBUTES: tuple[str, ...] = (*STANDARD_ATTRIBUTES, *VERIFIED_FLAGS)
"""User pool attributes a provider attribute may be mapped to (plus ``custom:NAME``)."""

RESERVED_PROVIDER_NAMES = ("Cognito", "Google", "Facebook", "LoginWithAmazon", "SignInWithApple")
"""Names an OIDC or SAML provider cannot take (compared without case)."""

MAX_IDENTIFIERS = 50
MAX_URLS = 100
MAX_METADATA_CHARS = 131_072
"""Cognito's limit on a provider detail, and so on a SAML metadata document."""

_IDENTIFIER = re.compile(r"^[A-Za-z0-9_\s+=.@-]{1,40}$")
_CLIENT_ID = re.compile(r"^[^\s\x00-\x1f\x7f]{1,1024}$")
_SCOPE = re.compile(r"^[\x21-\x7e]{1,256}$")
_APPLE_ID = re.compile(r"^[A-Z0-9]{10}$")
_API_VERSION = re.compile(r"^v[0-9]{1,3}\.[0-9]{1,3}$")
_FACEBOOK_SEPARATOR = ","
_NAME_LENGTH = (3, 32)
_UNDERSCORE_SECOND_ONLY = re.compile(r"^[^_](?:.[^_]*)?$")
"""A provider name's '_' only as its second character."""
_NO_SEPARATOR_OR_CONTROL = re.compile(r"^[^\s\x00-\x1f\x7f-\x9f]*$")
"""The part of "no separator or control character" (Unicode categories Z and C) that a
pattern can say: spaces and C0/C1 controls (a test checks each is in Z or C). Format,
private-use and unassigned characters are left to the validator."""
_MAPPING_TARGET = re.compile(
    either(
        *(re.escape(name) for name in MAPPABLE_ATTRIBUTES),
        "custom:" + CUSTOM_NAME.pattern.removeprefix("^"),
    )
)
_SAML_NS = "urn:oasis:names:tc:SAML:2.0:metadata"

ClientId = Annotated[str, Field(pattern=_CLIENT_ID.pattern)]


def _mapping_target(value: str) -> str:
    if value.startswith("custom:"):
        custom_attribute_name(value.removeprefix("custom:"))
        return value
    if value not in MAPPABLE_ATTRIBUTES:
        raise value_problem(
            "unknown_attribute",
            f"{value!r} is not a user pool attribute: map to a standard attribute "
            f"({', '.join(MAPPABLE_ATTRIBUTES)}) or to custom:NAME",
        )
    return value


MappingTarget = Annotated[str, AfterValidator(_mapping_target), InSchema((_MAPPING_TARGET,))]
ProviderAttribute = Annotated[str, Field(min_length=1, max_length=2048)]
AttributeMapping = Annotated[dict[MappingTarget, ProviderAttribute], Field(max_length=100)]
AppleAttribute = Literal["sub", "email", "email_verified", "name", "firstName", "lastName"]
"""The attributes Sign in with Apple gives Cognito (the CDK's ``ProviderAttribute.APPLE_*``,
and ``sub``, which Cognito's attribute-mapping guide names for Apple)."""
AppleAttributeMapping = Annotated[dict[MappingTarget, AppleAttribute], Field(max_length=100)]


Scope = Annotated[str, InSchema((_SCOPE,))]
FacebookScope = Annotated[str, InSchema((_SCOPE, none_of((_FACEBOOK_SEPARATOR,))))]


def _scopes_problems(scopes: tuple[str, ...], *, separator: str = " ") -> Iterator[Problem]:
    for index, scope in enumerate(scopes):
        if not _SCOPE.fullmatch(scope) or separator in scope:
            yield problem(
                ("scopes", index),
                "is not a scope: scopes are single words without spaces"
                + (" or commas" if separator == "," else ""),
                received=scope,
                allowed="a scope such as 'email'",
                code="invalid_scope",
            )
    yield from duplicates(scopes, ("scopes",), what="scope", allowed="each scope once")


class Provider(Model):
    """What every identity provider has."""

    # Never print a received value in pydantic's own error text: a plain string given
    # where a secret reference belongs would be a secret.
    model_config = ConfigDict(**Model.model_config, hide_input_in_errors=True)

    kind: ClassVar[str]
    """The provider type in CloudFormation (``ProviderType``)."""
    default_maps_email: ClassVar[bool] = True
    """Whether ``email`` is mapped by default when users sign in with email (as Amplify:
    the social and OIDC providers, not SAML)."""

    attribute_mapping: AttributeMapping = Field(default_factory=dict)
    """User pool attribute (``email``, ``given_name``, ``custom:tenant_id``) -> the
    provider's attribute name. Mapped attributes are copied at every federated sign-in, so
    they must be mutable. Default: ``{email: email}`` for social and OIDC providers when
    users sign in with email (and not with a phone number), as Amplify; otherwise nothing."""

    @property
    def provider_name(self) -> str:  # pragma: no cover - every subclass overrides
        raise NotImplementedError


class SocialProvider(Provider):
    """A social provider: its provider name is fixed by its type."""

    login_provider: ClassVar[str]
    """Its key in the identity pool's ``SupportedLoginProviders``."""
    scope_separator: ClassVar[str] = " "
    email_scopes: ClassVar[tuple[str, ...]] = ()
    """Scopes of which one must be requested for the provider to return the user's email;
    empty when its basic scope already returns it."""

    @property
    def provider_name(self) -> str:
        return self.kind

    @model_validator(mode="after")
    def _check_scopes(self) -> Self:
        scopes: tuple[str, ...] = getattr(self, "scopes", ())
        raise_problems(_scopes_problems(scopes, separator=self.scope_separator))
        return self


class GoogleProvider(SocialProvider):
    """Sign in with Google (an OAuth client of type "Web application" in Google Cloud)."""

    kind: ClassVar[str] = "Google"
    login_provider: ClassVar[str] = "accounts.google.com"
    email_scopes: ClassVar[tuple[str, ...]] = (
        "email",
        "https://www.googleapis.com/auth/userinfo.email",
    )

    client_id: ClientId
    """The OAuth client id (``....apps.googleusercontent.com``). Required."""
    client_secret: SecretRef
    """The OAuth client secret, as a reference. Required."""
    scopes: tuple[Scope, ...] = ("openid", "email", "profile")
    """Scopes requested from Google. Default: openid, email and profile, so that the email
    can be mapped (Amplify's default, profile only, returns no email)."""


class FacebookProvider(SocialProvider):
    """Sign in with Facebook (a Meta app with Facebook Login)."""

    kind: ClassVar[str] = "Facebook"
    login_provider: ClassVar[str] = "graph.facebook.com"
    scope_separator: ClassVar[str] = _FACEBOOK_SEPARATOR
    email_scopes: ClassVar[tuple[str, ...]] = ("email",)

    client_id: ClientId
    """The Facebook app id. Required."""
    client_secret: SecretRef
    """The app secret, as a reference. Required."""
    scopes: tuple[FacebookScope, ...] = ("public_profile", "email")
    """Permissions requested from Facebook. Default: public_profile and email."""
    api_version: Annotated[str | None, Field(pattern=_API_VERSION.pattern)] = None
    """The Graph API version, such as ``v19.0``. Default: Cognito's default version."""


class LoginWithAmazonProvider(SocialProvider):
    """Login with Amazon (a security profile in the Amazon developer console)."""

    kind: ClassVar[str] = "LoginWithAmazon"
    login_provider: ClassVar[str] = "www.amazon.com"

    client_id: ClientId
    """The security profile's client id. Required."""
    client_secret: SecretRef
    """The client secret, as a reference. Required."""
    scopes: tuple[Scope, ...] = ("profile",)
    """Scopes requested from Amazon. Default: profile (name, email and user id)."""


class SignInWithAppleProvider(SocialProvider):
    """Sign in with Apple (a Services ID and a private key in the Apple developer
    account). Cognito builds the client secret from the team id, key id and key."""

    kind: ClassVar[str] = "SignInWithApple"
    login_provider: ClassVar[str] = "appleid.apple.com"
    email_scopes: ClassVar[tuple[str, ...]] = ("email",)

    client_id: ClientId
    """The Services ID (``com.example.web``). Required."""
    team_id: Annotated[str, Field(pattern=_APPLE_ID.pattern)]
    """The 10-character Apple team id. Required."""
    key_id: Annotated[str, Field(pattern=_APPLE_ID.pattern)]
    """The 10-character id of the Sign in with Apple private key. Required."""
    private_key: SecretRef
    """The private key (the ``.p8`` file's content), as a reference. Required."""
    scopes: tuple[Literal["email", "name"], ...] = ("email", "name")
    """Scopes requested from Apple: ``email`` and ``name`` are the only ones. Default:
    both."""
    attribute_mapping: AppleAttributeMapping = Field(default_factory=dict)  # type: ignore[assignment]
    """User pool attribute -> Apple's attribute, one of Apple's names as Cognito reads
    them: ``sub``, ``email``, ``email_verified``, ``name``, ``firstName``, ``lastName``
    (``{given_name: firstName, family_name: lastName}``); Apple sends the name only at a
    user's first sign-in. Default: ``{email: email}`` when users sign in with email."""


class OidcEndpoints(Model):
    """Explicit endpoints, for providers whose discovery document Cognito cannot read."""

    authorization: HttpsUrl
    """The authorization endpoint. Required."""
    token: HttpsUrl
    """The token endpoint. Required."""
    userinfo: HttpsUrl
    """The user info endpoint. Required."""
    jwks_uri: HttpsUrl
    """The JSON Web Key Set endpoint. Required."""


def _provider_name(value: str) -> str:
    """Cognito's rule for provider names: 3-32 characters; no separators; ``_`` only as
    the second character."""
    low, high = _NAME_LENGTH
    if not low <= len(value) <= high:
        raise value_problem(
            "length", f"a provider name has {low} to {high} characters; {value!r} has {len(value)}"
        )
    if any(unicodedata.category(ch)[0] in "ZC" for ch in value):
        raise value_problem(
            "invalid_characters",
            f"provider name {value!r} may not contain spaces or control characters",
        )
    if not _UNDERSCORE_SECOND_ONLY.fullmatch(value):
        raise value_problem(
            "misplaced_underscore",
            f"provider name {value!r} may not contain '_' (Cognito allows it only as the "
            "second character)",
        )
    return value


ProviderName = Annotated[
    str,
    AfterValidator(_provider_name),
    InSchema(
        (_UNDERSCORE_SECOND_ONLY, _NO_SEPARATOR_OR_CONTROL),
        min_length=_NAME_LENGTH[0],
        max_length=_NAME_LENGTH[1],
    ),
]


class EnterpriseProvider(Provider):
    """An OIDC or SAML provider: named by you, with optional identifiers."""

    name: ProviderName
    """The provider's name in Cognito: shown on the sign-in page, passed as
    ``identity_provider`` and the prefix of federated usernames (``Okta_...``). 3-32
    characters, unique in the pool. Renaming replaces the provider. Required."""
    identifiers: Annotated[
        tuple[Annotated[str, InSchema((_IDENTIFIER,))], ...], Field(max_length=MAX_IDENTIFIERS)
    ] = ()
    """Other names for the provider (``idp_identifier``), such as an email domain
    (``example.com``) so that managed login sends those users to this provider. Each 1-40
    characters; unique in the pool. Default: none."""

    @property
    def provider_name(self) -> str:
        return self.name

    @model_validator(mode="after")
    def _check_identifiers(self) -> Self:
        raise_problems(self._identifier_problems())
        return self

    def _identifier_problems(self) -> Iterator[Problem]:
        for index, identifier in enumerate(self.identifiers):
            if not _IDENTIFIER.fullmatch(identifier):
                yield problem(
                    ("identifiers", index),
                    "is not a valid identifier",
                    received=identifier,
                    allowed="1-40 letters, digits, spaces and _+=.@-",
                    code="invalid_identifier",
                )


class OidcProvider(EnterpriseProvider):
    """Any OpenID Connect provider (Okta, Auth0, Microsoft Entra ID, Keycloak...)."""

    kind: ClassVar[str] = "OIDC"

    client_id: ClientId
    """The client id registered at the provider. Required."""
    client_secret: SecretRef
    """The client secret, as a reference. Required."""
    issuer_url: HttpsUrl
    """The issuer (``https://example.okta.com``); Cognito reads
    ``/.well-known/openid-configuration`` below it. Required."""
    scopes: tuple[Scope, ...] = ("openid", "email", "profile")
    """Scopes requested from the provider; must include ``openid``. Default: openid, email
    and profile, the standard OpenID Connect scopes."""
    attribute_request_method: Literal["GET", "POST"] = "GET"
    """How Cognito calls the provider's user info endpoint. Default: GET."""
    endpoints: OidcEndpoints | None = None
    """Explicit endpoints. Default: discovered from the issuer."""

    @model_validator(mode="after")
    def _check_scopes(self) -> Self:
        problems = list(_scopes_problems(self.scopes))
        if "openid" not in self.scopes:
            problems.append(
                problem(
                    "scopes",
                    "OpenID Connect sign-in needs the 'openid' scope",
                    received=list(self.scopes),
                    allowed="a list containing openid",
                    hint="add openid to scopes",
                    code="oidc_without_openid",
                )
            )
        raise_problems(problems)
        return self


class SamlMetadataUrl(Model):
    """SAML metadata that Cognito downloads from the provider."""

    url: HttpsUrl
    """The metadata document's https URL, which Cognito downloads. Required."""


_BASE_DIR: ContextVar[Path | None] = ContextVar("cognito_auth_base_dir", default=None)


@contextmanager
def files_relative_to(directory: Path) -> Iterator[None]:
    """Resolve relative paths in the configuration (SAML metadata files) against
    ``directory`` while validating inside this block. :func:`~cognito_auth.load_config`
    uses it with the configuration file's directory."""
    token = _BASE_DIR.set(directory)
    try:
        yield
    finally:
        _BASE_DIR.reset(token)


def read_metadata_file(path: Path) -> str:
    """Read and check a SAML metadata document; ``ValueError`` says what is wrong."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise value_problem("file_not_found", f"no such file: {path}") from None
    except IsADirectoryError:
        raise value_problem("not_a_file", f"{path} is a directory, not a metadata file") from None
    except OSError as exc:
        raise value_problem(
            "unreadable_file", f"{path} cannot be read: {exc.strerror or exc}"
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise value_problem("not_utf8", f"{path} is not UTF-8 text") from None
    if len(text) > MAX_METADATA_CHARS:
        raise value_problem(
            "too_long",
            f"{path} has {len(text):,} characters; Cognito takes at most "
            f"{MAX_METADATA_CHARS:,} (publish it and use url instead)",
        )
    if "<!DOCTYPE" in text.upper():
        raise value_problem("xml_doctype", f"{path} declares a DOCTYPE; SAML metadata has none")
    import xml.etree.ElementTree as ET  # only for a metadata file

    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise value_problem("malformed_xml", f"{path} is not well-formed XML: {exc}") from None
    if root.tag != f"{{{_SAML_NS}}}EntityDescriptor":
        raise value_problem(
            "not_saml_metadata",
            f"{path} is not SAML 2.0 metadata: its root element is {root.tag!r}, not "
            "md:EntityDescriptor",
        )
    if root.find(f"{{{_SAML_NS}}}IDPSSODescriptor") is None:
        raise value_problem(
            "no_identity_provider", f"{path} describes no identity provider (no IDPSSODescriptor)"
        )
    return text


class SamlMetadataFile(Model):
    """SAML metadata from a file beside the configuration.

    The file is read and checked when the configuration is validated (``cognito-auth
    validate`` reports a missing or malformed file), and read again at synth; its content
    is written into the template (``MetadataFile``): metadata holds certificates, which
    are public, never secrets."""

    file: str
    """Path of the metadata XML. A relative path is relative to the configuration file's
    directory (with :func:`~cognito_auth.load_config` and ``cognito-auth validate``), or to
    the current directory for a configuration built in Python. After validation it holds
    the absolute path. Required."""

    @field_validator("file")
    @classmethod
    def _resolve(cls, value: str, info: ValidationInfo) -> str:
        path = Path(value).expanduser()
        if not path.is_absolute():
            context = info.context if isinstance(info.context, Mapping) else {}
            base = context.get("base_dir") or _BASE_DIR.get()
            path = (Path(base) if base else Path.cwd()) / path
        path = path.resolve()
        read_metadata_file(path)
        return str(path)

    def read(self) -> str:
        """The document's text, checked again."""
        return read_metadata_file(Path(self.file))


def _metadata_kind(value: Any) -> str | None:
    if isinstance(value, SamlMetadataUrl):
        return "variant:url"
    if isinstance(value, SamlMetadataFile):
        return "variant:file"
    if isinstance(value, dict):
        return "variant:file" if "file" in value else "variant:url"
    return None


def _metadata_input(value: Any) -> Any:
    if not isinstance(value, dict | SamlMetadataUrl | SamlMetadataFile):
        raise_problems(
            [
                problem(
                    (),
                    "SAML metadata is a mapping with a url or a file",
                    received=value,
                    allowed="{url: https://...} or {file: PATH}",
                    code="not_a_mapping",
                )
            ]
        )
    if isinstance(value, dict):
        kinds = [key for key in ("url", "file") if key in value]
        if len(kinds) != 1:
            found = problem(
                (),
                "SAML metadata comes from a URL or from a file, not both"
                if kinds
                else "SAML metadata needs a url or a file",
                received=sorted(value),
                allowed="{url: https://...} or {file: PATH}",
                hint="most providers publish their metadata: use its URL",
                code="exactly_one",
            )
            raise_problems([found])
    return value


SamlMetadata = Annotated[
    Annotated[
        Annotated[SamlMetadataUrl, Tag("variant:url")]
        | Annotated[SamlMetadataFile, Tag("variant:file")],
        Discriminator(_metadata_kind),
    ],
    BeforeValidator(_metadata_input),
]


class SamlProvider(EnterpriseProvider):
    """Any SAML 2.0 identity provider (Microsoft Entra ID, Okta, ADFS, Google Workspace...).

    Give the provider Cognito's entity id ``urn:amazon:cognito:sp:USER_POOL_ID`` and the
    assertion consumer URL ``https://DOMAIN/saml2/idpresponse``."""

    kind: ClassVar[str] = "SAML"
    default_maps_email: ClassVar[bool] = False

    metadata: SamlMetadata
    """The provider's metadata: ``{url: https://...}`` or ``{file: idp-metadata.xml}``.
    Required."""
    idp_signout: bool = False
    """Sign users out of the provider too when they sign out (SAML single logout). Default:
    off."""
    encrypted_responses: bool = False
    """Require encrypted SAML assertions; give the provider Cognito's encryption
    certificate. Default: off."""
    request_signing_algorithm: Literal["rsa-sha256"] | None = None
    """Sign the requests Cognito sends to the provider with this algorithm. Default:
    requests are not signed."""
    idp_initiated: bool = False
    """Also accept sign-ins started at the provider (IdP-initiated, e.g. from a portal),
    which cannot be protected against forged requests as well. Default: off, only
    sign-ins started by your app."""


def _by_name(kind: str) -> Immutable:
    return Immutable(
        Change.REPLACING,
        why=f"an {kind} provider's name is its identity: renaming or removing it deletes "
        "the provider, and its federated users (named after it) cannot sign in through it",
        instead="keep the provider (more may be added freely); to rename, add the new one, "
        "move your users, then remove the old one with --accept",
        keyed_by="name",
    )


def _social(kind: str) -> Immutable:
    return Immutable(
        Change.REPLACING,
        why=f"the {kind} provider is deleted when removed, and its federated users cannot "
        "sign in through it any more",
        instead="keep it configured; remove it deliberately with --accept",
        presence=True,
    )


class ExternalProviders(Model):
    """Federated sign-in through the hosted sign-in pages: identity providers, the domain
    the pages are served on, and the OAuth settings of the web client."""

    google: Annotated[GoogleProvider | None, _social("Google")] = None
    """Sign in with Google. Default: off."""
    facebook: Annotated[FacebookProvider | None, _social("Facebook")] = None
    """Sign in with Facebook. Default: off."""
    login_with_amazon: Annotated[LoginWithAmazonProvider | None, _social("Login with Amazon")] = (
        None
    )
    """Login with Amazon. Default: off."""
    sign_in_with_apple: Annotated[SignInWithAppleProvider | None, _social("Sign in with Apple")] = (
        None
    )
    """Sign in with Apple. Default: off."""
    oidc: Annotated[tuple[OidcProvider, ...], _by_name("OIDC")] = ()
    """OpenID Connect providers. Default: none."""
    saml: Annotated[tuple[SamlProvider, ...], _by_name("SAML")] = ()
    """SAML providers. Default: none."""
    callback_urls: Annotated[tuple[CallbackUrl, ...], Field(max_length=MAX_URLS)] = ()
    """Where the hosted pages may send users after sign-in: ``https://``, ``http://localhost``
    for development, or an app scheme (``myapp://callback``). Required (at least one) with
    any provider. Default: none, and the client has no OAuth settings."""
    logout_urls: Annotated[tuple[CallbackUrl, ...], Field(max_length=MAX_URLS)] = ()
    """Where users may be sent after sign-out; same rules. Required (at least one) with any
    provider. Default: none."""
    scopes: tuple[OAuthScope, ...] = ("openid", "email", "profile")
    """OAuth scopes the web client may request: ``openid``, ``email``, ``profile``,
    ``phone``, ``aws.cognito.signin.user.admin`` (lets the access token read and change
    the user's own attributes). Default: openid, email and profile."""
    domain_prefix: Annotated[DomainPrefix | None, DOMAIN_CHANGE] = None
    """The hosted pages at ``https://PREFIX.auth.REGION.amazoncognito.com``: 1-63 lowercase
    letters, digits and hyphens, without the words aws, amazon or cognito; unique in the
    region. Default: no prefix domain (Amplify forces a generated one)."""
    custom_domain: CustomDomain | None = None
    """The hosted pages on your own domain instead of a prefix. Default: none."""
    managed_login_version: Literal["classic_hosted_ui", "managed_login"] = "classic_hosted_ui"
    """Which hosted pages the domain serves: ``classic_hosted_ui``, or ``managed_login``
    (the newer pages with passkeys and the branding editor; needs the essentials or plus
    feature plan; Cognito's default style is applied to the web client). Default: the
    classic hosted UI, as Amplify and Cognito's API."""
    allow_cognito_sign_in: bool | None = None
    """Whether the hosted pages also offer the pool's own sign-in (email/phone/username
    and password). Default: yes when users can sign in with email, phone or username;
    no for a pool whose users all come from providers."""
    identity_pool_federation: bool = True
    """Also register the social providers' app ids as login providers of the identity
    pool, so that their tokens can be exchanged for AWS credentials directly (as Amplify).
    No effect without an identity pool. Default: on."""

    @property
    def providers(self) -> tuple[Provider, ...]:
        """Every configured provider, in creation order (as Amplify): Google, Facebook,
        Login with Amazon, Sign in with Apple, the OIDC providers, the SAML providers."""
        social = (self.google, self.facebook, self.login_with_amazon, self.sign_in_with_apple)
        return (*(p for p in social if p is not None), *self.oidc, *self.saml)

    @property
    def social_providers(self) -> tuple[SocialProvider, ...]:
        social = (self.google, self.facebook, self.login_with_amazon, self.sign_in_with_apple)
        return tuple(p for p in social if p is not None)

    @property
    def has_domain(self) -> bool:
        return self.domain_prefix is not None or self.custom_domain is not None

    @property
    def uses_oauth(self) -> bool:
        """Whether the web client gets OAuth settings (the hosted pages are used)."""
        return bool(self.callback_urls)

    def provider_path(self, provider: Provider) -> tuple[str | int, ...]:
        """The provider's path below ``external_providers``."""
        if isinstance(provider, OidcProvider):
            return ("oidc", self.oidc.index(provider))
        if isinstance(provider, SamlProvider):
            return ("saml", self.saml.index(provider))
        for key in ("google", "facebook", "login_with_amazon", "sign_in_with_apple"):
            if getattr(self, key) is provider:
                return (key,)
        raise ValueError("not one of these providers")  # pragma: no cover

    @model_validator(mode="after")
    def _check(self) -> Self:
        raise_problems(
            each(
                self._name_problems(),
                self._identifier_problems(),
                self._oauth_problems(),
                self._domain_problems(),
            )
        )
        return self

    def _name_problems(self) -> Iterator[Problem]:
        reserved = {name.lower(): name for name in RESERVED_PROVIDER_NAMES}
        seen: dict[str, str] = {}
        for kind, providers in (("oidc", self.oidc), ("saml", self.saml)):
            for index, provider in enumerate(providers):
                path = (kind, index, "name")
                key = provider.name.lower()
                if key in reserved:
                    yield problem(
                        path,
                        f"{provider.name!r} is reserved for Cognito's own providers",
                        received=provider.name,
                        allowed=f"a name other than {', '.join(RESERVED_PROVIDER_NAMES)}",
                        hint=f"use a name such as {provider.name}{kind.upper()}",
                        code="reserved_name",
                    )
                elif key in seen:
                    yield problem(
                        path,
                        f"provider name {provider.name!r} is already used by {seen[key]}",
                        received=provider.name,
                        allowed="names unique across all providers (not case sensitive)",
                        hint="rename one of them",
                        code="duplicate",
                    )
                else:
                    seen[key] = f"{kind}[{index}]"

    def _identifier_problems(self) -> Iterator[Problem]:
        seen: dict[str, str] = {}
        for kind, providers in (("oidc", self.oidc), ("saml", self.saml)):
            for index, provider in enumerate(providers):
                for position, identifier in enumerate(provider.identifiers):
                    key = identifier.lower()
                    where = f"{kind}[{index}] ({provider.name})"
                    if key in seen:
                        yield problem(
                            (kind, index, "identifiers", position),
                            f"identifier {identifier!r} is already used by {seen[key]}",
                            received=identifier,
                            allowed="identifiers unique across all providers",
                            hint="Cognito routes an identifier to one provider only",
                            code="duplicate",
                        )
                    else:
                        seen[key] = where

    def _oauth_problems(self) -> Iterator[Problem]:
        names = [p.provider_name for p in self.providers]
        if names:
            for key, urls in (
                ("callback_urls", self.callback_urls),
                ("logout_urls", self.logout_urls),
            ):
                if not urls:
                    yield problem(
                        key,
                        f"identity providers are configured ({', '.join(names)}), so the hosted "
                        f"pages need {key.replace('_', ' ')} to send users back to your app",
                        received=[],
                        allowed="at least one URL",
                        hint=f"add {key}: [https://app.example.com/]"
                        + (
                            " (http://localhost:3000/ for development)"
                            if key == "callback_urls"
                            else ""
                        ),
                        code="providers_without_redirect_urls",
                    )
        elif self.logout_urls and not self.callback_urls:
            yield logout_urls_problem(self.logout_urls, "the web client has no OAuth settings")
        if self.allow_cognito_sign_in is False and not names:
            yield problem(
                "allow_cognito_sign_in",
                "with no identity provider and no Cognito sign-in, nobody could sign in on "
                "the hosted pages",
                received=False,
                allowed="true, or at least one provider",
                hint="add a provider, or remove allow_cognito_sign_in",
                code="no_sign_in",
            )
        for key, urls in (("callback_urls", self.callback_urls), ("logout_urls", self.logout_urls)):
            yield from duplicates(urls, (key,), allowed="each URL once")
        yield from duplicates(self.scopes, ("scopes",), what="scope", allowed="each scope once")
        yield from openid_problems(self.scopes)
        if not self.scopes:
            yield problem(
                "scopes",
                "the web client needs at least one OAuth scope",
                received=[],
                allowed="openid, email, profile, phone, aws.cognito.signin.user.admin",
                code="empty",
            )

    def _domain_problems(self) -> Iterator[Problem]:
        if self.domain_prefix is not None and self.custom_domain is not None:
            yield problem(
                "custom_domain",
                "give domain_prefix or custom_domain, not both",
                received=self.custom_domain.domain_name,
                allowed="one domain",
                hint="remove domain_prefix to serve the pages on your own domain",
                code="mutually_exclusive",
            )
        if self.has_domain:
            return
        names = [p.provider_name for p in self.providers]
        if names:
            yield problem(
                "domain_prefix",
                f"identity providers are configured ({', '.join(names)}), and federated "
                "sign-in happens on the hosted pages, which need a domain",
                received=None,
                allowed="domain_prefix or custom_domain",
                hint="add domain_prefix: a-unique-prefix (or custom_domain)",
                code="providers_without_domain",
            )
        elif self.callback_urls:
            yield problem(
                "callback_urls",
                "callback URLs are for the hosted pages, which need a domain",
                received=list(self.callback_urls),
                allowed="callback_urls together with domain_prefix or custom_domain",
                hint="add domain_prefix: a-unique-prefix, or remove callback_urls",
                code="callback_urls_without_domain",
            )
