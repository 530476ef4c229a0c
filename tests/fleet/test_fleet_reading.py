"""Finding and reading the files a summary names: folders walked to any depth in name order,
hidden entries and other files left out, link loops ended, FIFOs, devices and oversized files
refused without being read, history databases read for each host's newest audit, and the same
outcome from worker processes as from one."""

import json
import os

import pytest

from hygiene.fleet.reading import collect, read_all, read_files
from hygiene.fleet.sources import MAX_DEPTH, gather
from hygiene.store.importing import MAX_IMPORT_BYTES
from tests.fleet.docs import ago, failure_doc, shared_doc, write


def problems(newest):
    return [(os.path.basename(p.path), p.reason) for p in newest.problems]


def read(*paths):
    return gather([str(p) for p in paths])[0], collect(str(p) for p in paths)


def test_folders_are_walked_to_any_depth_in_name_order_leaving_out_hidden_and_other_files(tmp_path):
    (tmp_path / "2026-11" / "week-2").mkdir(parents=True)
    (tmp_path / ".cache").mkdir()
    write(tmp_path, "b.json", shared_doc("b"))
    write(tmp_path / "2026-11", "a.JSON", shared_doc("a"))
    write(tmp_path / "2026-11" / "week-2", "c.json", shared_doc("c"))
    write(tmp_path, ".b.json.partial.json", shared_doc("hidden"))
    write(tmp_path / ".cache", "d.json", shared_doc("hidden"))
    write(tmp_path, "notes.txt", "not read")
    files, newest = read(tmp_path)
    assert [os.path.relpath(f, tmp_path) for f in files] == ["2026-11/a.JSON", "2026-11/week-2/c.json", "b.json"]
    assert sorted(newest.results) == ["a", "b", "c"] and newest.problems == []


def test_a_file_named_is_read_whatever_its_name(tmp_path):
    path = write(tmp_path, "result.txt", shared_doc("named"))
    assert list(read(path)[1].results) == ["named"]


def test_a_link_loop_ends_and_a_folder_named_twice_is_read_once(tmp_path):
    (tmp_path / "results").mkdir()
    write(tmp_path / "results", "a.json", shared_doc("a"))
    (tmp_path / "results" / "again").symlink_to(tmp_path / "results")
    (tmp_path / "elsewhere").symlink_to(tmp_path / "results")
    files, newest = read(tmp_path / "results", tmp_path / "elsewhere", tmp_path)
    assert files == [str(tmp_path / "results" / "a.json")] and newest.read == 1


def test_a_link_to_a_result_is_read_and_a_link_to_nothing_is_named(tmp_path):
    target = write(tmp_path, "real.json.bak", shared_doc("linked"))
    (tmp_path / "a.json").symlink_to(target)
    (tmp_path / "gone.json").symlink_to(tmp_path / "nowhere.json")
    _, newest = read(tmp_path)
    assert list(newest.results) == ["linked"] and problems(newest) == [("gone.json", "a link to nothing")]


def test_a_fifo_and_a_device_are_named_and_never_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.json")  # opened for reading, it would wait for a writer for ever
    (tmp_path / "zero.json").symlink_to("/dev/zero")  # read, it would never end
    write(tmp_path, "ok.json", shared_doc())
    _, newest = read(tmp_path)
    assert list(newest.results) == ["ledger-pc"]
    assert problems(newest) == [
        ("pipe.json", "is a named pipe (FIFO), not a result"),
        ("zero.json", "is a character device, not a result"),
    ]


def test_a_file_over_the_size_of_a_result_is_named_and_not_read(tmp_path):
    with open(tmp_path / "huge.json", "wb") as fh:
        fh.truncate(MAX_IMPORT_BYTES + 1)  # sparse: no disk used
    _, newest = read(tmp_path)
    assert problems(newest) == [("huge.json", "16,000,001 bytes is over the 16 MB limit for a result")]


