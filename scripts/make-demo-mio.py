#!/usr/bin/env python3
"""Writes the demo's character drawings as line art with paint marks (committed; builds never run
this). Mio is drawn the way a key animator draws for ink and paint: only the lines that show, a
colour trace line (blue) for the shadow on her dress, and a data-paint mark in each region for the
painter. Her arms and the small details (eyes, cheeks, an open mouth) are closed filled shapes.

    python3 scripts/make-demo-mio.py
"""
import math
import os

DEMO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples", "demo")
LINE = "#1e1a24"
SKIN = "#f7dcc8"
TRACE = "#3a6bd6"
CHEEK = "#f2a7a0"
MOUTH = "#8e2f2a"


def quad(p0, p1, p2, t):
    u = 1 - t
    return (u * u * p0[0] + 2 * u * t * p1[0] + t * t * p2[0], u * u * p0[1] + 2 * u * t * p1[1] + t * t * p2[1])


def arm(shoulder, control, hand, half=6.5, steps=14):
    """A closed outline around a quadratic centre line, round at the hand."""
    left, right = [], []
    for i in range(steps + 1):
        t = i / steps
        x, y = quad(shoulder, control, hand, t)
        tx = 2 * (1 - t) * (control[0] - shoulder[0]) + 2 * t * (hand[0] - control[0])
        ty = 2 * (1 - t) * (control[1] - shoulder[1]) + 2 * t * (hand[1] - control[1])
        n = math.hypot(tx, ty) or 1
        nx, ny = -ty / n, tx / n
        left.append((x + nx * half, y + ny * half))
        right.append((x - nx * half, y - ny * half))
    # The cap: a half circle round the hand from the left side to the right.
    hx, hy = hand
    a0 = math.atan2(left[-1][1] - hy, left[-1][0] - hx)
    cap = [(hx + (half + 1) * math.cos(a0 - math.pi * k / 8), hy + (half + 1) * math.sin(a0 - math.pi * k / 8))
           for k in range(1, 8)]
    pts = left + cap + list(reversed(right))
    d = "M" + " L".join(f"{x:.1f} {y:.1f}" for x, y in pts) + " Z"
    return f'<path d="{d}" fill="{SKIN}" stroke-width="4"/>'


def cubic(p0, p1, p2, p3, t):
    u = 1 - t
    return tuple(u ** 3 * a + 3 * u * u * t * b + 3 * u * t * t * c + t ** 3 * d for a, b, c, d in zip(p0, p1, p2, p3))


def bun(cx=960, cy=362, r=30):
    """The bun's visible outline: the arc of its circle above the fringe's top curve."""
    fringe = ((878, 478), (870, 360), (1050, 360), (1042, 478))
    hits = []
    inside = None
    for i in range(2001):
        x, y = cubic(*fringe, i / 2000)
        now = math.hypot(x - cx, y - cy) < r
        if inside is not None and now != inside:
            hits.append((x, y))
        inside = now
    (xl, yl), (xr, yr) = hits[0], hits[-1]
    return f'<path d="M{xl:.1f} {yl:.1f} A{r} {r} 0 1 1 {xr:.1f} {yr:.1f}"/>'


# Closed areas where the background shows between an arm and the head, kept clear on purpose
# (data-paint="none"), in frame pixels as `sakuga paint --report` finds them.
CLEAR = {"up": [(1012, 547), (1001, 556)],
         "jump": [(874, 382), (881, 392), (910, 418), (1002, 412), (1025, 385), (1034, 370)]}


# The small wedges where an arm leaves the dress's shoulder: skin, painted by a mark each (too big
# for the painter's pinhole rule), in frame pixels as `sakuga paint --report` finds them.
SHOULDERS = {"down": [(909, 571), (1010, 571)], "mid": [(909, 571)], "up": [(909, 571)]}


def to_local(pose, x, y):
    """Frame pixels to the drawing's own coordinates (the jump's group is moved and turned)."""
    if pose != "jump":
        return x, y
    y += 140
    a = math.radians(4)
    dx, dy = x - 960, y - 600
    return 960 + dx * math.cos(a) - dy * math.sin(a), 600 + dx * math.sin(a) + dy * math.cos(a)


