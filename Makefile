# imr2xml - IMR Final Determinations to schema-valid XML.
#
#   make            build build/imr2xml
#   make check      the whole test suite (ends with "N passed, N failed")
#   make demo       install missing dependencies (as root), build, convert examples/
#   make bench      benchmark on a synthetic corpus (docs/performance.md)
#   make fuzz       libFuzzer target (clang)     make fuzz-smoke  60 s of it
#   make lint       cppcheck and clang-tidy
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
PKG_CONFIG ?= pkg-config
PREFIX  ?= /usr/local
BUILD   ?= build

CFLAGS  ?= -O2 -g
XML_CFLAGS := $(shell $(PKG_CONFIG) --cflags libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2)
XML_LIBS   := $(shell $(PKG_CONFIG) --libs libxml-2.0 2>/dev/null || echo -lxml2)

IMR_CPPFLAGS = -Iinclude -Isrc -I$(BUILD) -D_POSIX_C_SOURCE=200809L $(XML_CFLAGS)
IMR_CFLAGS   = -std=c11 -Wall -Wextra -Werror -pthread
# Hand-written files also get -Wswitch-enum: a new table entry must be
# handled in every switch.  Generated files do not (bison's output warns).
IMR_STRICT   = -Wswitch-enum -Wshadow -Wstrict-prototypes -Wmissing-prototypes
IMR_LIBS     = $(XML_LIBS) -pthread

LIB_SRCS = src/arena.c src/diag.c src/normalize.c src/vocab.c src/ast.c src/parse.c \
           src/text.c src/date.c src/citation.c src/extract.c src/xml.c src/validate.c \
           src/convert.c
GEN_SRCS = $(BUILD)/parser.c $(BUILD)/lexer.c
LIB_OBJS = $(LIB_SRCS:src/%.c=$(BUILD)/%.o) $(GEN_SRCS:.c=.o) $(BUILD)/schema_blob.o
CLI_OBJS = $(BUILD)/main.o

SCHEMA = xsd/determination.xsd

all: $(BUILD)/imr2xml

$(BUILD)/stamp:
	@mkdir -p $(BUILD)/tests
	@touch $@

$(BUILD)/parser.c $(BUILD)/parser.h: grammar/parser.y | $(BUILD)/stamp
	$(BISON) -Wall -Werror --header=$(BUILD)/parser.h -o $(BUILD)/parser.c $<

$(BUILD)/lexer.c: grammar/lexer.l | $(BUILD)/stamp
	$(FLEX) -o $@ $<

# The schema is embedded in the binary: imr2xml validates anywhere.
$(BUILD)/schema_blob.o: src/schema_blob.S $(SCHEMA) | $(BUILD)/stamp
	$(CC) -c -DSCHEMA_FILE='"$(SCHEMA)"' -o $@ $<

$(BUILD)/parser.o $(BUILD)/lexer.o: $(BUILD)/%.o: $(BUILD)/%.c $(BUILD)/parser.h
	$(CC) $(IMR_CPPFLAGS) $(CPPFLAGS) $(IMR_CFLAGS) -Wno-unused-function $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/%.o: src/%.c $(BUILD)/parser.h | $(BUILD)/stamp
	$(CC) $(IMR_CPPFLAGS) $(CPPFLAGS) $(IMR_CFLAGS) $(IMR_STRICT) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/libimr2xml.a: $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/imr2xml: $(CLI_OBJS) $(BUILD)/libimr2xml.a
	$(CC) $(IMR_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(IMR_LIBS)

-include $(wildcard $(BUILD)/*.d $(BUILD)/tests/*.d)

.PHONY: all clean
clean:
	rm -rf $(BUILD)
