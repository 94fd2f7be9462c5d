# imr2xml - IMR Final Determinations to schema-valid XML.
#
#   make            build build/imr2xml
#   make check      the whole test suite (ends with "N passed, N failed")
#   make demo       install missing dependencies (as root), build, convert examples/
#   make bench      benchmark on a synthetic corpus (docs/performance.md)
#   make fuzz       libFuzzer target (clang)     make fuzz-smoke  60 s of it
#   make lint       cppcheck on src/
#   make install    PREFIX=/usr/local DESTDIR=  (the command, libimr2xml.a and
#                   .so.1, the header, imr2xml.pc, the XSD, the man pages)
#   make uninstall  the same files, gone
#
# Users own CC, CFLAGS, CPPFLAGS and LDFLAGS; the project's flags are in
# the IMR_* variables.  Generated sources and objects live in build/.

MAKEFLAGS += -r
.DELETE_ON_ERROR:
.SUFFIXES:

CC      ?= cc
FLEX    ?= flex
BISON   ?= bison
AWK     ?= awk
PKG_CONFIG ?= pkg-config
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
LIBDIR  ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR ?= $(PREFIX)/share
MANDIR  ?= $(DATADIR)/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
BUILD   ?= build

CFLAGS  ?= -O2 -g
XML_CFLAGS := $(shell $(PKG_CONFIG) --cflags libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2)
XML_LIBS   := $(shell $(PKG_CONFIG) --libs libxml-2.0 2>/dev/null || echo -lxml2)
NETTLE_LIBS := $(shell $(PKG_CONFIG) --libs nettle 2>/dev/null || echo -lnettle)
# PDF input (src/pdf.c only): poppler's GLib interface.
POPPLER_CFLAGS := $(shell $(PKG_CONFIG) --cflags poppler-glib 2>/dev/null)
POPPLER_LIBS   := $(shell $(PKG_CONFIG) --libs poppler-glib 2>/dev/null || echo -lpoppler-glib -lgobject-2.0 -lglib-2.0)
# The export (--format csv|jsonl): libcsv has no .pc file.
JANSSON_CFLAGS := $(shell $(PKG_CONFIG) --cflags jansson 2>/dev/null)
JANSSON_LIBS := $(shell $(PKG_CONFIG) --libs jansson 2>/dev/null || echo -ljansson)
CSV_LIBS = -lcsv
# The corpus database (--db): Debian's libsqlite3, FTS5 built in.
SQLITE_CFLAGS := $(shell $(PKG_CONFIG) --cflags sqlite3 2>/dev/null)
SQLITE_LIBS := $(shell $(PKG_CONFIG) --libs sqlite3 2>/dev/null || echo -lsqlite3)
# Unicode compatibility folding (NFKC) in normalization: libunistring has no .pc file.
UNISTRING_LIBS = -lunistring

IMR_CPPFLAGS = -Iinclude -Isrc -I$(BUILD) -D_POSIX_C_SOURCE=200809L $(XML_CFLAGS) $(JANSSON_CFLAGS) $(SQLITE_CFLAGS)
IMR_CFLAGS   = -std=c11 -Wall -Wextra -Werror -pthread
# Hand-written files also get -Wswitch-enum: a new table entry must be
# handled in every switch.  Generated files do not (bison's output warns).
IMR_STRICT   = -Wswitch-enum -Wshadow -Wstrict-prototypes -Wmissing-prototypes
IMR_LIBS     = $(XML_LIBS) $(POPPLER_LIBS) $(NETTLE_LIBS) $(UNISTRING_LIBS) -pthread

LIB_SRCS = src/arena.c src/diag.c src/pdf.c src/html.c src/word_boxes.c src/normalize.c src/markup.c src/mail.c src/qp.c src/source.c src/words.c src/folded.c src/running.c src/onecase.c src/vocab.c \
           src/ast.c src/parse.c src/header.c \
           src/unwrap.c src/reading_order.c \
           src/phrase.c \
           src/text.c src/date.c src/citation.c src/extract.c src/summary.c src/xml.c src/validate.c \
           src/verify.c src/consistency.c src/digest.c src/convert.c src/output.c \
           src/request.c src/lexicon.c src/classify.c src/request_xml.c
