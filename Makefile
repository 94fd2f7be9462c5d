# imr2xml - IMR Final Determinations to schema-valid XML.
#
#   make            build build/imr2xml
#   make check      the whole test suite (ends with "N passed, N failed")
#   make demo       install missing dependencies (as root), build, convert examples/
#   make bench      benchmark on a synthetic corpus (docs/performance.md)
#   make fuzz       libFuzzer target (clang)     make fuzz-smoke  60 s of it
#   make lint       cppcheck on src/
#   make install    PREFIX=/usr/local DESTDIR=
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
BUILD   ?= build

CFLAGS  ?= -O2 -g
XML_CFLAGS := $(shell $(PKG_CONFIG) --cflags libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2)
XML_LIBS   := $(shell $(PKG_CONFIG) --libs libxml-2.0 2>/dev/null || echo -lxml2)
NETTLE_LIBS := $(shell $(PKG_CONFIG) --libs nettle 2>/dev/null || echo -lnettle)

IMR_CPPFLAGS = -Iinclude -Isrc -I$(BUILD) -D_POSIX_C_SOURCE=200809L $(XML_CFLAGS)
IMR_CFLAGS   = -std=c11 -Wall -Wextra -Werror -pthread
# Hand-written files also get -Wswitch-enum: a new table entry must be
# handled in every switch.  Generated files do not (bison's output warns).
IMR_STRICT   = -Wswitch-enum -Wshadow -Wstrict-prototypes -Wmissing-prototypes
IMR_LIBS     = $(XML_LIBS) $(NETTLE_LIBS) -pthread

LIB_SRCS = src/arena.c src/diag.c src/normalize.c src/vocab.c src/ast.c src/parse.c \
           src/text.c src/date.c src/citation.c src/extract.c src/xml.c src/validate.c \
           src/verify.c src/convert.c src/output.c src/request.c src/lexicon.c src/classify.c \
           src/request_xml.c
GEN_SRCS = $(BUILD)/parser.c $(BUILD)/lexer.c \
           $(BUILD)/request_parse.c $(BUILD)/request_lex.c $(BUILD)/lexicon_data.c
LIB_OBJS = $(LIB_SRCS:src/%.c=$(BUILD)/%.o) $(GEN_SRCS:.c=.o) $(BUILD)/schema_blob.o
CLI_OBJS = $(BUILD)/main.o $(BUILD)/batch.o

SCHEMA = xsd/determination.xsd

all: $(BUILD)/imr2xml

$(BUILD)/stamp:
	@mkdir -p $(BUILD)/tests
	@touch $@

$(BUILD)/parser.c $(BUILD)/parser.h: grammar/parser.y | $(BUILD)/stamp
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

$(BUILD)/request_lex.c: $(BUILD)/request_lex.l
	$(FLEX) -Caem -o $@ $<

# The schema is embedded in the binary: imr2xml validates anywhere.
$(BUILD)/schema_blob.o: src/schema_blob.S $(SCHEMA) | $(BUILD)/stamp
	$(CC) -c -DSCHEMA_FILE='"$(SCHEMA)"' -o $@ $<

$(BUILD)/parser.o $(BUILD)/lexer.o: $(BUILD)/%.o: $(BUILD)/%.c $(BUILD)/parser.h
	$(CC) $(IMR_CPPFLAGS) $(CPPFLAGS) $(IMR_CFLAGS) -Wno-unused-function $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/request_parse.o $(BUILD)/request_lex.o $(BUILD)/lexicon_data.o: $(BUILD)/%.o: $(BUILD)/%.c $(BUILD)/request_parse.h
	$(CC) $(IMR_CPPFLAGS) $(CPPFLAGS) $(IMR_CFLAGS) -Wno-unused-function $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/%.o: src/%.c $(BUILD)/parser.h | $(BUILD)/stamp $(BUILD)/request_parse.h
	$(CC) $(IMR_CPPFLAGS) $(CPPFLAGS) $(IMR_CFLAGS) $(IMR_STRICT) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/libimr2xml.a: $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/imr2xml: $(CLI_OBJS) $(BUILD)/libimr2xml.a
	$(CC) $(IMR_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(IMR_LIBS)

# ---- tests --------------------------------------------------------------

$(BUILD)/unit: tests/unit/unit.c $(BUILD)/libimr2xml.a
	$(CC) $(IMR_CPPFLAGS) $(CPPFLAGS) $(IMR_CFLAGS) $(CFLAGS) $(LDFLAGS) -MMD -MP -o $@ $< $(BUILD)/libimr2xml.a $(IMR_LIBS)

# The request module's unit tests and harness (tests/unit/request.c).
$(BUILD)/request-unit: tests/unit/request.c $(BUILD)/libimr2xml.a
	$(CC) $(IMR_CPPFLAGS) $(CPPFLAGS) $(IMR_CFLAGS) $(CFLAGS) $(LDFLAGS) -MMD -MP -o $@ $< $(BUILD)/libimr2xml.a $(IMR_LIBS)

# Development harness: every item title of the examples and of the
# documents in ../shared, decomposed and classified.
request-report: $(BUILD)/request-unit
	@$(BUILD)/request-unit --report examples/*.txt $(wildcard ../shared/seeds/*.txt ../shared/real/txt/*.txt ../shared/real/layout/*.txt)

$(BUILD)/factcheck: tests/factcheck.c | $(BUILD)/stamp
	$(CC) $(IMR_CPPFLAGS) $(CPPFLAGS) $(IMR_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(IMR_LIBS)

SANITIZE = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# The whole suite, then again under ASan+UBSan, then the golden tests
# under valgrind; any report fails the check.
check: all $(BUILD)/unit $(BUILD)/request-unit $(BUILD)/factcheck
	@$(MAKE) -s BUILD=$(BUILD)/asan CFLAGS="$(SANITIZE)" LDFLAGS="-fsanitize=address,undefined" \
		$(BUILD)/asan/imr2xml $(BUILD)/asan/unit $(BUILD)/asan/request-unit
	@$(MAKE) -s BUILD=$(BUILD)/tsan CFLAGS="-O1 -g -fsanitize=thread" LDFLAGS="-fsanitize=thread" \
		$(BUILD)/tsan/imr2xml
	@tests/check.sh $(BUILD)

# ---- benchmark (figures in docs/performance.md) --------------------------

BENCH_N ?= 100000

$(BUILD)/gencorpus: bench/gencorpus.c | $(BUILD)/stamp
	$(CC) -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -Werror $(CFLAGS) -o $@ $<

$(BUILD)/bench-driver: bench/bench.c $(BUILD)/libimr2xml.a
	$(CC) $(IMR_CPPFLAGS) $(CPPFLAGS) $(IMR_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libimr2xml.a $(IMR_LIBS)

bench: all $(BUILD)/gencorpus $(BUILD)/bench-driver
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
DEB_PACKAGES = build-essential flex bison pkg-config libxml2-dev nettle-dev libxml2-utils valgrind
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

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/imr2xml
	install -m 755 $(BUILD)/imr2xml $(DESTDIR)$(PREFIX)/bin/imr2xml
	install -m 644 $(SCHEMA) $(DESTDIR)$(PREFIX)/share/imr2xml/determination.xsd

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/imr2xml $(DESTDIR)$(PREFIX)/share/imr2xml/determination.xsd
	-rmdir $(DESTDIR)$(PREFIX)/share/imr2xml

-include $(wildcard $(BUILD)/*.d $(BUILD)/tests/*.d)

.PHONY: all check demo deps fuzz-deps install-packages lint install uninstall clean fuzz fuzz-smoke bench \
	request-report
clean:
	rm -rf $(BUILD)
