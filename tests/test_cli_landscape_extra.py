"""Without the optional torch extra, `descent-lab landscape` says in one line how to install it (runs in the core
suite: torch is hidden from the import system, not needed)."""
import importlib.util

from app.cli import main


def test_landscape_without_the_extra_says_how_to_install_it(monkeypatch, capsys, tmp_path):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "torch" else real(name, *a))
    rc = main(["landscape", "--model", "m.pt2", "--data", "d.npz", "-o", str(tmp_path / "o.h5")])
    err = capsys.readouterr().err
    assert rc == 2
    assert "pip install 'descent-lab[torch]'" in err and err.count("\n") == 1
    assert not list(tmp_path.iterdir())