def test_a_missing_path_and_a_folder_too_deep_are_named(tmp_path):
    deep = tmp_path.joinpath(*(f"d{n}" for n in range(MAX_DEPTH + 1)))
    deep.mkdir(parents=True)
    write(deep, "r.json", shared_doc("deep"))
    write(deep.parent, "r.json", shared_doc("just-deep-enough"))
    _, newest = read(tmp_path / "missing", tmp_path)
    assert list(newest.results) == ["just-deep-enough"]
    assert problems(newest) == [
        ("missing", "no such file or folder"),
        (f"d{MAX_DEPTH}", "is more than 32 folders deep; not read"),
    ]


def test_a_folder_that_cannot_be_listed_is_named(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir(mode=0)
    scandir = os.scandir

    def refuse(path):  # as a folder of mode 0 answers anyone but root, who runs CI
        if os.path.basename(path) == "locked":
            raise PermissionError(13, "Permission denied", path)
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    _, newest = read(tmp_path)
    assert problems(newest) == [("locked", "cannot be listed (Permission denied)")]


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b'{"kind": "hygiene-result",\n "x": }', "line 2 column 7: not valid JSON (Expecting value)"),
        (b'{"kind": "hygiene-r\xe9sult"}', "is not UTF-8 text (byte 19)"),
        (b"[" * 100_000, "is nested too deeply to be a result"),
        (b'{"n": ' + b"1" * 5000 + b"}", "is not JSON that hygiene can read (a number too long?)"),
        (b"", "line 1 column 1: not valid JSON (Expecting value)"),
    ],
    ids=["syntax", "latin-1", "nesting", "long number", "empty"],
)
def test_a_file_that_is_not_json_is_named_with_the_place(tmp_path, content, says):
    (tmp_path / "bad.json").write_bytes(content)
    assert problems(read_files([(0, str(tmp_path / "bad.json"))])) == [("bad.json", says)]


def test_a_byte_order_mark_is_read_past(tmp_path):
    (tmp_path / "bom.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(shared_doc("bom")).encode())
    assert list(read_files([(0, str(tmp_path / "bom.json"))]).results) == ["bom"]


def test_worker_processes_keep_what_one_process_keeps(tmp_path):
    paths = []
    for n in range(260):  # over PARALLEL_FROM, in more than one chunk
        host = f"pc-{n % 40:02d}"
        doc = failure_doc(host, at=ago(n % 7)) if n % 13 == 0 else shared_doc(host, ago(n % 17), overall=(n % 100, "F"))
        paths.append(write(tmp_path, f"r{n:03d}.json", doc))
    paths.append(write(tmp_path, "zz-bad.json", "{"))
    one, many = read_all(paths, workers=1), read_all(paths, workers=2)
    assert one.results == many.results and one.failures == many.failures and one.texts == many.texts
    assert one.stems == many.stems and one.read == many.read == 260
    assert sorted(one.problems, key=lambda p: p.order) == sorted(many.problems, key=lambda p: p.order)


def _history(tmp_path, *docs):
    from hygiene.store.database import open_store
    from hygiene.store.importing import import_results

    paths = [write(tmp_path, f"h{n}.json", doc) for n, doc in enumerate(docs)]
    db = tmp_path / "history.sqlite3"
    store = open_store(db, create=True)
    try:
        assert len(import_results(store, [__import__("pathlib").Path(p) for p in paths], 500).stored) == len(docs)
    finally:
        store.close()
    for p in paths:
        os.unlink(p)
    return db


def test_a_history_database_gives_each_hosts_newest_audit(tmp_path):
    db = _history(tmp_path, shared_doc("pc-1", ago(5), overall=(40, "F")), shared_doc("pc-1", ago(1), overall=(70, "C")),
                  shared_doc("PC-1", ago(3), overall=(60, "D")), shared_doc("pc-2", ago(2)))  # fmt: skip
    newest = read_files([(0, str(db))])
    assert {k: (r.host, r.score) for k, r in newest.results.items()} == {"pc-1": ("pc-1", 70), "pc-2": ("pc-2", 50)}
    assert newest.results["pc-1"].origin.startswith(f"{db} (audit ") and newest.problems == []


def test_a_database_that_is_not_a_history_is_named(tmp_path):
    import sqlite3

    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    newest = read_files([(0, str(other)), (1, str(damaged))])
    assert problems(newest)[0] == ("other.sqlite3", "is an SQLite database without a hygiene history in it")
    assert problems(newest)[1][1].startswith("is damaged or is not a hygiene history database")
