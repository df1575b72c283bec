# SPDX-License-Identifier: GPL-2.0-only
# connscope - build, check, demo, install, bench.
#
#   make                 library and programs under build/
#   make check           install missing packages, build, run every test
#   make check SAN=1     the same under AddressSanitizer and UBSan
#   make tsan-check      the threads test under ThreadSanitizer (TSAN=1)
#   make fuzz            libFuzzer harnesses (tests/fuzz/, clang), FUZZ_TIME s each
#   make TRACE=0         tracing compiled out (no liblttng-ust)
#   make install PREFIX=/usr/local DESTDIR=   (BT_PLUGIN_DIR: the babeltrace2 plugin)

PREFIX  ?= /usr/local
DESTDIR ?=
# babeltrace2's system plugin directory, which it searches without
# --plugin-path (`babeltrace2 list-plugins` lists it): LIBDIR/babeltrace2/plugins
# of babeltrace2's own libdir (Debian: /usr/lib/x86_64-linux-gnu).  Another
# directory works through --plugin-path or BABELTRACE_PLUGIN_PATH.
BT_PLUGIN_DIR ?= $(shell pkg-config --variable=libdir babeltrace2 2>/dev/null || \
	echo /usr/lib/$$(gcc -print-multiarch 2>/dev/null))/babeltrace2/plugins
TRACE   ?= 1
SAN     ?= 0
TSAN    ?= 0
FUZZ    ?= 0
V       ?= 0

BUILD   := build
CC      ?= cc
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -Wall -Wextra -Werror -fPIC -pthread
CPPFLAGS += -D_GNU_SOURCE -Icore -Icore/include -Inic
LDLIBS  += -lurcu-bp -lurcu-common -pthread

ifeq ($(SAN),1)
BUILD   := build-san
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif

# TSAN=1: ThreadSanitizer (make tsan-check runs the threads test under it).
ifeq ($(TSAN),1)
BUILD   := build-tsan
CFLAGS  += -fsanitize=thread -fno-omit-frame-pointer -Wno-tsan
LDFLAGS += -fsanitize=thread
endif

# FUZZ=1: the library built by clang for libFuzzer (make fuzz sets it).
ifeq ($(FUZZ),1)
BUILD   := build-fuzz
CC      := clang
CFLAGS  += -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined \
	   -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
endif

ifeq ($(TRACE),1)
LTTNG_LIBS := $(shell pkg-config --libs lttng-ust 2>/dev/null || echo -llttng-ust -ldl)
LIB_LDLIBS := $(LTTNG_LIBS)
TRACE_SRC  := core/trace/connscope_tp.c
else
CPPFLAGS += -DCS_NO_TRACE
BUILD   := $(BUILD)-notrace
TRACE_SRC  :=
endif

ifeq ($(V),0)
Q := @
endif

