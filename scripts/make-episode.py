#!/usr/bin/env python3
"""Writes a synthetic TV episode as a complete Sakuga project, for benchmarks and tests.

    scripts/make-episode.py OUT_DIR --minutes M [--seed S]      # M may be fractional (0.25)

Modelled on a real episode (about 24 minutes, 300 cuts at 24 fps): about 12.5 cuts a minute, each
1 to 12 seconds (mostly 2-6), grouped in scenes that share a background; the total length is
M minutes to the frame. It writes:

  sakuga.toml                   title, 24 fps, 1920x1080, the cut order, the colour model, gap
                                closing, [[music]] cues spanning several cuts (about one every 2-3
                                minutes, with start, end, fades and gain) and a [mix] table
  design/palettes/cast.toml     the cast's colour model, with a night variant and a colour trace
  design/backgrounds/*.svg      six backgrounds, most larger than the frame (pans, tilts)
  cuts/cNNN/cut.toml            duration, background, camera (still, pans inside the background,
                                track-ins and -outs), 1-3 cel layers on 1s, 2s or 3s with their
                                [sheet] columns, [[timing]] charts for keyed layers (the in-betweens
                                are left to the build), [[sound]] cues and [[dialogue]] with takes
  cuts/cNNN/LAYER/N.svg         key drawings: line art with data-paint marks naming the palette's
                                styles; the keys of a layer are the same strokes moved and turned
  sound/dialogue/cNNN_KK.wav    a take per line: mono 48 kHz 16-bit, speech-like syllables
  sound/sfx/*.wav               a few sound effects
  sound/music/bgm_N.wav         1-3 loops of simple chords, mono 48 kHz 16-bit

Standard library only, and deterministic: the same arguments write the same bytes. OUT_DIR must
not exist or be empty. Prints what it made.
"""
import argparse
import array
import math
import os
import random
import sys
import wave

FPS = 24
FIELD_W, FIELD_H = 1920, 1080
RATE = 48000
CUTS_PER_MINUTE = 12.5
MIN_CUT, MAX_CUT = 1 * FPS, 12 * FPS

LINE = "#1e1a24"
TRACE = "#3a6bd6"


def tc(frames):
    """Frames as the anime's seconds+frames."""
    return f"{frames // FPS}+{frames % FPS}"


def num(v):
    """A coordinate for SVG: one decimal, no -0.0."""
    s = f"{v:.1f}"
    return "0.0" if s == "-0.0" else s


# ---------------------------------------------------------------------------------------------
# The colour model

PALETTE = [  # (style, base colour, night colour)
    ("line", LINE, "#191630"),
    ("skin", "#f7dcc8", "#c4b4cf"),
    ("mouth", "#8e2f2a", "#6e2a44"),
    ("button", "#f4d35e", "#b8a65e"),
    ("hair.black", "#2e2838", "#221d36"),
    ("hair.brown", "#7a4b2a", "#54384a"),
    ("hair.blue", "#3b4f8c", "#2c3468"),
    ("hair.pink", "#e58fb0", "#9c6a8e"),
    ("cloth.red", "#d9534f", "#9a4262"),
    ("cloth.red.shadow", "#a8403d", "#74324f"),
    ("cloth.green", "#5fa55a", "#3f6a5e"),
    ("cloth.green.shadow", "#437a40", "#2e4c48"),
    ("cloth.blue", "#4f7fd9", "#3d4f91"),
    ("cloth.blue.shadow", "#3b5fa8", "#2d3a70"),
    ("cloth.yellow", "#f0c04a", "#a48a58"),
    ("cloth.yellow.shadow", "#c29330", "#7a6444"),
    ("shoe", "#5a3d2b", "#3a2c3a"),
    ("star", "#ffe27a", "#ffe27a"),
    ("leaf", "#6fbf5a", "#3f7352"),
    ("petal", "#f7b6c8", "#a98aa8"),
    ("trace.shadow", TRACE, TRACE),
]
COLOR = {name: base for name, base, _ in PALETTE}
HAIRS = ["hair.black", "hair.brown", "hair.blue", "hair.pink"]
CLOTHES = ["cloth.red", "cloth.green", "cloth.blue", "cloth.yellow"]
FLOCKS = {"star": "star", "leaf": "leaf", "petal": "petal"}


def palette_toml():
    out = ["# The cast's colour model (scripts/make-episode.py). Lines and closed fills in the drawings",
           "# match these styles; each region is painted from its drawing's data-paint mark.",
           "[colors]"]
    for name, base, _ in PALETTE:
        key = f'"{name}"' if "." in name else name
        out.append(f'{key} = "{base}"')
    out.append('trace = ["trace.shadow"]   # the colour trace line bounding each cloth shadow')
    out.append("")
    out.append("# Night scenes: cooler and darker; the stars stay bright.")
    out.append("[variants.night.colors]")
    for name, base, night in PALETTE:
        if night != base:
            key = f'"{name}"' if "." in name else name
            out.append(f'{key} = "{night}"')
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# Backgrounds: (name, width, height, night)

BACKGROUNDS = [
    ("classroom", 1920, 1080, False),
    ("street", 3840, 1080, False),
    ("hill", 2880, 1080, False),
    ("park", 2880, 1620, False),
    ("sky", 1920, 2160, True),
    ("harbor", 3200, 1200, True),
]


