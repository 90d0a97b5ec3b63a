"""Security headers scored offline with the MDN HTTP Observatory's published rules.

A small re-implementation of the scanner's ten tests and its grader (the
mdn/mdn-http-observatory repository: src/scanner/index.js, src/grader/charts.js
and src/analyzer/tests/*.js), applied to responses the test client gets from
the site. What it cannot know offline, it takes as the worst honest case:

- HSTS preloading (+5) needs the site in Chromium's preload list; never counted.
- The scanner follows redirects over the network; here the test client does,
  hop by hop, starting from http://.
- CSP from <meta http-equiv> is not read (the site sends its policy as a header).

Start at 100; add every test's modifier; bonuses (positive modifiers) count only
when the score without them is at least 90. A+ is 100 or more.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90
GRADES = [
    (100, "A+"),
    (90, "A"),
    (85, "A-"),
    (80, "B+"),
    (70, "B"),
    (65, "B-"),
    (60, "C+"),
    (50, "C"),
    (45, "C-"),
    (40, "D+"),
    (30, "D"),
    (25, "D-"),
    (0, "F"),
]

MODIFIERS = {
    # Content Security Policy
    "csp-implemented-with-no-unsafe-default-src-none": 10,
    "csp-implemented-with-no-unsafe": 5,
    "csp-implemented-with-unsafe-inline-in-style-src-only": 0,
    "csp-implemented-with-insecure-scheme-in-passive-content-only": -10,
    "csp-implemented-with-unsafe-eval": -10,
    "csp-implemented-with-unsafe-inline": -20,
    "csp-implemented-with-insecure-scheme": -20,
    "csp-header-invalid": -25,
    "csp-not-implemented": -25,
    # Cookies
    "cookies-secure-with-httponly-sessions-and-samesite": 5,
    "cookies-secure-with-httponly-sessions": 0,
    "cookies-not-found": 0,
    "cookies-without-secure-flag-but-protected-by-hsts": -5,
    "cookies-session-without-secure-flag-but-protected-by-hsts": -10,
    "cookies-without-secure-flag": -20,
    "cookies-samesite-flag-invalid": -20,
    "cookies-anticsrf-without-samesite-flag": -20,
    "cookies-session-without-httponly-flag": -30,
    "cookies-session-without-secure-flag": -40,
    # Cross-origin resource sharing
    "cross-origin-resource-sharing-not-implemented": 0,
    "cross-origin-resource-sharing-implemented-with-public-access": 0,
    "cross-origin-resource-sharing-implemented-with-restricted-access": 0,
    "cross-origin-resource-sharing-implemented-with-universal-access": -50,
    # Redirection
    "redirection-to-https": 0,
    "redirection-not-needed-no-http": 0,
    "redirection-off-host-from-http": -5,
    "redirection-not-to-https-on-initial-redirection": -10,
    "redirection-not-to-https": -20,
    "redirection-missing": -20,
    # Referrer-Policy
    "referrer-policy-private": 5,
    "referrer-policy-not-implemented": 0,
    "referrer-policy-unsafe": -5,
    "referrer-policy-header-invalid": -5,
    # Strict-Transport-Security
    "hsts-preloaded": 5,
    "hsts-implemented-max-age-at-least-six-months": 0,
    "hsts-implemented-max-age-less-than-six-months": -10,
    "hsts-not-implemented": -20,
    "hsts-header-invalid": -20,
    "hsts-not-implemented-no-https": -20,
    # Subresource integrity
    "sri-implemented-and-all-scripts-loaded-securely": 5,
    "sri-implemented-and-external-scripts-loaded-securely": 5,
    "sri-not-implemented-response-not-html": 0,
    "sri-not-implemented-but-no-scripts-loaded": 0,
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": 0,
    "sri-not-implemented-but-external-scripts-loaded-securely": -5,
    "sri-implemented-but-external-scripts-not-loaded-securely": -20,
    "sri-not-implemented-and-external-scripts-not-loaded-securely": -50,
    # X-Content-Type-Options
    "x-content-type-options-nosniff": 0,
    "x-content-type-options-not-implemented": -5,
    "x-content-type-options-header-invalid": -5,
    # X-Frame-Options
    "x-frame-options-implemented-via-csp": 5,
    "x-frame-options-sameorigin-or-deny": 0,
    "x-frame-options-allow-from-origin": 0,
    "x-frame-options-not-implemented": -20,
    "x-frame-options-header-invalid": -20,
    # Cross-Origin-Resource-Policy
    "cross-origin-resource-policy-implemented-with-same-origin": 10,
    "cross-origin-resource-policy-implemented-with-same-site": 10,
    "cross-origin-resource-policy-implemented-with-cross-origin": 0,
    "cross-origin-resource-policy-not-implemented": 0,
    "cross-origin-resource-policy-header-invalid": -5,
}

BROAD = {"ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"}
UNSAFE_INLINE = {"'unsafe-inline'", "data:"}
NONCES_HASHES = ("'sha256-", "'sha384-", "'sha512-", "'nonce-")
SIX_MONTHS = 15_552_000
HTML_TYPES = {"text/html", "application/xhtml+xml"}


@dataclass
class Scan:
    """What the Observatory looks at, gathered from real responses."""

    url: str  # the final https:// address
    headers: dict[str, list[str]]  # lower-case name -> values, of the final response
    body: str
    set_cookies: list[str]  # every Set-Cookie seen while following the redirects
    http_route: list[str]  # http:// address first, then each redirect's target
    cors_headers: dict[str, str] = field(default_factory=dict)  # answer to a foreign Origin
    cors_origin: str = "https://http-observatory.security.mozilla.org"

    def first(self, name):
        values = self.headers.get(name.lower())
        return values[0] if values else None


class InvalidPolicy(ValueError):
    pass


def parse_csp(policy):
    """One policy: directive -> set of sources (cspParser.js, for a single header)."""
    policy = policy.replace("\r", "").replace("\n", "").strip()
    if len(policy) < len("img-src") - 1:
        raise InvalidPolicy(policy)
    parsed = {}
    for entry in policy.split(";"):
        parts = entry.strip().split()
        if not parts:
            continue
        directive, sources = parts[0].lower(), [source.lower() for source in parts[1:]]
        if directive in parsed and directive not in {"report-uri", "report-to"}:
            raise InvalidPolicy(f"duplicate directive {directive}")
        if not sources and directive.endswith("-src"):
            sources = ["'none'"]
        parsed[directive] = set(sources) or {"'none'"}
    return parsed


def csp_test(scan):
    values = scan.headers.get("content-security-policy", [])
    policies = [part.strip() for value in values for part in value.split(",")]
    if not policies:
        return "csp-not-implemented", False, None
    if len(policies) > 1:
        # The site sends one policy; combining several is not re-implemented here.
        raise NotImplementedError("more than one CSP")
    try:
        csp = parse_csp(policies[0])
    except InvalidPolicy:
        return "csp-header-invalid", False, None
    result = None
    default = csp.get("default-src")
    object_src = set(csp.get("object-src") or default or {"*"})
    script_src = set(csp.get("script-src") or default or {"*"})
    style_src = set(csp.get("style-src") or default or {"*"})
    for sources in (script_src, style_src):
        if any(s.startswith(NONCES_HASHES) for s in sources):
            sources.discard("'unsafe-inline'")
    if any(s.startswith(NONCES_HASHES) for s in script_src) and "'strict-dynamic'" in script_src:
        script_src = {
            s
            for s in script_src
            if not (any(s.startswith(b) for b in BROAD) or s in {"'self'", "'unsafe-inline'"})
        }
    elif "'strict-dynamic'" in script_src:
        result = "csp-header-invalid"
    https = scan.url.startswith("https:")
    passive = {"img-src", "media-src"}
    active_sources = [
        s for d, sources in csp.items() if d not in passive | {"script-src"} for s in sources
    ] + list(script_src)
    passive_sources = [s for d in passive for s in (csp.get(d) or default or set())]
    if script_src & (BROAD | UNSAFE_INLINE) or object_src & BROAD:
        result = result or "csp-implemented-with-unsafe-inline"
    if https and any(s.startswith(("http:", "ftp:")) for s in active_sources):
        result = result or "csp-implemented-with-insecure-scheme"
    if "'unsafe-eval'" in script_src | style_src:
        result = result or "csp-implemented-with-unsafe-eval"
    if https and any(s.startswith(("http:", "ftp:")) for s in passive_sources):
        result = result or "csp-implemented-with-insecure-scheme-in-passive-content-only"
    if style_src & (BROAD | UNSAFE_INLINE):
        result = result or "csp-implemented-with-unsafe-inline-in-style-src-only"
    if default == {"'none'"}:
        result = result or "csp-implemented-with-no-unsafe-default-src-none"
    result = result or "csp-implemented-with-no-unsafe"
    passed = result in {
        "csp-implemented-with-no-unsafe",
        "csp-implemented-with-no-unsafe-default-src-none",
        "csp-implemented-with-unsafe-inline-in-style-src-only",
        "csp-implemented-with-insecure-scheme-in-passive-content-only",
    }
    return result, passed, csp


def hsts_test(scan):
    if not scan.url.startswith("https:"):
        return "hsts-not-implemented-no-https", False
    values = scan.headers.get("strict-transport-security", [])
    if not values:
        return "hsts-not-implemented", False
    header = values[0][:1024]
    if "," in header:
        return "hsts-header-invalid", False
    max_age = None
    for parameter in (p.strip().lower() for p in header.split(";")):
        if parameter.startswith("max-age="):
            digits = re.match(r"\d+", parameter[8:128])
            max_age = int(digits.group()) if digits else None
    if max_age is None:
        return "hsts-header-invalid", False
    # Preloading (+5) is a lookup in Chromium's list: offline, never counted.
    if max_age < SIX_MONTHS:
        return "hsts-implemented-max-age-less-than-six-months", False
    return "hsts-implemented-max-age-at-least-six-months", True


COOKIE_GOODNESS = [
    "cookies-without-secure-flag-but-protected-by-hsts",
    "cookies-without-secure-flag",
    "cookies-session-without-secure-flag-but-protected-by-hsts",
    "cookies-samesite-flag-invalid",
    "cookies-anticsrf-without-samesite-flag",
    "cookies-session-without-httponly-flag",
    "cookies-session-without-secure-flag",
]


def only_if_worse(new, current):
    if current is None or COOKIE_GOODNESS.index(new) > COOKIE_GOODNESS.index(current):
        return new
    return current


def cookies_test(scan):
    hsts = hsts_test(scan)[1]
    result = None
    jar = {}
    for raw in scan.set_cookies:
        for part in raw.split(";"):
            key, _, value = part.strip().partition("=")
            if key.strip().lower() == "samesite" and value.strip().lower() not in {
                "lax",
                "strict",
                "none",
            }:
                result = only_if_worse("cookies-samesite-flag-invalid", result)
        for name, morsel in SimpleCookie(raw).items():
            jar[name] = morsel
    if not jar:
        return "cookies-not-found", True
    missing_samesite = False
    for name, morsel in jar.items():
        session = any(word in name.lower() for word in ("login", "sess"))
        anticsrf = "csrf" in name.lower()
        secure, httponly = bool(morsel["secure"]), bool(morsel["httponly"])
        samesite = morsel["samesite"]
        if not secure and samesite.lower() == "none":
            result = only_if_worse("cookies-samesite-flag-invalid", result)
        if not secure:
            result = only_if_worse(
                "cookies-without-secure-flag-but-protected-by-hsts"
                if hsts
                else "cookies-without-secure-flag",
                result,
            )
        if anticsrf and not samesite:
            result = only_if_worse("cookies-anticsrf-without-samesite-flag", result)
        if session and not secure:
            result = only_if_worse(
                "cookies-session-without-secure-flag-but-protected-by-hsts"
                if hsts
                else "cookies-session-without-secure-flag",
                result,
            )
        if session and not httponly:
            result = only_if_worse("cookies-session-without-httponly-flag", result)
        missing_samesite = missing_samesite or not samesite
    if result is None:
        result = (
            "cookies-secure-with-httponly-sessions"
            if missing_samesite
            else "cookies-secure-with-httponly-sessions-and-samesite"
        )
    return result, result.startswith("cookies-secure-with-httponly-sessions")


def cors_test(scan):
    acao = scan.cors_headers.get("access-control-allow-origin")
    if not acao:
        return "cross-origin-resource-sharing-not-implemented", True
    acao = acao[:256].strip().lower()
    credentials = scan.cors_headers.get("access-control-allow-credentials", "")
    if acao == "*":
        return "cross-origin-resource-sharing-implemented-with-public-access", True
    if acao == scan.cors_origin.lower() and credentials.strip().lower() == "true":
        return "cross-origin-resource-sharing-implemented-with-universal-access", False
    return "cross-origin-resource-sharing-implemented-with-restricted-access", True


def redirection_test(scan):
    route = scan.http_route
    if not route:
        return "redirection-not-needed-no-http", True
    if len(route) == 1:
        return "redirection-missing", False
    first, second, last = (urlsplit(u) for u in (route[0], route[1], route[-1]))
    if last.scheme != "https":
        return "redirection-not-to-https", False
    if second.scheme == "http":
        return "redirection-not-to-https-on-initial-redirection", False
    if first.scheme == "http" and first.hostname != second.hostname:
        return "redirection-off-host-from-http", False
    return "redirection-to-https", True


def referrer_test(scan):
    good = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
    bad = {"origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"}
    values = scan.headers.get("referrer-policy", [])
    if not values:
        return "referrer-policy-not-implemented", True
    known = [
        v.strip().lower() for v in ", ".join(values).split(",") if v.strip().lower() in good | bad
    ]
    policy = known[-1] if known else ""
    if policy in good:
        return "referrer-policy-private", True
    if policy in bad:
        return "referrer-policy-unsafe", False
    return "referrer-policy-header-invalid", False


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))


def sri_test(scan):
    mime = (scan.first("content-type") or "").split(";")[0].strip()
    if mime and mime not in HTML_TYPES:
        return "sri-not-implemented-response-not-html", True
    parser = _Scripts()
    parser.feed(scan.body)
    if not parser.scripts:
        return "sri-not-implemented-but-no-scripts-loaded", True
    goodness = [
        "sri-implemented-and-all-scripts-loaded-securely",
        "sri-implemented-and-external-scripts-loaded-securely",
        "sri-implemented-but-external-scripts-not-loaded-securely",
        "sri-not-implemented-but-external-scripts-loaded-securely",
        "sri-not-implemented-and-external-scripts-not-loaded-securely",
        "sri-not-implemented-response-not-html",
    ]
    result, foreign = None, False
    site = urlsplit(scan.url)
    for script in parser.scripts:
        src = script.get("src")
        if not src:
            continue
        integrity = script.get("integrity")
        relative_protocol = bool(re.match(r"^//[^/]", src))
        full = bool(re.match(r"^https?://", src))
        relative_origin = not relative_protocol and not full
        same_domain = relative_protocol or relative_origin
        if full:
            same_domain = ".".join(urlsplit(src).hostname.split(".")[-2:]) == ".".join(
                site.hostname.split(".")[-2:]
            )
        secure_origin = relative_origin or (same_domain and not relative_protocol)
        scheme = urlsplit(src).scheme + ":" if full else None
        secure_scheme = scheme == "https:" or (relative_origin and site.scheme == "https")
        if not secure_origin:
            foreign = True
            if integrity and not secure_scheme:
                new = "sri-implemented-but-external-scripts-not-loaded-securely"
            elif not integrity and secure_scheme:
                new = "sri-not-implemented-but-external-scripts-loaded-securely"
            elif not integrity:
                new = "sri-not-implemented-and-external-scripts-not-loaded-securely"
            else:
                continue
            if result is None or goodness.index(new) > goodness.index(result):
                result = new
        elif integrity and secure_scheme and result is None:
            result = "sri-implemented-and-all-scripts-loaded-securely"
    if result is None:
        result = (
            "sri-implemented-and-external-scripts-loaded-securely"
            if foreign
            else "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"
        )
    passed = result in {
        "sri-implemented-and-all-scripts-loaded-securely",
        "sri-implemented-and-external-scripts-loaded-securely",
        "sri-not-implemented-response-not-html",
        "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
        "sri-not-implemented-but-no-scripts-loaded",
    }
    return result, passed


def xcto_test(scan):
    header = scan.first("x-content-type-options")
    if not header:
        return "x-content-type-options-not-implemented", False
    if header[:256].strip().lower() == "nosniff":
        return "x-content-type-options-nosniff", True
    return "x-content-type-options-header-invalid", False


def xfo_test(scan):
    header = scan.first("x-frame-options")
    if header is None:
        result = "x-frame-options-not-implemented"
    elif header[:1024].strip().lower() in {"deny", "sameorigin"}:
        result = "x-frame-options-sameorigin-or-deny"
    elif header.strip().lower().startswith("allow-from"):
        result = "x-frame-options-allow-from-origin"
    else:
        result = "x-frame-options-header-invalid"
    csp = csp_test(scan)[2]
    if csp and "frame-ancestors" in csp:
        result = "x-frame-options-implemented-via-csp"
    return result, not result.endswith(("not-implemented", "header-invalid"))


def corp_test(scan):
    header = scan.first("cross-origin-resource-policy")
    if not header:
        return "cross-origin-resource-policy-not-implemented", True
    value = header[:256].strip().lower()
    result = {
        "same-site": "cross-origin-resource-policy-implemented-with-same-site",
        "same-origin": "cross-origin-resource-policy-implemented-with-same-origin",
        "cross-origin": "cross-origin-resource-policy-implemented-with-cross-origin",
    }.get(value, "cross-origin-resource-policy-header-invalid")
    return result, result != "cross-origin-resource-policy-header-invalid"


TESTS = {
    "content-security-policy": lambda scan: csp_test(scan)[:2],
    "cookies": cookies_test,
    "cross-origin-resource-sharing": cors_test,
    "redirection": redirection_test,
    "referrer-policy": referrer_test,
    "strict-transport-security": hsts_test,
    "subresource-integrity": sri_test,
    "x-content-type-options": xcto_test,
    "x-frame-options": xfo_test,
    "cross-origin-resource-policy": corp_test,
}


@dataclass
class Report:
    score: int
    grade: str
    results: dict  # test name -> (expectation, passed, modifier)

    @property
    def passed(self):
        return sum(1 for _, passed, _ in self.results.values() if passed)


def grade(scan):
    results = {}
    with_bonus = uncurved = 100
    for name, test in TESTS.items():
        expectation, passed = test(scan)
        modifier = MODIFIERS[expectation]
        results[name] = (expectation, passed, modifier)
        with_bonus += modifier
        if modifier < 0:
            uncurved += modifier
    score = max(0, with_bonus if uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT else uncurved)
    letter = next(letter for floor, letter in GRADES if min(score - score % 5, 100) >= floor)
    return Report(score, letter, results)
