"""Headless Chromium through the Debian chromedriver, with the flags this machine needs
(docs/toolchain.md): without the background-networking ones, Chromium's own connections are refused
in bursts. Used by the end-to-end tests and the benchmark."""
import os
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


def start_firefox(downloads=None):
    """Headless Firefox ESR through geckodriver, with a fresh profile; (driver, profile folder)."""
    from selenium.webdriver.firefox.service import Service as FirefoxService
    options = webdriver.FirefoxOptions()
    options.binary_location = shutil.which("firefox-esr") or shutil.which("firefox")
    options.add_argument("-headless")
    # A JSON file shows as the plain text it is (the tests open settings.json to reach the
    # app's origin), not in Firefox's JSON viewer, where scripts cannot run.
    options.set_preference("devtools.jsonview.enabled", False)
    if downloads:
        for key, value in {"browser.download.folderList": 2, "browser.download.dir": downloads,
                           "browser.download.useDownloadDir": True,
                           "browser.helperApps.neverAsk.saveToDisk": "application/json",
                           # The downloads panel would take focus from the page, and a page
                           # without focus gets no focus events (the selects build on focus).
                           "browser.download.alwaysOpenPanel": False}.items():
            options.set_preference(key, value)
    driver = webdriver.Firefox(options=options, service=FirefoxService(shutil.which("geckodriver")))
    driver.set_window_size(1400, 1000)
    return driver, tempfile.mkdtemp(prefix="tjs-firefox-")


def start_webkit(downloads=None):
    """WebKitGTK's MiniBrowser through WebKitWebDriver (the engine family of Safari). It has no
    headless mode here: run it under xvfb-run. (driver, profile folder)."""
    from selenium.webdriver.webkitgtk.service import Service as WebKitService
    options = webdriver.WebKitGTKOptions()
    options.binary_location = next(
        (p for p in ["/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
                     "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/MiniBrowser"] if os.path.exists(p)), "MiniBrowser")
    options.add_argument("--automation")
    driver = webdriver.WebKitGTK(options=options, service=WebKitService(shutil.which("WebKitWebDriver")))
    driver.set_window_size(1400, 1000)
    return driver, tempfile.mkdtemp(prefix="tjs-webkit-")


ENGINES = {"chromium": start_chromium, "firefox": start_firefox, "webkit": start_webkit}