def background_svg(name, w, h, night, rnd):
    el = []
    add = el.append
    if name == "classroom":
        add(f'<rect width="{w}" height="{h}" fill="#e9e0c9"/>')
        add(f'<rect y="{h - 260}" width="{w}" height="260" fill="#b98d5e"/>')
        add(f'<rect y="{h - 270}" width="{w}" height="12" fill="#8c6a47"/>')
        add('<rect x="120" y="120" width="760" height="360" fill="#2f5d4a" stroke="#6b4f36" stroke-width="14"/>')
        for i in range(3):
            x = 1000 + i * 290
            add(f'<rect x="{x}" y="110" width="240" height="420" fill="#bfe3f2" stroke="#f4f1ea" stroke-width="12"/>')
            add(f'<rect x="{x + 114}" y="110" width="12" height="420" fill="#f4f1ea"/>')
            add(f'<ellipse cx="{x + 80 + rnd.randint(0, 80)}" cy="{200 + rnd.randint(0, 80)}" rx="60" ry="18" fill="#ffffff" opacity="0.8"/>')
        for i in range(6):
            x = 100 + i * 300 + rnd.randint(-20, 20)
            y = h - 220 + rnd.randint(-10, 10)
            add(f'<rect x="{x}" y="{y}" width="200" height="26" fill="#a0704a" stroke="#5e4530" stroke-width="3"/>')
            add(f'<rect x="{x + 12}" y="{y + 26}" width="12" height="120" fill="#6b6f78"/>')
            add(f'<rect x="{x + 176}" y="{y + 26}" width="12" height="120" fill="#6b6f78"/>')
        for i in range(12):
            add(f'<line x1="{180 + i * 55}" y1="{200 + (i % 3) * 70}" x2="{210 + i * 55}" y2="{200 + (i % 3) * 70}" '
                'stroke="#e8efe9" stroke-width="4"/>')
        return el
    # Outdoor: sky in bands, then the ground and what stands on it.
    day = ["#8fc8f0", "#a3d3f2", "#b8ddf3", "#cfe7f4", "#e2f0f4"]
    dusk = ["#a86a86", "#d98a78", "#eeaa7a", "#f6c992", "#f8dcae"]
    dark = ["#0d1030", "#141a44", "#1d2454", "#283066", "#343c78"]
    bands = dark if night else (dusk if name == "hill" else day)
    horizon = int(h * (0.62 if name != "sky" else 0.80))
    for i, c in enumerate(bands):
        add(f'<rect y="{int(horizon * i / len(bands))}" width="{w}" height="{horizon - int(horizon * i / len(bands)) + 2}" fill="{c}"/>')
    if night:
        for _ in range(int(w * horizon / 30000)):
            add(f'<circle cx="{rnd.randint(0, w)}" cy="{rnd.randint(0, horizon - 60)}" r="{rnd.choice([1.5, 2, 2.5, 3])}" fill="#fff6d8"/>')
        add(f'<circle cx="{rnd.randint(w // 4, 3 * w // 4)}" cy="{rnd.randint(120, max(121, horizon // 3))}" r="70" fill="#f8f1cf"/>')
    else:
        add(f'<circle cx="{rnd.randint(w // 5, 4 * w // 5)}" cy="{rnd.randint(100, horizon // 2)}" r="90" fill="#fff4c8"/>')
        for _ in range(max(3, w // 500)):
            cx, cy = rnd.randint(0, w), rnd.randint(60, horizon // 2)
            add(f'<g fill="#ffffff" opacity="0.85"><ellipse cx="{cx}" cy="{cy}" rx="{rnd.randint(120, 220)}" ry="{rnd.randint(28, 45)}"/>'
                f'<ellipse cx="{cx + 60}" cy="{cy - 22}" rx="{rnd.randint(70, 120)}" ry="{rnd.randint(30, 45)}"/></g>')
    # far hills
    far = "#56507a" if night else ("#8c6a8f" if name == "hill" else "#7fa6a0")
    pts = [f"M0 {horizon}"]
    step = 320
    for x in range(0, w + step, step):
        pts.append(f"Q{x + step // 2} {horizon - rnd.randint(40, 160)} {x + step} {horizon - rnd.randint(0, 40)}")
    pts.append(f"L{w} {h} L0 {h} Z")
    add(f'<path d="{" ".join(pts)}" fill="{far}"/>')
    ground = {"street": "#9a9aa2", "hill": "#6f8c4a", "park": "#79a85a", "sky": "#2c3a3a", "harbor": "#1f3556"}[name]
    add(f'<rect y="{horizon}" width="{w}" height="{h - horizon}" fill="{ground}"/>')
    if name == "harbor":
        for i in range(8):
            y = horizon + 20 + i * (h - horizon) // 8
            add(f'<rect y="{y}" width="{w}" height="6" fill="#3b5a86" opacity="0.6"/>')
        for _ in range(6):
            x = rnd.randint(100, w - 300)
            y = horizon + rnd.randint(30, (h - horizon) // 2)
            add(f'<path d="M{x} {y} L{x + 220} {y} L{x + 180} {y + 50} L{x + 40} {y + 50} Z" fill="#4a3b52" stroke="#120f20" stroke-width="3"/>')
            add(f'<rect x="{x + 100}" y="{y - 90}" width="8" height="90" fill="#2a2238"/>')
            add(f'<circle cx="{x + 104}" cy="{y - 96}" r="7" fill="#ffd27a"/>')
    if name in ("street", "harbor"):
        x = 40
        while x < w - 200:
            bw, bh = rnd.randint(160, 320), rnd.randint(160, 380)
            base = horizon + (0 if name == "street" else -10)
            wall = rnd.choice(["#d8b9a0", "#c9a48f", "#b9c1c8", "#e0cfa8"] if not night else ["#3e3a5a", "#4a3f62", "#34405e"])
            add(f'<rect x="{x}" y="{base - bh}" width="{bw}" height="{bh}" fill="{wall}" stroke="#4a3350" stroke-width="3"/>')
            add(f'<polygon points="{x - 12},{base - bh} {x + bw // 2},{base - bh - rnd.randint(50, 110)} {x + bw + 12},{base - bh}" '
                f'fill="{rnd.choice(["#6d4a6e", "#8a3f3a", "#3f5a6e"])}" stroke="#4a3350" stroke-width="3"/>')
            lit = "#ffd98a" if night else "#9ec7de"
            for wy in range(base - bh + 30, base - 60, 80):
                for wx in range(x + 24, x + bw - 50, 70):
                    if rnd.random() < 0.75:
                        add(f'<rect x="{wx}" y="{wy}" width="36" height="44" fill="{lit}"/>')
            x += bw + rnd.randint(30, 120)
        if name == "street":
            add(f'<rect y="{horizon + 60}" width="{w}" height="{h - horizon - 60}" fill="#7c7c86"/>')
            for x in range(0, w, 240):
                add(f'<rect x="{x}" y="{horizon + 150}" width="120" height="12" fill="#f2f2f2"/>')
            for x in range(200, w, 700):
                add(f'<rect x="{x}" y="{horizon - 320}" width="14" height="380" fill="#5b5560"/>')
                add(f'<line x1="{x - 60}" y1="{horizon - 300}" x2="{x + 74}" y2="{horizon - 300}" stroke="#5b5560" stroke-width="8"/>')
    if name in ("hill", "park", "sky"):
        n = w // 160
        for _ in range(n):
            x = rnd.randint(0, w)
            y = horizon + rnd.randint(10, max(11, (h - horizon) // 2))
            r = rnd.randint(40, 90)
            trunk = "#5e4530" if not night else "#2b2230"
            crown = rnd.choice(["#4f8a3c", "#5f9a48", "#3f7a34"] if not night else ["#1f3a34", "#24403a"])
            add(f'<rect x="{x - 8}" y="{y - r}" width="16" height="{r + 10}" fill="{trunk}"/>')
            add(f'<circle cx="{x}" cy="{y - r - r // 2}" r="{r}" fill="{crown}"/>')
        for _ in range(w // 60):
            x = rnd.randint(0, w)
            y = rnd.randint(horizon + 20, h - 10)
            add(f'<path d="M{x} {y} l6 -18 l6 18" fill="none" stroke="{"#4a6b34" if not night else "#1d2e2a"}" stroke-width="3"/>')
    if name == "park":
        add(f'<path d="M{w // 2 - 120} {h} Q{w // 2} {horizon + 200} {w // 2 + 400} {horizon} L{w // 2 + 460} {horizon} '
            f'Q{w // 2 + 100} {horizon + 220} {w // 2 + 160} {h} Z" fill="#d8c79c"/>')
        for i in range(4):
            x = 300 + i * 620 + rnd.randint(-40, 40)
            y = horizon + 220 + rnd.randint(-30, 30)
            add(f'<rect x="{x}" y="{y}" width="220" height="20" fill="#8c5a3a" stroke="#4a3020" stroke-width="3"/>')
            add(f'<rect x="{x}" y="{y - 60}" width="220" height="14" fill="#8c5a3a" stroke="#4a3020" stroke-width="3"/>')
    return el


def write_background(path, name, w, h, night, rnd):
    body = background_svg(name, w, h, night, rnd)
    kind = "pan background" if (w > FIELD_W or h > FIELD_H) else "background"
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<!-- {name}: a synthetic {kind} of {w}x{h} (scripts/make-episode.py) -->\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">\n  '
            + "\n  ".join(body) + "\n</svg>\n")
    write_text(path, text)


# ---------------------------------------------------------------------------------------------
# Drawings. A figure is a set of closed outlines that do not touch one another (so the
# in-betweener pairs and moves them part by part and no sliver opens between them), each with a
# paint mark well inside, plus filled details (eyes, fringe, buttons) that keep their fill.


class Xf:
    """A similarity: rotate by `deg` about the origin, scale by s, then move by (tx, ty)."""

    def __init__(self, tx=0.0, ty=0.0, deg=0.0, s=1.0):
        a = math.radians(deg)
        self.c, self.sn, self.s, self.tx, self.ty = math.cos(a) * s, math.sin(a) * s, s, tx, ty

    def __call__(self, p):
        x, y = p
        return (self.c * x - self.sn * y + self.tx, self.sn * x + self.c * y + self.ty)

    def then(self, outer):
        """outer(self(p))."""
        r = Xf()
        r.c = outer.c * self.c - outer.sn * self.sn
        r.sn = outer.sn * self.c + outer.c * self.sn
        r.s = outer.s * self.s
        r.tx, r.ty = outer((self.tx, self.ty))
        return r


def about(pivot, deg):
    """Rotation by deg about a point."""
    px, py = pivot
    a = math.radians(deg)
    c, s = math.cos(a), math.sin(a)
    return Xf(px - c * px + s * py, py - s * px - c * py, deg)


def poly_d(pts, closed=True):
    d = "M" + " L".join(f"{num(x)} {num(y)}" for x, y in pts)
    return d + (" Z" if closed else "")


def capsule(a, b, half_a, half_b=None, steps=6):
    """The closed outline of a limb from a to b, round at both ends: half_a wide at a, half_b at
    b. A limb that tapers has no half-turn symmetry, so the in-betweener cannot pair it the wrong
    way round."""
    if half_b is None:
        half_b = half_a
    ang = math.atan2(b[1] - a[1], b[0] - a[0])
    pts = []
    for end, half, base in ((b, half_b, ang - math.pi / 2), (a, half_a, ang + math.pi / 2)):
        for k in range(steps + 1):
            t = base + math.pi * k / steps
            pts.append((end[0] + half * math.cos(t), end[1] + half * math.sin(t)))
    return pts


def egg(r, back, half, n=24):
    """A closed oval r long in front of its centre, back*r behind, half*r to either side."""
    pts = []
    for k in range(n):
        t = 2 * math.pi * k / n
        c = math.cos(t)
        pts.append(((r if c >= 0 else back * r) * c, half * r * math.sin(t)))
    return pts


def ellipse_pts(cx, cy, rx, ry, n=16):
    return [(cx + rx * math.cos(2 * math.pi * k / n), cy + ry * math.sin(2 * math.pi * k / n)) for k in range(n)]


def bezier(p0, p1, p2, p3, n):
    out = []
    for k in range(n + 1):
        t = k / n
        u = 1 - t
        out.append((u ** 3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t ** 3 * p3[0],
                    u ** 3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t ** 3 * p3[1]))
    return out


def quad(p0, p1, p2, n):
    out = []
    for k in range(n + 1):
        t = k / n
        u = 1 - t
        out.append((u * u * p0[0] + 2 * u * t * p1[0] + t * t * p2[0], u * u * p0[1] + 2 * u * t * p1[1] + t * t * p2[1]))
    return out


def lerp(a, b, t):
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


# The figure in its own coordinates (y down, the body's centre at the origin, about 570 tall).
BODY = [(-60, -95), (60, -95), (95, 110), (-95, 110)]
TRACE_P = lerp(BODY[0], BODY[3], 0.55)          # on the left edge
TRACE_Q = lerp(BODY[3], BODY[2], 0.28)          # on the hem
SHADOW_MARK = ((BODY[3][0] + TRACE_P[0] + TRACE_Q[0]) / 3, (BODY[3][1] + TRACE_P[1] + TRACE_Q[1]) / 3)
HEAD_C, HEAD_R = (0, -185), 65
SHOULDER_L, SHOULDER_R = (-108, -72), (108, -72)
ARM_LEN, ARM_HALF = 140, 14
HIP_L, HIP_R = (-38, 150), (38, 150)
LEG_LEN, LEG_HALF = 100, 15
FIGURE_HALF_W, FIGURE_TOP, FIGURE_BOTTOM = 262, 302, 265


def figure_elements(pose, look):
    """SVG elements of one pose of a figure: dict pose (x, y, s, lean, head, arm_l, arm_r, leg_l,
    leg_r) and look (hair, cloth)."""
    s = pose["s"]
    place = about((0, FIGURE_BOTTOM), pose["lean"]).then(Xf(pose["x"], pose["y"], 0, s))
    head = about(HEAD_C, pose["head"]).then(place)
    el = []

    def path(pts, xf, closed=True, extra=""):
        el.append(f'<path d="{poly_d([xf(p) for p in pts], closed)}"{extra}/>')

    def mark(p, xf, style, r=4):
        x, y = xf(p)
        el.append(f'<circle cx="{num(x)}" cy="{num(y)}" r="{r}" data-paint="{style}"/>')

    hair, cloth = look["hair"], look["cloth"]
    # legs, from the hips down (they turn a little about the hip)
    for hip, deg, sign in ((HIP_L, pose["leg_l"], -1), (HIP_R, pose["leg_r"], 1)):
        foot = (hip[0] + sign * LEG_LEN * math.sin(math.radians(deg)), hip[1] + LEG_LEN * math.cos(math.radians(deg)))
        path(capsule(hip, foot, LEG_HALF, LEG_HALF - 5), place)
        mark(lerp(hip, foot, 0.5), place, "shoe")
    # the body, its shadow's colour trace line and two buttons
    path(BODY, place)
    path([TRACE_P, TRACE_Q], place, False, f' stroke="{TRACE}" stroke-width="3"')
    mark((30, 40), place, cloth)
    mark(SHADOW_MARK, place, cloth + ".shadow")
    for by in (-60, -22):
        path(ellipse_pts(0, by, 7, 7, 12), place, True, f' fill="{COLOR["button"]}" stroke-width="3"')
    # arms: each turns about its shoulder, outward from hanging down (12) to raised (160 degrees)
    for sh, deg, sign in ((SHOULDER_L, pose["arm_l"], -1), (SHOULDER_R, pose["arm_r"], 1)):
        a = math.radians(deg)
        hand = (sh[0] + sign * ARM_LEN * math.sin(a), sh[1] + ARM_LEN * math.cos(a))
        path(capsule(sh, hand, ARM_HALF, ARM_HALF - 5), place)
        mark(lerp(sh, hand, 0.55), place, "skin")
    # the head: outline, bun, fringe, eyes and mouth, tilted together about the head's centre
    path(ellipse_pts(HEAD_C[0], HEAD_C[1], HEAD_R, HEAD_R, 32), head)
    mark((0, -156), head, "skin")
    path(ellipse_pts(0, -283, 18, 18, 16), head)
    mark((0, -283), head, hair)
    fringe = bezier((-40, -206), (-32, -238), (32, -238), (40, -206), 10) + quad((40, -206), (0, -218), (-40, -206), 6)[1:-1]
    path(fringe, head, True, f' fill="{COLOR[hair]}" stroke-width="3"')
    for ex in (-24, 24):
        path(ellipse_pts(ex, -178, 7, 10, 12), head, True, f' fill="{LINE}" stroke="none"')
    mouth = quad((-14, -142), (0, -132 + pose.get("smile", 0)), (14, -142), 6)
    path(mouth, head, False, f' stroke="{COLOR["mouth"]}" stroke-width="3"')
    return el


def flock_elements(pose, look):
    """A few separate small shapes (stars, leaves or petals) drifting: pose["items"] is a list of
    (x, y, deg) and look (kind, r)."""
    kind, r = look["kind"], look["r"]
    el = []
    for x, y, deg in pose["items"]:
        xf = Xf(x, y, deg, 1.0)
        if kind == "star":  # a plump star: its tips are wide enough not to pinch off a pocket
            pts = [((r if k % 2 == 0 else r * 0.66) * math.sin(math.pi * k / 5),
                    -(r if k % 2 == 0 else r * 0.66) * math.cos(math.pi * k / 5)) for k in range(10)]
        elif kind == "leaf":
            pts = egg(r, 0.55, 0.5)
        else:  # a petal
            pts = egg(r, 0.7, 0.65)
        el.append(f'<path d="{poly_d([xf(p) for p in pts])}"/>')
        mx, my = xf((0, 0))
        el.append(f'<circle cx="{num(mx)}" cy="{num(my)}" r="4" data-paint="{FLOCKS[kind]}"/>')
    return el


def drawing_svg(what, elements):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<!-- {what} (scripts/make-episode.py): line art for ink and paint, canvas = the 1920x1080 field;\n'
            '     each data-paint circle marks a region for the painter. -->\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{FIELD_W}" height="{FIELD_H}" viewBox="0 0 {FIELD_W} {FIELD_H}">\n'
            f'  <g stroke="{LINE}" stroke-width="5" stroke-linejoin="round" stroke-linecap="round" fill="none">\n    '
            + "\n    ".join(elements) + "\n  </g>\n</svg>\n")


def clamp(v, lo, hi):
    return max(lo, min(hi, v))


def figure_bounds(s):
    return (FIGURE_HALF_W * s + 24, FIELD_W - FIGURE_HALF_W * s - 24,
            FIGURE_TOP * s + 24, FIELD_H - FIGURE_BOTTOM * s - 24)


def figure_pose(rnd, x, y, s):
    return {"x": x, "y": y, "s": s, "lean": rnd.uniform(-2, 2), "head": rnd.uniform(-6, 6),
            "arm_l": rnd.uniform(14, 60), "arm_r": rnd.uniform(14, 60),
            "leg_l": rnd.uniform(2, 8), "leg_r": rnd.uniform(2, 8), "smile": rnd.uniform(0, 4)}


def figure_next(rnd, p):
    """The next key: the same figure moved, turned, arms swung (at most 45 degrees a key)."""
    x0, x1, y0, y1 = figure_bounds(p["s"])
    q = dict(p)
    q["x"] = clamp(p["x"] + rnd.uniform(-60, 60), x0, x1)
    q["y"] = clamp(p["y"] + rnd.uniform(-18, 18), y0, y1)
    q["lean"] = clamp(p["lean"] + rnd.uniform(-2, 2), -3, 3)
    q["head"] = clamp(p["head"] + rnd.uniform(-8, 8), -10, 10)
    for k in ("arm_l", "arm_r"):
        q[k] = clamp(p[k] + rnd.uniform(-45, 45), 14, 158)
    for k in ("leg_l", "leg_r"):
        q[k] = clamp(p[k] + rnd.uniform(-5, 5), 0, 10)
    q["smile"] = clamp(p["smile"] + rnd.uniform(-3, 3), 0, 6)
    return q


def flock_pose(rnd, look):
    r = look["r"]
    cols, rows = look["grid"]
    x0, y0 = look["origin"]
    items = []
    for i in range(cols):
        for j in range(rows):
            if len(items) < look["count"]:
                items.append((x0 + i * 300 + rnd.uniform(-30, 30), y0 + j * 260 + rnd.uniform(-30, 30), rnd.uniform(0, 60)))
    return {"items": items, "r": r}


def flock_next(rnd, p, look):
    """The next key: the flock drifts together (never pushed against the edge, so the shapes keep
    apart), each shape a little on its own, and turns."""
    r = look["r"]
    jit = 12
    lo_x = r + 40 + jit - min(x for x, _, _ in p["items"])
    hi_x = FIELD_W - r - 40 - jit - max(x for x, _, _ in p["items"])
    lo_y = r + 40 + jit - min(y for _, y, _ in p["items"])
    hi_y = FIELD_H - r - 40 - jit - max(y for _, y, _ in p["items"])
    dx = clamp(rnd.uniform(-55, 55), min(0, lo_x), max(0, hi_x))
    dy = clamp(rnd.uniform(-40, 40), min(0, lo_y), max(0, hi_y))
    items = [(x + dx + rnd.uniform(-jit, jit), y + dy + rnd.uniform(-jit, jit), deg + rnd.uniform(-25, 25))
             for x, y, deg in p["items"]]
    return {"items": items, "r": r}


def between(p, q, t):
    """A pose part way from p to q (for a breakdown an artist drew)."""
    if "items" in p:
        return {"items": [(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t + 12, a[2] + (b[2] - a[2]) * t)
                          for a, b in zip(p["items"], q["items"])], "r": p["r"]}
    out = {k: p[k] + (q[k] - p[k]) * t for k in p}
    out["y"] = p["y"] + (q["y"] - p["y"]) * t - 10  # a little up on the way, as a breakdown has it
    return out


# ---------------------------------------------------------------------------------------------
# Sound: all mono 48 kHz 16-bit, built from short pieces computed once and copied, so an episode's
# worth of takes is quick to write.

def to_pcm(samples):
    a = array.array("h", (int(clamp(round(v * 32767), -32768, 32767)) for v in samples))
    return a


def write_wav(path, pcm, channels=1):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if sys.byteorder == "big":
        pcm = array.array("h", pcm)
        pcm.byteswap()
    with wave.open(path, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm.tobytes())


VOWELS = [  # relative strengths of the first 8 harmonics, a rough formant colour per vowel
    [1.0, 0.9, 0.7, 0.5, 0.35, 0.2, 0.12, 0.08],
    [1.0, 0.35, 0.15, 0.1, 0.2, 0.3, 0.25, 0.12],
    [1.0, 0.6, 0.2, 0.08, 0.05, 0.04, 0.03, 0.02],
    [1.0, 0.7, 0.45, 0.3, 0.3, 0.22, 0.1, 0.05],
    [1.0, 0.8, 0.4, 0.15, 0.08, 0.05, 0.03, 0.02],
]


def syllable(rnd, f0):
    """A few hundred ms of voice: a gliding tone with a vowel's harmonics, an attack and decay,
    a consonant's burst of noise at its start and a little breath throughout."""
    n = int(RATE * rnd.uniform(0.12, 0.30))
    weights = rnd.choice(VOWELS)
    norm = sum(weights)
    f_start = f0 * rnd.uniform(0.9, 1.15)
    f_end = f0 * rnd.uniform(0.8, 1.05)
    burst = int(RATE * rnd.uniform(0.0, 0.035))
    amp = rnd.uniform(0.35, 0.6)
    vib = rnd.uniform(4, 7)
    out = [0.0] * n
    phase = 0.0
    two_pi = 2 * math.pi
    attack, release = int(RATE * 0.02), int(RATE * 0.06)
    for i in range(n):
        t = i / n
        f = f_start + (f_end - f_start) * t + 2.0 * math.sin(two_pi * vib * i / RATE)
        phase += two_pi * f / RATE
        v = 0.0
        for k, w in enumerate(weights, 1):
            v += w * math.sin(k * phase)
        env = min(1.0, i / attack, (n - i) / release) if i >= burst else 0.0
        noise = rnd.uniform(-1, 1)
        out[i] = amp * env * v / norm + (0.25 if i < burst else 0.02) * noise * (1 - t * 0.5)
    return to_pcm(out)


class Voices:
    def __init__(self, rnd, speakers):
        self.rnd = rnd
        self.pool = {}
        for name, f0 in speakers:
            self.pool[name] = [syllable(rnd, f0) for _ in range(18)]
        self.hiss = to_pcm(rnd.uniform(-1, 1) * 0.0015 for _ in range(RATE))

    def silence(self, n):
        out = array.array("h")
        while n > 0:
            k = min(n, len(self.hiss))
            start = self.rnd.randrange(0, len(self.hiss) - k + 1)
            out.extend(self.hiss[start:start + k])
            n -= k
        return out

    def take(self, speaker, seconds, words):
        """About `seconds` of speech: syllables in words, with small gaps and pauses between words."""
        total = int(RATE * seconds)
        pcm = self.silence(int(RATE * self.rnd.uniform(0.03, 0.07)))
        pool = self.pool[speaker]
        while True:
            syllables = self.rnd.randint(1, 3)
            for _ in range(syllables):
                s = self.rnd.choice(pool)
                if len(pcm) + len(s) > total - int(RATE * 0.05):
                    break
                pcm.extend(s)
                pcm.extend(self.silence(int(RATE * self.rnd.uniform(0.01, 0.04))))
            else:
                pcm.extend(self.silence(int(RATE * self.rnd.uniform(0.06, 0.16))))
                continue
            break
        if len(pcm) < total:
            pcm.extend(self.silence(total - len(pcm)))
        return pcm[:total]


def sfx(name, rnd):
    out = []
    if name == "pop":  # a falling blip
        n = int(RATE * 0.18)
        phase = 0.0
        for i in range(n):
            t = i / n
            phase += 2 * math.pi * (1200 - 900 * t) / RATE
            out.append(0.6 * math.sin(phase) * (1 - t) ** 2)
    elif name == "whoosh":  # noise swelling and fading, smoothed to a band
        n = int(RATE * 1.2)
        lo = hi = 0.0
        for i in range(n):
            t = i / n
            x = rnd.uniform(-1, 1)
            lo += (x - lo) * (0.02 + 0.1 * t)
            hi += (lo - hi) * 0.3
            out.append(2.2 * (lo - hi * 0.5) * math.sin(math.pi * t) ** 2)
    elif name == "thud":  # a low knock
        n = int(RATE * 0.4)
        for i in range(n):
            t = i / RATE
            out.append(0.8 * math.sin(2 * math.pi * (70 + 40 * math.exp(-t * 30)) * t) * math.exp(-t * 12)
                       + 0.1 * rnd.uniform(-1, 1) * math.exp(-t * 60))
    elif name == "chime":  # a bell: a few inharmonic partials ringing down
        n = int(RATE * 1.5)
        partials = [(880, 0.4, 3), (880 * 2.76, 0.2, 5), (880 * 5.4, 0.1, 8), (1320, 0.15, 4)]
        for i in range(n):
            t = i / RATE
            out.append(sum(a * math.sin(2 * math.pi * f * t) * math.exp(-t * d) for f, a, d in partials))
    elif name == "steps":  # four footsteps
        n = int(RATE * 1.6)
        out = [0.0] * n
        for k in range(4):
            at = int(RATE * (0.05 + 0.4 * k))
            lo = 0.0
            for i in range(int(RATE * 0.08)):
                lo += (rnd.uniform(-1, 1) - lo) * 0.15
                out[at + i] += 1.6 * lo * math.exp(-i / (RATE * 0.015))
    elif name == "wind":  # an ambience bed, to duck under dialogue
        n = int(RATE * 3.0)
        lo = 0.0
        for i in range(n):
            t = i / n
            lo += (rnd.uniform(-1, 1) - lo) * 0.01
            out.append(3.0 * lo * (0.6 + 0.4 * math.sin(2 * math.pi * 0.7 * t * 3)) * min(1.0, t * 8, (1 - t) * 8))
    return to_pcm(out)


SFX = ["pop", "whoosh", "thud", "chime", "steps", "wind"]

NOTE = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}


def freq(note, octave):
    return 440.0 * 2 ** ((NOTE[note] + 12 * (octave - 4) - 9) / 12)


PROGRESSIONS = [
    [("C", [("C", 4), ("E", 4), ("G", 4)]), ("A", [("A", 3), ("C", 4), ("E", 4)]),
     ("F", [("F", 3), ("A", 3), ("C", 4)]), ("G", [("G", 3), ("B", 3), ("D", 4)])],
    [("A", [("A", 3), ("C", 4), ("E", 4)]), ("F", [("F", 3), ("A", 3), ("C", 4)]),
     ("C", [("C", 4), ("E", 4), ("G", 4)]), ("G", [("G", 3), ("B", 3), ("D", 4)])],
    [("D", [("D", 4), ("F", 4), ("A", 4)]), ("G", [("G", 3), ("B", 3), ("D", 4)]),
     ("C", [("C", 4), ("E", 4), ("G", 4)]), ("A", [("A", 3), ("C", 4), ("E", 4)])],
]


def music_bar(root, notes, bar_s, rnd):
    """One bar: a soft pad of the chord, the root plucked on each beat, an arpeggio on eighths."""
    n = int(RATE * bar_s)
    beat = n // 4
    eighth = n // 8
    rf = freq(root, 2)
    fs = [freq(nm, o) for nm, o in notes]
    arp = [fs[k % 3] * 2 for k in (0, 1, 2, 1, 0, 2, 1, 2)]
    out = [0.0] * n
    two_pi = 2 * math.pi
    for i in range(n):
        t = i / RATE
        env = min(1.0, i / (RATE * 0.25), (n - i) / (RATE * 0.25))
        pad = sum(math.sin(two_pi * f * t) + 0.3 * math.sin(two_pi * 2 * f * t) for f in fs) * 0.06 * env
        bt = (i % beat) / RATE
        bass = 0.22 * math.sin(two_pi * rf * t) * math.exp(-bt * 4)
        et = (i % eighth) / RATE
        a = arp[min(7, i // eighth)]
        pluck = 0.08 * math.sin(two_pi * a * t) * math.exp(-et * 9)
        out[i] = pad + bass + pluck
    return to_pcm(out)


def music_file(index, seconds, rnd):
    bar_s = rnd.choice([2.0, 2.4])
    bars = [music_bar(root, notes, bar_s, rnd) for root, notes in PROGRESSIONS[index % len(PROGRESSIONS)]]
    pcm = array.array("h")
    k = 0
    total = int(RATE * seconds)
    while len(pcm) < total:
        pcm.extend(bars[k % len(bars)])
        k += 1
    pcm = pcm[:total]
    fade = int(RATE * 1.0)
    for i in range(fade):  # the loop's end, faded so it never clicks
        pcm[total - fade + i] = int(pcm[total - fade + i] * (1 - i / fade))
    return pcm


# ---------------------------------------------------------------------------------------------
# The episode

SPEAKERS = [("MIO", 230.0), ("HARU", 135.0), ("SORA", 205.0), ("KENJI", 110.0)]
WORDS = ("the a we you it star sky town river bridge wait look here there now later today tomorrow "
         "school home run walk come go see hear think know never always maybe really again together "
         "hey okay sorry thanks please right wrong wind light dark quiet fast slow little big first "
         "last one two promise remember forget summer evening morning train station rain cloud").split()


def sentence(rnd, words):
    w = [rnd.choice(WORDS) for _ in range(words)]
    w[0] = w[0].capitalize()
    if words > 4 and rnd.random() < 0.4:
        w[rnd.randint(1, words - 3)] += ","
    return " ".join(w) + rnd.choice([".", ".", ".", "!", "?", "..."])


def durations(rnd, n, total):
    raw = [clamp(rnd.lognormvariate(math.log(3.8), 0.55), 1.0, 12.0) * FPS for _ in range(n)]
    for _ in range(30):
        f = total / sum(raw)
        raw = [clamp(d * f, MIN_CUT, MAX_CUT) for d in raw]
    out = [int(round(d)) for d in raw]
    i = 0
    guard = 0
    while sum(out) != total and guard < 100000:
        step = 1 if sum(out) < total else -1
        k = i % n
        if MIN_CUT <= out[k] + step <= MAX_CUT:
            out[k] += step
        i += 7 if n % 7 else 1
        guard += 1
    return out


class Stats:
    def __init__(self):
        self.frames = self.drawings = self.inbetweens = self.takes = self.sounds = self.music = 0
        self.layers = self.keyed = 0
        self.cameras = {"still": 0, "pan": 0, "track-in": 0, "track-out": 0}


def write_text(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def pick(rnd, weighted):
    total = sum(w for _, w in weighted)
    x = rnd.uniform(0, total)
    for v, w in weighted:
        x -= w
        if x <= 0:
            return v
    return weighted[-1][0]


def camera_keys(rnd, bg, dur, stats):
    """Camera keys that keep the whole frame on the background: every key is inside at zoom 1,
    and zooms are 1 or more, so every frame between keys is inside too."""
    _, bw, bh, _ = bg
    x_lo, x_hi, y_lo, y_hi = FIELD_W // 2, bw - FIELD_W // 2, FIELD_H // 2, bh - FIELD_H // 2
    can_pan = (x_hi - x_lo) >= 300 or (y_hi - y_lo) >= 300
    kinds = [("still", 45), ("track-in", 18), ("track-out", 5)] + ([("pan", 40)] if can_pan and dur >= 36 else [])
    if dur < 36:
        kinds = [("still", 1)]
    kind = pick(rnd, kinds)
    stats.cameras[kind] += 1
    x, y = rnd.randint(x_lo, x_hi), rnd.randint(y_lo, y_hi)
    if kind == "still":
        return kind, [{"frame": 0, "x": x, "y": y, "zoom": rnd.choice([1.0, 1.0, 1.0, 1.1, 1.2])}]
    start = rnd.choice([0, 0, 6, 12]) if dur >= 60 else 0
    end = dur - 1 - rnd.choice([0, 6, 12, 18] if dur >= 72 else [0])
    if kind == "pan":
        horizontal = (x_hi - x_lo) >= (y_hi - y_lo)
        speed = rnd.uniform(120, 420)  # background pixels a second
        reach = speed * (end - start) / FPS
        if horizontal:
            room = x_hi - x_lo
            dist = min(room, max(200, reach))
            ax = rnd.randint(x_lo, x_hi - int(dist))
            a, b = (ax, y), (ax + int(dist), y + (rnd.randint(-40, 40) if y_hi - y_lo > 80 else 0))
        else:
            room = y_hi - y_lo
            dist = min(room, max(200, reach))
            ay = rnd.randint(y_lo, y_hi - int(dist))
            a, b = (x, ay), (x, ay + int(dist))
        b = (clamp(b[0], x_lo, x_hi), clamp(b[1], y_lo, y_hi))
        if rnd.random() < 0.5:
            a, b = b, a
        keys = [{"frame": start, "x": a[0], "y": a[1], "zoom": 1.0, "ease": rnd.choice(["ease-in-out", "ease-in-out", "linear", "ease-out"])},
                {"frame": end, "x": b[0], "y": b[1], "zoom": 1.0}]
    else:
        z = round(rnd.uniform(1.15, 1.5), 2)
        z0, z1 = (1.0, z) if kind == "track-in" else (z, 1.0)
        keys = [{"frame": start, "x": x, "y": y, "zoom": z0, "ease": rnd.choice(["ease-in-out", "ease-out", "linear"])},
                {"frame": end, "x": x, "y": clamp(y + rnd.randint(-30, 30), y_lo, y_hi), "zoom": z1}]
    if keys[0]["frame"] >= keys[-1]["frame"]:
        keys = keys[:1]
    return kind, keys


def sheet_cells(rnd, names, on, dur, mode):
    """A column: hold the first drawing, then go through the drawings and back (holding at the
    ends), as long as the cut lasts; the last cell holds to the end."""
    cells = []
    total = 0

    def add(name, frames):
        nonlocal total
        if total + frames > dur:
            return False
        cells.append((name, frames))
        total += frames
        return True

    blank = 0
    if mode != "hold" and dur >= 72 and rnd.random() < 0.08:
        blank = on * rnd.randint(3, 6)
        add("x", blank)
    if len(names) == 1:
        add(names[0], max(on, dur - total))
        return cells
    if not add(names[0], on * rnd.randint(2, 8)):
        add(names[0], dur - total)
        return cells
    forward = True
    cycle = mode == "cycle" and rnd.random() < 0.5
    while True:
        seq = names[1:] if forward else list(reversed(names[:-1]))
        if cycle and forward is False:
            seq = names[:]
        for k, nm in enumerate(seq):
            last = k == len(seq) - 1
            frames = on * (rnd.randint(2, 6) if last else 1)
            if not add(nm, frames):
                return cells
        if not cycle:
            forward = not forward
        else:
            forward = False


def column_text(cells, on):
    out = []
    for name, frames in cells:
        out.append(name if frames == on else f"{name}:{frames}")
    return " ".join(out)


def make_cut(root, cut_id, index, dur, bg, speakers, rnd, voices, stats):
    stats.frames += dur
    bg_name, bw, bh, night = bg
    cam_kind, keys = camera_keys(rnd, bg, dur, stats)
    toml = [f"# {cut_id}: synthetic cut (scripts/make-episode.py), {dur / FPS:.2f} s, "
            f"{cam_kind} on {bg_name}", f'duration = "{tc(dur)}"',
            f'background = "design/backgrounds/{bg_name}.svg"']
    if night:
        toml.append('variant = "night"')
    for k in keys:
        toml += ["", "[[camera]]", f'frame = "{tc(k["frame"])}"', f"x = {k['x']}", f"y = {k['y']}",
                 f"zoom = {k['zoom']:g}"]
        if "ease" in k and len(keys) > 1:
            toml.append(f'ease = "{k["ease"]}"')

    n_layers = pick(rnd, [(1, 40), (2, 40), (3, 20)])
    layer_toml, sheet, timing = [], [], []
    used_x = []
    for li in range(n_layers):
        name = "ABC"[li]
        stats.layers += 1
        on = pick(rnd, [(1, 15), (2, 60), (3, 25)])
        kind = "figure" if li == 0 or (li == 1 and rnd.random() < 0.6) else "flock"
        mode = pick(rnd, [("hold", 25), ("cycle", 25), ("keys", 50)])
        if dur < 24 + 12:
            mode = "hold" if rnd.random() < 0.5 else mode
        attach = None
        if kind == "figure":
            s = round(rnd.uniform(0.85, 1.25), 3)
            x0, x1, y0, y1 = figure_bounds(s)
            x = rnd.uniform(x0, x1)
            for _ in range(8):  # two figures apart from each other
                if all(abs(x - u) > 500 for u in used_x):
                    break
                x = rnd.uniform(x0, x1)
            used_x.append(x)
            look = {"hair": rnd.choice(HAIRS), "cloth": rnd.choice(CLOTHES)}
            first = figure_pose(rnd, x, rnd.uniform(y0, y1), s)
            nxt = lambda p: figure_next(rnd, p)  # noqa: E731
            elements = lambda p: figure_elements(p, look)  # noqa: E731
            what = f"{cut_id} layer {name}: a figure in {look['cloth']} with {look['hair']}"
            if cam_kind == "pan" and li == 0 and rnd.random() < 0.5:
                # stands on the ground: attached to the background, where the pan ends
                end = keys[-1]
                attach = [end["x"] - FIELD_W // 2 + rnd.randint(-200, 200), end["y"] - FIELD_H // 2]
        else:
            fk = rnd.choice(sorted(FLOCKS))
            cols, rows = rnd.choice([(2, 2), (3, 1), (3, 2), (4, 2), (5, 1)])
            r = rnd.randint(26, 42)
            look = {"kind": fk, "r": r, "grid": (cols, rows), "count": rnd.randint(max(2, cols * rows - 2), cols * rows),
                    "origin": (rnd.uniform(r + 110, FIELD_W - r - 110 - 300 * (cols - 1)),
                               rnd.uniform(r + 100, FIELD_H - r - 100 - 260 * (rows - 1)))}
            first = flock_pose(rnd, look)
            nxt = lambda p, look=look: flock_next(rnd, p, look)  # noqa: E731
            elements = lambda p, look=look: flock_elements(p, look)  # noqa: E731
            what = f"{cut_id} layer {name}: drifting {fk}s"

        drawn = {}  # name -> pose
        chart = None
        if mode == "hold":
            drawn["1"] = first
            names = ["1"]
        elif mode == "cycle":
            count = rnd.randint(2, 4)
            names = [str(i + 1) for i in range(count)]
            pose = first
            for nm in names:
                drawn[nm] = pose
                pose = nxt(pose)
        else:
            n_keys = rnd.choice([2, 2, 3])
            gap = rnd.choice([1, 2, 2, 3, 3])
            names = [str(i + 1) for i in range((n_keys - 1) * (gap + 1) + 1)]
            key_names = names[::gap + 1]
            pose = first
            key_poses = []
            for kn in key_names:
                drawn[kn] = pose
                key_poses.append(pose)
                pose = nxt(pose)
            if gap == 3 and rnd.random() < 0.3:  # a breakdown the key animator drew
                mid = str(1 + 2)
                drawn[mid] = between(key_poses[0], key_poses[1], 0.5)
            chart = " ".join(f"({nm})" if nm in key_names else nm for nm in names)
            spacing = rnd.choice(["even", "even", "ease-in", "ease-out", "ease-in-out", "fractions"])
            if spacing == "fractions":
                fr = sorted(round(rnd.uniform(0.1, 0.9), 2) for _ in range(gap))
                while len(set(fr)) < gap:
                    fr = sorted(round(rnd.uniform(0.1, 0.9), 2) for _ in range(gap))
                spacing = "[" + ", ".join(f"{v:g}" for v in fr) + "]"
            else:
                spacing = f'"{spacing}"'
            timing += ["", "[[timing]]", f'layer = "{name}"', f'chart = "{chart}"', f"spacing = {spacing}"]
            stats.keyed += 1

        for nm in sorted(drawn, key=int):
            write_text(os.path.join(root, "cuts", cut_id, name, nm + ".svg"),
                       drawing_svg(f"{what}, drawing {nm}" + (" (key)" if chart and f"({nm})" in chart.split() else ""),
                                   elements(drawn[nm])))
            stats.drawings += 1
        cells = sheet_cells(rnd, names, on, dur, mode)
        exposed = sorted({c for c, _ in cells if c != "x"}, key=int)
        stats.inbetweens += sum(1 for nm in exposed if nm not in drawn)
        layer_toml += ["", "[[layers]]", f'name = "{name}"', f"on = {on}"]
        if attach:
            layer_toml += ['attach = "background"', f"offset = [{attach[0]}, {attach[1]}]"]
        sheet.append(f'{name} = "{column_text(cells, on)}"')

    toml += layer_toml
    toml += ["", "[sheet]"] + sheet
    toml += timing

    # sound effects
    if rnd.random() < 0.35:
        for _ in range(rnd.randint(1, 2)):
            f = rnd.randint(0, max(0, dur - 12))
            sfx_name = rnd.choice(SFX)
            toml += ["", "[[sound]]", f'file = "sound/sfx/{sfx_name}.wav"', f'frame = "{tc(f)}"',
                     f"gain_db = {rnd.randint(-9, -2)}"]
            if sfx_name == "wind":
                toml.append("duck = true")
            elif rnd.random() < 0.3:
                toml.append(f"pan = {rnd.choice([-0.6, -0.3, 0.3, 0.6]):g}")
            stats.sounds += 1

    # dialogue: lines that do not overlap and end inside the cut, each with its take
    if dur >= 36 and rnd.random() < 0.5:
        at = rnd.randint(4, 12)
        for k in range(rnd.randint(1, 2)):
            room = dur - 3 - at
            if room < 18:
                break
            words = rnd.randint(2, 7)
            length = min(room, int(round((0.35 + words / 3.0) * FPS)))
            if length < 18:
                break
            speaker = speakers[(index + k) % len(speakers)] if rnd.random() < 0.8 else rnd.choice(speakers)
            take = f"sound/dialogue/{cut_id}_{k + 1:02d}.wav"
            toml += ["", "[[dialogue]]", f'speaker = "{speaker}"', f'text = "{sentence(rnd, words)}"',
                     f'frame = "{tc(at)}"', f'length = "{tc(length)}"', f'take = "{take}"']
            write_wav(os.path.join(root, take), voices.take(speaker, length / FPS * rnd.uniform(0.85, 0.97), words))
            stats.takes += 1
            at += length + rnd.randint(6, 14)
    write_text(os.path.join(root, "cuts", cut_id, "cut.toml"), "\n".join(toml) + "\n")


def main():
    ap = argparse.ArgumentParser(description="Write a synthetic Sakuga episode project.")
    ap.add_argument("out", help="the project folder to write (must not exist or be empty)")
    ap.add_argument("--minutes", type=float, required=True, help="episode length in minutes (fractional ok)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if not (args.minutes > 0) or args.minutes > 600:
        print("make-episode: --minutes must be more than 0 (and at most 600)", file=sys.stderr)
        return 2
    root = args.out
    if os.path.exists(root) and (not os.path.isdir(root) or os.listdir(root)):
        print(f"make-episode: {root} exists and is not an empty folder; refusing to write into it", file=sys.stderr)
        return 2
    os.makedirs(root, exist_ok=True)

    def rng(purpose):
        return random.Random(f"make-episode/{args.seed}/{purpose}")

    stats = Stats()
    total = max(FPS, int(round(args.minutes * 60 * FPS)))
    n = max(1, int(round(args.minutes * CUTS_PER_MINUTE)))
    n = max(n, -(-total // MAX_CUT))
    n = min(n, total // MIN_CUT)
    lengths = durations(rng("durations"), n, total)
    width = max(3, len(str(n)))
    cut_ids = [f"c{i + 1:0{width}d}" for i in range(n)]

    # backgrounds and the palette
    for name, w, h, night in BACKGROUNDS:
        write_background(os.path.join(root, "design", "backgrounds", name + ".svg"), name, w, h, night, rng("bg/" + name))
    write_text(os.path.join(root, "design", "palettes", "cast.toml"), palette_toml())

    # sound effects
    for name in SFX:
        write_wav(os.path.join(root, "sound", "sfx", name + ".wav"), sfx(name, rng("sfx/" + name)))

    # scenes: runs of 3-12 cuts at one place, with two of the cast speaking
    srnd = rng("scenes")
    scenes = []
    i = 0
    prev = None
    while i < n:
        k = srnd.randint(3, 12)
        choices = [b for b in BACKGROUNDS if b is not prev]
        bg = srnd.choice(choices)
        pair = srnd.sample([s for s, _ in SPEAKERS], 2)
        scenes.append((i, min(n, i + k), bg, pair))
        prev = bg
        i += k
    voices = Voices(rng("voices"), SPEAKERS)
    for s0, s1, bg, pair in scenes:
        for c in range(s0, s1):
            crnd = rng(f"cut/{c}")
            cbg = bg if crnd.random() < 0.85 else crnd.choice(BACKGROUNDS)
            make_cut(root, cut_ids[c], c, lengths[c], cbg, pair, crnd, voices, stats)

    # music: a cue every 2-3 minutes, starting on a cut, spanning several
    mrnd = rng("music")
    starts = [0]
    for L in lengths:
        starts.append(starts[-1] + L)
    n_cues = max(1, int(round(args.minutes / 2.5)))
    files = []
    lengths_s = [36, 42, 30]
    for k in range(min(3, n_cues)):
        path = f"sound/music/bgm_{k + 1}.wav"
        write_wav(os.path.join(root, path), music_file(k, lengths_s[k], rng(f"music/{k}")))
        files.append((path, lengths_s[k]))
    cues = []
    period = total / n_cues
    for k in range(n_cues):
        want = int(k * period + (mrnd.uniform(0, 0.3) * period if k else 0))
        start = max(s for s in starts[:-1] if s <= want)
        if cues and start < cues[-1]["end"]:
            start = min([s for s in starts[:-1] if s >= cues[-1]["end"]] or [cues[-1]["end"]])
        if start >= total - FPS:
            break
        path, flen = files[k % len(files)]
        length = min(int(flen * FPS) - 12, int(mrnd.uniform(20, 40) * FPS), total - start)
        fade_in = min(length // 4, mrnd.choice([12, 24, 36]))
        fade_out = min(length // 3, mrnd.choice([24, 36, 48]))
        cues.append({"file": path, "start": start, "end": start + length, "fade_in": fade_in, "fade_out": fade_out,
                     "gain_db": mrnd.randint(-12, -6)})
    stats.music = len(cues)

    top = [f"# A synthetic episode of {args.minutes:g} minutes (scripts/make-episode.py --minutes {args.minutes:g} "
           f"--seed {args.seed}): {n} cuts, {total} frames.",
           f'title = "Synthetic {args.minutes:g} min (seed {args.seed})"', 'episode = "01"', 'frame_rate = "24"',
           "resolution = [1920, 1080]", "cuts = ["]
    for k in range(0, n, 10):
        top.append("  " + ", ".join(f'"{c}"' for c in cut_ids[k:k + 10]) + ",")
    top += ["]", 'palette = "design/palettes/cast.toml"', "close_gaps = 6"]
    for c in cues:
        top += ["", "[[music]]", f'file = "{c["file"]}"', f'start = "{tc(c["start"])}"', f'end = "{tc(c["end"])}"',
                f'fade_in = "{tc(c["fade_in"])}"', f'fade_out = "{tc(c["fade_out"])}"', f"gain_db = {c['gain_db']}"]
    top += ["", "[mix]", 'loudness = "arib"', "true_peak = -1"]
    write_text(os.path.join(root, "sakuga.toml"), "\n".join(top) + "\n")

    size = 0
    for d, _, fs in os.walk(root):
        for f in fs:
            size += os.path.getsize(os.path.join(d, f))
    print(f"{root}: {n} cuts, {total} frames ({total / FPS / 60:.2f} min), {stats.layers} layers "
          f"({stats.keyed} keyed), {stats.drawings} drawings, {stats.inbetweens} in-betweens left to the build, "
          f"{stats.takes} dialogue takes, {stats.sounds} sound cues, {stats.music} music cues, "
          f"camera {', '.join(f'{k} {v}' for k, v in stats.cameras.items())}; {size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
