#!/usr/bin/env bash
# fold-joins.sh BUILD W... - false joins and missed cuts of `fold -w W`
# over ../shared/real/{txt,layout} and ../shared/seeds (bench/fold-joins.c).
# A line of the width the letter had itself is a false join when the
# normalized text goes on from it to the next line with no line break.
set -eu
build=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for w in "$@"; do
	ends=0 joins=0 cuts=0 missed=0 unfolded=0
	for f in ../shared/real/txt/*.txt ../shared/real/layout/*.txt ../shared/seeds/*.txt; do
		fold -w "$w" "$f" >"$tmp/folded.txt"
		# (each input line folded alone: its pieces but the last are cuts)
		LC_ALL=C awk -v w="$w" '{ n = length($0); p = n ? int((n + w - 1) / w) : 1
			for (i = 1; i < p; i++) printf "c"; printf (n - (p - 1) * w == w ? "E" : "e") }' "$f" >"$tmp/truth"
		read -r a b c d <<<"$("$build/fold-joins" "$tmp/folded.txt" "$tmp/truth")"
		if [ "$a" = not ]; then unfolded=$((unfolded + 1)); continue; fi
		ends=$((ends + a)) joins=$((joins + b)) cuts=$((cuts + c)) missed=$((missed + d))
	done
	echo "fold -w $w: $joins false joins of $ends lines of the width the letters had; $missed of $cuts cuts missed; $unfolded letters not told folded"
done
