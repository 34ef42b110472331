#!/usr/bin/env python3
"""After `trunk build`: makes dist/ fit a strict Content-Security-Policy and ships it compressed.

- Trunk starts the app with an inline <script type="module">. A CSP without 'unsafe-inline'
  (deploy/nginx.conf.template) would block it, so it moves to its own file, named by its hash
  like Trunk's other files, and index.html loads it with an integrity check. That file first
  records what the CSP blocks (window.__tjsBlocked) and uncaught errors (window.__tjsErrors), which
  the tests read in any browser engine.
- index.html's and the style sheet's comments are taken out, and the style sheet's indentation:
  they are for its readers, and every byte of them is in the first load. The sheet's integrity
  hash in index.html is made again.
- Trunk names the workers' files without a hash (service_worker.js, service_worker_bg.wasm, algorithms.js, ...);
  they get one here, like every other asset, so a new release is never mixed with a cached old
  one. Only the tiny loaders keep their names, since the app starts the workers by them.
- Each text or wasm file gets a .gz twin, which nginx serves as it is (gzip_static). It is made
  with zopfli (from the venv, scripts/setup.sh) where available: ordinary gzip that any browser
  reads, about 5% smaller than gzip -9, which is the fallback. nginx's on-the-fly gzip is about
  15% larger than either.
"""
import base64
import gzip
import hashlib
import os
import re
import sys

try:
    import zopfli.gzip

    def compress(data):
        return zopfli.gzip.compress(data)
except ImportError:
    def compress(data):
        return gzip.compress(data, compresslevel=9, mtime=0)

dist = sys.argv[1] if len(sys.argv) > 1 else "dist"
index_path = os.path.join(dist, "index.html")
with open(index_path) as f:
    index = f.read()
# index.html's comments are for its readers, not worth shipping in the first load.
index = re.sub(r"\s*<!--.*?-->", "", index, flags=re.S)

inline = re.compile(r'<script type="module">(.*?)</script>', re.S)
match = inline.search(index)
if match:
    # Before the app starts, the page records what its CSP blocks (window.__tjsBlocked) and the
    # errors nothing caught, a panic among them (window.__tjsErrors), so that tests in any browser
    # engine can read them back; a console log is Chromium's alone.
    record = ("addEventListener('securitypolicyviolation',e=>(self.__tjsBlocked||=[])"
              ".push(e.effectiveDirective+' '+e.blockedURI));\n"
              "addEventListener('error',e=>(self.__tjsErrors||=[]).push(e.message));\n"
              "addEventListener('unhandledrejection',e=>(self.__tjsErrors||=[]).push(''+e.reason));\n")
    boot = record + match.group(1).strip() + "\n"
    digest = hashlib.sha256(boot.encode()).hexdigest()[:16]
    name = f"boot-{digest}.js"
    with open(os.path.join(dist, name), "w") as f:
        f.write(boot)
    integrity = "sha384-" + base64.b64encode(hashlib.sha384(boot.encode()).digest()).decode()
    index = index[:match.start()] + f'<script type="module" src="./{name}" integrity="{integrity}"></script>' + index[match.end():]
    with open(index_path, "w") as f:
        f.write(index)
# The style sheet, without comments or indentation (about 0.6 KB of the first load), and its
# integrity hash made again. Its text has no string that holds "/*".
for tag in re.findall(r"<link[^>]*\.css[^>]*>", index):
    sheet = re.search(r'href="\./([^"]+\.css)"', tag).group(1)
    with open(os.path.join(dist, sheet)) as f:
        css = f.read()
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = "\n".join(line.strip() for line in css.splitlines() if line.strip()) + "\n"
    with open(os.path.join(dist, sheet), "w") as f:
        f.write(css)
    integrity = "sha384-" + base64.b64encode(hashlib.sha384(css.encode()).digest()).decode()
    index = index.replace(tag, re.sub(r'integrity="[^"]*"', f'integrity="{integrity}"', tag))
with open(index_path, "w") as f:
    f.write(index)
if "<script>" in index or re.search(r"<script(?![^>]*\bsrc=)[^>]*>", index):
    sys.exit("dist/index.html still has an inline script; the CSP would block it")

# The workers' files (signing, algorithms) and the job panel's, named by their content.
for loader_name in sorted(n for n in os.listdir(dist) if n.endswith("_loader.js")):
    worker = loader_name[: -len("_loader.js")]
    loader_path = os.path.join(dist, loader_name)
    if not os.path.exists(os.path.join(dist, f"{worker}.js")):  # already renamed: once per build
        continue
    with open(loader_path) as f:
        loader = f.read()
    # A worker's loader names both files; an ES module's (the job panel) names only the script,
    # which finds its wasm beside itself: the wasm is renamed first, and the script told.
    script_path = os.path.join(dist, f"{worker}.js")
    for name in [f"{worker}_bg.wasm", f"{worker}.js"]:
        path = os.path.join(dist, name)
        with open(path, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()[:16]
        stem, ext = name.rsplit(".", 1)
        hashed = f"{stem}-{digest}.{ext}"
        if f"./{name}" in loader:
            loader = loader.replace(f"./{name}", f"./{hashed}")
        else:
            with open(script_path) as f:
                script = f.read()
            if f"'{name}'" not in script:
                sys.exit(f"neither {loader_name} nor {worker}.js names {name}: {loader!r}")
            with open(script_path, "w") as f:
                f.write(script.replace(f"'{name}'", f"'{hashed}'"))
        os.replace(path, os.path.join(dist, hashed))
        if name.endswith(".js"):
            script_path = os.path.join(dist, hashed)
    with open(loader_path, "w") as f:
        f.write(loader)

# The first load: index.html and what it names (the workers come later, when first needed).
first_load = ["index.html"] + [m.lstrip("./") for m in re.findall(r'(?:src|href)="(\./[^"]+)"', index)]
with open(os.path.join(dist, "first-load.txt"), "w") as f:
    f.write("\n".join(first_load) + "\n")

for folder, _, names in os.walk(dist):  # data/ holds the algorithm catalogue (behaviour §10)
    for name in names:
        path = os.path.join(folder, name)
        if name.endswith((".html", ".js", ".css", ".wasm", ".svg", ".json")):
            with open(path, "rb") as f, open(path + ".gz", "wb") as out:
                out.write(compress(f.read()))
