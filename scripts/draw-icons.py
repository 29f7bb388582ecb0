#!/usr/bin/env python3
"""Draw the add-in icons (assets/*.png) with the Python standard library only.

    python3 scripts/draw-icons.py          # writes assets/icon-16/32/64/80.png, check-16/32/80.png, logo-filled.png

Motif: a red military-style shield with a gold rim, a gold five-pointed star and a white check mark
(示范型服务站评分表 = scoring badge). The "check whole workbook" ribbon button gets a sheet with a
red header row and a gold check seal. Shapes are vector (unit square 0..1) and rendered with
supersampled anti-aliasing; small sizes drop detail so they stay legible.
"""

import math
import os
import struct
import zlib

RED = (200, 16, 46)
DARK_RED = (150, 10, 32)
GOLD = (245, 180, 0)
WHITE = (255, 255, 255)
SHEET = (250, 250, 248)
GRID = (150, 150, 150)

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets")


# ---------------------------------------------------------------- geometry (unit coordinates)


def point_in_polygon(x, y, poly):
    inside = False
    n = len(poly)
    j = n - 1
    for i in range(n):
        xi, yi = poly[i]
        xj, yj = poly[j]
        if (yi > y) != (yj > y):
            xcross = (xj - xi) * (y - yi) / (yj - yi) + xi
            if x < xcross:
                inside = not inside
        j = i
    return inside


