#!/usr/bin/env bash
# Installs what is missing, builds kuchikomi with its tests, and runs every test with CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install_deps.sh
BUILD_DIR=${BUILD_DIR:-build} scripts/build.sh -DKUCHIKOMI_BUILD_TESTS=ON -DKUCHIKOMI_BUILD_BENCHMARKS=OFF
cd "${BUILD_DIR:-build}"
ctest --output-on-failure -j "$(nproc)"