CORE_SRC := $(sort $(wildcard core/*.c)) $(TRACE_SRC)
NIC_SRC  := $(sort $(wildcard nic/*.c))
LIB_SRC  := $(CORE_SRC) $(NIC_SRC)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
HARNESS_OBJ := $(BUILD)/obj/tests/unit/harness.o
TRACE_TEST_BIN := $(BUILD)/tests/trace_connect
# tests/trace/golden.sh: fixed connects whose numbers and frames must not change.
GOLDEN_BIN := $(BUILD)/tests/trace_golden

STATIC_LIB := $(BUILD)/lib/libconnscope.a
SHARED_LIB := $(BUILD)/lib/libconnscope.so

PROGS :=
# The lab's own programs (labs/): the kernel-side listener, the offload switch.
LAB_PROGS := $(BUILD)/bin/cs-listen $(BUILD)/bin/cs-offload
PROGS += $(LAB_PROGS)
CLI_SRC := $(sort $(wildcard cli/*.c))
CLI_BIN := $(BUILD)/bin/connscope
PROGS += $(CLI_BIN)
# tests/integration/nic_probe: drives the AF_PACKET NIC alone (nic/ objects only).
NIC_PROBE := $(BUILD)/tests/nic_probe
# tests/integration/tw_probe: two connects through one stack across a TIME-WAIT.
TW_PROBE := $(BUILD)/tests/tw_probe
# tests/integration/hostile_peer: a raw peer on cs1 sending malformed frames.
HOSTILE_PEER := $(BUILD)/tests/hostile_peer
# bench/kconnect: the benchmark's kernel-side connect loop.
KCONNECT := $(BUILD)/bench/kconnect
# viz/dot (issue 5): connscope-dot and the babeltrace2 plugin (sink.connscope.dot),
# Graphviz diagrams through libcgraph/libgvc from the trace model (viz/model).
VIZ_CPPFLAGS := $(shell pkg-config --cflags libgvc babeltrace2 2>/dev/null)
GV_LIBS  := $(shell pkg-config --libs libgvc 2>/dev/null || echo -lgvc -lcgraph -lcdt)
BT_LIBS  := $(shell pkg-config --libs babeltrace2 2>/dev/null || echo -lbabeltrace2)
DOT_DRAW_OBJ := $(patsubst %,$(BUILD)/obj/viz/dot/%.o,dot_util dot_arena dot_table dot_bhash dot_state \
	dot_ladder dot_ports dot_callpath dot_output dot_request)
DOT_OBJ := $(BUILD)/obj/viz/dot/dot_fill.o $(BUILD)/obj/viz/dot/dot_fill_ladder.o \
	$(BUILD)/obj/viz/dot/dot_fill_ports.o $(BUILD)/obj/viz/dot/dot_export.o $(DOT_DRAW_OBJ)
DOT_BIN := $(BUILD)/bin/connscope-dot
DOT_PLUGIN := $(BUILD)/lib/babeltrace2/plugin-connscope.so
DOT_MODEL_LIB := $(BUILD)/lib/libcsmodel.a
DOT_SCENARIO := $(BUILD)/tests/trace_dot_connects
PROGS += $(DOT_BIN)
DOT_ALL := $(DOT_PLUGIN) $(DOT_SCENARIO)
# viz/model (issue 5): the trace model (libcsmodel.a) and connscope-model-dump.
MODEL_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(filter-out viz/model/model-dump.c,\
	$(sort $(wildcard viz/model/*.c)))) $(BUILD)/obj/gen/model_events.o
# Every event is declared once, in the LTTng provider (core/trace/tp_*.h);
# scripts/tp_events.awk derives the model's event table and field names
# and the event index of docs/tracepoints.md from it (make docs-events).
TP_HDRS := core/trace/connscope_tp.h $(sort $(wildcard core/trace/tp_*.h))
MODEL_LIB := $(DOT_MODEL_LIB)
MODEL_DUMP := $(BUILD)/bin/connscope-model-dump
# viz/text (issue 9): the readable listing and the BCC-style analyses
# (libcstext.a), for `connscope trace` and the plugin's text sinks.
TEXT_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(filter-out viz/text/text_sink.c,\
	$(sort $(wildcard viz/text/*.c))))
TEXT_LIB := $(BUILD)/lib/libcstext.a
# viz/tui (issue 6): connscope-view, the ncurses viewer (replay and live).  Its
# Code pane holds core/*.c and core/*.h as text, embedded by viz/tui/embed.c.
NCURSES_CFLAGS := $(shell pkg-config --cflags ncursesw 2>/dev/null || echo -D_XOPEN_SOURCE=600)
NCURSES_LIBS := $(shell pkg-config --libs ncursesw 2>/dev/null || echo -lncursesw -ltinfo)
VIEW_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(filter-out viz/tui/main.c viz/tui/embed.c,\
	$(sort $(wildcard viz/tui/*.c)))) $(BUILD)/obj/gen/view_src.o
VIEW_EMBED := $(BUILD)/tools/embed
VIEW_BIN := $(BUILD)/bin/connscope-view
PROGS += $(VIEW_BIN)
# The man pages: connscope(1) generated (its -o keys), the others as written.
MAN_GEN := $(BUILD)/tools/man_sysctl
MAN_PAGE := $(BUILD)/man/connscope.1
MAN_PAGES := $(MAN_PAGE) $(filter-out docs/connscope.1,$(sort $(wildcard docs/*.1)))

# tests/fuzz (issue 12): libFuzzer harnesses, built with FUZZ=1 (clang).
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/tests/%)
FUZZ_TIME ?= 60
FUZZ_HARNESSES ?=

.PHONY: fuzz fuzz-bins tsan-check
# Test objects are intermediates of the pattern rules; keep them, so that a
# second make does not rebuild every test.
.SECONDARY:

.PHONY: all check unit-check trace-check integration-check integration-check-unprivileged deps clean install \
	install-check demo bench readme-images grade lab-check lab-references lab-images docs-events
all: $(STATIC_LIB) $(SHARED_LIB) $(UNIT_BIN) $(TRACE_TEST_BIN) $(GOLDEN_BIN) $(PROGS) $(NIC_PROBE) \
	$(TW_PROBE) $(HOSTILE_PEER) $(KCONNECT) $(DOT_ALL) $(MODEL_LIB) $(MODEL_DUMP) $(MAN_PAGE)

# connscope(1) with its SYSCTL KEYS section filled from the sysctl table
# (docs/gen/man_sysctl.c prints it, spliced between the page's markers).
$(MAN_GEN): $(BUILD)/obj/docs/gen/man_sysctl.o $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LIB_LDLIBS) $(LDLIBS)
$(MAN_PAGE): docs/connscope.1 $(MAN_GEN)
	@mkdir -p $(dir $@)
	$(Q)$(MAN_GEN) > $@.keys && awk -v keys=$@.keys \
		'/^\.\\" sysctl-keys end/ { while ((getline l < keys) > 0) print l } { print }' \
		docs/connscope.1 > $@ && rm -f $@.keys

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@[ "$(V)" = 0 ] && echo "  CC      $<" || true
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(STATIC_LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(SHARED_LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -shared -Wl,-soname,libconnscope.so.0 $(LDFLAGS) -o $@ $^ $(LIB_LDLIBS) $(LDLIBS)

$(BUILD)/tests/test_%: $(BUILD)/obj/tests/unit/test_%.o $(HARNESS_OBJ) $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ -lcunit $(LIB_LDLIBS) $(LDLIBS)

$(BUILD)/tests/trace_%: $(BUILD)/obj/tests/trace/trace_%.o $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LIB_LDLIBS) $(LDLIBS)

# `connscope trace` (cli/trace_cmd.c) reads traces through viz/text and viz/model.
$(CLI_BIN): $(CLI_SRC:%.c=$(BUILD)/obj/%.o) $(TEXT_LIB) $(MODEL_LIB) $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(BT_LIBS) $(LIB_LDLIBS) $(LDLIBS)

$(BUILD)/bin/cs-listen: $(BUILD)/obj/labs/listener/cs-listen.o
$(BUILD)/bin/cs-offload: $(BUILD)/obj/labs/net/cs-offload.o
$(LAB_PROGS):
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(NIC_PROBE): $(BUILD)/obj/tests/integration/nic_probe.o $(BUILD)/obj/nic/af_packet.o $(BUILD)/obj/nic/pcap.o
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(TW_PROBE): $(BUILD)/obj/tests/integration/tw_probe.o $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LIB_LDLIBS) $(LDLIBS)

$(HOSTILE_PEER): $(BUILD)/obj/tests/integration/hostile_peer.o
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(KCONNECT): $(BUILD)/obj/bench/kconnect.o
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/obj/viz/%.o: CPPFLAGS += $(VIZ_CPPFLAGS)
$(BUILD)/obj/tests/unit/test_dot_%.o: CPPFLAGS += $(VIZ_CPPFLAGS)

$(DOT_BIN): $(BUILD)/obj/viz/dot/connscope_dot.o $(DOT_OBJ) $(DOT_MODEL_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(GV_LIBS) $(BT_LIBS) $(LDLIBS)

$(DOT_PLUGIN): $(BUILD)/obj/viz/dot/plugin.o $(DOT_OBJ) \
		$(BUILD)/obj/viz/text/text_sink.o $(TEXT_LIB) $(DOT_MODEL_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -shared $(LDFLAGS) -o $@ $^ $(GV_LIBS) $(BT_LIBS) $(LDLIBS)

$(BUILD)/gen/model_events.c: scripts/tp_events.awk $(TP_HDRS)
	@mkdir -p $(dir $@)
	$(Q)awk -v out=c -f scripts/tp_events.awk $(TP_HDRS) > $@.tmp && mv $@.tmp $@
$(BUILD)/gen/model_event_fields.h: scripts/tp_events.awk $(TP_HDRS) viz/model/event_groups
	@mkdir -p $(dir $@)
	$(Q)awk -v out=h -v groups=viz/model/event_groups -f scripts/tp_events.awk $(TP_HDRS) \
		> $@.tmp && mv $@.tmp $@
$(BUILD)/gen/tracepoints-index.md: scripts/tp_events.awk $(TP_HDRS)
	@mkdir -p $(dir $@)
	$(Q)awk -v out=md -f scripts/tp_events.awk $(TP_HDRS) > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/gen/model_events.o: $(BUILD)/gen/model_events.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CPPFLAGS) -Iviz/model -I$(BUILD)/gen $(CFLAGS) -c $< -o $@

# Whatever reads viz/model's headers (every viewer: the model, dot, text,
# tui) finds the generated event and field names.
$(BUILD)/obj/viz/%.o $(BUILD)/obj/tests/unit/test_%.o: CPPFLAGS += -I$(BUILD)/gen
$(patsubst %.c,$(BUILD)/obj/%.o,$(wildcard viz/*/*.c)): $(BUILD)/gen/model_event_fields.h

