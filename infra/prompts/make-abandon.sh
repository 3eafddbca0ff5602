#!/usr/bin/env bash
# Regenerates the gateway's default abandon message (backend/telephony/src/main/resources/
# io/waihu/telephony/prompts/abandon.wav): our own text spoken by espeak-ng, as 8 kHz mono µ-law
# (one byte a sample: under 4 s stays under 32 KB), leading/trailing silence trimmed, peak at -3 dB.
# Needs espeak-ng and sox (Debian: apt-get install espeak-ng sox). --dry-run checks both are there
# and prints the commands, writing nothing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TEXT="We are sorry, all our agents are busy. We will call you back."
OUT="$ROOT/backend/telephony/src/main/resources/io/waihu/telephony/prompts/abandon.wav"
# shellcheck source=../lib/build.sh
source "$ROOT/infra/lib/build.sh"
for tool in espeak-ng sox; do
  command -v "$tool" >/dev/null || { echo "$tool not found (apt-get install $tool)" >&2; exit 1; }
done
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
SPEAK=(espeak-ng -v en-us -s 180 -w "$TMP/speech.wav" "$TEXT")
CONVERT=(sox "$TMP/speech.wav" -r 8000 -c 1 -e u-law -b 8 "$OUT"
  silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse gain -n -3)
if [[ "$DRY_RUN" == 1 ]]; then
  echo "${SPEAK[*]}"
  echo "${CONVERT[*]}"
  DRY_RUN_WHAT="espeak-ng and sox found; would write $OUT" dry_run_report
fi
"${SPEAK[@]}"
"${CONVERT[@]}"
sox "$OUT" -n stat 2>&1 | grep -E 'Length|Maximum amplitude'
