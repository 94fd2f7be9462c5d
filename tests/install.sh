#!/usr/bin/env bash
# install.sh BUILD - make install into a staging directory, what lands
# there, examples/embed.c built against the installed copy (pkg-config
# with PKG_CONFIG_PATH alone) and run, the man pages, then make uninstall.  Prints
# FAIL lines and "N passed, N failed".
set -u
build=$1
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); printf 'FAIL install: %s\n' "$*"; }
stage=$(cd "$build" && pwd)/stage
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" "$stage"' EXIT
rm -rf "$stage"

if make -s install DESTDIR="$stage" PREFIX=/usr/local BUILD="$build" >"$tmp/log" 2>&1; then ok; else
	bad "make install: $(tail -3 "$tmp/log")"
fi
p=$stage/usr/local
for f in bin/imr2xml lib/libimr2xml.a lib/libimr2xml.so.1.0.0 include/imr2xml.h \
	lib/pkgconfig/imr2xml.pc share/imr2xml/determination.xsd share/man/man1/imr2xml.1 \
	share/man/man5/imr2xml.5; do
	if [ -f "$p/$f" ]; then ok; else bad "$f not installed"; fi
done
if [ "$(readlink "$p/lib/libimr2xml.so.1")" = libimr2xml.so.1.0.0 ] &&
	[ "$(readlink "$p/lib/libimr2xml.so")" = libimr2xml.so.1 ]; then ok; else
	bad "symlinks libimr2xml.so -> .so.1 -> .so.1.0.0"
fi
if readelf -d "$p/lib/libimr2xml.so.1.0.0" | grep -q 'SONAME.*\[libimr2xml\.so\.1\]'; then ok; else
	bad "soname is not libimr2xml.so.1"
fi
# Only the public header's functions are exported.
nm -D --defined-only "$p/lib/libimr2xml.so.1.0.0" | awk '$2 == "T" {print $3}' | sed 's/@.*//' | sort >"$tmp/exported"
sed -n 's/^[a-z].*[ *]\(imr_[a-z0-9_]*\)(.*/\1/p' include/imr2xml.h | sort -u >"$tmp/declared"
if cmp -s "$tmp/exported" "$tmp/declared"; then ok; else
	bad "exported functions differ from the header's: $(diff "$tmp/declared" "$tmp/exported" | grep '^[<>]' | head -5 | tr '\n' ' ')"
fi
if cmp -s "$p/share/imr2xml/determination.xsd" xsd/determination.xsd; then ok; else bad "installed XSD"; fi

# pkg-config with PKG_CONFIG_PATH alone: the staged .pc points into the
# stage (its prefix is relative to its own directory), so embed.c builds
# against the staged header and library, and the schema is found there.
export PKG_CONFIG_PATH=$p/lib/pkgconfig
if [ "$(pkg-config --modversion imr2xml 2>&1)" = 0.1.0 ] &&
	[ "$(cd "$(pkg-config --variable=schemadir imr2xml)" && pwd -P)" = "$(cd "$p/share/imr2xml" && pwd -P)" ] &&
	[ -f "$(pkg-config --variable=schemadir imr2xml)/determination.xsd" ]; then ok; else
	bad "pkg-config imr2xml: $(pkg-config --modversion imr2xml 2>&1), schemadir $(pkg-config --variable=schemadir imr2xml 2>&1)"