GEN_SRCS = $(BUILD)/parser.c $(BUILD)/lexer.c \
           $(BUILD)/request_parse.c $(BUILD)/lexicon_data.c
# Objects built once, -fPIC, for both libraries: the lexicon's scanner
# (3 MB of generated C: compiling it twice cost a clean build ~100 s;
# its tables are static data, addressed the same way in PIC and in the
# executable's default PIE code, so the static library loses nothing --
# docs/performance.md has the instruction counts) and the schema (data).
SHARED_OBJS = $(BUILD)/pic/request_lex.o $(BUILD)/pic/schema_blob.o
LIB_OBJS = $(LIB_SRCS:src/%.c=$(BUILD)/%.o) $(GEN_SRCS:.c=.o) $(SHARED_OBJS)
# The shared library: the same sources built -fPIC, in build/pic/.
PIC_OBJS = $(patsubst $(BUILD)/%,$(BUILD)/pic/%,$(filter-out $(SHARED_OBJS),$(LIB_OBJS))) $(SHARED_OBJS)
# The command: its options, batch mode, the export and the corpus report
# (the library itself needs neither libcsv nor jansson).
CLI_OBJS = $(BUILD)/main.o $(BUILD)/batch.o $(BUILD)/export.o $(BUILD)/stats.o $(BUILD)/db.o \
           $(BUILD)/sql_blob.o
CLI_LIBS = $(CSV_LIBS) $(JANSSON_LIBS) $(SQLITE_LIBS) -lm

# libimr2xml.so.1 -> libimr2xml.so.1.0.0: the soname's number changes
# when the interface does (1: struct imr_diag gained its caret); the
# package's version, imr2xml.pc's, is the header's IMR2XML_VERSION.
VERSION := $(shell sed -n 's/^\#define IMR2XML_VERSION "\(.*\)"/\1/p' include/imr2xml.h)
SOVERSION = 1
LIBVERSION = 1.0.0
SONAME = libimr2xml.so.$(SOVERSION)
SHARED_LIB = $(BUILD)/libimr2xml.so.$(LIBVERSION)
LIB_LIBS = $(XML_LIBS) $(POPPLER_LIBS) $(NETTLE_LIBS) $(UNISTRING_LIBS) -pthread

SCHEMA = xsd/determination.xsd

all: $(BUILD)/imr2xml $(SHARED_LIB) $(BUILD)/imr2xml.pc

$(BUILD)/stamp:
	@mkdir -p $(BUILD)/tests
	@touch $@

$(BUILD)/parser.c $(BUILD)/parser.h &: grammar/parser.y | $(BUILD)/stamp
	$(BISON) -Wall -Werror --header=$(BUILD)/parser.h -o $(BUILD)/parser.c $<

$(BUILD)/lexer.c: grammar/lexer.l | $(BUILD)/stamp
	$(FLEX) -o $@ $<

# The request module (docs/request.md): its grammar, and its scanner made
# from a template and the lexicon's data files by grammar/lexicon.awk,
# which also writes the lexicon's tables.  -Ca: the lexicon needs more
# NFA states than flex allows by default; -Cem keeps the tables small.
LEXICON = grammar/lexicon/forms.tsv grammar/lexicon/units.tsv grammar/lexicon/regions.tsv \
          grammar/lexicon/drugs.tsv grammar/lexicon/services.tsv
LEXICON_IN = src/request.h $(LEXICON)

$(BUILD)/request_parse.c $(BUILD)/request_parse.h &: grammar/request.y | $(BUILD)/stamp
	$(BISON) -Wall -Werror --header=$(BUILD)/request_parse.h -o $(BUILD)/request_parse.c $<

$(BUILD)/request_lex.l: grammar/request.l grammar/lexicon.awk $(LEXICON_IN) | $(BUILD)/stamp
	$(AWK) -v mode=l -f grammar/lexicon.awk $(LEXICON_IN) grammar/request.l >$@

$(BUILD)/lexicon_data.c: grammar/lexicon.awk $(LEXICON_IN) | $(BUILD)/stamp
	$(AWK) -v mode=c -f grammar/lexicon.awk $(LEXICON_IN) >$@

