"""tools/make_demos.py writes exactly the shipped demo machines: the files in
src/hygiene/data/demos are what the generator says they are, so a change to a demo is a
change to the generator, reviewed in both."""

import importlib.util

from tests.helpers import ROOT

SHIPPED = ROOT / "src" / "hygiene" / "data" / "demos"


def _make_demos():
    spec = importlib.util.spec_from_file_location("make_demos", ROOT / "tools" / "make_demos.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_make_demos_regenerates_the_shipped_demos_byte_for_byte(tmp_path, monkeypatch, capsys):
    make_demos = _make_demos()
    assert make_demos.OUT == SHIPPED  # `python tools/make_demos.py` rewrites the shipped files
    monkeypatch.setattr(make_demos, "OUT", tmp_path / "demos")
    assert make_demos.main() == 0
    written = sorted(p.name for p in (tmp_path / "demos").iterdir())
    assert written == sorted(p.name for p in SHIPPED.glob("*.json"))
    for name in written:
        assert (tmp_path / "demos" / name).read_bytes() == (SHIPPED / name).read_bytes(), name
    assert capsys.readouterr().out.count("wrote ") == len(written)


def test_a_demo_that_leaves_a_question_unanswered_is_not_written(tmp_path, capsys):
    make_demos = _make_demos()
    laptop = make_demos.DEMOS[0]
    laptop.commands.clear()  # every command the checks run now goes unanswered
    assert make_demos.write_demos(tmp_path) == 1
    assert not list(tmp_path.iterdir())
    assert f"{laptop.demo.name} leaves questions unanswered" in capsys.readouterr().err