def dist_to_segment(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    cx, cy = ax + t * dx, ay + t * dy
    return math.hypot(px - cx, py - cy)


def polygon(points):
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    box = (min(xs), min(ys), max(xs), max(ys))
    return box, lambda x, y: point_in_polygon(x, y, points)


def stroke(points, width):
    half = width / 2
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    box = (min(xs) - half, min(ys) - half, max(xs) + half, max(ys) + half)

    def inside(x, y):
        for (ax, ay), (bx, by) in zip(points, points[1:]):
            if dist_to_segment(x, y, ax, ay, bx, by) <= half:
                return True
        return False

    return box, inside


def circle(cx, cy, r):
    return (cx - r, cy - r, cx + r, cy + r), lambda x, y: (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def rounded_rect(x0, y0, x1, y1, r):
    def inside(x, y):
        if x < x0 or x > x1 or y < y0 or y > y1:
            return False
        cx = min(max(x, x0 + r), x1 - r)
        cy = min(max(y, y0 + r), y1 - r)
        return (x - cx) ** 2 + (y - cy) ** 2 <= r * r

    return (x0, y0, x1, y1), inside


def shield_points(cx, top, half_width, height, corner=0.06, steps=24):
    """A heraldic shield: flat top with rounded corners, straight sides, curved to a point."""
    left, right = cx - half_width, cx + half_width
    shoulder = top + height * 0.42
    bottom = top + height
    pts = []
    # top-left corner arc
    for i in range(steps // 3 + 1):
        a = math.pi + (math.pi / 2) * i / (steps // 3)
        pts.append((left + corner + corner * math.cos(a), top + corner + corner * math.sin(a)))
    for i in range(steps // 3 + 1):
        a = 1.5 * math.pi + (math.pi / 2) * i / (steps // 3)
        pts.append((right - corner + corner * math.cos(a), top + corner + corner * math.sin(a)))
    pts.append((right, shoulder))
    # right side curves to the bottom point (quadratic Bezier)
    for i in range(1, steps + 1):
        t = i / steps
        c = (right, bottom - height * 0.18)
        x = (1 - t) ** 2 * right + 2 * (1 - t) * t * c[0] + t * t * cx
        y = (1 - t) ** 2 * shoulder + 2 * (1 - t) * t * c[1] + t * t * bottom
        pts.append((x, y))
    for i in range(1, steps + 1):
        t = i / steps
        c = (left, bottom - height * 0.18)
        x = (1 - t) ** 2 * cx + 2 * (1 - t) * t * c[0] + t * t * left
        y = (1 - t) ** 2 * bottom + 2 * (1 - t) * t * c[1] + t * t * shoulder
        pts.append((x, y))
    return pts


def star_points(cx, cy, r_outer, r_inner=None):
    r_inner = r_outer * 0.40 if r_inner is None else r_inner
    pts = []
    for k in range(10):
        r = r_outer if k % 2 == 0 else r_inner
        a = -math.pi / 2 + k * math.pi / 5
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


# ---------------------------------------------------------------- rasterizer


class Canvas:
    def __init__(self, size):
        self.size = size
        self.px = [[(0.0, 0.0, 0.0, 0.0) for _ in range(size)] for _ in range(size)]  # premultiplied

    def fill(self, shape, color, samples=8):
        (bx0, by0, bx1, by1), inside = shape
        n = self.size
        x_start = max(0, int(math.floor(bx0 * n)) - 1)
        x_end = min(n, int(math.ceil(bx1 * n)) + 1)
        y_start = max(0, int(math.floor(by0 * n)) - 1)
        y_end = min(n, int(math.ceil(by1 * n)) + 1)
        r, g, b = (c / 255.0 for c in color)
        total = samples * samples
        for py in range(y_start, y_end):
            for px in range(x_start, x_end):
                hits = 0
                for sy in range(samples):
                    y = (py + (sy + 0.5) / samples) / n
                    for sx in range(samples):
                        x = (px + (sx + 0.5) / samples) / n
                        if inside(x, y):
                            hits += 1
                if hits:
                    a = hits / total
                    dr, dg, db, da = self.px[py][px]
                    self.px[py][px] = (r * a + dr * (1 - a), g * a + dg * (1 - a), b * a + db * (1 - a), a + da * (1 - a))

    def png(self):
        rows = []
        for row in self.px:
            line = bytearray([0])
            for r, g, b, a in row:
                if a <= 0:
                    line += bytes((0, 0, 0, 0))
                else:
                    line += bytes(
                        (
                            min(255, round(r / a * 255)),
                            min(255, round(g / a * 255)),
                            min(255, round(b / a * 255)),
                            min(255, round(a * 255)),
                        )
                    )
            rows.append(bytes(line))
        raw = b"".join(rows)

        def chunk(kind, data):
            body = kind + data
            return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

        ihdr = struct.pack(">IIBBBBB", self.size, self.size, 8, 6, 0, 0, 0)
        return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


# ---------------------------------------------------------------- designs


def draw_badge(canvas, size, filled=False):
    """Red shield, gold rim, gold star; a white check mark from 32 px up."""
    if filled:
        canvas.fill(rounded_rect(0.0, 0.0, 1.0, 1.0, 0.18), DARK_RED)
        cx, top, hw, h, rim = 0.5, 0.10, 0.34, 0.82, 0.045
    elif size <= 16:
        cx, top, hw, h, rim = 0.5, 0.02, 0.47, 0.96, 0.09
    else:
        cx, top, hw, h, rim = 0.5, 0.03, 0.44, 0.94, 0.055
    canvas.fill(polygon(shield_points(cx, top, hw, h, corner=0.08)), GOLD)
    inner_h = h - rim * 2.4
    canvas.fill(
        polygon(shield_points(cx, top + rim, hw - rim, inner_h, corner=max(0.02, 0.08 - rim))),
        RED,
    )
    if size <= 16:
        # 16 px: just a bold gold star, the check would turn to mush
        canvas.fill(polygon(star_points(cx, top + h * 0.42, hw * 0.72, hw * 0.32)), GOLD)
        return
    star_r = hw * 0.46
    star_cy = top + h * 0.30
    canvas.fill(polygon(star_points(cx, star_cy, star_r)), GOLD)
    check_w = max(0.085, 2.2 / size) if not filled else 0.07
    y0 = top + h * 0.62
    canvas.fill(
        stroke(
            [
                (cx - hw * 0.42, y0),
                (cx - hw * 0.10, y0 + h * 0.14),
                (cx + hw * 0.46, y0 - h * 0.10),
            ],
            check_w,
        ),
        WHITE,
    )


def draw_check_sheet(canvas, size):
    """Whole-workbook check: a sheet with a red header row, grid lines and a gold seal with a check."""
    line = max(1.0 / size, 0.03)
    x0, y0, x1, y1 = 0.06, 0.06, 0.84, 0.86
    if size <= 16:
        x0, y0, x1, y1 = 0.0, 0.0, 0.82, 0.84
    canvas.fill(rounded_rect(x0, y0, x1, y1, 0.06), GRID)
    canvas.fill(rounded_rect(x0 + line, y0 + line, x1 - line, y1 - line, 0.05), SHEET)
    header_h = (y1 - y0) * 0.24
    canvas.fill(rounded_rect(x0 + line, y0 + line, x1 - line, y0 + header_h, 0.04), RED)
    rows = 2 if size <= 16 else 3
    for i in range(1, rows + 1):
        y = y0 + header_h + (y1 - y0 - header_h) * i / (rows + 1)
        canvas.fill(stroke([(x0 + 0.08, y), (x1 - 0.08, y)], line), GRID)
    if size > 16:
        xm = x0 + (x1 - x0) * 0.42
        canvas.fill(stroke([(xm, y0 + header_h), (xm, y1 - 0.06)], line), GRID)
    # gold seal with a dark-red check, bottom-right
    seal_r = 0.30 if size > 16 else 0.33
    scx, scy = 1.0 - seal_r - 0.005, 1.0 - seal_r - 0.005
    canvas.fill(circle(scx, scy, seal_r), WHITE)
    canvas.fill(circle(scx, scy, seal_r - max(0.03, 1.0 / size)), GOLD)
    cw = max(0.075, 1.9 / size)
    canvas.fill(
        stroke(
            [
                (scx - seal_r * 0.50, scy + seal_r * 0.02),
                (scx - seal_r * 0.12, scy + seal_r * 0.40),
                (scx + seal_r * 0.52, scy - seal_r * 0.36),
            ],
            cw,
        ),
        DARK_RED,
    )


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    jobs = []
    for size in (16, 32, 64, 80):
        jobs.append((f"icon-{size}.png", size, lambda c, s: draw_badge(c, s)))
    for size in (16, 32, 80):
        jobs.append((f"check-{size}.png", size, draw_check_sheet))
    jobs.append(("logo-filled.png", 80, lambda c, s: draw_badge(c, s, filled=True)))
    for name, size, draw in jobs:
        canvas = Canvas(size)
        draw(canvas, size)
        path = os.path.join(OUT_DIR, name)
        with open(path, "wb") as fh:
            fh.write(canvas.png())
        print(f"wrote {os.path.relpath(path)} ({size}x{size})")


if __name__ == "__main__":
    main()