# Its tables packed for the caches (grammar/tables.awk).
$(BUILD)/request_lex.c: $(BUILD)/request_lex.l grammar/tables.awk
	$(FLEX) -Caem -o $@ $<
	$(AWK) -f grammar/tables.awk $@ >$@.packed && mv $@.packed $@ || { rm -f $@ $@.packed; exit 1; }

# The schema is embedded in the binary: imr2xml validates anywhere.
# Data only: the same object serves both libraries.
$(BUILD)/pic/schema_blob.o: src/schema_blob.S $(SCHEMA) | $(BUILD)/stamp
	@mkdir -p $(@D)
	$(CC) -c -DSCHEMA_FILE='"$(SCHEMA)"' -o $@ $<

# And the database's schema (src/schema.sql), run when a database is new.
$(BUILD)/sql_blob.o: src/sql_blob.S src/schema.sql | $(BUILD)/stamp
	$(CC) -c -DSQL_FILE='"src/schema.sql"' -o $@ $<

$(BUILD)/parser.o $(BUILD)/lexer.o: $(BUILD)/%.o: $(BUILD)/%.c $(BUILD)/parser.h
	$(CC) $(IMR_CPPFLAGS) $(CPPFLAGS) $(IMR_CFLAGS) -Wno-unused-function $(CFLAGS) -MMD -MP -c -o $@ $<

REQUEST_GEN = request_parse.o request_lex.o lexicon_data.o
$(REQUEST_GEN:%=$(BUILD)/%): $(BUILD)/%.o: $(BUILD)/%.c $(BUILD)/request_parse.h
	$(CC) $(IMR_CPPFLAGS) $(CPPFLAGS) $(IMR_CFLAGS) -Wno-unused-function $(CFLAGS) -MMD -MP -c -o $@ $<
$(REQUEST_GEN:%=$(BUILD)/pic/%): $(BUILD)/pic/%.o: $(BUILD)/%.c $(BUILD)/request_parse.h
	@mkdir -p $(@D)
	$(CC) $(IMR_CPPFLAGS) $(CPPFLAGS) $(IMR_CFLAGS) -Wno-unused-function $(CFLAGS) $(GEN_NOUBSAN) -fPIC -MMD -MP -c -o $@ $<
# The lexicon's scanner is flex's code around 3 MB of tables and 2,000
# rule cases; UBSan's checks of that generated code take a minute to
# compile for nothing of ours (the rules' actions are in request.c, which
# is checked).  ASan still covers it.
$(BUILD)/pic/request_lex.o: GEN_NOUBSAN = $(if $(findstring undefined,$(CFLAGS)),-fno-sanitize=undefined)

$(BUILD)/%.o: src/%.c $(BUILD)/parser.h | $(BUILD)/stamp $(BUILD)/request_parse.h
	$(CC) $(IMR_CPPFLAGS) $(CPPFLAGS) $(IMR_CFLAGS) $(IMR_STRICT) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/pdf.o $(BUILD)/pic/pdf.o: IMR_CPPFLAGS += $(POPPLER_CFLAGS)

$(BUILD)/pic/%.o: src/%.c $(BUILD)/parser.h | $(BUILD)/stamp $(BUILD)/request_parse.h
	@mkdir -p $(@D)
	$(CC) $(IMR_CPPFLAGS) $(CPPFLAGS) $(IMR_CFLAGS) $(IMR_STRICT) $(CFLAGS) -fPIC -MMD -MP -c -o $@ $<

$(BUILD)/pic/parser.o $(BUILD)/pic/lexer.o: $(BUILD)/pic/%.o: $(BUILD)/%.c $(BUILD)/parser.h
	@mkdir -p $(@D)
	$(CC) $(IMR_CPPFLAGS) $(CPPFLAGS) $(IMR_CFLAGS) -Wno-unused-function $(CFLAGS) -fPIC -MMD -MP -c -o $@ $<

$(BUILD)/libimr2xml.a: $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

# The shared library exports the functions of the public header and
# nothing else: a version script made from include/imr2xml.h, so a
# function declared there is exported with no list to keep.
$(BUILD)/libimr2xml.map: include/imr2xml.h | $(BUILD)/stamp
	{ echo 'IMR2XML_$(SOVERSION) {'; echo '  global:'; \
	  sed -n 's/^[a-z].*[ *]\(imr_[a-z0-9_]*\)(.*/    \1;/p' $< | sort -u; \
	  echo '  local: *;'; echo '};'; } >$@

