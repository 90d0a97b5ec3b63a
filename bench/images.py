"""How long, and how much memory, a 24-megapixel camera JPEG takes to become a
library image: checked and published (the upload), then cut into every rendition
(the task). Writes bench/results/images.json and images.md.

    .venv/bin/python bench/images.py [--runs 3]      (or: make bench-images)

Each run is a fresh process with its own database and media folders, so its
peak memory (the process's maximum resident set) is its own. Pillow's pixel
buffers are allocated in C: tracemalloc sees only Python's share, the resident
set sees everything.
"""

import argparse
import io
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SIZE = (6000, 4000)  # 24 megapixels, a common camera's full size


def camera_jpeg():
    """A 6000 × 4000 JPEG drawn with Pillow, with the EXIF a phone writes."""
    from PIL import ExifTags, Image, ImageFilter

    sys.path.insert(0, str(ROOT))
    from ops.demo.images import scene

    palette = [(90, 140, 200), (220, 230, 240), (70, 100, 70), (200, 60, 40)]
    picture = Image.open(io.BytesIO(scene("bench", palette, "city", size=SIZE)))
    # Film grain, so the file weighs what a photo does (flat drawings compress too well).
    grain = Image.effect_noise(SIZE, 40).convert("RGB").filter(ImageFilter.GaussianBlur(0.4))
    picture = Image.blend(picture.convert("RGB"), grain, 0.3)
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "BenchCam"
    exif[ExifTags.Base.Orientation] = 1
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitude] = (51.0, 30.0, 26.0)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=92, exif=exif)
    return buffer.getvalue()


