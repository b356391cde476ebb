"""The command line tells a settings or data mistake in one line, and lets a bug's traceback through."""

from __future__ import annotations

import pytest

from placeblind import __main__ as cli
from placeblind.errors import SettingsError


def run(capsys, *args):
    code = cli.main(["placeblind", *args])
    return code, capsys.readouterr().err


def test_a_mistyped_data_verify_is_a_configuration_error(monkeypatch, capsys):
    monkeypatch.setenv("DATA_VERIFY", "lenient")
    code, err = run(capsys, "verify")
    assert code == cli.DATA_ERROR
    assert err.strip() == "configuration error: DATA_VERIFY must be one of ('strict', 'warn'), not 'lenient'"


def test_a_missing_data_directory_is_a_data_error(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "nowhere"))
    code, err = run(capsys, "verify")
    assert code == cli.DATA_ERROR
    assert err.startswith("data error: ") and "DATA_DIR does not name an existing directory" in err
    assert len(err.strip().splitlines()) == 1


def test_an_unknown_authority_is_named_in_one_line(capsys):
    code, err = run(capsys, "tables", "--authority", "Atlantis")
    assert code == cli.USAGE_ERROR
    assert err.startswith("error: no combined authority 'Atlantis'") and len(err.strip().splitlines()) == 1


def test_a_year_nomis_does_not_have_is_a_configuration_error(capsys):
    code, err = run(capsys, "fetch", "bres-districts", "--year", "2009", "--print-query")
    assert code == cli.DATA_ERROR and err.startswith("configuration error: BRES open access")


def test_a_bad_row_limit_is_a_configuration_error(monkeypatch):
    from placeblind.data import nomis

    monkeypatch.setenv("NOMIS_ROW_LIMIT", "many")
    with pytest.raises(SettingsError, match="NOMIS_ROW_LIMIT"):
        nomis.row_limit()


@pytest.mark.parametrize("error", [ValueError("a bug, not a setting"), KeyError("sector"), TypeError("bad call")])
def test_a_bug_is_not_dressed_as_a_settings_mistake(monkeypatch, capsys, error):
    """An error the package did not mean to raise (a ValueError too) reaches the
    user with its traceback, not as a 'configuration error'."""
    def broken():
        raise error

    monkeypatch.setattr(cli, "verify_all", broken)
    with pytest.raises(type(error)):
        cli.main(["placeblind", "verify"])
    assert "configuration error" not in capsys.readouterr().err
