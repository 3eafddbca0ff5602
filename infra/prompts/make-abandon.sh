#!/usr/bin/env bash
# Regenerates the gateway's default abandon message (backend/telephony/src/main/resources/
# io/waihu/telephony/prompts/abandon.wav): our own text spoken by espeak-ng, as 8 kHz mono µ-law
# (one byte a sample: under 4 s stays under 32 KB), leading/trailing silence trimmed, peak at -3 dB.
# Needs espeak-ng and sox (Debian: apt-get install espeak-ng sox). --dry-run prints the commands.
set -euo pipefail
TEXT="We are sorry, all our agents are busy. We will call you back."
OUT="$(cd "$(dirname "$0")/../.." && pwd)/backend/telephony/src/main/resources/io/waihu/telephony/prompts/abandon.wav"
RUN=""
if [[ "${1:-}" == "--dry-run" ]]; then RUN="echo"; fi
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
$RUN espeak-ng -v en-us -s 180 -w "$TMP/speech.wav" "$TEXT"
$RUN sox "$TMP/speech.wav" -r 8000 -c 1 -e u-law -b 8 "$OUT" \
    silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse gain -n -3
[[ -n "$RUN" ]] || sox "$OUT" -n stat 2>&1 | grep -E 'Length|Maximum amplitude'
