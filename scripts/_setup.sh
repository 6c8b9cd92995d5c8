# Shared by scripts/serve and scripts/test: make .venv and install the project into it with
# the exact versions in constraints.txt. Idempotent: reinstalls only when those files change.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "advice-column needs Python 3.11 or newer as '$PYTHON' (set PYTHON=/path/to/python3.11)" >&2
  exit 1
fi

setup_venv() {  # $1: a dependency group of pyproject.toml to install too, e.g. "test", or ""
  local group="$1"
  local hash
  hash=$(cat pyproject.toml constraints.txt | "$PYTHON" -c \
    'import hashlib, sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest()[:16])')
  # One stamp per group, holding the hash it was installed from: scripts/serve (no group) and
  # scripts/test ("test") each see their own, so running one after the other installs nothing.
  local stamp=".venv/.installed-${group:-base}"
  if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
  fi
  if [ "$(cat "$stamp" 2>/dev/null)" != "$hash" ]; then
    # 25.1: the first pip that installs dependency groups (--group).
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=25.1"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check \
      --constraint constraints.txt --editable . ${group:+--group "$group"}
    echo "$hash" >"$stamp"
    # A group's install is the project's too.
    echo "$hash" >.venv/.installed-base
  fi
}
