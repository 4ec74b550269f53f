"""Reading a PDF back with poppler-utils: its text (pdftotext), its pages as images
(pdftoppm), its fonts (pdffonts) and its page count (pdfinfo)."""

import subprocess
import tempfile
from pathlib import Path


def _run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def _file(content):
    handle = tempfile.NamedTemporaryFile(suffix=".pdf", delete=False)
    handle.write(content)
    handle.close()
    return handle.name


def text(content, *pages):
    """The text of the PDF (of pages ``first, last``), its layout kept."""
    path = _file(content)
    extra = ["-f", str(pages[0]), "-l", str(pages[1])] if pages else []
    return _run("pdftotext", *extra, path, "-")


def page_texts(content):
    return text(content).split("\f")


def page_count(content):
    info = _run("pdfinfo", _file(content))
    return int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])


def fonts(content):
    return _run("pdffonts", _file(content))


def images(content, first=1, last=1):
    """The pages rendered as PNG files (72 dpi)."""
    path = _file(content)
    out = Path(tempfile.mkdtemp())
    _run("pdftoppm", "-png", "-r", "72", "-f", str(first), "-l", str(last), path, str(out / "p"))
    return sorted(out.glob("p*.png"))
