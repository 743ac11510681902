#!/usr/bin/env bash
# Installs the Debian packages rpm_nb uses, where apt is available: pandoc (renders the docs pages without
# Quarto) and dataset-fashion-mnist (puts the Fashion-MNIST IDX files in /usr/share/datasets/fashion-mnist).
set -euo pipefail
want=()
command -v pandoc >/dev/null 2>&1 || want+=(pandoc)
[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || want+=(dataset-fashion-mnist)
[ ${#want[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "apt-get not found: install ${want[*]} by other means (pandoc is needed for the docs pages;" \
       "Fashion-MNIST is then downloaded by tools/ensure_data.py)." >&2
  exit 0
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "Not root and no sudo: run 'apt-get install ${want[*]}' as root." >&2; exit 0; fi
fi
echo "Installing Debian packages: ${want[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y -q "${want[@]}" >/dev/null 2>&1 || {
  $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q "${want[@]}" >/dev/null; }
