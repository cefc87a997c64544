"""encrypt / decrypt / passwd from the command line, and every command on an encrypted archive:
the password from SALES_COMPASS_PASSWORD or --password-file (never an argument), a wrong or
missing one refused in words with nothing changed."""

from __future__ import annotations

from cli_runner import new_archive, run_cli
from encrypted_archives import CLIENT, files_showing

PASSWORD = "大客户部 2026"


def sc(*args, password=None, new_password=None, lang="zh"):
    """The command with only the passwords given here in its environment, and no terminal
    (nobody to ask)."""
    return run_cli(
        *args,
        env_lang=lang,
        env={"SALES_COMPASS_PASSWORD": password, "SALES_COMPASS_NEW_PASSWORD": new_password},
    )


def test_encrypt_then_use_with_the_environment_or_a_password_file(tmp_path):
    db = new_archive(tmp_path / "archive.sqlite3")
    assert sc("add-client", "--name", CLIENT, "--db", db).returncode == 0
    scan = tmp_path / "licence.txt"
    scan.write_text(f"营业执照 {CLIENT}", encoding="utf-8")
    assert sc("attach", "client", "1", scan, "--db", db).returncode == 0
    scan.unlink()

    refused = sc("encrypt", "--db", db)
    assert refused.returncode == 1
    assert "SALES_COMPASS_PASSWORD" in refused.stderr and "Traceback" not in refused.stderr

    done = sc("encrypt", "--db", db, password=PASSWORD)
    assert done.returncode == 0, done.stderr
    assert "档案已加密" in done.stdout
    assert files_showing(tmp_path, CLIENT) == []

    missing = sc("clients", "--db", db)
    assert missing.returncode == 1
    assert "已加密" in missing.stderr and "--password-file" in missing.stderr
    assert "Traceback" not in missing.stderr

    before = db.read_bytes()
    wrong = sc("clients", "--db", db, password="猜一个")
    assert wrong.returncode == 1
    assert "密码不正确" in wrong.stderr and "Traceback" not in wrong.stderr
    assert db.read_bytes() == before

    listed = sc("clients", "--db", db, password=PASSWORD)
    assert listed.returncode == 0, listed.stderr
    assert CLIENT in listed.stdout

    secret = tmp_path / "password.txt"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    found = sc("search", "恒信", "--db", db, "--password-file", secret)
    assert found.returncode == 0, found.stderr
    assert CLIENT in found.stdout
    assert sc("check", "--db", db, "--password-file", secret).returncode == 0

    backup = sc("backup", tmp_path / "backups", "--db", db, password=PASSWORD)
    assert backup.returncode == 0, backup.stderr
    assert files_showing(tmp_path, CLIENT) == []

    english = sc("clients", "--db", db, password="wrong", lang="en")
    assert "Wrong password" in english.stderr


def test_passwd_and_decrypt_in_place(tmp_path):
    db = new_archive(tmp_path / "archive.sqlite3")
    assert sc("add-client", "--name", CLIENT, "--db", db).returncode == 0
    assert sc("encrypt", "--db", db, password=PASSWORD).returncode == 0

    no_new = sc("passwd", "--db", db, password=PASSWORD)
    assert no_new.returncode == 1 and "SALES_COMPASS_NEW_PASSWORD" in no_new.stderr

    new_file = tmp_path / "new.txt"
    new_file.write_text("新密码", encoding="utf-8")
    changed = sc("passwd", "--db", db, "--new-password-file", new_file, password=PASSWORD)
    assert changed.returncode == 0, changed.stderr
    assert sc("clients", "--db", db, password=PASSWORD).returncode == 1
    assert CLIENT in sc("clients", "--db", db, password="新密码").stdout

    plain = sc("decrypt", "--db", db, password="新密码")
    assert plain.returncode == 0, plain.stderr
    assert db.read_bytes().startswith(b"SQLite format 3")
    assert CLIENT in sc("clients", "--db", db).stdout


def test_the_password_is_never_an_argument():
    helped = sc("clients", "--help")
    assert "--password-file" in helped.stdout
    assert "--password " not in helped.stdout and "--password=" not in helped.stdout
