#!/usr/bin/env bash
# `make browser-check`: opens the demo report in headless Chromium (Debian's `chromium`,
# installed when missing and run as root), saves a screenshot, and fails on a blank or
# broken page (a near-uniform screenshot, or a page without the report's tables).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-.bench/browser}"
mkdir -p "$OUT"
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >&2
  else
    echo "browser-check needs Chromium. Run: sudo apt-get install -y chromium" >&2; exit 1
  fi
fi
REPORT_DIR="$OUT/report"
.build/release/sentinel demo --out "$REPORT_DIR" --force --quiet
REPORT="$(cd "$REPORT_DIR" && pwd)/report.html"
FLAGS=(--headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,2400)
chromium "${FLAGS[@]}" --screenshot="$OUT/report.png" "file://$REPORT" 2>"$OUT/chromium.log" || true
chromium "${FLAGS[@]}" --dump-dom "file://$REPORT" >"$OUT/dom.html" 2>>"$OUT/chromium.log" || true
python3 - "$OUT/report.png" "$OUT/dom.html" <<'PY'
import struct, sys, zlib
png, dom = sys.argv[1], sys.argv[2]
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
# sample the filtered scanlines' raw bytes: a blank page compresses to nearly constant rows
distinct = set()
for y in range(0, h, max(1, h // 200)):
    row = raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)]
    distinct.add(bytes(row[::max(1, len(row) // 64)]))
text = open(dom, encoding="utf-8", errors="replace").read()
problems = []
if len(distinct) < 20:
    problems.append("the screenshot is (nearly) blank")
for needed in ("Table 2", "Table 3"):
    if needed not in text:
        problems.append("the rendered page lacks %r" % needed)
if problems:
    print("browser-check FAILED: " + "; ".join(problems), file=sys.stderr)
    sys.exit(1)
print("browser-check passed: %dx%d screenshot with %d distinct sampled rows; %s" % (w, h, len(distinct), png))
PY
