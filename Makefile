# newspipe: Unix filters over NDJSON news records.
# make            build bin/*
# make test       install what is missing, build, run every test
# make demo       install what is missing, build, run pipelines/analyze on samples/
# make asan       the whole suite under -fsanitize=address,undefined
# make install PREFIX=/usr/local DESTDIR=

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
DATADIR  ?= $(PREFIX)/share/newspipe
MANDIR   ?= $(PREFIX)/share/man/man1
DESTDIR  ?=

CC       ?= cc
OPT      ?= -O2
CFLAGS   ?=
WARN     := -std=c11 -Wall -Wextra -Wshadow
ALL_CFLAGS = $(WARN) $(OPT) -g $(CFLAGS) -D_GNU_SOURCE -DDATADIR='"$(DATADIR)"' -Icommon
LDLIBS   := -ljansson -lpcre2-8 -lz -lutf8proc -lxxhash -lm

# build directory: bin/ for the normal build, build/asan/bin for make asan
B        ?= build/obj
BIN      ?= bin

FILTERS  := $(basename $(notdir $(wildcard filters/*.c)))
BINS     := $(addprefix $(BIN)/,$(FILTERS))
PIPES    := $(notdir $(filter-out %.sh %.d %.md,$(wildcard pipelines/*)))
COMMON   := $(wildcard common/*.c)
COBJ     := $(COMMON:%.c=$(B)/%.o)
LIB      := $(B)/libnewspipe.a

.PHONY: all test check demo asan install uninstall clean deps lint fuzz torture bench bench-quick eval
all: $(BINS) $(addprefix $(BIN)/,$(PIPES))

$(B)/common/%.o: common/%.c $(wildcard common/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(COBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

# a filter is filters/NAME.c plus, when it has one, its engine in filters/NAME/
.SECONDEXPANSION:
$(BIN)/%: filters/%.c $$(wildcard filters/$$*/*.c) $$(wildcard filters/$$*/*.h) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Ifilters/$* -o $@ $< $(wildcard filters/$*/*.c) $(LIB) $(LDLIBS)

$(BIN)/%: pipelines/%
	@mkdir -p $(dir $@)
	cp $< $@ && chmod +x $@

deps:
	@sh tests/deps.sh

test: deps
	@$(MAKE) --no-print-directory CFLAGS='$(CFLAGS)' all
	@sh tests/run.sh

check: test

demo: deps
	@$(MAKE) --no-print-directory all
	@sh pipelines/demo.sh

asan: deps
	@$(MAKE) --no-print-directory B=build/asan/obj BIN=build/asan/bin OPT=-O1 \
	    CFLAGS='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined $(CFLAGS)' \
	    LDFLAGS=-fsanitize=address,undefined all
	@NP_BIN=$(CURDIR)/build/asan/bin ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 sh tests/run.sh

lint:
	@sh tests/lint.sh

fuzz:
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS)

torture:
	@sh tests/torture.sh

bench:
	@sh bench/run.sh

bench-quick:
	@sh bench/run.sh --quick

eval: all
	@sh tests/eval.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)
	install -m 755 $(BINS) $(addprefix $(BIN)/,$(PIPES)) $(DESTDIR)$(BINDIR)
	cp -R data/. $(DESTDIR)$(DATADIR)/
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)

uninstall:
	rm -f $(addprefix $(DESTDIR)$(BINDIR)/,$(FILTERS) $(PIPES))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/,$(addsuffix .1,$(FILTERS) $(PIPES)))
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf bin build
