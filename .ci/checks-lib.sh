# Shared by .ci/site-checks and .ci/spec-checks (sourced, not run): timed
# steps, checks that record pass/fail and never stop the script, the W3C Nu
# validator on a folder, and the summary.
# shellcheck shell=bash
T0=${T0:-$SECONDS}
STEP_T=$SECONDS
STEP_NAME=""
TIMINGS=()
PASSED=()
FAILED=()
step() {
  end_step
  STEP_NAME=$1
  STEP_T=$SECONDS
  printf '\n--- %s: %s (at %ss)\n' "$CHECKS_NAME" "$1" "$((SECONDS - T0))"
}
end_step() {
  if [ -n "$STEP_NAME" ]; then
    TIMINGS+=("$(printf '%5ss  %s' "$((SECONDS - STEP_T))" "$STEP_NAME")")
    printf -- '--- %s took %ss\n' "$STEP_NAME" "$((SECONDS - STEP_T))"
  fi
  STEP_NAME=""
}
# check NAME CMD...: runs a check, records pass/fail, never stops the script
check() {
  local name=$1
  shift
  if "$@"; then
    PASSED+=("$name")
  else
    echo "!!! FAILED: $name (exit $?)"
    FAILED+=("$name")
  fi
}
# vnu DIR: the W3C Nu validator on every HTML file of DIR, errors only. Prints
# each error line (the first 200; all of them go to DIR.vnu.txt beside it when
# there are more), then the errors grouped by message with a count and the
# first place; exit status 1 if any.
vnu() {
  local dir=${1%/} out rc=0 n pages
  pages=$(find "$dir" -name '*.html' | wc -l)
  out=$(java -jar "$VNU_JAR" --errors-only --skip-non-html "$dir/" 2>&1) || rc=$?
  n=$(printf '%s\n' "$out" | grep -c 'error:' || true)
  if [ -n "$out" ]; then
    printf '%s\n' "$out" | sed -n 1,200p
    if [ "$(printf '%s\n' "$out" | wc -l)" -gt 200 ]; then
      printf '%s\n' "$out" >"$dir.vnu.txt"
      echo "… (all $n errors in $dir.vnu.txt)"
    fi
    echo "errors by message (count, message, first place):"
    printf '%s\n' "$out" | sed -n 's/^\("[^"]*":[0-9.-]*\): error: \(.*\)$/\2\t\1/p' |
      awk -F'\t' '{ if (!($1 in c)) { first[$1] = $2; order[++k] = $1 } c[$1]++ }
        END { for (i = 1; i <= k; i++) printf "%6d  %s  [first: %s]\n", c[order[i]], order[i], first[order[i]] }' |
      sort -s -k1,1nr
  fi
  echo "vnu $(java -jar "$VNU_JAR" --version): $pages HTML pages checked in $dir, $n error(s), exit $rc"
  return "$rc"
}
summary() {
  end_step
  printf '\n--- %s summary (%ss in all)\n' "$CHECKS_NAME" "$((SECONDS - T0))"
  printf '  %s\n' "${TIMINGS[@]+"${TIMINGS[@]}"}"
  for n in "${PASSED[@]+"${PASSED[@]}"}"; do echo "  ok     $n"; done
  for n in "${FAILED[@]+"${FAILED[@]}"}"; do echo "  FAILED $n"; done
  echo "$CHECKS_NAME: ${#PASSED[@]} passed, ${#FAILED[@]} failed"
  [ ${#FAILED[@]} -eq 0 ]
}
