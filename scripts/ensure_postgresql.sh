#!/usr/bin/env sh
# The test suite runs its service tests against a real PostgreSQL server too (tests/pg_server.py
# starts a throwaway one per test process and stops it afterwards). This installs the server's
# programs when the machine has none: Debian/Ubuntu's package as root or through sudo, Homebrew
# on macOS. Nothing is started here and no system service is enabled.
set -eu
for dir in /usr/lib/postgresql/*/bin /usr/local/opt/postgresql*/bin /opt/homebrew/opt/postgresql*/bin; do
    [ -x "$dir/initdb" ] && exit 0
done
command -v initdb >/dev/null 2>&1 && exit 0
command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ] && exit 0
echo "Installing PostgreSQL for the test suite..." >&2
if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    # the package's own cluster is not needed: the tests make their own
    $SUDO sh -c 'command -v pg_ctlcluster >/dev/null && for c in $(ls /etc/postgresql 2>/dev/null); do pg_ctlcluster "$c" main stop 2>/dev/null || true; done' || true
elif command -v brew >/dev/null 2>&1; then
    brew install -q postgresql@16
else
    echo "PostgreSQL is needed by the tests: install its server programs (initdb, pg_ctl)." >&2
    exit 1
fi