$(SHARED_LIB): $(PIC_OBJS) $(BUILD)/libimr2xml.map
	$(CC) $(IMR_CFLAGS) $(CFLAGS) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) \
		-Wl,--version-script=$(BUILD)/libimr2xml.map -Wl,--no-undefined -o $@ $(PIC_OBJS) $(LIB_LIBS)
	ln -sf $(@F) $(BUILD)/$(SONAME)
	ln -sf $(SONAME) $(BUILD)/libimr2xml.so

# libxml2 is in the public header (xmlDocPtr): Requires; poppler and nettle only
# inside: Requires.private, for static links.  The prefix is relative to
# the .pc file's own directory when that is under PREFIX (lib/pkgconfig:
# ${pcfiledir}/../..), so a staged or moved install (make install
# DESTDIR=stage) works with PKG_CONFIG_PATH alone.
PC_PREFIX = $(if $(filter $(PREFIX)/%,$(PKGCONFIGDIR)),$${pcfiledir}/$(shell printf '%s' \
            '$(patsubst $(PREFIX)/%,%,$(PKGCONFIGDIR))' | sed 's|[^/][^/]*|..|g'),$(PREFIX))
PC_LIBDIR = $(patsubst $(PREFIX)/%,$${prefix}/%,$(LIBDIR))
PC_INCLUDEDIR = $(patsubst $(PREFIX)/%,$${prefix}/%,$(INCLUDEDIR))
PC_DATADIR = $(patsubst $(PREFIX)/%,$${prefix}/%,$(DATADIR))
# Made on every run, replaced only when it changes: `make install
# PREFIX=/opt` after `make` writes the right paths.
$(BUILD)/imr2xml.pc: FORCE | $(BUILD)/stamp
	@{ echo 'prefix=$(PC_PREFIX)'; echo 'libdir=$(PC_LIBDIR)'; echo 'includedir=$(PC_INCLUDEDIR)'; \
	  echo 'schemadir=$(PC_DATADIR)/imr2xml'; echo; \
	  echo 'Name: imr2xml'; \
	  echo 'Description: IMR Final Determinations (PDF or text) to schema-valid XML'; \
	  echo 'Version: $(VERSION)'; \
	  echo 'Requires: libxml-2.0'; echo 'Requires.private: poppler-glib nettle'; \
	  echo 'Cflags: -I$${includedir}'; echo 'Libs: -L$${libdir} -limr2xml'; \
	  echo 'Libs.private: -lunistring -pthread'; } >$@.tmp
	@if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi
FORCE:

