"""What the browser tests share: where things are, the Chromium setup, a watched page."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "screenshots"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def kb_command() -> list[str]:
    """Return the `kb` console script of this environment (or the module, if not installed)."""
    script = Path(sys.executable).with_name("kb")
    return [str(script)] if script.exists() else [sys.executable, "-m", "cli"]


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"kb serve stopped with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise RuntimeError(f"kb serve did not answer on {url} within {seconds} s")


class Watched:
    """A page plus what went wrong in it: console errors (CSP violations among them), script
    errors, and resources (scripts, styles, images) that did not load. An error page the test
    asked for is not a failure; a missing stylesheet is."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("response", self._response)

    def _console(self, message) -> None:
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(message.text)

    def _response(self, response) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            self.errors.append(f"{response.status} {response.url}")


def shoot_pages(browser, base: str, shots: dict[str, str], folder: Path, size_name: str,
                size: dict) -> None:
    """Screenshot each page at one width; fail on sideways scrolling or any page error."""
    context = browser.new_context(viewport=size, is_mobile=size is PHONE)
    try:
        watched = Watched(context.new_page())
        page = watched.page
        for name, path in shots.items():
            page.goto(base + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= size["width"], f"{name} is {width}px wide at {size['width']}px"
            page.screenshot(path=str(folder / f"{name}-{size_name}.png"), full_page=True)
        assert watched.errors == []
    finally:
        context.close()


def serve(config, log_folder):
    """Start `kb serve` on a free port over a data folder and its database; yield its address,
    then stop it."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("KB_DATABASE_URL",)}
    env["KB_DATA_DIR"] = str(config.data_dir)
    env["KB_DATABASE_URL"] = config.database_url
    log_path = log_folder / "kb-serve.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(kb_command() + ["serve", "--host", "127.0.0.1", "--port", str(port)],
                                   cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base + "/hjelp", process)
        except RuntimeError as error:
            process.kill()
            process.wait(timeout=10)
            raise RuntimeError(f"{error}\n{log_path.read_text('utf-8', 'replace')}") from None
        try:
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
