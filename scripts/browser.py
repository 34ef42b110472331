"""Headless Chromium through the Debian chromedriver, with the flags this machine needs
(TOOLCHAIN.md): without the background-networking ones, Chromium's own connections are refused
in bursts. Used by the end-to-end tests and the benchmark."""
import shutil
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1400,1000"]


def start_chromium(downloads=None):
    """A new browser with a fresh profile of its own; returns (driver, profile folder)."""
    profile = tempfile.mkdtemp(prefix="tjs-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in FLAGS + [f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    if downloads:
        options.add_experimental_option("prefs", {"download.default_directory": downloads,
                                                  "download.prompt_for_download": False})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options), profile
