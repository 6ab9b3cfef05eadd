"""Pictures made for the tests (no picture files in the repository) and a story that keeps
them: Magellan's voyage (Spanish and English) with a photo, a drawing with transparency, a
picture on the web and a video link."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw
from story_helpers import FIXTURES

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def photo_jpeg(width: int = 2400, height: int = 1600, *, orientation: int | None = None) -> bytes:
    """A camera-like JPEG: a gradient with shapes, EXIF with a camera model and a GPS
    position (metadata a picture must lose), and optionally an orientation."""
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(0, height, 40):
        draw.rectangle(
            [0, y, width, y + 40], fill=(30 + y * 180 // height, 90, 200 - y * 150 // height)
        )
    draw.ellipse([width // 4, height // 4, width // 2, height // 2], fill=(240, 200, 40))
    exif = Image.Exif()
    exif[0x0110] = "Storymap Test Camera"  # Model
    exif[0x9286] = "secret note"  # UserComment
    exif.get_ifd(GPS_IFD).update({1: "S", 2: (6.0, 10.0, 0.0), 3: "E", 4: (106.0, 49.0, 0.0)})
    if orientation:
        exif[ORIENTATION] = orientation
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92, exif=exif.tobytes())
    return buffer.getvalue()


def drawing_png(width: int = 900, height: int = 600) -> bytes:
    """A PNG with transparency (a map drawing, a logo) and a text chunk."""
    from PIL import PngImagePlugin

    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.polygon([(50, 500), (450, 60), (850, 500)], fill=(0, 114, 178, 255))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "someone's name")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


MEDIA = {
    "departure": """    media:
      - file: sanlucar-harbour.jpg
        caption: {es: El puerto de Sanlúcar, en: The harbour at Sanlúcar}
        alt: {es: Un puerto al atardecer con un sol amarillo, en: A harbour at dusk under a yellow sun}
        credit: storymap contributors (drawn for the tests)
""",
    "strait": """    media:
      - file: strait-drawing.png
        caption: {es: "El estrecho, <b>dibujado</b>", en: "The strait, <b>drawn</b>"}
        credit: "<img src=x onerror=alert('credit')>"
""",
    "guam": """    media:
      - url: https://upload.example.org/guam-1521.jpg
        caption: {es: Guam en un grabado, en: Guam in an engraving}
        credit: Example Archive
      - url: https://video.example.org/voyage
        kind: video
        caption: {es: El viaje en vídeo, en: The voyage on video}
        credit: Example Films
""",
}


def story_with_pictures(folder: Path, name: str = "magellan-pictures") -> Path:
    """Magellan's voyage with pictures kept beside it (``<name>/media/``); its path."""
    lines = (FIXTURES / "magellan.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    out = []
    in_events = False
    for line in lines:
        out.append(line)
        in_events = in_events or line.startswith("events:")
        for event_id, block in MEDIA.items():
            if in_events and line.rstrip() == f"  - id: {event_id}":
                out.append(block)
    path = folder / f"{name}.yaml"
    path.write_text("".join(out), encoding="utf-8")
    media = folder / name / "media"
    media.mkdir(parents=True, exist_ok=True)
    (media / "sanlucar-harbour.jpg").write_bytes(photo_jpeg())
    (media / "strait-drawing.png").write_bytes(drawing_png())
    return path
