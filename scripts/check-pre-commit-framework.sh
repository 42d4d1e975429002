#!/usr/bin/env bash
# Proves .pre-commit-hooks.yaml works with the pre-commit framework (https://pre-commit.com): a scratch repository
# uses this checkout (at HEAD) as its hook source; a clean commit passes, a staged synthetic credential is blocked
# and its value is not printed. Needs the `pre-commit` Debian package and the npm registry. Usage: from the root.
set -euo pipefail
src=$PWD
rev=$(git rev-parse HEAD)
work=$(mktemp -d /tmp/sw-pre-commit.XXXXXX)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME=$work/cache
cd "$work" && git init -q repo && cd repo
git config user.email ci@example.invalid && git config user.name ci
printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: secrets-workbench\n' "$src" "$rev" >.pre-commit-config.yaml
echo 'console.log("hello");' >clean.js
git add -A
# The framework installs the hook with npm: no outer npm variables may leak into it.
clean_env=(env $(env | grep -oE '^(npm_config|npm_lifecycle|npm_package)_[^=]*' | sed 's/^/-u /' || true))
"${clean_env[@]}" pre-commit run >"$work/clean.log" 2>&1 || {
  cat "$work/clean.log"
  echo 'pre-commit: a clean commit was blocked'
  exit 1
}
# Synthetic: random characters in a Stripe live key's shape (no checksum to satisfy).
token=sk_live_$(node -e 'const c="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";let s="";for(const b of require("crypto").randomBytes(24))s+=c[b%62];process.stdout.write(s)')
printf 'const stripeKey = "%s";\n' "$token" >leak.js
git add leak.js
if "${clean_env[@]}" pre-commit run >"$work/leak.log" 2>&1; then
  echo 'pre-commit: a staged credential was not blocked'
  exit 1
fi
grep -q 'leak.js:1:' "$work/leak.log" || {
  echo 'pre-commit: the block did not name leak.js:1'
  exit 1
}
if grep -qF "$token" "$work/leak.log"; then
  echo 'pre-commit: the output printed the value'
  exit 1
fi
echo 'pre-commit framework: a clean commit passes; a staged credential is blocked, its value not printed'
