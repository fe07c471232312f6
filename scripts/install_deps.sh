#!/usr/bin/env bash
# Installs the Debian 12 packages kuchikomi needs, if any are missing. Runs apt-get as root or through
# sudo; otherwise prints the command to run and fails.
#   scripts/install_deps.sh [--fuzz] [PACKAGE...]   --fuzz: also Clang and its libFuzzer/sanitizer
#                                                  runtimes (scripts/fuzz.sh); PACKAGEs: any more
set -euo pipefail

extra=()
for arg in "$@"; do
  case "$arg" in
    --fuzz) extra+=(clang libclang-rt-14-dev) ;;
    *) extra+=("$arg") ;;
  esac
done

packages=(
  build-essential cmake pkg-config
  libboost-graph-dev libboost-program-options-dev libtbb-dev libhdf5-dev zlib1g-dev nlohmann-json3-dev
  libhowardhinnant-date-dev
  libgtest-dev libbenchmark-dev
  python3 python3-h5py python3-numpy python3-matplotlib
  python3-dev pybind11-dev python3-pybind11 python3-pytest python3-networkx
  openmpi-bin libopenmpi-dev
  chromium
  "${extra[@]}"
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "kuchikomi: installing missing Debian packages: ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  echo "kuchikomi: please run as root: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
