#!/bin/bash
# What the dashboard costs in a real terminal: ROUNDS rounds (default 4) of
# a headless run and a dashboard run in tmux (120x40), EPOCHS epochs each
# (default 4), taking turns, the first of each pair alternating; prints
# each round's ratio and the mean.
#
#   tools/dashboard-ab.sh [path/to/vaetop]    (default: builds ./vaetop)
#
# EXPLORE=1 opens the latent explorer (e) once the dashboard is up and
# moves its cursor (an arrow key every half second) while training runs.
set -euo pipefail
cd "$(dirname "$0")/.."
V=${1:-}
if [ -z "$V" ]; then go build -o vaetop . && V=./vaetop; fi
V=$(realpath "$V")
R=${ROUNDS:-4} E=${EPOCHS:-4}
command -v tmux >/dev/null || { echo "dashboard-ab: tmux is not installed" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
rate() { # mean images/s over the epochs of a metrics file
	awk -F'"samples_per_sec":' '{split($2, a, ","); s += a[1]; n++} END {printf "%.0f", s / n}' "$1"
}
sum=0
headless() { "$V" --headless --epochs "$E" --seed 1 --metrics "$out/h$1.jsonl" >/dev/null 2>&1; }
dashboard() {
	local sock="ab$$x$1" n=0
	tmux -L "$sock" new-session -d -s v -x 120 -y 40 "exec $V --epochs $E --seed 1 --metrics $out/t$1.jsonl"
	if [ "${EXPLORE:-}" = 1 ]; then
		sleep 2
		tmux -L "$sock" send-keys -t v e
	fi
	local k=0 keys=(Right Right Left Up Down Left)
	until [ "$(cat "$out/t$1.jsonl" 2>/dev/null | wc -l)" -ge "$E" ]; do
		sleep 0.5
		if [ "${EXPLORE:-}" = 1 ]; then
			tmux -L "$sock" send-keys -t v "${keys[k % 6]}"
			k=$((k + 1))
		fi
		n=$((n + 1))
		[ "$n" -lt 1200 ] || { echo "dashboard-ab: dashboard run timed out" >&2; exit 1; }
	done
	tmux -L "$sock" send-keys -t v q
	sleep 1
	tmux -L "$sock" kill-server 2>/dev/null || true
}
for i in $(seq 1 "$R"); do
	# Whichever runs second in a pair is slower on this kind of machine
	# (headless against itself: 97.4%, 6 rounds), so the order alternates.
	if [ $((i % 2)) -eq 1 ]; then
		headless "$i"
		dashboard "$i"
	else
		dashboard "$i"
		headless "$i"
	fi
	h=$(rate "$out/h$i.jsonl") t=$(rate "$out/t$i.jsonl")
	ratio=$(awk -v h="$h" -v t="$t" 'BEGIN {printf "%.1f", 100 * t / h}')
	echo "round $i: headless $h img/s, dashboard $t img/s, $ratio%"
	sum=$(awk -v s="$sum" -v r="$ratio" 'BEGIN {print s + r}')
done
what="the dashboard"
[ "${EXPLORE:-}" = 1 ] && what="the explorer open"
awk -v s="$sum" -v r="$R" -v w="$what" 'BEGIN {printf "mean: %.1f%% of headless speed with %s\n", s / r, w}'
