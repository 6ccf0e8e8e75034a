"""Draw the phone app's icons (web/m/public/icons/*.png) locally with Pillow — no CDN, no fonts.

A 3×3 grid of cells (the 单元网格) with one highlighted cell and a pin, on the app's blue.
Run from the repository root: `.venv/bin/python web/scripts/make-icons.py` (the PNGs are committed).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "m" / "public" / "icons"
BLUE = (25, 137, 250, 255)
WHITE = (255, 255, 255, 255)
ORANGE = (255, 151, 106, 255)


def draw(size: int, maskable: bool) -> Image.Image:
    img = Image.new("RGBA", (size, size), BLUE if maskable else (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    if not maskable:
        d.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 5, fill=BLUE)
    pad = size * (0.24 if maskable else 0.16)
    cell = (size - 2 * pad) / 3
    gap = max(1, round(size / 64))
    for row in range(3):
        for col in range(3):
            x0, y0 = pad + col * cell + gap, pad + row * cell + gap
            box = (round(x0), round(y0), round(x0 + cell - 2 * gap), round(y0 + cell - 2 * gap))
            fill = ORANGE if (row, col) == (1, 1) else WHITE
            d.rounded_rectangle(box, radius=max(1, size // 48), fill=fill)
    return img


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        draw(size, False).save(OUT / f"icon-{size}.png", optimize=True)
    draw(512, True).save(OUT / "maskable-512.png", optimize=True)
    draw(180, True).convert("RGB").save(OUT / "apple-touch-icon.png", optimize=True)


if __name__ == "__main__":
    main()
