"""``storymap app [STORY]``: run the Streamlit app from an installed package or a checkout.

The app's files (``streamlit_app.py``, ``pages/`` and the app's ``.streamlit/config.toml``)
live at the repository's top level, where Streamlit Community Cloud looks for them; a
wheel carries a copy inside ``storymap_ui/app/`` (see ``pyproject.toml``). This command
finds whichever is there and hands over to ``streamlit run``; it never imports Streamlit.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Sequence
from importlib.util import find_spec
from pathlib import Path

from storymap.errors import StorymapError
from storymap.extras import require
from storymap.package_data import CHECKOUT


def app_script() -> Path:
    """``streamlit_app.py``: the wheel's copy in ``storymap_ui/app/``, else the checkout's."""
    spec = find_spec("storymap_ui")
    if spec is not None and spec.submodule_search_locations:
        bundled = Path(next(iter(spec.submodule_search_locations))) / "app" / "streamlit_app.py"
        if bundled.is_file():
            return bundled
    in_checkout = CHECKOUT / "streamlit_app.py"
    if in_checkout.is_file():
        return in_checkout
    raise StorymapError("the app's files (streamlit_app.py) are not installed with storymap")


def add_app_command(commands: argparse._SubParsersAction) -> None:
    """Add ``app`` to the ``storymap`` subcommands."""
    app = commands.add_parser(
        "app",
        help="run the Streamlit app (needs the 'app' extra)",
        description="Run the app: the reader, presenter, data and author pages. Options after "
        "-- go to `streamlit run` (e.g. -- --server.baseUrlPath=storymap).",
    )
    app.add_argument(
        "story",
        type=Path,
        nargs="?",
        help="a story file, or a folder of them, to open "
        "(default: $STORYMAP_STORY, else the first story in $STORYMAP_STORIES)",
    )
    app.add_argument("--port", type=int, help="port to listen on (default 8501)")
    app.add_argument(
        "--address", help="address to listen on (default: every address; localhost: only here)"
    )
    app.set_defaults(run=run_app, streamlit=[])


def streamlit_command(args: argparse.Namespace) -> tuple[list[str], dict[str, str]]:
    """The ``streamlit run`` command line and environment for ``args``."""
    env = dict(os.environ)
    if args.story is not None:
        story = args.story.expanduser().resolve()
        if story.is_dir():
            env["STORYMAP_STORIES"] = str(story)
            env.pop("STORYMAP_STORY", None)
        elif story.is_file():
            env["STORYMAP_STORY"] = str(story)
        else:
            raise StorymapError(f"{args.story}: no such story file or folder")
    command = [sys.executable, "-m", "streamlit", "run", str(app_script())]
    if args.port is not None:
        command.append(f"--server.port={args.port}")
    if args.address is not None:
        command.append(f"--server.address={args.address}")
    return [*command, *args.streamlit], env


def split_streamlit_options(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """``storymap app … -- OPTIONS``: our arguments, and the options for ``streamlit run``.

    argparse would read the first option after ``--`` as the story, so they are set
    apart before parsing.
    """
    argv = list(argv)
    if argv[:1] != ["app"] or "--" not in argv:
        return argv, []
    cut = argv.index("--")
    return argv[:cut], argv[cut + 1 :]


def run_app(args: argparse.Namespace) -> int:
    require("app")
    command, env = streamlit_command(args)
    if os.name == "posix":  # the server takes this process's place: signals reach it directly
        os.execve(command[0], command, env)
    return subprocess.call(command, env=env)
