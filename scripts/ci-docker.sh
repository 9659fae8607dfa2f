#!/usr/bin/env bash
# CI (and a fresh machine): install Debian's Docker engine and debootstrap,
# start the engine if none answers, wait for it, and build the sandbox images
# (cached: a second run only checks the tags). Call from .ci/run as
#   bash scripts/ci-docker.sh
# The engine keeps running after this script, for the tests; its data root is
# $BCR_DOCKER_ROOT (default /var/lib/bcr-docker) and its log $BCR_DOCKER_ROOT.log.
set -euo pipefail
cd "$(dirname "$0")/.."
t0=$(date +%s)

export DEBIAN_FRONTEND=noninteractive
SUDO=""
[ "$(id -u)" = "0" ] || SUDO="sudo"
root="${BCR_DOCKER_ROOT:-/var/lib/bcr-docker}"

if ! command -v dockerd >/dev/null || ! command -v debootstrap >/dev/null; then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends docker.io debootstrap >/dev/null
fi

# Debian's client is /usr/bin/docker; another client earlier on PATH works as well.
if ! docker info >/dev/null 2>&1; then
  $SUDO mkdir -p "$root"
  # Detached from this shell, so the engine outlives the script.
  $SUDO setsid dockerd --data-root "$root" >"$root.log" 2>&1 < /dev/null &
  for _ in $(seq 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
  docker info >/dev/null 2>&1 || { tail -n 40 "$root.log" >&2; echo "ci-docker: dockerd did not answer within 60 s" >&2; exit 1; }
fi
echo "ci-docker: engine $(docker version --format '{{.Server.Version}}') ready after $(( $(date +%s) - t0 )) s"

$SUDO bash sandboxes/build.sh
echo "ci-docker: done in $(( $(date +%s) - t0 )) s"