fi
# Its -I and -L: the stage's include and lib (and its dependencies', in /usr).
staged=0
for flag in $(pkg-config --cflags-only-I --libs-only-L imr2xml); do
	d=$(cd "${flag#-?}" 2>/dev/null && pwd -P)
	case $d in
	"$(cd "$p" && pwd -P)"/include | "$(cd "$p" && pwd -P)"/lib) staged=$((staged + 1)) ;;
	/usr/include/* | /usr/lib/*) ;;
	*) staged=-99; bad "pkg-config imr2xml gives $flag, outside the stage $p" ;;
	esac
done
[ $staged = 2 ] && ok || bad "pkg-config imr2xml: -I and -L of the stage, got: $(pkg-config --cflags --libs imr2xml)"
# shellcheck disable=SC2046 # pkg-config's output is words
if ${CC:-cc} -std=c11 -Wall -Wextra -Werror -o "$tmp/embed" examples/embed.c \
	$(pkg-config --cflags --libs imr2xml) 2>"$tmp/err"; then ok; else
	bad "examples/embed.c does not build against the installed library: $(head -3 "$tmp/err")"
fi
run_embed() { LD_LIBRARY_PATH=$p/lib "$tmp/embed" "$@"; }
if LD_LIBRARY_PATH=$p/lib ldd "$tmp/embed" | grep -q "libimr2xml.so.1 => $p/lib/"; then ok; else
	bad "embed is not linked with the installed shared library"
fi
if run_embed examples/imr-2016-standard.txt 2>"$tmp/err" | cmp -s - examples/imr-2016-standard.xml &&
	[ "$(cat "$tmp/err")" = "imr-2016: 4 issue(s), 3 page(s)" ]; then ok; else
	bad "embed on a text: $(head -3 "$tmp/err")"
fi
"$build/mkpdf" <examples/imr-2014-physician.txt >"$tmp/letter.pdf"
"$p/bin/imr2xml" "$tmp/letter.pdf" >"$tmp/cmd.xml" 2>/dev/null
if run_embed "$tmp/letter.pdf" 2>"$tmp/err" | cmp -s - "$tmp/cmd.xml" &&
	[ "$(cat "$tmp/err")" = "imr-2014: 3 issue(s), 4 page(s)" ]; then ok; else
	bad "embed on a PDF: $(head -3 "$tmp/err")"
fi
printf 'not a letter\n' >"$tmp/no.txt"
run_embed "$tmp/no.txt" >"$tmp/out" 2>"$tmp/err"
if [ $? = 1 ] && [ ! -s "$tmp/out" ] && grep -q 'no.txt: error:' "$tmp/err"; then ok; else
	bad "embed on a rejected input"
fi
# The static library links too (libunistring has no .pc file).
# shellcheck disable=SC2046
if ${CC:-cc} -std=c11 -o "$tmp/embed-static" examples/embed.c -I"$p/include" \
	$(pkg-config --cflags libxml-2.0) "$p/lib/libimr2xml.a" $(pkg-config --libs libxml-2.0 poppler-glib nettle) \
	-lunistring -pthread 2>"$tmp/err" && "$tmp/embed-static" examples/imr-2016-standard.txt 2>/dev/null |
	cmp -s - examples/imr-2016-standard.xml; then ok; else
	bad "embed with libimr2xml.a: $(head -3 "$tmp/err")"
fi

# The man pages: groff and man render them without a warning, the
# installed ones are found by man, and section 1 names every option of
# --help.
for page in docs/imr2xml.1 docs/imr2xml.5; do
	if groff -ww -z -man "$page" 2>"$tmp/err" && [ ! -s "$tmp/err" ]; then ok; else
		bad "groff -ww warns about $page: $(head -3 "$tmp/err")"
	fi
	if MANWIDTH=80 man --warnings -l "$page" >"$tmp/page" 2>"$tmp/err" && [ ! -s "$tmp/err" ] &&
		grep -q '^NAME' "$tmp/page"; then ok; else
		bad "man -l $page: $(head -3 "$tmp/err")"
	fi
done
if MANWIDTH=80 man -M "$p/share/man" 1 imr2xml 2>/dev/null | grep -q '^IMR2XML(1)' &&
	MANWIDTH=80 man -M "$p/share/man" 5 imr2xml 2>/dev/null | grep -q '^IMR2XML(5)'; then ok; else
	bad "man does not find the installed pages"
fi
"$build/imr2xml" --help | grep -oE -- '(^|[ ,])-(-[a-z][a-z-]*|[a-zA-Z0-9])([ ,=]|$)' |
	sed -e 's/^[ ,]//' -e 's/[ ,=]$//' | sort -u >"$tmp/options"
missing=""
while read -r opt; do
	grep -qF -- "$(printf '%s' "$opt" | sed 's/-/\\-/g')" docs/imr2xml.1 || missing="$missing $opt"
done <"$tmp/options"
if [ "$(wc -l <"$tmp/options")" -ge 20 ] && [ -z "$missing" ]; then ok; else
	bad "options of --help missing from docs/imr2xml.1:$missing ($(wc -l <"$tmp/options") found)"
fi

if make -s uninstall DESTDIR="$stage" PREFIX=/usr/local BUILD="$build" >"$tmp/log" 2>&1 &&
	[ -z "$(find "$stage" -type f -o -type l)" ]; then ok; else
	bad "make uninstall leaves: $(find "$stage" -type f -o -type l | head -5 | tr '\n' ' ')"
fi
echo "$pass passed, $fail failed"
