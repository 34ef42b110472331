"""The pinned upstream wheels the generators read facts from, downloaded once with pip (no
install) into ~/.cache/tjs/<package>/<version>."""
import os
import subprocess
import sys
import zipfile


def open_wheel(package, version):
    """The wheel of `package`==`version` (a pure-Python py3 wheel), as an open ZipFile."""
    cache = os.path.expanduser(f"~/.cache/tjs/{package}/{version}")
    wheel = os.path.join(cache, f"{package.replace('-', '_')}-{version}-py3-none-any.whl")
    if not os.path.exists(wheel):
        os.makedirs(cache, exist_ok=True)
        subprocess.check_call([sys.executable, "-m", "pip", "download", "--no-deps", "-q",
                               "-d", cache, f"{package}=={version}"])
    return zipfile.ZipFile(wheel)
