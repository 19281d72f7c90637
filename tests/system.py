"""The Debian packages some tests need, and what to do when one is missing.

`make test` installs them where it can (scripts/system-packages.sh, as root). Where it cannot,
the tests that need a missing package are skipped with the reason; in CI
(REQUIRE_SYSTEM_PACKAGES=1) a missing package fails those tests instead, as a missing
PostgreSQL fails the run.
"""

import os
import shutil
import subprocess
from functools import cache
from pathlib import Path

INSTALL_HINT = "scripts/system-packages.sh installs it (as root)"


@cache
def cjk_fonts() -> bool:
    """Noto CJK (fonts-noto-cjk): without it Chinese, Japanese and Korean names print as boxes."""
    if shutil.which("fc-list") is None:
        return any(Path("/usr/share/fonts").glob("**/NotoSansCJK*"))
    found = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True,
                           check=False)
    return "Noto" in found.stdout


@cache
def libreoffice() -> bool:
    return shutil.which("soffice") is not None or Path("/usr/bin/soffice").exists()


@cache
def chromium() -> bool:
    return Path("/usr/bin/chromium").exists()


PACKAGES = {
    "cjk_fonts": (cjk_fonts, "the Noto CJK fonts (fonts-noto-cjk) are not installed"),
    "libreoffice": (libreoffice, "LibreOffice (libreoffice-writer-nogui) is not installed"),
    "chromium": (chromium, "Chromium (chromium) is not installed"),
}


def required() -> bool:
    return os.environ.get("REQUIRE_SYSTEM_PACKAGES") == "1"


def missing(names) -> list[str]:
    """The reasons of the packages among ``names`` that are not installed."""
    return [f"{PACKAGES[name][1]}; {INSTALL_HINT}" for name in names
            if not PACKAGES[name][0]()]
