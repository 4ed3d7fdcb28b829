# Sourced by the shell tests: `check DESCRIPTION COMMAND...` counts a pass or prints the failure;
# `checks_done` prints the closing count ("N passed, N failed") and fails if anything did.
fails=0
passes=0
check() {
  local what=$1; shift
  if "$@"; then passes=$((passes + 1)); else echo "FAIL: $what"; fails=$((fails + 1)); fi
}
checks_done() {
  echo "$passes passed, $fails failed"
  test $fails -eq 0
}
