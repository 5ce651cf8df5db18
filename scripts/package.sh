#!/bin/sh
# How the package is made and installed, in one place: the Dockerfile's RUN steps and
# test/package/ call this same script, so the image is built the way the test proves works.
#   scripts/package.sh pack DEST               build dist/, write confluence-workbench-<version>.tgz into DEST
#   scripts/package.sh install TARBALL PREFIX  install it globally under PREFIX (command in PREFIX/bin)
# The install runs no dependency's install script (npm 11's default, and --ignore-scripts makes
# it so on any npm): isolated-vm loads its bundled prebuilt binary and esbuild its platform
# package without one. Cached packages are used first, so a machine that ran `npm ci` installs
# mostly from its npm cache.
set -eu
root="$(cd "$(dirname "$0")/.." && pwd)"
case "${1:-}" in
  pack)
    [ $# -eq 2 ] || { echo "usage: scripts/package.sh pack DEST" >&2; exit 2; }
    mkdir -p "$2"
    cd "$root"
    node scripts/build.ts
    # The build just ran; --ignore-scripts skips prepack's second one.
    npm pack --ignore-scripts --silent --pack-destination "$2"
    ;;
  install)
    [ $# -eq 3 ] || { echo "usage: scripts/package.sh install TARBALL PREFIX" >&2; exit 2; }
    npm install --global --prefix "$3" --ignore-scripts --prefer-offline \
      --no-audit --no-fund --loglevel=error "$2"
    ;;
  *)
    echo "usage: scripts/package.sh pack DEST | install TARBALL PREFIX" >&2
    exit 2
    ;;
esac