$(BUILD)/imr2xml: $(CLI_OBJS) $(BUILD)/libimr2xml.a
	$(CC) $(IMR_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(CLI_LIBS) $(IMR_LIBS)

# ---- tests --------------------------------------------------------------

$(BUILD)/unit: tests/unit/unit.c tests/testing.h $(BUILD)/libimr2xml.a
	$(CC) $(IMR_CPPFLAGS) $(CPPFLAGS) $(IMR_CFLAGS) $(CFLAGS) $(LDFLAGS) -MMD -MP -o $@ $< $(BUILD)/libimr2xml.a $(IMR_LIBS)

# The request module's unit tests and harness (tests/unit/request.c).
$(BUILD)/request-unit: tests/unit/request.c tests/testing.h $(BUILD)/libimr2xml.a
	$(CC) $(IMR_CPPFLAGS) $(CPPFLAGS) $(IMR_CFLAGS) $(CFLAGS) $(LDFLAGS) -MMD -MP -o $@ $< $(BUILD)/libimr2xml.a $(IMR_LIBS)

# Development harness: every item title of the examples and of the
# documents in ../shared, decomposed and classified.
request-report: $(BUILD)/request-unit
	@$(BUILD)/request-unit --report examples/*.txt $(wildcard ../shared/seeds/*.txt ../shared/real/txt/*.txt ../shared/real/layout/*.txt)

$(BUILD)/factcheck: tests/factcheck.c | $(BUILD)/stamp
	$(CC) $(IMR_CPPFLAGS) $(CPPFLAGS) $(IMR_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(IMR_LIBS)

# The writer's oracle: what libxml2's serializer makes of our XML.
$(BUILD)/roundtrip: tests/roundtrip.c tests/testing.h | $(BUILD)/stamp
	$(CC) $(IMR_CPPFLAGS) $(CPPFLAGS) $(IMR_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(IMR_LIBS)

# PDFs for the tests are made at test time from text (tests/pdf.sh).
$(BUILD)/mkpdf: tests/mkpdf.c | $(BUILD)/stamp
	$(CC) -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror $(CFLAGS) $(LDFLAGS) -o $@ $<

$(BUILD)/pages: tests/pages.c tests/testing.h $(BUILD)/libimr2xml.a
	$(CC) $(IMR_CPPFLAGS) $(CPPFLAGS) $(IMR_CFLAGS) $(CFLAGS) $(LDFLAGS) -MMD -MP -o $@ $< $(BUILD)/libimr2xml.a $(IMR_LIBS)

# The export's oracle: reads the CSV and JSON back, compares each cell with
# the XML by XPath of its own.
$(BUILD)/exportcheck: tests/exportcheck.c tests/testing.h | $(BUILD)/stamp
	$(CC) $(IMR_CPPFLAGS) $(CPPFLAGS) $(IMR_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(CLI_LIBS) $(IMR_LIBS) -lm

SANITIZE = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# The whole suite, then again under ASan+UBSan, batch mode under TSan,
# the golden tests and PDFs under valgrind, then make install and the
# installed library (tests/install.sh); any report fails the check.
# tests/check.sh makes the release build (check-build) and runs its suite
# on one core while it makes the sanitized builds (check-asan-build,
# check-tsan-build) and runs their tests on the other.
check:
	@MAKE="$(MAKE)" tests/check.sh $(BUILD)

check-build: all $(BUILD)/unit $(BUILD)/request-unit $(BUILD)/factcheck $(BUILD)/roundtrip $(BUILD)/mkpdf $(BUILD)/pages $(BUILD)/exportcheck \
             $(BUILD)/fold-joins

check-asan-build:
	@$(MAKE) -s BUILD=$(BUILD)/asan CFLAGS="$(SANITIZE)" LDFLAGS="-fsanitize=address,undefined" \
		$(BUILD)/asan/imr2xml $(BUILD)/asan/unit $(BUILD)/asan/request-unit

check-tsan-build:
	@$(MAKE) -s BUILD=$(BUILD)/tsan CFLAGS="-O1 -g -fsanitize=thread" LDFLAGS="-fsanitize=thread" \
		$(BUILD)/tsan/imr2xml

# ---- benchmark (figures in docs/performance.md) --------------------------

BENCH_N ?= 100000

$(BUILD)/gencorpus: bench/gencorpus.c | $(BUILD)/stamp
	$(CC) -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -Werror $(CFLAGS) -o $@ $<

$(BUILD)/bench-driver: bench/bench.c $(BUILD)/libimr2xml.a
	$(CC) $(IMR_CPPFLAGS) $(CPPFLAGS) $(IMR_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libimr2xml.a $(IMR_LIBS)

# (issue 16: how folded text's lines of the width are read, bench/fold-joins.sh)
$(BUILD)/fold-joins: bench/fold-joins.c $(BUILD)/libimr2xml.a
	$(CC) $(IMR_CPPFLAGS) $(CPPFLAGS) $(IMR_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libimr2xml.a $(IMR_LIBS)

bench: all $(BUILD)/gencorpus $(BUILD)/bench-driver $(BUILD)/mkpdf
	bench/run.sh $(BUILD) $(BENCH_N)

# ---- fuzzing (clang, libFuzzer) ----------------------------------------

FUZZ_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_TIME ?= 60

fuzz: fuzz-deps
	@$(MAKE) -s CC=clang BUILD=$(BUILD)/fuzz CFLAGS="$(FUZZ_FLAGS) -fsanitize=fuzzer-no-link" \
		$(BUILD)/fuzz/libimr2xml.a
	clang $(IMR_CPPFLAGS) -Ibuild/fuzz $(FUZZ_FLAGS) -fsanitize=fuzzer -o $(BUILD)/fuzz/fuzz_convert \
		fuzz/fuzz_convert.c $(BUILD)/fuzz/libimr2xml.a $(IMR_LIBS)

# Seeded from the examples and the committed corpus of interesting inputs.
fuzz-smoke: fuzz
	@mkdir -p $(BUILD)/fuzz/corpus
	cp examples/*.txt $(BUILD)/fuzz/corpus/
	$(BUILD)/fuzz/fuzz_convert -max_total_time=$(FUZZ_TIME) -max_len=32768 -dict=fuzz/imr.dict \
		-artifact_prefix=$(BUILD)/fuzz/ -print_final_stats=1 $(BUILD)/fuzz/corpus fuzz/corpus

demo: deps all
	@tests/demo.sh $(BUILD)

# Installs the build dependencies with apt-get when root, or says how.
DEB_PACKAGES = build-essential flex bison pkg-config libxml2-dev nettle-dev libunistring-dev libpoppler-glib-dev poppler-utils libxml2-utils valgrind mupdf-tools qpdf libpdfbox2-java default-jre-headless man-db groff-base \
               libcsv-dev libjansson-dev chromium libsqlite3-dev sqlite3 python3-pypdf \
               tesseract-ocr tesseract-ocr-eng python3-pdfminer python3-fitz ghostscript \
               pandoc python3-html2text w3m lynx html2text
FUZZ_PACKAGES = clang libclang-rt-14-dev
deps:
	@$(MAKE) -s install-packages PACKAGES="$(DEB_PACKAGES)"
fuzz-deps:
	@$(MAKE) -s install-packages PACKAGES="$(FUZZ_PACKAGES)"
install-packages:
	@missing=""; for p in $(PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "missing build dependencies; run:"; echo "  sudo apt-get install$$missing"; exit 1; \
	fi

lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
		--std=c11 -Iinclude -Isrc -I$(BUILD) src/

# The command, both libraries, the header, pkg-config's file, the schema.
# (Run ldconfig after installing to a system directory.)
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) \
		$(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(DATADIR)/imr2xml
	install -m 755 $(BUILD)/imr2xml $(DESTDIR)$(BINDIR)/imr2xml
	install -m 644 $(BUILD)/libimr2xml.a $(DESTDIR)$(LIBDIR)/libimr2xml.a
	install -m 755 $(SHARED_LIB) $(DESTDIR)$(LIBDIR)/libimr2xml.so.$(LIBVERSION)
	ln -sf libimr2xml.so.$(LIBVERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libimr2xml.so
	install -m 644 include/imr2xml.h $(DESTDIR)$(INCLUDEDIR)/imr2xml.h
	install -m 644 $(BUILD)/imr2xml.pc $(DESTDIR)$(PKGCONFIGDIR)/imr2xml.pc
	install -m 644 $(SCHEMA) $(DESTDIR)$(DATADIR)/imr2xml/determination.xsd
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 644 docs/imr2xml.1 $(DESTDIR)$(MANDIR)/man1/imr2xml.1
	install -m 644 docs/imr2xml.5 $(DESTDIR)$(MANDIR)/man5/imr2xml.5

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/imr2xml $(DESTDIR)$(LIBDIR)/libimr2xml.a \
		$(DESTDIR)$(LIBDIR)/libimr2xml.so.$(LIBVERSION) $(DESTDIR)$(LIBDIR)/$(SONAME) \
		$(DESTDIR)$(LIBDIR)/libimr2xml.so $(DESTDIR)$(INCLUDEDIR)/imr2xml.h \
		$(DESTDIR)$(PKGCONFIGDIR)/imr2xml.pc $(DESTDIR)$(DATADIR)/imr2xml/determination.xsd \
		$(DESTDIR)$(MANDIR)/man1/imr2xml.1 $(DESTDIR)$(MANDIR)/man5/imr2xml.5
	-rmdir $(DESTDIR)$(DATADIR)/imr2xml

-include $(wildcard $(BUILD)/*.d $(BUILD)/pic/*.d $(BUILD)/tests/*.d)

.PHONY: all check check-build check-asan-build check-tsan-build demo deps fuzz-deps install-packages lint install uninstall clean fuzz fuzz-smoke bench FORCE request-report
clean:
	rm -rf $(BUILD)
