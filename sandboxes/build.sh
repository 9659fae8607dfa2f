#!/usr/bin/env bash
# Builds the Docker sandbox images offline: a debootstrap (minbase) root file
# system per family, made from sandboxes/<family>.conf, imported with
# `docker import` (there is no container registry to pull from).
#
#   bash sandboxes/build.sh [family...]      # default: every sandboxes/*.conf
#
# Each image is tagged bcr-sandbox-<family>:<hash> (hash of the definition, this
# script and any copied host file) and :latest (what the backend runs). A tag
# that exists is not built again. Caches, under $BCR_SANDBOX_CACHE (default
# /var/cache/bcr-sandboxes; remove the folder to clear them):
#   debs/                 downloaded .deb files, reused by every build
#   rootfs/<family>-<hash>.tar   finished root file systems, re-imported when
#                         the engine's data root was wiped
# The Debian mirror is the first bookworm source configured for apt (override
# with BCR_DEBIAN_MIRROR). Needs root, debootstrap and a running engine.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
cache="${BCR_SANDBOX_CACHE:-/var/cache/bcr-sandboxes}"
suite=bookworm
docker_cli="${BCR_DOCKER:-docker}"

die() { echo "sandboxes/build.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "needs root (debootstrap and chroot)"
command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install debootstrap"
"$docker_cli" info >/dev/null 2>&1 || die "no Docker engine answers: start one with \`dockerd --data-root /var/lib/bcr-docker &\` (see scripts/ci-docker.sh)"

# The mirror apt uses: deb822 sources (URIs:/Suites:) or one-line sources.list.
mirror() {
  if [ -n "${BCR_DEBIAN_MIRROR:-}" ]; then echo "$BCR_DEBIAN_MIRROR"; return; fi
  local f uri suites
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    # Paragraphs: a URIs line and a Suites line naming the suite.
    uri="$(awk -v s="$suite" '
      /^URIs:/ { u = $2 } /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == s) ok = 1 }
      /^$/ { if (ok && u != "") { print u; exit } ok = 0; u = "" }
      END { if (ok && u != "") print u }' "$f" | head -n1)"
    [ -n "$uri" ] && { echo "$uri"; return; }
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    uri="$(awk -v s="$suite" '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i ~ /:\/\//) { if ($(i+1) == s) { print $i; exit } } }' "$f")"
    [ -n "$uri" ] && { echo "$uri"; return; }
  done
  die "no apt source for $suite found: set BCR_DEBIAN_MIRROR"
}

packages() { sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$1" | grep -v -e '^copy-from-host ' -e '^npm-package ' | tr -s ' \n' ',' | sed 's/,$//'; }
host_files() { sed -e 's/#.*//' "$1" | awk '$1 == "copy-from-host" { print $2 }'; }
# npm-package NAME@VERSION lines: NAME may be scoped (@scope/name@1.2.3).
npm_packages() { sed -e 's/#.*//' "$1" | awk '$1 == "npm-package" { print $2 }'; }
node_modules="$(cd "$here/.." && pwd)/node_modules"
web_modules=/opt/bcr-web/node_modules

# The installed package's folder, checked against the pinned version.
npm_package_dir() {
  local spec="$1" name version installed
  name="${spec%@*}"; version="${spec##*@}"
  [ -f "$node_modules/$name/package.json" ] || die "npm-package $spec: not installed in $node_modules (run npm ci)"
  installed="$(/usr/bin/node -p 'require(process.argv[1]).version' "$node_modules/$name/package.json")"
  [ "$installed" = "$version" ] || die "npm-package $spec: $node_modules/$name is version $installed"
  echo "$node_modules/$name"
}

definition_hash() {
  local conf="$1" f spec
  # Checked here, outside the pipeline below, so a missing or wrong package stops the build.
  for spec in $(npm_packages "$conf"); do npm_package_dir "$spec" >/dev/null || exit 1; done
  {
    echo "$suite"
    cat "$conf" "$here/build.sh"
    for f in $(host_files "$conf"); do
      [ -f "$f" ] || die "$(basename "$conf"): copy-from-host $f: no such file on this host"
      sha256sum "$f"
    done
    local spec pdir
    for spec in $(npm_packages "$conf"); do
      pdir="$(npm_package_dir "$spec")"
      echo "$spec"
      (cd "$pdir" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
    done
  } | sha256sum | cut -c1-12
}

build() {
  local family="$1" conf="$here/$1.conf"
  [ -f "$conf" ] || die "no definition $conf"
  local hash tag rootfs_tar dir start
  hash="$(definition_hash "$conf")"
  tag="bcr-sandbox-$family:$hash"
  start=$(date +%s)
  if "$docker_cli" image inspect "$tag" >/dev/null 2>&1; then
    "$docker_cli" tag "$tag" "bcr-sandbox-$family:latest"
    echo "$tag: cached (0 s)"
    return
  fi
  mkdir -p "$cache/debs" "$cache/rootfs"
  rootfs_tar="$cache/rootfs/$family-$hash.tar"
  if [ ! -f "$rootfs_tar" ]; then
    dir="$cache/work/$family-$hash"
    rm -rf "$dir"
    mkdir -p "$dir"
    echo "$tag: debootstrap $(packages "$conf")"
    debootstrap --variant=minbase --include="$(packages "$conf")" --cache-dir="$cache/debs" \
      "$suite" "$dir" "$(mirror)" > "$cache/work/$family-$hash.log" 2>&1 \
      || { tail -n 30 "$cache/work/$family-$hash.log" >&2; die "debootstrap failed for $family (log: $cache/work/$family-$hash.log)"; }
    local f
    for f in $(host_files "$conf"); do
      install -D -m 0755 "$f" "$dir$f"
    done
    local spec
    for spec in $(npm_packages "$conf"); do
      mkdir -p "$dir$web_modules/$(dirname "${spec%@*}")"
      cp -a "$(npm_package_dir "$spec")" "$dir$web_modules/${spec%@*}"
      chown -R 0:0 "$dir$web_modules/${spec%@*}"
      chmod -R a+rX "$dir$web_modules/${spec%@*}"
    done
    # The unprivileged user the runners expect: uid/gid 1000, home /home/user.
    chroot "$dir" /usr/sbin/groupadd -g 1000 user
    chroot "$dir" /usr/sbin/useradd -u 1000 -g 1000 -d /home/user -M -s /bin/sh user
    install -d -o 1000 -g 1000 -m 0755 "$dir/home/user"
    chmod 0700 "$dir/root"
    # Not needed at run time, and large.
    rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/* "$dir"/usr/share/doc/* "$dir"/usr/share/man/* "$dir"/var/log/*
    tar -C "$dir" --numeric-owner -cf "$rootfs_tar.part" .
    mv "$rootfs_tar.part" "$rootfs_tar"
    rm -rf "$dir"
  fi
  "$docker_cli" import \
    --change 'USER 1000:1000' --change 'WORKDIR /home/user' \
    --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8' \
    --change "LABEL org.bcr.sandbox.family=$family org.bcr.sandbox.hash=$hash" \
    "$rootfs_tar" "$tag" >/dev/null
  "$docker_cli" tag "$tag" "bcr-sandbox-$family:latest"
  echo "$tag: built in $(( $(date +%s) - start )) s"
}

families=("$@")
if [ ${#families[@]} -eq 0 ]; then
  for conf in "$here"/*.conf; do families+=("$(basename "$conf" .conf)"); done
fi
for family in "${families[@]}"; do build "$family"; done
