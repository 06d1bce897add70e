#!/usr/bin/env bash
# Installs configurable-http-proxy (JupyterHub's proxy, from npm) into .hubtools/ for the class test
# (make class-test, and the 3-student class run in make test). No root needed: npm installs into this folder.
# Node and npm come from Debian; as root (CI, a container) this script installs them when missing, otherwise
# it says how and exits 0 so that `make test` carries on (the class test then skips — or fails, when CI is set).
set -euo pipefail
cd "$(dirname "$0")/.."
DEST=.hubtools
CHP="$DEST/node_modules/.bin/configurable-http-proxy"

if [ -x "$CHP" ] && "$CHP" --version >/dev/null 2>&1; then
  exit 0
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "--- installing Debian's nodejs and npm (JupyterHub's proxy for the class test)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  else
    echo "Node.js and npm are missing, so JupyterHub's proxy can't be installed and the class test will be" >&2
    echo "skipped. Install them (Debian/Ubuntu: sudo apt-get install nodejs npm), then run make again." >&2
    exit 0
  fi
fi
# configurable-http-proxy 5 needs Node 20+; Debian 12's Node is 18, for which 4.6 is the release to use.
major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -ge 20 ]; then version=5.3.0; else version=4.6.3; fi
echo "--- npm install configurable-http-proxy@$version into $DEST/ (Node $(node --version))"
mkdir -p "$DEST"
npm install --prefix "$DEST" --no-audit --no-fund --loglevel=error "configurable-http-proxy@$version"
"$CHP" --version
