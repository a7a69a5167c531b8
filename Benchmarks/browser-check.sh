#!/usr/bin/env bash
# `make browser-check`: opens the demo report in headless Chromium (Debian's `chromium`,
# installed when missing and run as root), saves a screenshot, and fails on a blank or
# broken page (a near-uniform screenshot, or a page without the report's tables).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-.build/browser-check}"
mkdir -p "$OUT"
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >&2
  else
    echo "browser-check needs Chromium. Run: sudo apt-get install -y chromium" >&2; exit 1
  fi
fi
# SENTINEL_BIN picks another build (e.g. .build/debug/sentinel); REPORT_DIR an existing report.
SENTINEL_BIN="${SENTINEL_BIN:-.build/release/sentinel}"
if [ -z "${REPORT_DIR:-}" ]; then
  REPORT_DIR="$OUT/report"
  "$SENTINEL_BIN" demo --out "$REPORT_DIR" --force --quiet
fi
REPORT="$(cd "$REPORT_DIR" && pwd)/report.html"
FLAGS=(--headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,2400)
: >"$OUT/chromium.log"
rm -f "$OUT/report.png" "$OUT/report-dark.png" "$OUT/dom.html"
chromium "${FLAGS[@]}" --screenshot="$OUT/report.png" "file://$REPORT" 2>>"$OUT/chromium.log" || true
chromium "${FLAGS[@]}" --force-dark-mode --blink-settings=preferredColorScheme=0 \
  --screenshot="$OUT/report-dark.png" "file://$REPORT" 2>>"$OUT/chromium.log" || true
chromium "${FLAGS[@]}" --dump-dom "file://$REPORT" >"$OUT/dom.html" 2>>"$OUT/chromium.log" || true
for f in report.png report-dark.png dom.html; do
  [ -s "$OUT/$f" ] || { echo "browser-check FAILED: Chromium wrote no $f (see $OUT/chromium.log)" >&2; exit 1; }
done
cat >"$OUT/check.py" <<'PY'
import struct, sys, zlib
png, dom, scheme = sys.argv[1], sys.argv[2], sys.argv[3]
needed_text = sys.argv[4].split("|") if len(sys.argv) > 4 else ["Table 1", "Table 2", "Table 3", "TRIPOD+AI checklist", "Contents"]
data = open(png, "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "screenshot is not a PNG"
pos, idat, w, h, ctype = 8, b"", 0, 0, 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
bpp = {2: 3, 6: 4}.get(ctype, 1)
stride = w * bpp
# Unfilter the scanlines (PNG filters 0-4) to get real pixels.
pixels, prev = [], bytearray(stride)
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    pixels.append(bytes(line)); prev = line
background = pixels[0][:3]
ink = sum(1 for y in range(0, h, 4) for x in range(0, w, 4)
          if max(abs(pixels[y][x * bpp + k] - background[k]) for k in range(3)) > 48)
ink_fraction = ink / float(((h + 3) // 4) * ((w + 3) // 4))
bright = sum(background) / 3.0
# sample the filtered scanlines' raw bytes: a blank page compresses to nearly constant rows
distinct = set()
for y in range(0, h, max(1, h // 200)):
    row = raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)]
    distinct.add(bytes(row[::max(1, len(row) // 64)]))
text = open(dom, encoding="utf-8", errors="replace").read()
problems = []
if len(distinct) < 20 or ink_fraction < 0.01:
    problems.append("the %s screenshot is (nearly) blank (%.4f of pixels differ from the background)" % (scheme, ink_fraction))
if scheme == "light" and bright < 200:
    problems.append("the light scheme's background is dark (%r)" % (background,))
if scheme == "dark" and bright > 80:
    problems.append("the dark scheme's background is light (%r)" % (background,))
for needed in needed_text:
    if needed not in text:
        problems.append("the rendered page lacks %r" % needed)
if problems:
    print("browser-check FAILED: " + "; ".join(problems), file=sys.stderr)
    sys.exit(1)
print("browser-check passed (%s): %dx%d screenshot, %.1f%% ink; %s" % (scheme, w, h, 100 * ink_fraction, png))
PY
python3 "$OUT/check.py" "$OUT/report.png" "$OUT/dom.html" light
python3 "$OUT/check.py" "$OUT/report-dark.png" "$OUT/dom.html" dark

# The publishing site: a validation packet of the demo's own data, then the site over the
# development report and that packet; its summary and index pages must render too.
DATA_DIR="$REPORT_DIR/data"
if [ -f "$REPORT_DIR/model.json" ] && ls "$DATA_DIR"/*.csv >/dev/null 2>&1; then
  "$SENTINEL_BIN" validate "$REPORT_DIR/model.json" "$DATA_DIR"/*.csv --site "Demo site" \
    --out "$OUT/packet" --force --bootstrap 200 >/dev/null 2>>"$OUT/chromium.log"
  "$SENTINEL_BIN" site "$REPORT_DIR" "$OUT/packet" --out "$OUT/site" --force >/dev/null 2>>"$OUT/chromium.log"
  for page in index summary; do
    URL="file://$(cd "$OUT/site" && pwd)/$page.html"
    rm -f "$OUT/site-$page.png" "$OUT/site-$page.html"
    chromium "${FLAGS[@]}" --screenshot="$OUT/site-$page.png" "$URL" 2>>"$OUT/chromium.log" || true
    chromium "${FLAGS[@]}" --dump-dom "$URL" >"$OUT/site-$page.html" 2>>"$OUT/chromium.log" || true
    python3 "$OUT/check.py" "$OUT/site-$page.png" "$OUT/site-$page.html" light "Demo site"
  done
fi
