"""Checks of the API reference (`make docs`, docs/reference/): run by ctest
(tests/reference/CMakeLists.txt, label docs). Each exits 77 (skipped) with
the reason when a tool it needs is missing (scripts/deps.sh docs installs them).

  warnings   LOG BASELINE ROOT   no Doxygen warning except the baseline's
  screenshot HTML OUT_DIR        the landing page and a model page rendered by
                                 headless Chromium: PNGs with content, titles
  links      HTML                linkchecker finds no broken internal link
"""

import os
import re
import shutil
import struct
import subprocess
import sys
import zlib

SKIP = 77
WARNING = re.compile(r"^(?P<file>[^:\s][^:]*):(?P<line>\d+): warning: (?P<text>.*)$")
MODEL_PAGE = "structdocker_1_1v1__55_1_1ContainerInspectResponse.html"
# (page, file name of the screenshot, the heading the page must show, text it must contain)
PAGES = [
    ("index.html", "reference-landing.png", "docker-cpp", "API reference"),
    (MODEL_PAGE, "reference-ContainerInspectResponse.png", "ContainerInspectResponse Struct Reference",
     "The ID of this container"),
]


def skip(reason):
    print(f"SKIPPED: {reason}")
    sys.exit(SKIP)


def warning_key(path, text, root):
    """Baseline entry: path relative to the checkout and the message (no line number)."""
    rel = os.path.relpath(path, root) if path.startswith(root) else path
    return f"{rel}: {text.strip()}"


def check_warnings(log, baseline, root):
    if not shutil.which("doxygen"):
        skip("doxygen is not installed (scripts/deps.sh docs)")
    if not os.path.exists(log):
        print(f"FAIL: no Doxygen warning log at {log}: did `cmake --build . --target docs` run?")
        return 1
    allowed = set()
    with open(baseline, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                allowed.add(line.rstrip("\n"))
    seen, new, other = set(), [], []
    with open(log, encoding="utf-8") as f:
        for line in f:
            m = WARNING.match(line.rstrip("\n"))
            if not m:
                if line.strip():
                    other.append(line.rstrip("\n"))
                continue
            key = warning_key(m["file"], m["text"], root)
            seen.add(key)
            if key not in allowed:
                new.append(line.rstrip("\n"))
    for line in other:   # continuation lines of multi-line warnings, errors
        print(f"doxygen: {line}")
    stale = sorted(allowed - seen)
    if stale:
        print(f"note: {len(stale)} baseline entries are documented now; remove them from {baseline}:")
        for key in stale:
            print(f"  {key}")
    print(f"{len(seen)} distinct warnings, {len(seen & allowed)} in the baseline, {len(new)} new")
    if new:
        print("FAIL: Doxygen warnings (document the entity, or fix the comment):")
        for line in new:
            print(f"  {line}")
        return 1
    return 1 if other else 0


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    skip("chromium is not installed (scripts/deps.sh docs)")


def chromium_args(exe):
    args = [exe, "--headless", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--user-data-dir=" + os.path.join(os.environ.get("TMPDIR", "/tmp"), f"docker-cpp-chromium-{os.getpid()}")]
    if os.geteuid() == 0:
        args.append("--no-sandbox")   # Chromium refuses to run as root with its sandbox
    return args


def png_rows(path):
    """(width, height, number of distinct pixel rows) of an 8-bit RGB(A) PNG."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG")
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = len(raw) // height
    rows = {raw[i * stride + 1:(i + 1) * stride] for i in range(height)}   # filtered rows: a proxy
    return width, height, len(rows)


def check_screenshots(html, out_dir):
    exe = chromium()
    os.makedirs(out_dir, exist_ok=True)
    failures = 0
    for page, png, heading, text in PAGES:
        path = os.path.join(html, page)
        if not os.path.exists(path):
            print(f"FAIL: {path} does not exist")
            failures += 1
            continue
        url = "file://" + os.path.abspath(path)
        shot = os.path.join(out_dir, png)
        if os.path.exists(shot):
            os.remove(shot)
        run = subprocess.run(chromium_args(exe) + ["--window-size=1280,1600", "--screenshot=" + shot, url],
                             capture_output=True, text=True, timeout=120)
        if not os.path.exists(shot):
            print(f"FAIL: chromium wrote no screenshot of {page} (exit {run.returncode}):\n{run.stderr[-2000:]}")
            failures += 1
            continue
        width, height, distinct = png_rows(shot)
        size = os.path.getsize(shot)
        print(f"{shot}: {width}x{height}, {size} bytes, {distinct} distinct rows")
        if (width, height) != (1280, 1600) or size < 20000 or distinct < 50:
            print(f"FAIL: the screenshot of {page} looks empty")
            failures += 1
        dom = subprocess.run(chromium_args(exe) + ["--dump-dom", url],
                             capture_output=True, text=True, timeout=120).stdout
        titles = [re.sub(r"<[^>]+>", "", t).strip()
                  for t in re.findall(r'<div class="title">(.*?)</div>', dom, re.S)]
        print(f"{page}: title {titles}")
        if not any(heading in t for t in titles):
            print(f"FAIL: {page} does not show the heading {heading!r}")
            failures += 1
        if text not in dom:
            print(f"FAIL: {page} does not show {text!r}")
            failures += 1
    return 1 if failures else 0


def check_links(html):
    exe = shutil.which("linkchecker")
    if not exe:
        skip("linkchecker is not installed (scripts/deps.sh docs)")
    index = os.path.join(html, "index.html")
    if not os.path.exists(index):
        print(f"FAIL: {index} does not exist")
        return 1
    # Internal links only; every page is reached from the index (Doxygen links them all).
    # No --check-extern: links out of the reference (the spec's docs.docker.com
    # pages, GitHub) are only syntax-checked.
    run = subprocess.run([exe, "--no-status", "--no-warnings", "-o", "text", "file://" + index],
                         capture_output=True, text=True, timeout=1800)
    print(run.stdout[-20000:])
    if run.returncode != 0:
        print(run.stderr[-4000:])
        print("FAIL: linkchecker found broken links")
        return 1
    return 0


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    cmd = argv[1]
    if cmd == "warnings":
        return check_warnings(*argv[2:5])
    if cmd == "screenshot":
        return check_screenshots(*argv[2:4])
    if cmd == "links":
        return check_links(argv[2])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