def mio(pose, title, mouth_drawn=True):
    right_arm = {"down": ((1012, 575), (1040, 640), (1052, 700)),
                 "mid": ((1012, 575), (1070, 560), (1100, 500)),
                 "up": ((1012, 575), (1050, 500), (1060, 420)),
                 "jump": ((1012, 575), (1060, 520), (1080, 450))}[pose]
    left_arm = {"jump": ((908, 575), (860, 520), (840, 450))}.get(pose, ((908, 575), (880, 640), (868, 700)))
    group = 'transform="translate(0,-140) rotate(-4 960 600)" ' if pose == "jump" else ""
    if pose == "jump":
        legs = ('<polyline points="935,790 905,840 925,890" fill="none"/>'
                '<polyline points="985,790 1015,840 995,890" fill="none"/>')
    else:
        legs = ('<path d="M935 790 L928 900 L904 900" fill="none"/>'
                '<path d="M985 790 L992 900 L1016 900" fill="none"/>')
    if pose == "down":
        mouth = f'<path d="M946 525 q14 12 28 0" fill="none" stroke="{MOUTH}" stroke-width="4"/>'
    else:
        mouth = f'<path d="M946 522 q14 20 28 0 z" fill="{MOUTH}" stroke-width="3"/>'
    if not mouth_drawn:  # the mouth is a layer of its own, timed to her voice
        mouth = ""
    tip = (1034, 455)  # the fringe's thin tip, where it meets the face: a region of its own
    clear_marks = "\n    ".join(
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2" data-paint="none"/>'
        for x, y in (to_local(pose, *p) for p in CLEAR.get(pose, [])))
    clear_marks += "".join(
        f'\n    <circle cx="{x:.1f}" cy="{y:.1f}" r="1" data-paint="skin"/>'
        for x, y in (to_local(pose, *p) for p in SHOULDERS.get(pose, [])))
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<!-- Mio, the girl of the demo film ({title}): line art for ink and paint, written by
     scripts/make-demo-mio.py. Canvas = the 1920x1080 field. Lines #1e1a24, the colour trace line
     for her dress's shadow #3a6bd6; each data-paint circle marks a region for the painter. -->
<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080" viewBox="0 0 1920 1080">
  <title>Mio</title>
  <g {group}stroke="{LINE}" stroke-width="6" stroke-linejoin="round" stroke-linecap="round" fill="none">
    <!-- legs, from the hem down -->
    {legs}
    <!-- dress: outline, collar, and the shadow's trace line -->
    <path d="M905 560 L1015 560 L1062 780 Q960 800 858 780 Z"/>
    <path d="M905 560 L960 620 L1015 560" stroke-width="4"/>
    <path d="M886 650 Q915 700 930 789" stroke="{TRACE}" stroke-width="3"/>
    <circle cx="985" cy="660" r="5" data-paint="dress"/>
    <circle cx="889" cy="748" r="5" data-paint="dress.shadow"/>
    <circle cx="960" cy="572" r="4" data-paint="skin"/>
    <!-- arms, in front of the dress -->
    {arm(*right_arm)}
    {arm(*left_arm)}
    <!-- a bun on top of her head, behind the fringe -->
    {bun()}
    <circle cx="960" cy="352" r="5" data-paint="hair"/>
    <!-- face: the head's outline below the fringe, and the fringe -->
    <path d="M1042 478 A82 82 0 0 1 878 478"/>
    <path d="M878 478 C870 360 1050 360 1042 478 Q1010 418 960 428 Q915 420 878 478 Z"/>
    <circle cx="960" cy="400" r="5" data-paint="hair"/>
    <circle cx="{tip[0]:.1f}" cy="{tip[1]:.1f}" r="2" data-paint="hair"/>
    <circle cx="960" cy="458" r="5" data-paint="skin"/>
    {clear_marks}
    <ellipse cx="934" cy="486" rx="8" ry="11" fill="{LINE}" stroke="none"/>
    <ellipse cx="986" cy="486" rx="8" ry="11" fill="{LINE}" stroke="none"/>
    <circle cx="915" cy="512" r="10" fill="{CHEEK}" stroke="none" opacity="0.7"/>
    <circle cx="1005" cy="512" r="10" fill="{CHEEK}" stroke="none" opacity="0.7"/>
    {mouth}
  </g>
