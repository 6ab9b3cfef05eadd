"""The wheel, as a user gets it: built, installed into a fresh venv, used from elsewhere.

The wheel is built from this checkout with the installed build backend (no download),
installed with every extra into a new virtual environment that sees this environment's
libraries (as ``--system-site-packages`` would see the system's; ``--no-index``, so a
dependency declared with a range these libraries do not meet fails here), and run from a
folder that is not the checkout: the ``storymap`` command validates and exports a story
kept outside the package, geocodes a name with the data inside the wheel, and
``storymap app`` serves the app from the wheel's own copy of its pages.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
import urllib.request
import zipfile
from pathlib import Path

import pytest
import yaml
from picture_helpers import story_with_pictures
from server_helpers import free_port, health
from story_helpers import ROOT

from storymap.geocoding import cache_folder

pytestmark = pytest.mark.slow
FIRST_STORY = ROOT / "geodata" / "stories" / "russia-north-korea.yaml"


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{command}: {done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    pip = (sys.executable, "-m", "pip", "--disable-pip-version-check")
    run(
        *pip,
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "--no-index",
        "-q",
        "-w",
        out,
        ROOT,
        cwd=out,
    )
    [built] = out.glob("storymap-*-py3-none-any.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory) -> Path:
    """A fresh venv with the wheel and every extra installed; its ``bin`` folder."""
    venv = tmp_path_factory.mktemp("venv")
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=venv)
    python = venv / "bin" / "python"
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=venv)
    libraries = "\n".join([*site.getsitepackages(), sysconfig.get_path("purelib")])
    Path(purelib.strip(), "_test_libraries.pth").write_text(libraries + "\n", encoding="utf-8")
    pip = (sys.executable, "-m", "pip", "--disable-pip-version-check", "--python", python)
    run(*pip, "install", "--no-index", "-q", f"{wheel}[all]", cwd=venv)
    return venv / "bin"


@pytest.fixture(scope="module")
def elsewhere(tmp_path_factory, gazetteer) -> tuple[Path, dict[str, str]]:
    """A folder outside the checkout with a story in it, and an environment without our
    settings but with the tests' cache folder (its gazetteer index is built already)."""
    folder = tmp_path_factory.mktemp("elsewhere")
    shutil.copyfile(FIRST_STORY, folder / "story.yaml")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STORYMAP_", "PYTHON"))}
    env["STORYMAP_CACHE"] = str(cache_folder())
    return folder, env


