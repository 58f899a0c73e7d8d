#!/usr/bin/env bash
# The GitHub Action's run step. Inputs arrive as INPUT_* variables (action.yml passes them); the
# CLI is the bundle committed in the action's own checkout, action/mesh-assess.cjs, so nothing is
# installed. With upload-sarif, it first writes SARIF for the upload step (a failing gate does not
# stop that), then runs the gate: annotations, the job summary and the exit code, which is the
# CLI's own: 0, 1 when the gate fails, 2 on bad input or usage.
#
# Every value is passed as one argument and none becomes an option of its own: options take their
# value after "=", and the questionnaire files follow "--".
set -euo pipefail

cli="${GITHUB_ACTION_PATH:?}/action/mesh-assess.cjs"
cd "${GITHUB_WORKSPACE:-.}"

# Input text shown in a message, with control characters and invisible bidirectional overrides
# escaped, as the CLI shows input (src/core/safe-text.ts): a value cannot start a line of its own
# in the log, where a line beginning "::" is a command to GitHub Actions.
shown() {
  node -e 'process.stdout.write(process.argv[1].replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => ({ "\n": "\\n", "\t": "\\t", "\r": "\\r" })[c] ?? (c <= "\u00ff" ? "\\x" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0") : "\\u" + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0"))))' -- "$1"
}

# One line on stderr and exit 2, as the CLI does for bad usage.
usage() {
  printf 'mesh-assess action: %s\n' "$1" >&2
  exit 2
}

# A boolean input: true or false in any case; anything else stops the step.
boolean() {
  case "$2" in
    [Tt][Rr][Uu][Ee]) echo true ;;
    [Ff][Aa][Ll][Ss][Ee]) echo false ;;
    *) usage "input $1: expected true or false, got \"$(shown "$2")\"" ;;
  esac
}

# The words of a list input, split on spaces, tabs and newlines, into the array "words"; none is
# expanded as a glob here.
split() {
  local IFS=$' \t\n'
  set -f
  # shellcheck disable=SC2206 # splitting is the point; globbing is off
  words=($1)
  set +f
}

# The files a word of the files input names, appended to the array "files". A word with a glob
# character (* ? [) is expanded in the workspace, as bash expands it (** with globstar; names
# starting with "." only when the pattern does), in byte order; a pattern that matches nothing
# stops the step, unless a file has that very name.
expand() {
  local word=$1 IFS='' LC_ALL=C
  local -a matches=()
  case "$word" in
    *[\*\?\[]*)
      if [[ $word == *'**'* ]] && ! shopt -s globstar 2> /dev/null; then
        usage "input files: $(shown "$word") needs bash 4 or later for **"
      fi
      shopt -s nullglob
      # shellcheck disable=SC2206 # globbing is the point; IFS is empty, so nothing is split
      matches=($word)
      shopt -u nullglob
      if [ "${#matches[@]}" -eq 0 ]; then
        if [ -e "$word" ]; then matches=("$word"); else usage "input files: $(shown "$word") matches no file"; fi
      fi
      ;;
    *) matches=("$word") ;;
  esac
  local name
  for name in "${matches[@]}"; do
    # After "--" no name is an option, but the CLI still reads a first name that is one of its
    # commands (init, test, help...) as that command, and "-" as standard input: a name with
    # neither a "/" nor a "." is given as ./name, which is the same file.
    case "$name" in
      */* | *.*) files+=("$name") ;;
      *) files+=("./$name") ;;
    esac
  done
}

upload_sarif=$(boolean upload-sarif "${INPUT_UPLOAD_SARIF:-false}") || exit 2
no_config=$(boolean no-config "${INPUT_NO_CONFIG:-false}") || exit 2

files=()
split "${INPUT_FILES:-}"
if [ "${#words[@]}" -eq 0 ]; then words=(org.yaml); fi
for word in "${words[@]}"; do expand "$word"; done

# Options both runs share. A path is taken whole, surrounding whitespace aside; extend directories
# are split on whitespace and never expanded as globs.
trim() {
  local s=$1
  s="${s#"${s%%[![:space:]]*}"}"
  printf '%s' "${s%"${s##*[![:space:]]}"}"
}
common=("$cli")
if [ "$no_config" = true ]; then common+=(--no-config); fi
config=$(trim "${INPUT_CONFIG:-}")
if [ -n "$config" ]; then common+=("--config=$config"); fi
rubrics=$(trim "${INPUT_RUBRICS:-}")
if [ -n "$rubrics" ]; then common+=("--rubrics=$rubrics"); fi
split "${INPUT_EXTEND:-}"
for dir in ${words[@]+"${words[@]}"}; do common+=("--extend=$dir"); done

if [ "$upload_sarif" = true ]; then
  sarif="${INPUT_SARIF_FILE:-mesh-assess.sarif}"
  status=0
  node "${common[@]}" --format=sarif "--output=$sarif" -- "${files[@]}" || status=$?
  # 1 is the gate (a configuration file's fail-on), which the run below reports; 2 is bad input,
  # which stops here, before there is a file to upload.
  if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then exit "$status"; fi
  if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "sarif-file=$sarif" >> "$GITHUB_OUTPUT"; fi
fi

gate=("--format=${INPUT_FORMAT:-github}")
if [ -n "${INPUT_FAIL_ON:-}" ]; then gate+=("--fail-on=$INPUT_FAIL_ON"); fi
exec node "${common[@]}" "${gate[@]}" -- "${files[@]}"