</svg>
'''


def star():
    cx, cy, big, small = 1075, 268, 36, 15
    pts = []
    for i in range(10):
        a = -math.pi / 2 + i * math.pi / 5
        r = big if i % 2 == 0 else small
        pts.append(f"{cx + r * math.cos(a):.1f},{cy + r * math.sin(a):.1f}")
    rays = []
    for i in range(8):
        a = i * math.pi / 4 + math.pi / 8
        rays.append(f'<line x1="{cx + 48 * math.cos(a):.1f}" y1="{cy + 48 * math.sin(a):.1f}" '
                    f'x2="{cx + 62 * math.cos(a):.1f}" y2="{cy + 62 * math.sin(a):.1f}"/>')
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<!-- The first star, caught in Mio's hand at the top of her jump (cel B of cut c003), written by
     scripts/make-demo-mio.py: an outline painted by its mark, and rays in the star's colour. -->
<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080" viewBox="0 0 1920 1080">
  <title>The first star</title>
  <polygon points="{' '.join(pts)}" fill="none" stroke="{LINE}" stroke-width="4" stroke-linejoin="round"/>
  <circle cx="{cx}" cy="{cy + 4}" r="4" data-paint="star"/>
  <g stroke="#ffe27a" stroke-width="5" stroke-linecap="round">
    {chr(10).join('    ' + r for r in rays).strip()}
  </g>
</svg>
'''


def write(rel, text):
    with open(os.path.join(DEMO, rel), "w") as f:
        f.write(text)


write("cuts/c001/A/1.svg", mio("down", "standing"))
write("cuts/c002/A/1.svg", mio("down", "standing", mouth_drawn=False))
write("cuts/c002/A/2.svg", mio("mid", "waving, arm half up", mouth_drawn=False))
write("cuts/c002/A/3.svg", mio("up", "waving, arm up", mouth_drawn=False))


def mouth(shape):
    """Mio's mouth on its own cel, over her face in c002: closed, half open, open (kuchipaku)."""
    path = {"closed": f'<path d="M946 525 q14 12 28 0" fill="none" stroke="{MOUTH}" stroke-width="4"/>',
            "half": f'<path d="M948 523 q12 12 24 0 z" fill="{MOUTH}" stroke="{MOUTH}" stroke-width="3"/>',
            "open": f'<path d="M946 520 q14 26 28 0 z" fill="{MOUTH}" stroke="{MOUTH}" stroke-width="3"/>'}[shape]
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<!-- Mio's mouth, {shape} (written by scripts/make-demo-mio.py): the build times these three to her
     voice, frame by frame (sakuga.toml [characters.MIO] names them). Canvas = the 1920x1080 field. -->
<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080" viewBox="0 0 1920 1080">
  <title>Mio's mouth, {shape}</title>
  {path}
</svg>
'''


os.makedirs(os.path.join(DEMO, "cuts/c002/M"), exist_ok=True)
write("cuts/c002/M/1.svg", mouth("closed"))
write("cuts/c002/M/2.svg", mouth("half"))
write("cuts/c002/M/3.svg", mouth("open"))
write("cuts/c003/A/1.svg", mio("down", "standing"))
write("cuts/c003/A/4.svg", mio("jump", "jumping for the star"))
write("cuts/c003/B/1.svg", star())
# Cut c004 has keys only: the build draws the in-betweens its timing chart asks for.
os.makedirs(os.path.join(DEMO, "cuts/c004/A"), exist_ok=True)
write("cuts/c004/A/1.svg", mio("down", "key 1: standing"))
write("cuts/c004/A/5.svg", mio("up", "key 5: waving, arm up"))
write("cuts/c004/A/9.svg", mio("mid", "key 9: waving, arm half up"))
