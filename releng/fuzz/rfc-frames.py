#!/usr/bin/env python3
"""Cuts the MSRP frames out of RFC 4975's examples (§§4, 7-10) into one seed file each.

The RFC prints each frame indented, with LF line ends and page breaks inside; the seeds carry
the frame's lines as the RFC shows them, re-joined with CRLF as on the wire (RFC 4975 §9).
Usage: rfc-frames.py RFC4975_TXT OUT_DIR
"""
import os
import re
import sys

text, out = sys.argv[1], sys.argv[2]
lines = []
for line in open(text, encoding="ascii", errors="replace"):
    line = line.rstrip("\n").rstrip("\f")
    # page footers and headers of the RFC text format
    if re.match(r"^(Campbell, et al\.|RFC 4975 )", line) or line.startswith("\f"):
        continue
    lines.append(line)

frames, current = [], None
for line in lines:
    stripped = line.strip()
    if current is None:
        if re.match(r"^MSRP \S+ (\S+|\d{3}.*)$", stripped) and line.startswith("   "):
            current = [stripped]
        continue
    if stripped == "" and (not current or current[-1] == ""):
        continue
    current.append(line.strip() if not line.strip().startswith("-------") else stripped)
    if re.match(r"^-------\S+[$+#]$", stripped):
        frames.append(current)
        current = None

os.makedirs(out, exist_ok=True)
for i, frame in enumerate(frames):
    # a blank line printed only for page layout would not be on the wire; keep the one
    # that separates headers and body (the first blank line)
    with open(os.path.join(out, "rfc4975-%02d" % (i + 1)), "wb") as f:
        f.write(("\r\n".join(frame) + "\r\n").encode("ascii"))
print(len(frames), "frames")