# The event index of docs/tracepoints.md rewritten from the provider
# (tests/unit/test_events.c fails while it is not up to date).
docs-events: $(BUILD)/gen/tracepoints-index.md
	$(Q)awk -v idx=$< '/^<!-- event index begin/ { print; while ((getline l < idx) > 0) print l; skip = 1; next } \
		/^<!-- event index end/ { skip = 0 } !skip' docs/tracepoints.md > docs/tracepoints.md.tmp && \
		mv docs/tracepoints.md.tmp docs/tracepoints.md

$(MODEL_LIB): $(MODEL_OBJ)
	@mkdir -p $(dir $@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(TEXT_LIB): $(TEXT_OBJ)
	@mkdir -p $(dir $@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(MODEL_DUMP): $(BUILD)/obj/viz/model/model-dump.o $(MODEL_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(BT_LIBS) $(LDLIBS)

# The model's unit test feeds hand-built events (no trace, no stack).
$(BUILD)/obj/tests/unit/test_model.o $(BUILD)/obj/tests/unit/test_model_process.o \
		$(BUILD)/obj/tests/unit/test_events.o: CPPFLAGS += -Iviz/model
# test_events checks the generated index against docs/tracepoints.md.
$(BUILD)/obj/tests/unit/test_events.o: CPPFLAGS += -DCS_EVENT_INDEX='"$(BUILD)/gen/tracepoints-index.md"'
$(BUILD)/obj/tests/unit/test_events.o: $(BUILD)/gen/model_event_fields.h
$(BUILD)/tests/test_events: | $(BUILD)/gen/tracepoints-index.md
$(BUILD)/tests/test_model $(BUILD)/tests/test_model_process $(BUILD)/tests/test_events: $(BUILD)/tests/%: \
		$(BUILD)/obj/tests/unit/%.o $(HARNESS_OBJ) $(MODEL_LIB) $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ -lcunit $(BT_LIBS) $(LIB_LDLIBS) $(LDLIBS)

# The text reports' unit test: hand-built events into viz/text, no trace.
$(BUILD)/obj/tests/unit/test_text.o: CPPFLAGS += -Iviz/model -Iviz/text
$(BUILD)/obj/tests/unit/test_text.o: $(BUILD)/gen/model_event_fields.h
$(BUILD)/tests/test_text: $(BUILD)/obj/tests/unit/test_text.o $(HARNESS_OBJ) $(TEXT_LIB) \
		$(MODEL_LIB) $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ -lcunit $(BT_LIBS) $(LIB_LDLIBS) $(LDLIBS)

$(BUILD)/obj/viz/tui/%.o: CPPFLAGS += -Iviz/model -Iviz/tui $(NCURSES_CFLAGS)
$(BUILD)/obj/tests/unit/test_view_%.o: CPPFLAGS += -Iviz/model -Iviz/tui $(NCURSES_CFLAGS)

$(VIEW_EMBED): viz/tui/embed.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $<

$(BUILD)/gen/view_src.c: $(VIEW_EMBED) $(sort $(wildcard core/*.c core/*.h))
	@mkdir -p $(dir $@)
	$(Q)$(VIEW_EMBED) $@ $(sort $(wildcard core/*.c)) $(sort $(wildcard core/*.h))

$(BUILD)/obj/gen/view_src.o: $(BUILD)/gen/view_src.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CPPFLAGS) -Iviz/tui $(CFLAGS) -c $< -o $@

# 'd' draws through viz/dot's exporter in-process (viz/tui/export.c).
$(VIEW_BIN): $(BUILD)/obj/viz/tui/main.o $(VIEW_OBJ) $(DOT_OBJ) $(MODEL_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(NCURSES_LIBS) $(GV_LIBS) $(BT_LIBS) -lm $(LDLIBS)

# The viewer's unit tests: golden screens of a recorded connect, no terminal.
$(BUILD)/tests/test_view_%: $(BUILD)/obj/tests/unit/test_view_%.o $(HARNESS_OBJ) $(VIEW_OBJ) \
		$(DOT_OBJ) $(MODEL_LIB) $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ -lcunit $(NCURSES_LIBS) $(GV_LIBS) $(BT_LIBS) -lm $(LIB_LDLIBS) \
		$(LDLIBS)

# The viz/dot unit tests draw fixtures: the drawing objects and Graphviz, no trace.
$(BUILD)/tests/test_dot_%: $(BUILD)/obj/tests/unit/test_dot_%.o $(HARNESS_OBJ) $(DOT_DRAW_OBJ) \
		$(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ -lcunit $(GV_LIBS) $(LIB_LDLIBS) $(LDLIBS)

$(BUILD)/tests/fuzz_%: $(BUILD)/obj/tests/fuzz/fuzz_%.o $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -fsanitize=fuzzer $(LDFLAGS) -o $@ $^ $(LIB_LDLIBS) $(LDLIBS)

# fuzz_trace reads a trace through the model (viz/model) and libbabeltrace2.
$(BUILD)/obj/tests/fuzz/fuzz_trace.o: CPPFLAGS += -Iviz/model $(VIZ_CPPFLAGS)
$(BUILD)/tests/fuzz_trace: $(BUILD)/obj/tests/fuzz/fuzz_trace.o $(MODEL_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -fsanitize=fuzzer $(LDFLAGS) -o $@ $^ $(BT_LIBS) $(LDLIBS)

fuzz-bins: $(FUZZ_BIN)

# Each harness for FUZZ_TIME seconds from its seed corpus (tests/fuzz/README.md);
# fails on any finding (crash, sanitizer report, timeout, leak).
# Tracing is compiled out (TRACE=0): with no session a tracepoint reads
# nothing, and LTTng-UST's own lazy allocations would look like leaks.
fuzz:
	@$(MAKE) --no-print-directory FUZZ=1 TRACE=0 fuzz-bins
	@BUILD=build-fuzz-notrace FUZZ_TIME=$(FUZZ_TIME) \
		FUZZ_HARNESSES="$(FUZZ_HARNESSES)" sh tests/fuzz/run.sh

# The threads test under ThreadSanitizer: any report fails it.  The only
# suppressions (tests/tsan.supp) are liburcu's grace periods, which TSan
# cannot see through the uninstrumented library.
tsan-check:
	@$(MAKE) --no-print-directory TSAN=1 build-tsan$(if $(filter 0,$(TRACE)),-notrace)/tests/test_threads
	@TSAN_OPTIONS="suppressions=$(CURDIR)/tests/tsan.supp halt_on_error=1 exitcode=66" \
		build-tsan$(if $(filter 0,$(TRACE)),-notrace)/tests/test_threads

deps:
	@sh scripts/install-deps.sh

# Every unit test binary runs; the target fails if any fails.  Exit 77 is
# a skip (test_view_seed without the seed article beside the project).
# tests/unit/tui_layers.sh: viz/tui's files call and include downwards only.
# tests/unit/events_build.sh: a wrong event or field name does not build.
# tests/unit/walkthrough_names.sh: docs/walkthrough.md's files, functions
# and events are the tree's; tests/unit/tracepoints_fields.sh:
# docs/tracepoints.md has a section per event, with the event's fields;
# tests/unit/docs_paths.sh: every project path a Markdown page names exists.
unit-check: $(UNIT_BIN) $(VIEW_OBJ) $(BUILD)/gen/model_event_fields.h $(BUILD)/gen/tracepoints-index.md
	@pass=0; fail=0; skip=0; for t in $(UNIT_BIN); do \
		echo "== $$t"; $$t; rc=$$?; if [ $$rc -eq 0 ]; then pass=$$((pass + 1)); \
		elif [ $$rc -eq 77 ]; then echo "SKIPPED: $$t"; skip=$$((skip + 1)); \
		else echo "FAILED: $$t"; fail=$$((fail + 1)); fi; \
	done; echo "== tests/unit/tui_layers.sh"; \
	if sh tests/unit/tui_layers.sh $(BUILD); then pass=$$((pass + 1)); \
	else echo "FAILED: tests/unit/tui_layers.sh"; fail=$$((fail + 1)); fi; \
	echo "== tests/unit/events_build.sh"; \
	if sh tests/unit/events_build.sh $(BUILD) "$(CC)"; then pass=$$((pass + 1)); \
	else echo "FAILED: tests/unit/events_build.sh"; fail=$$((fail + 1)); fi; \
	echo "== tests/unit/walkthrough_names.sh"; \
	sh tests/unit/walkthrough_names.sh $(BUILD); rc=$$?; if [ $$rc -eq 0 ]; then pass=$$((pass + 1)); \
	elif [ $$rc -eq 77 ]; then skip=$$((skip + 1)); \
	else echo "FAILED: tests/unit/walkthrough_names.sh"; fail=$$((fail + 1)); fi; \
	echo "== tests/unit/tracepoints_fields.sh"; \
	if sh tests/unit/tracepoints_fields.sh $(BUILD); then pass=$$((pass + 1)); \
	else echo "FAILED: tests/unit/tracepoints_fields.sh"; fail=$$((fail + 1)); fi; \
	echo "== tests/unit/docs_paths.sh"; \
	if sh tests/unit/docs_paths.sh; then pass=$$((pass + 1)); \
	else echo "FAILED: tests/unit/docs_paths.sh"; fail=$$((fail + 1)); fi; \
	echo "unit: $$pass passed, $$fail failed, $$skip skipped"; [ $$fail -eq 0 ]

# Every tests/trace/*.sh (a real LTTng session); exit 77 = skipped.
trace-check: $(TRACE_TEST_BIN) $(GOLDEN_BIN) $(DOT_ALL) $(if $(DOT_ALL),$(DOT_BIN)) $(MODEL_DUMP) $(CLI_BIN) \
		$(VIEW_BIN) $(MAN_PAGE) \
		$(DOT_SCENARIO)
	@pass=0; fail=0; skip=0; for t in tests/trace/*.sh; do \
		echo "== $$t"; BUILD=$(BUILD) TRACE=$(TRACE) sh $$t; rc=$$?; \
		if [ $$rc -eq 0 ]; then pass=$$((pass + 1)); \
		elif [ $$rc -eq 77 ]; then skip=$$((skip + 1)); echo "SKIPPED: $$t"; \
		else fail=$$((fail + 1)); echo "FAILED: $$t (exit $$rc)"; fi; \
	done; echo "trace-check: $$pass passed, $$fail failed, $$skip skipped"; \
	[ $$fail -eq 0 ]

# Every tests/integration/test_*.sh (lab network, kernel peer); exit 77 = skipped.
integration-check: $(PROGS) $(NIC_PROBE) $(TW_PROBE) $(HOSTILE_PEER)
	@pass=0; fail=0; skip=0; for t in tests/integration/test_*.sh; do \
		echo "== $$t"; BUILD=$(BUILD) sh $$t; rc=$$?; \
		if [ $$rc -eq 0 ]; then pass=$$((pass + 1)); \
		elif [ $$rc -eq 77 ]; then skip=$$((skip + 1)); echo "SKIPPED: $$t"; \
		else fail=$$((fail + 1)); echo "FAILED: $$t (exit $$rc)"; fi; \
	done; echo "integration-check: $$pass passed, $$fail failed, $$skip skipped"; \
	[ $$fail -eq 0 ]

# The same integration tests as an unprivileged user (nobody), who gets the
# lab network from a user namespace (labs/net/userns.sh); run when root.
integration-check-unprivileged: $(PROGS) $(NIC_PROBE) $(TW_PROBE) $(HOSTILE_PEER)
	@if [ "$$(id -u)" -ne 0 ] || ! command -v setpriv >/dev/null; then \
		echo "SKIPPED: integration-check-unprivileged (needs root to become nobody)"; exit 0; fi; \
	if ! setpriv --reuid=nobody --regid=nogroup --clear-groups test -x $(CURDIR)/$(BUILD)/bin/connscope; then \
		echo "SKIPPED: integration-check-unprivileged ($(CURDIR) is not readable by nobody)"; exit 0; fi; \
	pass=0; fail=0; skip=0; for t in tests/integration/test_*.sh; do \
		echo "== $$t (as nobody)"; \
		setpriv --reuid=nobody --regid=nogroup --clear-groups \
			env HOME=/tmp BUILD=$(BUILD) sh $$t; rc=$$?; \
		if [ $$rc -eq 0 ]; then pass=$$((pass + 1)); \
		elif [ $$rc -eq 77 ]; then skip=$$((skip + 1)); echo "SKIPPED: $$t (as nobody)"; \
		else fail=$$((fail + 1)); echo "FAILED: $$t as nobody (exit $$rc)"; fi; \
	done; echo "integration-unprivileged: $$pass passed, $$fail failed, $$skip skipped"; \
	[ $$fail -eq 0 ]

# make install into a staging directory; a program built against it with
# pkg-config alone makes a stack on the loop NIC and connects.
install-check: $(STATIC_LIB) $(SHARED_LIB) $(PROGS) $(MODEL_DUMP) $(DOT_PLUGIN)
	@BUILD=$(BUILD) MAKE="$(MAKE) SAN=$(SAN) TRACE=$(TRACE)" BT_PLUGIN_DIR=$(BT_PLUGIN_DIR) \
		USE_CFLAGS="$(filter -fsanitize%,$(CFLAGS))" sh tests/install/test_install.sh

check: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory unit-check
	@$(MAKE) --no-print-directory install-check
	@$(MAKE) --no-print-directory trace-check
	@$(MAKE) --no-print-directory integration-check
	@$(MAKE) --no-print-directory integration-check-unprivileged
	@$(MAKE) --no-print-directory lab-check
	@$(if $(filter 1,$(SAN)),true,$(MAKE) --no-print-directory fuzz FUZZ_HARNESSES=rx)
	@echo "make check: all suites passed"

# The labs (labs/README.md).  make grade LAB=NN [ANSWERS=FILE [TRACE_DIR=DIR]]
# grades one lab; lab-check: the grader and every handout (tests/labs);
# lab-references re-records the reference traces, lab-images the handouts'
# pictures from them.
grade: $(CLI_BIN)
	@[ -n "$(LAB)" ] || { echo "usage: make grade LAB=NN [ANSWERS=FILE] [TRACE_DIR=DIR]"; exit 2; }
	@labs/grade $(LAB) $(ANSWERS) $(TRACE_DIR)

lab-check: $(PROGS) $(KCONNECT)
	@BUILD=$(BUILD) sh tests/labs/test_labs.sh; rc=$$?; [ $$rc -eq 77 ] && rc=0; exit $$rc

lab-references: $(PROGS) $(KCONNECT)
	@labs/record-references.sh

lab-images: $(PROGS)
	@sh labs/lib/images.sh

# The main job: traced connects against the Linux kernel (scripts/demo.sh).
demo: deps
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) sh scripts/demo.sh

# Connects through connscope and through the kernel side by side (bench/run.sh:
# -P 1/2, TRACE=0, a recording session, held connections, a nearly exhausted
# port range); make bench N=5000.
# Then trace -> model -> diagram on a trace of a million events (bench/dot_bench.sh).
# And connscope-view's replay of such a trace, screens batched (bench/view_bench.sh).
bench: $(CLI_BIN) $(LAB_PROGS) $(KCONNECT) $(DOT_BIN) $(DOT_SCENARIO) $(VIEW_BIN)
	@$(MAKE) -s TRACE=0 SAN=$(SAN) $(BUILD)-notrace/bin/connscope
	@BUILD=$(BUILD) sh bench/run.sh $(if $(N),-n $(N)); rc=$$?; \
	BUILD=$(BUILD) sh bench/dot_bench.sh || rc=1; \
	BUILD=$(BUILD) sh bench/view_bench.sh || rc=1; exit $$rc

# The README's ladder and ports pictures from a real trace (docs/img/).
readme-images: $(CLI_BIN) $(LAB_PROGS) $(DOT_BIN)
	@BUILD=$(BUILD) sh scripts/readme-images.sh

clean:
	rm -rf build build-san build-notrace build-san-notrace build-fuzz build-fuzz-notrace build-tsan build-tsan-notrace

# the .pc file finds its prefix from where it lies (${pcfiledir}), so it is
# right in a DESTDIR staging directory as well as under PREFIX
install: $(STATIC_LIB) $(SHARED_LIB) $(PROGS) $(MODEL_DUMP) $(DOT_PLUGIN) $(MAN_PAGE)
	install -d $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/connscope \
		$(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/bin \
		$(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(BT_PLUGIN_DIR)
	install -m 644 $(STATIC_LIB) $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(SHARED_LIB) $(DESTDIR)$(PREFIX)/lib/libconnscope.so.0
	ln -sf libconnscope.so.0 $(DESTDIR)$(PREFIX)/lib/libconnscope.so
	install -m 644 core/include/connscope/connscope.h $(DESTDIR)$(PREFIX)/include/connscope/
	sed -e 's|@LIBS@|$(LIB_LDLIBS)|g' connscope.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/connscope.pc
	install -m 755 $(PROGS) $(MODEL_DUMP) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 $(MAN_PAGES) $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 755 $(DOT_PLUGIN) $(DESTDIR)$(BT_PLUGIN_DIR)/

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
