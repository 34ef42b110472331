"""tools/gen_catalogue.py: the committed API catalogue (src/core/catalogue/generated.rs) and the
letter table (src/core/unicode_letters.rs) are what the pinned botocore wheel and Python's
unicodedata give. Regenerates both into a temporary folder and compares them byte for byte."""
import os
import subprocess
import sys

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
CORE = os.path.join(ROOT, "src", "core")


def test_regenerating_gives_the_committed_files(tmp_path):
    catalogue, letters = tmp_path / "generated.rs", tmp_path / "unicode_letters.rs"
    subprocess.check_call([sys.executable, os.path.join(ROOT, "tools", "gen_catalogue.py"),
                           "--out", str(catalogue), "--letters-out", str(letters)])
    for made, committed in [(catalogue, os.path.join(CORE, "catalogue", "generated.rs")),
                            (letters, os.path.join(CORE, "unicode_letters.rs"))]:
        with open(committed, encoding="utf-8") as f:
            assert made.read_text(encoding="utf-8") == f.read(), \
                f"run python3 tools/gen_catalogue.py and commit {os.path.relpath(committed, ROOT)}"
