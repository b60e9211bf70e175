"""Draws the toolbar/notification icons (a pulse in a rounded square) as PNGs with only the stdlib.

Run: python3 scripts/assets/make-icons.py  (writes public/icon-{16,32,48,128}.png)
Kept in the repo so the icons can be redrawn; the PNGs themselves are committed.
"""
import math, struct, zlib, os

def png(size, pixels):
    raw = b''.join(b'\x00' + bytes(pixels[y * size * 4:(y + 1) * size * 4]) for y in range(size))
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', size, size, 8, 6, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')

def pulse_y(x):
    # A heartbeat line across the icon, x and result in 0..1.
    points = [(0, .55), (.28, .55), (.38, .3), (.5, .8), (.6, .45), (.68, .55), (1, .55)]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x0 <= x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0 or 1)
    return .55

def draw(size):
    samples = 4
    out = []
    radius = .22
    for py in range(size):
        for px in range(size):
            cover = line = 0
            for sy in range(samples):
                for sx in range(samples):
                    x = (px + (sx + .5) / samples) / size
                    y = (py + (sy + .5) / samples) / size
                    dx = max(abs(x - .5) - (.5 - radius), 0)
                    dy = max(abs(y - .5) - (.5 - radius), 0)
                    if dx * dx + dy * dy <= radius * radius:
                        cover += 1
                        # distance to the pulse polyline, approximated vertically and by slope
                        if .12 < x < .88:
                            d = abs(y - pulse_y(x))
                            slope = abs(pulse_y(min(x + .01, 1)) - pulse_y(max(x - .01, 0))) / .02
                            if d / math.sqrt(1 + slope * slope) < max(.045, 1.2 / size):
                                line += 1
            total = samples * samples
            bg = (22, 128, 84)  # green: the "all well" brand colour
            fg = (255, 255, 255)
            t = line / max(cover, 1)
            rgb = [round(bg[i] * (1 - t) + fg[i] * t) for i in range(3)]
            out += rgb + [round(255 * cover / total)]
    return out

here = os.path.dirname(os.path.abspath(__file__))
public = os.path.join(here, '..', '..', 'public')
os.makedirs(public, exist_ok=True)
for size in (16, 32, 48, 128):
    with open(os.path.join(public, f'icon-{size}.png'), 'wb') as f:
        f.write(png(size, draw(size)))
print('icons written')
