#!/usr/bin/env bash
# Installs the Debian packages rpm_nb uses, where they are missing: pandoc (renders the docs pages without Quarto)
# and dataset-fashion-mnist (puts the Fashion-MNIST IDX files in /usr/share/datasets/fashion-mnist).
# Says first what it is about to install and why. Without root or without apt-get it installs nothing: it prints
# the command to run instead and exits 0 (the tutorials still run: tools/ensure_data.py then downloads the data).
set -euo pipefail
declare -A why=(
  [pandoc]="renders the docs pages where Quarto is not installed"
  [dataset-fashion-mnist]="the Fashion-MNIST images the tutorials and tests use, in /usr/share/datasets/fashion-mnist"
)
declare -A without=(
  [pandoc]="the docs pages are not rendered"
  [dataset-fashion-mnist]="tools/ensure_data.py downloads Fashion-MNIST into ~/.cache/rpm_nb instead"
)
want=()
command -v pandoc >/dev/null 2>&1 || want+=(pandoc)
[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || want+=(dataset-fashion-mnist)
[ ${#want[@]} -eq 0 ] && exit 0

echo "rpm_nb uses these Debian packages, which are missing here:"
for p in "${want[@]}"; do echo "  $p: ${why[$p]}"; done
cmd="apt-get install -y ${want[*]}"
skip="Until then:"
for p in "${want[@]}"; do skip+=" ${without[$p]} ($p);"; done
skip="${skip%;}."
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Skipping: apt-get not found on this system; install ${want[*]} by other means. $skip"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "Skipping: not running as root. To install them, run as root:  $cmd"
  echo "$skip"
  exit 0
fi
echo "Installing them now, as root:  $cmd"
export DEBIAN_FRONTEND=noninteractive
if apt-get install -y -q "${want[@]}" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "${want[@]}"; }; then
  echo "Installed: ${want[*]}"
else
  echo "Could not install ${want[*]} (see apt-get's messages above). $skip"
fi
