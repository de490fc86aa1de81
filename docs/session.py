"""Make docs/session.png, the README's picture of a terminal session.

Runs real fjhealth commands in a tmux pane (a real terminal, colours and all), captures the
pane with its escape codes, and renders it with rich to SVG, then to PNG with rsvg-convert.
Needs tmux, rsvg-convert (Debian: librsvg2-bin) and a CJK font (fonts-noto-cjk); rerun after
changing the rich output:

    .venv/bin/python docs/session.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
_CONSOLE = None  # set in main: rich needs a console to render Text into segments
WIDTH, HEIGHT = 92, 44
COMMANDS = [
    "fjhealth list",
    "fjhealth summarize 002-2 --sentences 2",
    "fjhealth keywords 003 --top 4",
]


def main() -> None:
    global _CONSOLE
    from rich.console import Console

    _CONSOLE = Console(width=10_000, force_terminal=True, file=open(os.devnull, "w"))
    for tool in ("tmux", "rsvg-convert"):
        if shutil.which(tool) is None:
            sys.exit(f"session.py: {tool} is not installed")
    bin_dir = Path(sys.executable).parent
    socket = f"fjhealth-session-{os.getpid()}"
    tmux = ["tmux", "-L", socket, "-f", "/dev/null"]
    with tempfile.TemporaryDirectory() as cache:
        env = {
            "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "HOME": os.environ.get("HOME", "/tmp"),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "FJHEALTH_CACHE_DIR": cache,
            "PS1": "$ ",
        }
        subprocess.run(
            [*tmux, "new-session", "-d", "-x", str(WIDTH), "-y", str(HEIGHT)]
            + ["env", "-i", *(f"{k}={v}" for k, v in env.items()), "bash", "--norc"],
            check=True,
        )
        try:
            subprocess.run([*tmux, "send-keys", "clear", "Enter"], check=True)
            _wait_for_prompt(tmux)
            for command in COMMANDS:
                subprocess.run([*tmux, "send-keys", command, "Enter"], check=True)
                _wait_for_prompt(tmux)
            pane = subprocess.run(
                [*tmux, "capture-pane", "-e", "-p"], capture_output=True, text=True, check=True
            ).stdout
        finally:
            subprocess.run([*tmux, "kill-server"], check=False)
    _render(pane.rstrip("\n").rsplit("\n$", 1)[0] + "\n$ ", HERE / "session.png")


def _wait_for_prompt(tmux: list[str]) -> None:
    """Wait until the pane's last non-empty line is a bare prompt again."""
    deadline = time.monotonic() + 120
    time.sleep(0.5)
    while time.monotonic() < deadline:
        lines = (
            subprocess.run(
                [*tmux, "capture-pane", "-p"], capture_output=True, text=True, check=True
            )
            .stdout.rstrip("\n")
            .splitlines()
        )
        if lines and lines[-1].rstrip() == "$":
            return
        time.sleep(0.2)
    sys.exit("session.py: a command did not finish")


def _render(ansi: str, png: Path) -> None:
    """The captured pane as a PNG: an SVG with every character placed on its terminal cell
    (wide CJK characters on two), so columns line up whatever the fonts' widths."""
    from xml.sax.saxutils import escape

    from rich.cells import cell_len
    from rich.terminal_theme import MONOKAI
    from rich.text import Text

    cell_w, line_h, pad, size = 9.0, 19.0, 16.0, 15
    lines = ansi.split("\n")
    width = pad * 2 + cell_w * WIDTH
    height = pad * 2 + line_h * len(lines)
    bg = "#{:02x}{:02x}{:02x}".format(*MONOKAI.background_color)
    fg_default = MONOKAI.foreground_color
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}">',
        f'<rect width="100%" height="100%" rx="8" fill="{bg}"/>',
        f'<g font-family="DejaVu Sans Mono, Noto Sans Mono CJK SC, monospace" font-size="{size}">',
    ]
    for row, line in enumerate(lines):
        text = Text.from_ansi(line)
        y = pad + line_h * (row + 0.75)
        col = 0
        for span_text, style in _styled_chars(text):
            for ch in span_text:
                w = cell_len(ch)
                if not ch.isspace():
                    rgb = tuple(style.color.get_truecolor(MONOKAI) if style.color else fg_default)
                    if style.dim:
                        rgb = tuple(
                            int(c * 0.55 + b * 0.45)
                            for c, b in zip(rgb, MONOKAI.background_color, strict=True)
                        )
                    attrs = ' font-weight="bold"' if style.bold else ""
                    if w == 2:  # a wide character fills its two cells: 1em = two cells
                        attrs += f' font-size="{cell_w * 2:.0f}"'
                    x = pad + cell_w * col
                    out.append(
                        f'<text x="{x:.1f}" y="{y:.1f}" fill="rgb({rgb[0]},{rgb[1]},{rgb[2]})"'
                        f"{attrs}>{escape(ch)}</text>"
                    )
                col += w
    out.append("</g></svg>")
    with tempfile.TemporaryDirectory() as tmp:
        svg = Path(tmp) / "session.svg"
        svg.write_text("\n".join(out), encoding="utf-8")
        subprocess.run(["rsvg-convert", "--zoom", "1.5", "-o", str(png), str(svg)], check=True)
    print(f"wrote {png}")


def _styled_chars(text: object) -> list[tuple[str, object]]:
    """(text, style) runs of a rich Text, its spans applied."""
    from rich.style import Style
    from rich.text import Text

    assert isinstance(text, Text)
    return [(seg.text, seg.style or Style()) for seg in text.render(_CONSOLE)]


if __name__ == "__main__":
    main()
