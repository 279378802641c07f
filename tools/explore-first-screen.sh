#!/bin/bash
# How long `vaetop explore FILE.ckpt` takes to show its first full screen
# (the checkpoint read, MNIST loaded, the 10k test images encoded, the PCA
# map and the first decodes drawn), in tmux at 120x40: ROUNDS runs
# (default 5), polling the screen every 10 ms.
#
#   tools/explore-first-screen.sh FILE.ckpt [path/to/vaetop]
set -euo pipefail
cd "$(dirname "$0")/.."
CK=$(realpath "${1:?usage: explore-first-screen.sh FILE.ckpt [BINARY]}")
V=${2:-}
if [ -z "$V" ]; then go build -o vaetop . && V=./vaetop; fi
V=$(realpath "$V")
command -v tmux >/dev/null || { echo "explore-first-screen: tmux is not installed" >&2; exit 1; }
R=${ROUNDS:-5}
ready() { # every pane drawn: the map's caption, the monitor, and both digits decoded
	grep -q "of variance" <<<"$1" && grep -q "active units per epoch" <<<"$1" &&
		! grep -q "waiting for" <<<"$1" && grep -q "cursor x" <<<"$1"
}
for i in $(seq 1 "$R"); do
	sock="efs$$x$i"
	t0=$(date +%s%N)
	tmux -L "$sock" new-session -d -s v -x 120 -y 40 "exec $V explore --ascii $CK"
	while :; do
		sc=$(tmux -L "$sock" capture-pane -p -t v 2>/dev/null || true)
		if ready "$sc"; then break; fi
		if [ $(( $(date +%s%N) - t0 )) -gt 30000000000 ]; then echo "explore-first-screen: no full screen in 30 s" >&2; exit 1; fi
		sleep 0.01
	done
	t1=$(date +%s%N)
	tmux -L "$sock" kill-server 2>/dev/null || true
	echo "round $i: $(( (t1 - t0) / 1000000 )) ms"
done
