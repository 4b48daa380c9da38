"""Pleasant placeholder photos for the demo's highlight events.

Drawn with Pillow at load time (a sky gradient, hills, houses, a sun or
balloons and a caption), so the demo downloads nothing and the booklet has
pictures to lay out.
"""

import io
import random
from pathlib import Path

import matplotlib
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 800

# (sky top, sky bottom, ground) per season: the caption's month picks one.
PALETTES = {
    "winter": ("#5b86c9", "#dfe9f5", "#f4f7fb"),
    "spring": ("#4aa3df", "#c9ecd9", "#7cc06a"),
    "summer": ("#2f80ed", "#fde8b0", "#58a84a"),
    "autumn": ("#e2725b", "#f8d49b", "#c8873a"),
}
SEASONS = {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring",
           6: "summer", 7: "summer", 8: "summer", 9: "autumn", 10: "autumn", 11: "autumn"}
HOUSE_COLOURS = ["#d9735b", "#e8b04b", "#7d9fc6", "#b7c9a8", "#c98fa6", "#efe3c8"]
BALLOON_COLOURS = ["#ff5964", "#ffe74c", "#38618c", "#35a7ff", "#6bd425", "#ff9f1c"]


def _font(size: int) -> ImageFont.FreeTypeFont:
    # Matplotlib is a dependency and ships DejaVu Sans, which has Cyrillic.
    path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    return ImageFont.truetype(str(path), size)


def _gradient(top: str, bottom: str) -> Image.Image:
    mask = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    return Image.composite(
        Image.new("RGB", (WIDTH, HEIGHT), bottom), Image.new("RGB", (WIDTH, HEIGHT), top), mask
    )


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    return [*lines, line] if line else lines


def draw_photo(title: str, subtitle: str, month: int, seed: str) -> bytes:
    """A 1200x800 JPEG: a yard scene in the colours of the month's season."""
    rng = random.Random(seed)
    top, bottom, ground = PALETTES[SEASONS[month]]
    image = _gradient(top, bottom)
    draw = ImageDraw.Draw(image, "RGBA")

    sun_x, sun_y = rng.randint(120, WIDTH - 120), rng.randint(80, 220)
    draw.ellipse((sun_x - 70, sun_y - 70, sun_x + 70, sun_y + 70), fill=(255, 236, 150, 230))
    for _ in range(3):  # clouds
        x, y = rng.randint(0, WIDTH), rng.randint(60, 260)
        for dx in (0, 50, 100):
            draw.ellipse((x + dx, y, x + dx + 110, y + 60), fill=(255, 255, 255, 170))

    horizon = 520
    draw.ellipse((-300, horizon - 80, WIDTH // 2 + 200, HEIGHT + 300), fill=ground)
    draw.ellipse((WIDTH // 2 - 200, horizon - 40, WIDTH + 300, HEIGHT + 300), fill=ground)
    x = rng.randint(-40, 40)
    while x < WIDTH:
        w, h = rng.randint(110, 190), rng.randint(160, 320)
        colour = rng.choice(HOUSE_COLOURS)
        draw.rectangle((x, horizon - h, x + w, horizon + 30), fill=colour)
        for wy in range(horizon - h + 20, horizon, 42):
            for wx in range(x + 14, x + w - 24, 34):
                lit = rng.random() < 0.35
                draw.rectangle((wx, wy, wx + 18, wy + 24),
                               fill=(255, 240, 170, 255) if lit else (60, 80, 110, 200))
        x += w + rng.randint(8, 40)

    for _ in range(rng.randint(5, 9)):  # balloons or snowballs
        bx, by = rng.randint(40, WIDTH - 40), rng.randint(260, 560)
        colour = rng.choice(BALLOON_COLOURS)
        draw.line((bx, by + 40, bx + rng.randint(-15, 15), by + 130), fill=(80, 80, 80, 200))
        draw.ellipse((bx - 28, by - 36, bx + 28, by + 40), fill=colour)

    title_font, small_font = _font(46), _font(28)
    lines = _wrap(draw, title, title_font, WIDTH - 120)
    band = 60 + 56 * len(lines) + 40
    draw.rectangle((0, HEIGHT - band, WIDTH, HEIGHT), fill=(20, 30, 50, 170))
    y = HEIGHT - band + 30
    for line in lines:
        draw.text((60, y), line, font=title_font, fill="white")
        y += 56
    draw.text((60, y + 4), subtitle, font=small_font, fill=(230, 236, 245))

    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()
