"""Pictures for the demo content, drawn with Pillow: nothing is downloaded.

Each picture is drawn from a seed, so the same demo gives the same pictures.
"""

import io
import random
from functools import partial

from PIL import Image, ImageDraw, ImageFilter, ImageFont


def _gradient(size, top, bottom):
    width, height = size
    column = Image.new("RGB", (1, height))
    for y in range(height):
        t = y / max(height - 1, 1)
        column.putpixel(
            (0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        )
    return column.resize(size)


def scene(seed, palette, motif, size=(1600, 1000)):
    """A simple illustrative scene: sky, horizon and a motif for the story."""
    rng = random.Random(seed)
    sky_top, sky_bottom, _, _ = palette
    image = _gradient(size, sky_top, sky_bottom)
    draw = ImageDraw.Draw(image)
    horizon = int(size[1] * rng.uniform(0.58, 0.7))
    MOTIFS.get(motif, _room)(draw, rng, size, horizon, palette)
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    return _jpeg(image)


def _sun(draw, rng, width, horizon):
    sun = (int(width * rng.uniform(0.6, 0.85)), int(horizon * rng.uniform(0.35, 0.6)))
    draw.ellipse([sun[0] - 70, sun[1] - 70, sun[0] + 70, sun[1] + 70], fill=(250, 235, 200))


def _hills(draw, rng, size, horizon, palette):
    """Three ranges of hills under the sun, someone in the foreground."""
    _, _, ground, accent = palette
    width, height = size
    _sun(draw, rng, width, horizon)
    for layer in range(3):
        shade = tuple(max(0, c - 25 * (2 - layer)) for c in ground)
        points = [(0, height)]
        for x in range(0, width + 100, 100):
            points.append((x, horizon - 60 + layer * 60 + rng.randint(-50, 40)))
        points.append((width, height))
        draw.polygon(points, fill=shade)
    draw.ellipse([width * 0.45, height * 0.78, width * 0.55, height * 0.86], fill=accent)


def _sea(draw, rng, size, horizon, palette):
    """The sea under the sun, a ship on the horizon."""
    _, _, ground, accent = palette
    width, height = size
    _sun(draw, rng, width, horizon)
    draw.rectangle([0, horizon, width, height], fill=ground)
    for _ in range(60):
        y = rng.randint(horizon + 10, height)
        x = rng.randint(0, width)
        draw.line(
            [x, y, x + rng.randint(30, 120), y],
            fill=tuple(min(255, c + 40) for c in ground),
            width=3,
        )
    hull_x = int(width * rng.uniform(0.2, 0.5))
    draw.polygon(
        [
            (hull_x, horizon - 10),
            (hull_x + 520, horizon - 10),
            (hull_x + 480, horizon + 40),
            (hull_x + 40, horizon + 40),
        ],
        fill=accent,
    )
    draw.rectangle([hull_x + 180, horizon - 90, hull_x + 320, horizon - 10], fill=accent)
    draw.rectangle([hull_x + 230, horizon - 150, hull_x + 250, horizon - 90], fill=accent)


def _city(draw, rng, size, horizon, palette, flags=False):
    """A street of lit windows; flags in front of it with `flags`."""
    _, _, ground, accent = palette
    width, height = size
    x = 0
    while x < width:
        w = rng.randint(90, 220)
        h = rng.randint(int(height * 0.2), int(height * 0.6))
        shade = tuple(max(0, c + rng.randint(-15, 15)) for c in ground)
        draw.rectangle([x, horizon - h, x + w, height], fill=shade)
        for wy in range(horizon - h + 20, height - 20, 40):
            for wx in range(x + 15, x + w - 20, 35):
                if rng.random() < 0.45:
                    draw.rectangle([wx, wy, wx + 14, wy + 20], fill=accent)
        x += w + rng.randint(0, 20)
    if flags:
        for i in range(5):
            fx = int(width * (0.18 + i * 0.16))
            draw.line([fx, height * 0.25, fx, height], fill=(200, 200, 200), width=8)
            colour = [
                (200, 30, 40),
                (30, 60, 160),
                (240, 240, 240),
                (30, 120, 60),
                (230, 180, 40),
            ][i]
            draw.rectangle([fx + 4, height * 0.25, fx + 150, height * 0.25 + 95], fill=colour)
        draw.rectangle([width * 0.3, height * 0.7, width * 0.4, height], fill=(90, 60, 40))
        draw.rectangle([width * 0.6, height * 0.7, width * 0.7, height], fill=(90, 60, 40))


def _screen(draw, rng, size, horizon, palette):
    """A screen full of lines of text."""
    sky_top, _, ground, accent = palette
    width, height = size
    draw.rectangle([0, horizon, width, height], fill=ground)
    draw.rectangle([width * 0.2, height * 0.15, width * 0.8, height * 0.75], fill=(25, 25, 30))
    draw.rectangle([width * 0.22, height * 0.18, width * 0.78, height * 0.71], fill=sky_top)
    for row in range(14):
        y = height * 0.22 + row * 30
        length = rng.uniform(0.2, 0.5)
        draw.rectangle([width * 0.25, y, width * (0.25 + length), y + 12], fill=accent)


def _parachute(draw, rng, size, horizon, palette):
    """Three parachute canopies over one load."""
    _, _, ground, accent = palette
    width, height = size
    draw.rectangle([0, horizon, width, height], fill=ground)
    cx, cy = width // 2, int(height * 0.45)
    for offset in (-170, 0, 170):
        draw.pieslice(
            [cx + offset - 130, cy - 300, cx + offset + 130, cy - 80], 180, 360, fill=accent
        )
        draw.line([cx + offset - 130, cy - 190, cx, cy], fill=(240, 240, 240), width=3)
        draw.line([cx + offset + 130, cy - 190, cx, cy], fill=(240, 240, 240), width=3)
    draw.ellipse([cx - 70, cy - 20, cx + 70, cy + 110], fill=(245, 245, 245))


def _room(draw, rng, size, horizon, palette):
    """A room: shelves, and someone at the back."""
    _, _, ground, accent = palette
    width, height = size
    draw.rectangle([0, horizon, width, height], fill=ground)
    for i in range(6):
        x = int(width * (0.05 + i * 0.16))
        draw.rectangle([x, horizon - 300, x + 110, horizon - 10], fill=accent)
    draw.ellipse([width * 0.47, horizon - 260, width * 0.53, horizon - 190], fill=(90, 60, 50))
    draw.rectangle([width * 0.46, horizon - 190, width * 0.54, horizon + 40], fill=(40, 110, 160))


MOTIFS = {
    "hills": _hills,
    "sea": _sea,
    "city": _city,
    "flags": partial(_city, flags=True),
    "screen": _screen,
    "parachute": _parachute,
}


def portrait(name, colour, size=600):
    """A square head-and-shoulders silhouette with the author's initials."""
    image = _gradient((size, size), tuple(min(255, c + 60) for c in colour), colour)
    draw = ImageDraw.Draw(image)
    draw.ellipse([size * 0.3, size * 0.18, size * 0.7, size * 0.58], fill=(245, 225, 205))
    draw.ellipse([size * 0.12, size * 0.62, size * 0.88, size * 1.3], fill=(40, 40, 50))
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    font = ImageFont.load_default(size=int(size * 0.12))
    draw.text((size * 0.5, size * 0.86), initials, fill=(255, 255, 255), font=font, anchor="mm")
    return _jpeg(image)


def _jpeg(image):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()
