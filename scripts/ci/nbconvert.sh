#!/usr/bin/env bash
# Executes every notebook in notebooks/ with Jupyter's own machinery (Debian's jupyter-nbconvert and
# nbclient) through jgrad's Jupyter kernel, installed by bin/install-kernel into a temporary prefix.
# Fails when a cell fails, when a notebook runs past its timeout, or when a cell's outputs come back
# as other kinds than the notebook stores (e.g. a picture as text instead of image/png).
# Skips, exit status 0, with a message when jupyter-nbconvert or jupyter-client is not installed
# (Debian: apt-get install jupyter-nbconvert jupyter-client python3-nbclient).
#
# Usage: scripts/ci/nbconvert.sh [NOTEBOOK...]    (default: notebooks/*.ipynb)
# Env:   NBCONVERT_CELL_TIMEOUT (s, default 300), NBCONVERT_NOTEBOOK_TIMEOUT (s, default 900)
set -euo pipefail
cd "$(dirname "$0")/../.."

skip() {
  echo "nbconvert: SKIPPED, $1 (Debian: apt-get install jupyter-nbconvert jupyter-client python3-nbclient)"
  exit 0
}
jupyter_bin=$(command -v jupyter) || skip "no jupyter command"
python=$(head -n 1 "$jupyter_bin" | sed -n 's/^#! *//p')
[ -n "$python" ] || python=python3
"$jupyter_bin" nbconvert --version >/dev/null 2>&1 || skip "jupyter-nbconvert is not installed"
$python -c 'import jupyter_client, nbclient' 2>/dev/null || skip "jupyter-client or nbclient is not installed for $python"
export PYDEVD_DISABLE_FILE_VALIDATION=1   # quiets a debugger warning of Debian's Python at every start

cell_timeout=${NBCONVERT_CELL_TIMEOUT:-300}
notebook_timeout=${NBCONVERT_NOTEBOOK_TIMEOUT:-900}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

kernel=jgrad-ci
bin/install-kernel --prefix "$tmp/prefix" --name "$kernel"
export JUPYTER_PATH="$tmp/prefix/share/jupyter"

if [ $# -gt 0 ]; then notebooks=("$@"); else notebooks=(notebooks/*.ipynb); fi
failed=()
start_all=$SECONDS
for notebook in "${notebooks[@]}"; do
  start=$SECONDS
  if timeout "$notebook_timeout" "$jupyter_bin" nbconvert --to notebook --execute \
       --ExecutePreprocessor.kernel_name="$kernel" \
       --ExecutePreprocessor.timeout="$cell_timeout" \
       --ExecutePreprocessor.startup_timeout=120 \
       --output-dir "$tmp/out" "$notebook" >"$tmp/log" 2>&1 \
     && $python scripts/ci/same_output_kinds.py "$notebook" "$tmp/out/$(basename "$notebook")" >>"$tmp/log" 2>&1; then
    echo "nbconvert: ok     $notebook ($((SECONDS - start)) s)"
  else
    echo "nbconvert: FAILED $notebook ($((SECONDS - start)) s):"
    grep -v -e 'frozen modules' -e 'Debugger warning' -e 'PYDEVD' -e 'Xfrozen_modules' -e 'Using incubator modules' "$tmp/log" \
      | tail -n 40 | sed 's/^/    /'
    failed+=("$notebook")
  fi
done
echo "nbconvert: $(( ${#notebooks[@]} - ${#failed[@]} )) of ${#notebooks[@]} notebooks executed through the jgrad kernel without error ($((SECONDS - start_all)) s)"
if [ ${#failed[@]} -gt 0 ]; then
  echo "nbconvert: failing notebooks: ${failed[*]}"
  exit 1
fi
