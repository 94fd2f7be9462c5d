# sigint.sh - sourced by tests/batch.sh and tests/db.sh: Ctrl-C sent to a
# batch run in the background once it has done some documents.
#
# interrupt_after PID DIR N: waits (up to 60 s) until N XML files are
# under DIR, stops the run, counts them into $before, sends SIGINT and
# lets the run go on; then waits for it, $st its exit status, $hung true
# when it did not stop within 60 s (it is killed then).
interrupt_after() {
	local pid=$1 dir=$2 n=$3
	for _ in $(seq 1200); do
		[ "$(find "$dir" -name '*.xml' 2>/dev/null | wc -l)" -ge "$n" ] && break
		sleep 0.05
	done
	# Stopped while the documents done are counted (their XML files: the
	# manifest's rows may still be in its buffer) and the signal sent: what
	# follows the count is the signal's doing, whatever the machine's speed.
	kill -STOP "$pid"
	before=$(find "$dir" -name '*.xml' | wc -l)
	kill -INT "$pid"
	kill -CONT "$pid"
	# A hang guard only (the run stops in well under a second): 60 s.
	hung=false
	for _ in $(seq 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	kill -0 "$pid" 2>/dev/null && { hung=true; kill -9 "$pid"; }
	wait "$pid"
	st=$?
}
