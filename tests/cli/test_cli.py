"""The installed `quartermaster` console script, as a user runs it."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.catalog import ASSETS, STOCK

SCRIPT = shutil.which("quartermaster", path=str(Path(sys.executable).parent)) or shutil.which("quartermaster")


def qm(
    *args, db: Path, stdin: str = "", env: dict | None = None, module: bool = False
) -> subprocess.CompletedProcess:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    environment = {**inherited, "DATABASE_URL": f"sqlite:///{db}", "QM_MANAGERS": "maria", **(env or {})}
    command = [sys.executable, "-m", "bot", *args] if module else [SCRIPT, *args]
    return subprocess.run(command, input=stdin, capture_output=True, text=True, env=environment, timeout=120)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "qm.db"


@pytest.fixture
def files(tmp_path):
    (tmp_path / "assets.csv").write_text(ASSETS)
    (tmp_path / "stock.csv").write_text(STOCK)
    return tmp_path


def test_the_console_script_is_installed():
    assert SCRIPT, "pip install should put `quartermaster` on the PATH of the environment"


def test_chat_reads_lines_as_messages_and_prints_plain_replies(db, files):
    assert qm("import", "stock", str(files / "stock.csv"), db=db).returncode == 0
    assert qm("import", "assets", str(files / "assets.csv"), db=db).returncode == 0
    session = "check out A-1042\nused 3 boxes of paper\n@bob: check out A-1042\n@bob: what do I have\nwho has A-1042\n"
    done = qm("chat", "--user", "alice", db=db, stdin=session)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Checked out A-1042")
    assert "25 reams" in lines[1]
    assert "already checked out to alice" in lines[2]
    assert "nothing checked out" in lines[3]
    assert "is with alice" in lines[4]


def test_chat_asks_with_a_numbered_list_and_takes_the_answer(db, files):
    qm("import", "assets", str(files / "assets.csv"), db=db)
    done = qm("chat", "--user", "alice", db=db, stdin="check out the projector\n2\nwhat do I have\n")
    out = done.stdout
    assert "1. A-2001 Epson projector" in out and "2. A-2002 BenQ portable projector" in out
    assert "Checked out A-2002" in out and out.rstrip().endswith("(BenQ portable projector) is with alice.")


def test_chat_demo_loads_a_catalog_into_an_empty_database_once(db):
    first = qm("chat", "--demo", "--user", "alice", db=db, stdin="how many paper\n")
    assert first.returncode == 0 and "Copy paper A4: 40 reams" in first.stdout
    again = qm("chat", "--demo", "--user", "alice", db=db, stdin="used 1 ream of paper\nhow many paper\n")
    assert "39 reams" in again.stdout


def test_python_dash_m_bot_is_the_same_program(db):
    done = qm("chat", "--user", "alice", db=db, stdin="help\n", module=True)
    assert done.returncode == 0 and "check out" in done.stdout


def test_import_is_idempotent_and_export_round_trips(db, files, tmp_path):
    for kind in ("assets", "stock"):
        assert qm("import", kind, str(files / f"{kind}.csv"), db=db).returncode == 0
        again = qm("import", kind, str(files / f"{kind}.csv"), db=db)
        assert again.returncode == 0 and "0 added, 0 updated" in again.stdout
    qm("chat", "--user", "alice", db=db, stdin="check out A-1042 until friday\nused 2 pens\n")
    copy = tmp_path / "copy.db"
    for kind in ("assets", "stock"):
        out = tmp_path / f"out-{kind}.csv"
        assert qm("export", kind, str(out), db=db).returncode == 0
        assert qm("import", kind, str(out), db=copy).returncode == 0
        assert qm("export", kind, "-", db=copy).stdout == out.read_text()
    ledger = qm("export", "ledger", db=db).stdout.splitlines()
    assert ledger[0].startswith("id,at,actor,action") and len(ledger) == 1 + 5 + 3 + 2


def test_a_bad_file_exits_1_naming_line_and_column_and_writes_nothing(db, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("asset_tag,name,cost\nA-1,One,10\nA-2,Two,ten dollars\n")
    done = qm("import", "assets", str(bad), db=db)
    assert done.returncode == 1
    assert "line 3, column cost" in done.stderr
    assert (
        qm("export", "assets", db=db).stdout.strip()
        == qm("export", "assets", db=tmp_path / "empty.db").stdout.strip()
    )
    skipped = qm("import", "assets", str(bad), "--skip-bad", db=db)
    assert skipped.returncode == 1 and "1 added" in skipped.stderr
    assert qm("export", "assets", db=db).stdout.count("\n") == 2


def test_an_unreachable_database_is_one_clear_line_and_exit_1(tmp_path):
    done = qm(
        "export",
        "assets",
        db=tmp_path,
        env={"DATABASE_URL": "postgresql+psycopg://nobody:secret@127.0.0.1:1/none"},
    )
    assert done.returncode == 1
    assert (
        done.stderr.startswith("quartermaster: can't use the database")
        and len(done.stderr.strip().splitlines()) == 1
    )
    assert "secret" not in done.stderr


def test_a_missing_file_and_bad_usage(db, tmp_path):
    missing = qm("import", "assets", str(tmp_path / "nope.csv"), db=db)
    assert missing.returncode == 1 and "can't read" in missing.stderr
    assert qm("import", "gizmos", "x.csv", db=db).returncode == 2
    assert qm(db=db).returncode == 2


def test_db_upgrade(db):
    done = qm("db", "upgrade", db=db)
    assert done.returncode == 0 and db.exists()


def test_a_manager_can_export_in_the_chat(db, files):
    qm("import", "stock", str(files / "stock.csv"), db=db)
    out = qm("chat", "--user", "maria", db=db, stdin="export stock\n").stdout
    assert out.splitlines()[1].startswith("sku,name,unit,packs,on_hand") and "PAP-A4" in out


def test_backup_and_restore_through_the_command_line(db, files, tmp_path):
    qm("import", "stock", str(files / "stock.csv"), db=db)
    qm("chat", "--user", "alice", db=db, stdin="used 2 pens\nundo\nused 1 toner\n")
    archive = tmp_path / "backup.zip"
    assert qm("backup", str(archive), db=db).returncode == 0
    copy = tmp_path / "copy.db"
    restored = qm("restore", str(archive), db=copy)
    assert restored.returncode == 0 and "6 ledger" in restored.stderr
    for kind in ("stock", "ledger"):
        assert qm("export", kind, db=copy).stdout == qm("export", kind, db=db).stdout
    again = qm("restore", str(archive), db=copy)
    assert again.returncode == 1 and "empty database" in again.stderr


def test_report_prints_the_register_as_csv_and_draws_a_chart(db, files, tmp_path):
    qm("import", "assets", str(files / "assets.csv"), db=db)
    chart = tmp_path / "register.png"
    done = qm("report", "assets", "--by", "department", "--at", "2026-11-29", "--chart", str(chart), db=db)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "department,count,cost,accumulated_depreciation,book_value"
    assert "IT,2,2598.00,2131.56,466.44" in lines and lines[-1].startswith("(total),5,")
    assert chart.read_bytes().startswith(b"\x89PNG")
    stock = qm("report", "stock", db=db)
    assert stock.returncode == 0 and stock.stdout.startswith(
        "group,sku,name,on_hand,unit,value,used_last_30_days"
    )
    assert qm("report", "assets", "--by", "supplier", db=db).returncode == 2


def test_moves_sightings_and_an_audit_in_the_console(db, files):
    qm("import", "assets", str(files / "assets.csv"), db=db)
    script = (
        "\n".join(
            [
                "@maria: audit meeting room b",
                "@alice: seen A-2001",
                "@alice: move A-2002 to meeting room B",
                "@bob: seen A-3001 in meeting room b",
                "@maria: close audit",
                "@alice: the drill is on the roof now",
                "@alice: 1",
            ]
        )
        + "\n"
    )
    out = qm("chat", db=db, stdin=script).stdout
    assert "Audit of Meeting room B started" in out
    assert "A-2002 (BenQ portable projector) is now in Meeting room B." in out
    assert "The register has it in Workshop" in out
    # A-2002 moved in during the audit but nobody reported seeing it: missing.
    assert "Audit of Meeting room B: 1 found, 1 missing, 1 unexpected." in out
    assert (
        "I don't know a location called “roof”" in out
        and "A-3001 (Makita cordless drill) is now in roof." in out
    )


def test_labels_through_the_command_line(db, files, tmp_path):
    import zxingcpp
    from PIL import Image

    qm("import", "assets", str(files / "assets.csv"), db=db)
    png = tmp_path / "one.png"
    assert qm("labels", "a1042", "--out", str(png), db=db).returncode == 0
    assert [r.text for r in zxingcpp.read_barcodes(Image.open(png))] == ["A-1042"]
    sheet = tmp_path / "all.pdf"
    done = qm("labels", "--all", "--out", str(sheet), db=db)
    assert done.returncode == 0 and "5 label(s)" in done.stderr and sheet.read_bytes().startswith(b"%PDF")
    assert qm("labels", "A-1042", "A-2001", "--out", str(tmp_path / "two.png"), db=db).returncode == 2
    assert qm("labels", "NOPE-1", "--out", str(tmp_path / "x.png"), db=db).returncode == 1
    qr = tmp_path / "qr.png"
    assert qm("labels", "A-1042", "--qr", "--out", str(qr), db=db).returncode == 0
    (found,) = zxingcpp.read_barcodes(Image.open(qr))
    assert (found.text, found.format) == ("A-1042", zxingcpp.BarcodeFormat.QRCode)
    assert qm("labels", "--all", "--qr", "--out", str(tmp_path / "qr.pdf"), db=db).returncode == 0


def test_scan_says_what_each_photographed_code_is(db, files, tmp_path):
    from tests.photos import photograph

    qm("import", "assets", str(files / "assets.csv"), db=db)
    qm("import", "stock", str(files / "stock.csv"), db=db)
    known, unknown, blank = tmp_path / "known.jpg", tmp_path / "unknown.jpg", tmp_path / "blank.txt"
    known.write_bytes(photograph("A-1042", "Dell Latitude 5440 laptop", 1))
    unknown.write_bytes(photograph("ZZ-999", "Mystery", 2))
    blank.write_text("not an image")
    done = qm("scan", str(known), str(unknown), str(blank), db=db)
    assert f"{known}: A-1042 -> A-1042 Dell Latitude 5440 laptop (available; IT store)" in done.stdout
    assert f"{unknown}: ZZ-999 -> ZZ-999 (Code 128): not in the catalog" in done.stdout
    assert done.returncode == 1 and "isn't an image" in done.stderr


@pytest.mark.skipif(
    not __import__("tests.voices").voices.espeak_available(), reason="espeak-ng makes the clips"
)
def test_hear_prints_what_was_said_and_the_command_understood(db, files, tmp_path):
    from tests.voices import speak

    qm("import", "stock", str(files / "stock.csv"), db=db)
    qm("import", "assets", str(files / "assets.csv"), db=db)
    paper, drill, noise = tmp_path / "paper.m4a", tmp_path / "drill.webm", tmp_path / "notes.txt"
    paper.write_bytes(speak("we used three boxes of paper", "en-gb", 150, fmt="m4a"))
    drill.write_bytes(speak("who has the drill", "en-gb", 150, fmt="webm"))
    noise.write_text("not a clip")
    done = qm("hear", str(paper), str(drill), str(noise), db=db)
    assert re.search(
        rf"{re.escape(str(paper))}: heard “We use.* paper” \(2\.\d s of audio in \d+ ms\)", done.stdout
    )
    assert f"{paper}: understood: consume PAP-A4 3 box" in done.stdout
    assert f"{drill}: understood: who_has A-3001" in done.stdout
    assert done.returncode == 1 and f"{noise}: Sorry, I couldn't play that file as audio" in done.stderr
    with_ledger = qm("export", "ledger", db=db)
    assert "consume" not in with_ledger.stdout  # hearing changes nothing


def test_kits_and_loans_through_the_command_line(db, files, tmp_path):
    assert qm("import", "assets", str(files / "assets.csv"), db=db).returncode == 0
    kits = tmp_path / "kits.csv"
    kits.write_text("kit,name,items\nKIT-AV,AV kit,A-2001|A-2002\n")
    assert qm("import", "kits", str(kits), db=db).returncode == 0
    assert qm("export", "kits", db=db).stdout == "kit,name,items\nKIT-AV,AV kit,A-2001|A-2002\n"
    bad = tmp_path / "bad.csv"
    bad.write_text("kit,name,items\nKIT-X,Bad kit,A-9999\n")
    refused = qm("import", "kits", str(bad), db=db)
    assert refused.returncode == 1 and "line 2" in refused.stderr and "A-9999" in refused.stderr
    assert qm("labels", "KIT-AV", "--out", str(tmp_path / "kit.png"), db=db).returncode == 0
    assert qm("export", "loans", db=db).stdout == "sku,holder,quantity,since,due\n"
