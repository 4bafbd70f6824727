#!/bin/sh
# Builds the example guests into OUT (default: zkvm/target/guests).
# Go guests need `go` (Debian golang-go); C guests need mips-linux-gnu-gcc (Debian gcc-mips-linux-gnu).
# A missing compiler skips its guests with a note; tests then fail (CI) or skip (elsewhere).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-$HERE/../target/guests}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

if command -v go >/dev/null 2>&1; then
  export GOOS=linux GOARCH=mips GOMIPS=softfloat CGO_ENABLED=0 GOPROXY=off GOFLAGS=-mod=mod
  # Share Go's usual build cache (the MIPS standard library takes a minute to compile once);
  # fall back to a cache in OUT where there is none (no HOME).
  if [ -z "${GOCACHE:-}" ]; then
    GOCACHE=$(go env GOCACHE 2>/dev/null || true)
    case "$GOCACHE" in ""|off) GOCACHE="$OUT/.gocache" ;; esac
  fi
  export GOCACHE
  for dir in "$HERE"/*-go; do
    name=$(basename "$dir")
    (cd "$dir" && go build -trimpath -o "$OUT/$name.elf" .)
  done
else
  echo "build.sh: go not found; skipping Go guests (install golang-go)" >&2
fi

if command -v mips-linux-gnu-gcc >/dev/null 2>&1; then
  for dir in "$HERE"/*-c; do
    name=$(basename "$dir")
    mips-linux-gnu-gcc -O2 -mips32r2 -EB -ffreestanding -nostdlib -static -fno-pic -mno-abicalls \
      -e __start -I "$HERE/../guest/c" -o "$OUT/$name.elf" "$dir"/*.c
  done
else
  echo "build.sh: mips-linux-gnu-gcc not found; skipping C guests (install gcc-mips-linux-gnu)" >&2
fi
