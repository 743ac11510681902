#!/usr/bin/env bash
# Installs the Debian packages rpm_nb uses, where they are missing: pandoc (renders the docs pages without Quarto),
# dataset-fashion-mnist (puts the Fashion-MNIST IDX files in /usr/share/datasets/fashion-mnist) and chromium (the
# headless browser in which tools/docs_check.py and tests/test_docs.py load every docs page).
# Says first what it is about to install and why. Without root or without apt-get it installs nothing: it prints
# the command to run instead and exits 0 (the tutorials still run: tools/ensure_data.py then downloads the data).
set -euo pipefail
declare -A why=(
  [pandoc]="renders the docs pages where Quarto is not installed"
  [dataset-fashion-mnist]="the Fashion-MNIST images the tutorials and tests use, in /usr/share/datasets/fashion-mnist"
  [chromium]="loads every docs page headless, at desktop and phone width (make docs-check, tests/test_docs.py)"
)
declare -A without=(
  [pandoc]="the docs pages are not rendered"
  [dataset-fashion-mnist]="tools/ensure_data.py downloads Fashion-MNIST into ~/.cache/rpm_nb instead"
  [chromium]="the check that loads the docs pages in a browser is skipped"
)
want=()
command -v pandoc >/dev/null 2>&1 || want+=(pandoc)
[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || want+=(dataset-fashion-mnist)
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
  || command -v google-chrome >/dev/null 2>&1 || want+=(chromium)
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
# all at once first (no index update needed when the lists are fresh); else update the lists once and take each
# package on its own, so that one the distribution lacks does not keep the others out
if apt-get install -y -q "${want[@]}" >/dev/null 2>&1; then
  echo "Installed: ${want[*]}"
  exit 0
fi
apt-get update -q >/dev/null 2>&1 || true
for p in "${want[@]}"; do
  if apt-get install -y -q "$p" >/dev/null 2>&1; then echo "Installed: $p"
  else echo "Could not install $p (try: apt-get install $p). Until then: ${without[$p]}."
  fi
done
