#!/usr/bin/env bash
# The GitHub Action's run step. Inputs arrive as INPUT_* variables (action.yml passes them); the
# CLI is the bundle committed in the action's own checkout, action/mesh-assess.cjs, so nothing is
# installed. With upload-sarif, it first writes SARIF for the upload step (a failing gate does not
# stop that), then runs the gate: annotations, the job summary and the exit code.
set -uo pipefail

cli="${GITHUB_ACTION_PATH:?}/action/mesh-assess.cjs"
cd "${GITHUB_WORKSPACE:-.}"

read -r -a files <<< "${INPUT_FILES:-org.yaml}"
common=()
if [ -n "${INPUT_CONFIG:-}" ]; then common+=(--config "$INPUT_CONFIG"); fi
for dir in ${INPUT_EXTEND:-}; do common+=(--extend "$dir"); done

if [ "${INPUT_UPLOAD_SARIF:-false}" = "true" ]; then
  sarif="${INPUT_SARIF_FILE:-mesh-assess.sarif}"
  node "$cli" "${files[@]}" "${common[@]}" --format sarif --output "$sarif"
  status=$?
  # 1 is the gate, which the run below reports; 2 is bad input, which stops here.
  if [ "$status" -eq 2 ]; then exit 2; fi
  if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "sarif-file=$sarif" >> "$GITHUB_OUTPUT"; fi
fi

gate=(--format "${INPUT_FORMAT:-github}")
if [ -n "${INPUT_FAIL_ON:-}" ]; then gate+=(--fail-on "$INPUT_FAIL_ON"); fi
node "$cli" "${files[@]}" "${common[@]}" "${gate[@]}"
