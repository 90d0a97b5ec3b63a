"""Embeds: another site's player or post, placed in a body by its address.

Readers first get a placeholder (the title, the provider's name and a link to the
original); the provider's player loads only when the reader clicks it. Until
then no third party sees the reader, and the page's Content Security Policy
opens `frame-src` (or `media-src`, for a plain audio or video file) only for
the origin of an embed the page really has (articles/views/article.py).

`resolve(url)` says whether an address can be embedded and how; every rule for
an embed is here, one entry a provider. No network is used here: the title and
thumbnail on the placeholder are fetched once, in the background, and kept on this
site (articles/previews.py), so the page itself never shows a provider's picture.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit


@dataclass(frozen=True)
class Embed:
    """What the page needs for one embedded address."""

    provider: str  # as readers see it: "YouTube"
    slug: str  # "youtube": the placeholder's class and the test id
    kind: str  # "frame" (an <iframe>), "audio" or "video" (a file)
    player: str  # the frame's or the file's address
    origin: str  # the origin the CSP opens for it
    aspect: str = "wide"  # "wide" (16:9), "tall" (a post), "square", "strip" (audio)


def _youtube(url, parts):
    host = parts.netloc.lower().removeprefix("www.").removeprefix("m.")
    video = ""
    if host == "youtu.be":
        video = parts.path.strip("/")
    elif host.endswith("youtube.com"):
        if parts.path == "/watch":
            video = parse_qs(parts.query).get("v", [""])[0]
        elif match := re.match(r"^/(?:embed|shorts|live|v)/([^/?#]+)", parts.path):
            video = match[1]
    if not re.fullmatch(r"[\w-]{6,20}", video):
        return None
    return f"https://www.youtube-nocookie.com/embed/{video}?autoplay=1", "wide"


def _vimeo(url, parts):
    match = re.search(r"/(?:video/)?(\d{4,12})(?:/|$)", parts.path)
    if not match:
        return None
    return f"https://player.vimeo.com/video/{match[1]}?autoplay=1&dnt=1", "wide"


def _twitter(url, parts):
    match = re.match(r"^/[^/]+/status(?:es)?/(\d+)", parts.path)
    if not match:
        return None
    return f"https://platform.twitter.com/embed/Tweet.html?id={match[1]}", "tall"


def _instagram(url, parts):
    match = re.match(r"^/(?:[\w.]+/)?(p|reel|tv)/([\w-]+)", parts.path)
    return (f"https://www.instagram.com/{match[1]}/{match[2]}/embed/", "tall") if match else None


def _tiktok(url, parts):
    match = re.search(r"/video/(\d+)", parts.path)
    return (f"https://www.tiktok.com/embed/v2/{match[1]}", "tall") if match else None


def _facebook(url, parts):
    if parts.path in {"", "/"}:
        return None
    kind = "video" if "/videos/" in parts.path or parts.path.startswith("/watch") else "post"
    return (
        f"https://www.facebook.com/plugins/{kind}.php?href={quote(url, safe='')}",
        "wide" if kind == "video" else "tall",
    )


def _spotify(url, parts):
    kinds = "track|album|playlist|episode|show|artist"
    match = re.match(rf"^/(?:intl-[\w-]+/)?({kinds})/(\w+)", parts.path)
    return (f"https://open.spotify.com/embed/{match[1]}/{match[2]}", "strip") if match else None


def _soundcloud(url, parts):
    if parts.path.count("/") < 2:
        return None
    return (
        f"https://w.soundcloud.com/player/?url={quote(url, safe='')}&auto_play=true",
        "strip",
    )


def _datawrapper(url, parts):
    match = re.match(r"^/(\w{5})(?:/(\d+))?", parts.path)
    if not match:
        return None
    return f"https://datawrapper.dwcdn.net/{match[1]}/{match[2] or 1}/", "square"


def _flourish(url, parts):
    match = re.match(r"^/(visualisation|story)/(\d+)", parts.path)
    if not match:
        return None
    return f"https://flo.uri.sh/{match[1]}/{match[2]}/embed", "square"


# host (without "www.") → (provider, slug, player function, frame origin)
PROVIDERS = {
    "youtube.com": ("YouTube", "youtube", _youtube, "https://www.youtube-nocookie.com"),
    "m.youtube.com": ("YouTube", "youtube", _youtube, "https://www.youtube-nocookie.com"),
    "youtu.be": ("YouTube", "youtube", _youtube, "https://www.youtube-nocookie.com"),
    "vimeo.com": ("Vimeo", "vimeo", _vimeo, "https://player.vimeo.com"),
    "player.vimeo.com": ("Vimeo", "vimeo", _vimeo, "https://player.vimeo.com"),
    "twitter.com": ("X (Twitter)", "twitter", _twitter, "https://platform.twitter.com"),
    "x.com": ("X (Twitter)", "twitter", _twitter, "https://platform.twitter.com"),
    "instagram.com": ("Instagram", "instagram", _instagram, "https://www.instagram.com"),
    "tiktok.com": ("TikTok", "tiktok", _tiktok, "https://www.tiktok.com"),
    "facebook.com": ("Facebook", "facebook", _facebook, "https://www.facebook.com"),
    "fb.watch": ("Facebook", "facebook", _facebook, "https://www.facebook.com"),
    "open.spotify.com": ("Spotify", "spotify", _spotify, "https://open.spotify.com"),
    "soundcloud.com": ("SoundCloud", "soundcloud", _soundcloud, "https://w.soundcloud.com"),
    "datawrapper.dwcdn.net": ("Datawrapper", "datawrapper", _datawrapper, "https://datawrapper.dwcdn.net"),
    "flo.uri.sh": ("Flourish", "flourish", _flourish, "https://flo.uri.sh"),
    "public.flourish.studio": ("Flourish", "flourish", _flourish, "https://flo.uri.sh"),
}  # fmt: skip
AUDIO_FILES = {"mp3", "m4a", "ogg", "oga", "wav", "flac", "aac", "opus"}
VIDEO_FILES = {"mp4", "m4v", "webm", "ogv", "mov"}
SUPPORTED = (
    "YouTube, Vimeo, X (Twitter), Instagram, TikTok, Facebook, Spotify, SoundCloud, "
    "Datawrapper and Flourish addresses, or an audio or video file (.mp3, .mp4, …)"
)


def resolve(url):
    """The Embed for `url`, or None when Newsroom cannot embed it."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return None
    if parts.scheme not in {"http", "https"} or not parts.netloc or "@" in parts.netloc:
        return None
    host = parts.netloc.lower().split(":")[0]
    extension = parts.path.rsplit(".", 1)[-1].lower() if "." in parts.path else ""
    if extension in AUDIO_FILES | VIDEO_FILES:
        kind = "audio" if extension in AUDIO_FILES else "video"
        origin = f"{parts.scheme}://{parts.netloc.lower()}"
        aspect = "strip" if kind == "audio" else "wide"
        name = "Audio" if kind == "audio" else "Video"
        return Embed(name, kind, kind, url.strip(), origin, aspect)
    entry = PROVIDERS.get(host.removeprefix("www."))
    if entry is None:
        return None
    provider, slug, player, origin = entry
    found = player(url.strip(), parts)
    if found is None:
        return None
    address, aspect = found
    return Embed(provider, slug, "frame", address, origin, aspect)


def content_security_policy(base, found):
    """The site's policy `base` opened for the embeds `found` (Embed objects) and
    nothing else: frame-src for the origins of their frames, media-src for those
    of their files. A page with no embed keeps `base` as it is."""
    frames = sorted({embed.origin for embed in found if embed.kind == "frame"})
    files = sorted({embed.origin for embed in found if embed.kind != "frame"})
    if not frames and not files:
        return base
    policy = {name: list(values) for name, values in base.items()}
    if frames:
        policy["frame-src"] = frames
    if files:
        policy["media-src"] = [*policy.get("media-src", []), *files]
    return policy