def test_the_wheel_carries_the_data_the_app_and_the_credits(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for data in (
        "storymap/geodata/places.geojson",
        "storymap/geodata/naturalearth/countries-110m.geojson",
        "storymap/geodata/naturalearth/picker-10m.json",
        "storymap/geodata/gazetteer/areas.geojson.gz",
        "storymap/geodata/gazetteer/points.tsv.gz",
        "storymap/geodata/story.schema.json",
        "storymap/geodata/SOURCES.md",
        "storymap/locales/ui.yaml",
        "storymap/templates/standalone.html.j2",
        "storymap/web/core.js",
        "storymap_ui/frontend/bridge.js",
        "storymap_ui/picker/picker-map.js",
        "storymap_ui/app/streamlit_app.py",
        "storymap_ui/app/pages/reader.py",
        "storymap_ui/app/pages/author.py",
        "storymap_ui/app/.streamlit/config.toml",
    ):
        assert data in names
    assert not [n for n in names if "/stories/" in n]  # stories stay outside the package
    info = next(n.split("/")[0] for n in names if n.endswith(".dist-info/METADATA"))
    assert {f"{info}/licenses/LICENSE", f"{info}/licenses/NOTICE"} <= names
    assert (
        "storymap = storymap.cli:main"
        in zipfile.ZipFile(wheel).read(f"{info}/entry_points.txt").decode()
    )


def test_the_installed_storymap_validates_exports_and_geocodes(venv, elsewhere) -> None:
    folder, env = elsewhere
    storymap = venv / "storymap"
    where = run(
        venv / "python", "-c", "import storymap; print(storymap.__file__)", cwd=folder, env=env
    )
    assert Path(where.strip()).is_relative_to(venv.parent)  # the wheel's copy, not the checkout
    assert run(storymap, "validate", "story.yaml", cwd=folder, env=env).startswith(
        "ok: story.yaml: "
    )
    run(
        storymap,
        "export",
        "story.yaml",
        "--format",
        "html",
        "-o",
        "story.html",
        cwd=folder,
        env=env,
    )
    page = (folder / "story.html").read_text(encoding="utf-8")
    assert "countries-110m" in page or '"FeatureCollection"' in page  # outlines from the wheel
    found = run(
        storymap,
        "geocode",
        "--query",
        "Moskow",
        "--country",
        "RU",
        "--format",
        "json",
        cwd=folder,
        env=env,
    )
    [moscow] = json.loads(found)
    assert (moscow["matched"], moscow["layer"]) == ("Moscow", "gazetteer")
    assert abs(moscow["lat"] - 55.75) < 0.1 and abs(moscow["lon"] - 37.62) < 0.1


def test_the_installed_storymap_carries_a_storys_pictures_both_ways(venv, elsewhere) -> None:
    """A story kept outside the package with pictures in its media folder: the single file
    the wheel's command exports embeds them, and its import writes them back beside the
    story it writes, byte for byte."""
    folder, env = elsewhere
    storymap = venv / "storymap"
    story = story_with_pictures(folder)
    html = ("--format", "html", "-o")
    run(storymap, "export", story.name, *html, "pictures.html", cwd=folder, env=env)
    page = (folder / "pictures.html").read_text(encoding="utf-8")
    assert page.count("data:image/jpeg;base64,") >= 1 and "data:image/png;base64," in page
    assert "upload.example.org" not in page.split("Content-Security-Policy", 1)[1].split(">", 1)[0]
    (folder / "back").mkdir()
    run(storymap, "import", "pictures.html", "-o", "back/again.yaml", cwd=folder, env=env)
    assert run(storymap, "validate", "back/again.yaml", cwd=folder, env=env).startswith("ok: ")
    kept = sorted(p.name for p in (folder / "back" / "again" / "media").iterdir())
    assert kept == ["sanlucar-harbour.jpg", "strait-drawing.png"]
    run(storymap, "export", "back/again.yaml", *html, "again.html", cwd=folder, env=env)
    assert (folder / "again.html").read_bytes() == (folder / "pictures.html").read_bytes()


APP_RUN = """
import json
from streamlit import config
from streamlit.testing.v1 import AppTest
from storymap.app_command import app_script
config._main_script_path = str(app_script())  # what `streamlit run` sets: its config is read
config.get_config_options(force_reparse=True)
at = AppTest.from_file(str(app_script()), default_timeout=300).run()
print(json.dumps({"script": str(app_script()), "fast_reruns": config.get_option("runner.fastReruns"),
                  "exceptions": [e.value for e in at.exception],
                  "html": [h.proto.body for h in at.get("html")],
                  "components": len(at.get("component_instance"))}))
"""


def test_the_installed_app_runs_its_own_pages_with_its_settings(venv, elsewhere) -> None:
    folder, env = elsewhere
    shown = json.loads(
        run(venv / "python", "-c", APP_RUN, cwd=folder, env={**env, "STORYMAP_STORY": "story.yaml"})
    )
    assert Path(shown["script"]).is_relative_to(venv.parent)
    assert shown["fast_reruns"] is False  # the app's .streamlit/config.toml, from the wheel
    assert shown["exceptions"] == []
    title = yaml.safe_load(FIRST_STORY.read_text(encoding="utf-8"))["title"]["id"]
    assert any(f"<h1>{title}</h1>" in body for body in shown["html"])  # the reader's header
    assert shown["components"] == 1  # and the reader itself


def test_storymap_app_serves_the_app(venv, elsewhere) -> None:
    folder, env = elsewhere
    port = free_port()
    server = subprocess.Popen(
        [venv / "storymap", "app", "story.yaml", "--port", str(port), "--address", "127.0.0.1"],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert health(f"http://127.0.0.1:{port}/_stcore/health", server) == "ok"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/reader", timeout=30) as page:
            assert "<noscript>" in page.read().decode()  # Streamlit's page
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=120) as page:
            # the front door: the story's light page, its engine from the installed package
            front = page.read().decode()
            assert 'id="storymap-light"' in front and '<base href="read/' in front
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/read/_/engine.js") as engine:
            assert b"StoryReader" in engine.read()
    finally:
        server.terminate()
        output = server.communicate(timeout=60)[0]
    assert "Traceback" not in output