def maxrss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(path):
    """One run, in this (fresh) process: prints a JSON line."""
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.base")
    django.setup()
    from django.core.files.base import ContentFile

    from images import library as images
    from images.models import CaptionedImage, Rendition

    encode_seconds = {}
    encode = images.encode

    def timed_encode(picture, fmt, **options):
        started = time.perf_counter()
        try:
            return encode(picture, fmt, **options)
        finally:
            encode_seconds[fmt] = encode_seconds.get(fmt, 0) + time.perf_counter() - started

    images.encode = timed_encode
    data = Path(path).read_bytes()
    baseline = maxrss_mb()
    tracemalloc.start()

    started = time.perf_counter()
    image = CaptionedImage(title="Bench", alt_text="A city")
    images.save(image, images.inspect(ContentFile(data, name="IMG_0001.jpg")))
    upload_seconds = time.perf_counter() - started
    upload_rss = maxrss_mb()
    _, upload_python_peak = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()

    started = time.perf_counter()
    made = images.make_renditions(image)
    rendition_seconds = time.perf_counter() - started
    _, rendition_python_peak = tracemalloc.get_traced_memory()
    renditions = list(Rendition.objects.filter(image=image))
    print(
        json.dumps(
            {
                "upload_seconds": upload_seconds,
                "renditions_seconds": rendition_seconds,
                "renditions": made,
                "rendition_bytes": sum(r.file.size for r in renditions),
                "by_format": {
                    fmt: sum(1 for r in renditions if r.format == fmt)
                    for fmt in sorted({r.format for r in renditions})
                },
                "encode_seconds": {k: round(v, 3) for k, v in sorted(encode_seconds.items())},
                "baseline_rss_mb": baseline,
                "upload_peak_rss_mb": upload_rss,
                "peak_rss_mb": maxrss_mb(),
                "python_peak_mb": max(upload_python_peak, rendition_python_peak) / 2**20,
                "public_size": [image.width, image.height],
            }
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--make", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure)
        return
    if args.make:
        Path(args.make).write_bytes(camera_jpeg())
        return

    from PIL import __version__ as pillow_version
    from PIL import features

    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as tmp:
        source = Path(tmp) / "camera.jpg"
        # Drawn in a process of its own: a child inherits its parent's peak memory.
        subprocess.run([sys.executable, __file__, "--make", str(source)], check=True)  # noqa: S603
        runs = []
        for number in range(args.runs):
            var = Path(tmp) / f"run{number}"
            env = {
                **{k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")},
                "NEWSROOM_VAR_DIR": str(var),
                # The bench times the task itself, not the request that enqueues it.
                "NEWSROOM_TASKS_BACKEND": "django.tasks.backends.dummy.DummyBackend",
            }
            subprocess.run(  # noqa: S603
                [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True
            )
            result = subprocess.run(  # noqa: S603
                [sys.executable, __file__, "--measure", str(source)],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            runs.append(json.loads(result.stdout.strip().splitlines()[-1]))
            print(f"run {number + 1}: {runs[-1]['renditions_seconds']:.2f} s", file=sys.stderr)
        source_bytes = source.stat().st_size

    def median(key):
        return statistics.median(run[key] for run in runs)

    summary = {
        "source": {"width": SIZE[0], "height": SIZE[1], "bytes": source_bytes},
        "runs": len(runs),
        "upload_seconds_median": round(median("upload_seconds"), 3),
        "renditions_seconds_median": round(median("renditions_seconds"), 3),
        "total_seconds_median": round(median("upload_seconds") + median("renditions_seconds"), 3),
        "peak_rss_mb_max": round(max(run["peak_rss_mb"] for run in runs), 1),
        "baseline_rss_mb": round(median("baseline_rss_mb"), 1),
        "python_peak_mb_max": round(max(run["python_peak_mb"] for run in runs), 1),
        "renditions": runs[0]["renditions"],
        "by_format": runs[0]["by_format"],
        "rendition_bytes": runs[0]["rendition_bytes"],
        "encode_seconds_first_run": runs[0]["encode_seconds"],
        "public_size": runs[0]["public_size"],
        "machine": {
            "python": platform.python_version(),
            "pillow": pillow_version,
            "avif": features.check("avif"),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
        "detail": runs,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "images.json").write_text(json.dumps(summary, indent=2) + "\n")
    (RESULTS / "images.md").write_text(markdown(summary))
    print(markdown(summary))


def markdown(s):
    formats = ", ".join(f"{count} {fmt}" for fmt, count in s["by_format"].items())
    upload, renditions = s["upload_seconds_median"], s["renditions_seconds_median"]
    encodes = ", ".join(f"{fmt} {sec:.2f} s" for fmt, sec in s["encode_seconds_first_run"].items())
    return f"""# Image renditions benchmark

A {s["source"]["width"]} × {s["source"]["height"]} camera JPEG
({s["source"]["bytes"] / 2**20:.1f} MB, with EXIF and GPS) uploaded and cut into every
rendition, {s["runs"]} runs in fresh processes (`make bench-images`).

| step | median time |
|---|---|
| upload: check, decode, publish the clean copy, keep the original | {upload:.2f} s |
| renditions (the task): {s["renditions"]} files ({formats}) | {renditions:.2f} s |
| **total** | **{s["total_seconds_median"]:.2f} s** |

| memory | MB |
|---|---|
| peak resident set of the process (everything, Pillow's pixels included) | {s["peak_rss_mb_max"]} |
| the same process before the image (Python, Django) | {s["baseline_rss_mb"]} |
| peak of Python's own allocations (tracemalloc) | {s["python_peak_mb_max"]} |

Encoding time by format (first run): {encodes}. Public copy:
{s["public_size"][0]} × {s["public_size"][1]}; renditions weigh
{s["rendition_bytes"] / 2**20:.1f} MB in all.

Machine: Python {s["machine"]["python"]}, Pillow {s["machine"]["pillow"]}
(AVIF {"yes" if s["machine"]["avif"] else "no"}), {s["machine"]["cpus"]} CPUs,
{s["machine"]["platform"]}.
"""


if __name__ == "__main__":
    main()
