"""Screenshots of a built review site for the README (``bash scripts/run.sh`` takes them).

``python -m pipeline.review.screenshots SITE_DIR OUT_DIR`` writes ``review-overview.png``,
``review-document-zh.png`` and ``review-document-en.png``: the overview, and the Chinese and the
English document with the most structure and targets, with a target figure clicked so the side
panel shows its fields. Needs a headless Chromium (``scripts/browser.sh``); exits 1 with the reason
when there is none.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["pick_documents", "take_screenshots"]

NAMES = {"overview": "review-overview.png", "zh": "review-document-zh.png", "en": "review-document-en.png"}


def pick_documents(run_dir: Path) -> dict[str, int]:
    """Line of the Chinese and of the English document to show: sections first, then targets and figures."""
    best: dict[str, tuple[Any, ...]] = {}
    with (run_dir / "documents.jsonl").open(encoding="utf-8") as fh:
        for n, line in enumerate(x for x in fh if x.strip()):
            doc = json.loads(line)
            figs = doc.get("figures") or []
            first_target = min((f["start"] for f in figs if f.get("role") == "target"), default=10 ** 9)
            key = (bool(doc.get("sections")), first_target < (400 if doc.get("lang") == "zh" else 900),
                   bool(doc.get("dateline")), sum(f.get("role") == "target" for f in figs) + len(figs), -n)
            lang = doc.get("lang")
            if lang in ("zh", "en") and figs and (lang not in best or key > best[lang][0]):
                best[lang] = (key, n)
    return {lang: n for lang, (_, n) in best.items()}


def _ready(driver: Any) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.body.dataset.ready === '1'"))


def take_screenshots(site: str | Path, out_dir: str | Path) -> list[Path]:
    """Write the PNGs into ``out_dir``; return their paths."""
    from .browser import headless_chromium

    site = Path(site).resolve()
    out_dir = Path(out_dir)
    info = json.loads((site / "build.json").read_text(encoding="utf-8"))
    docs = pick_documents(Path(info["run_dir"]))
    written = []
    with headless_chromium(1280, 1000) as driver:
        driver.get((site / "index.html").as_uri())
        _ready(driver)
        driver.save_screenshot(str(out_dir / NAMES["overview"]))
        written.append(out_dir / NAMES["overview"])
        for lang, n in sorted(docs.items()):
            driver.get((site / "doc" / f"{n}.html").as_uri())
            _ready(driver)
            # click a target as a person would (scrolled to when it is below the first screen): the side
            # panel, which stays in view, then shows its fields
            mark = driver.execute_script("""
                return document.querySelector('#doc-text .figure.target') ||
                       document.querySelector('#doc-text .figure');""")
            if mark is not None:
                below = "return arguments[0].getBoundingClientRect().bottom > innerHeight - 40"
                if driver.execute_script(below, mark):
                    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", mark)
                mark.click()
            path = out_dir / NAMES[lang]
            driver.save_screenshot(str(path))
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print("usage: python -m pipeline.review.screenshots SITE_DIR OUT_DIR", file=sys.stderr)
        return 2
    from .browser import browser_missing

    why = browser_missing()
    if why:
        print(f"screenshots not taken: {why}", file=sys.stderr)
        return 1
    for p in take_screenshots(argv[0], argv[1]):
        print(f"wrote {p}", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
