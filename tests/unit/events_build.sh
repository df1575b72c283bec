#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# events_build.sh BUILD [CC] - every event declared once (issue 10, item 3):
# a viewer's read of an event's field goes through MODEL_EF(event, field)
# (viz/model/events.h, generated from core/trace/tp_*.h by
# scripts/tp_events.awk), so a wrong event or field name is a build error,
# not a quiet 0 at run time.  Compiles small readers against the generated
# header: the right names build, each wrong one does not (and fails for
# the name, not for something else); and a group of an unknown event stops
# the generator.
set -eu
build=${1:-build}
cc=${2:-cc}
cd "$(dirname "$0")/../.."
gen=$build/gen/model_event_fields.h
[ -f "$gen" ] || { echo "events_build: no $gen (make first)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# try NAME EXPECT BODY: compile a function holding BODY (ev is an event);
# EXPECT is ok, or the identifier the compiler must name in its error.
try() {
	name=$1 expect=$2
	cat >"$tmp/$name.c" <<EOT
#include <string.h>
#include "events.h"
#include "apply.h"
uint64_t reader(struct mstate *st, const struct model_event *ev);
uint64_t reader(struct mstate *st, const struct model_event *ev)
{
	(void)st;
	return $3;
}
EOT
	if "$cc" -std=c11 -Wall -Wextra -Werror -D_GNU_SOURCE -Icore -Icore/include -Iviz/model \
		-I"$build/gen" -c "$tmp/$name.c" -o "$tmp/$name.o" 2>"$tmp/$name.err"; then
		got=ok
	elif grep -q -- "$expect" "$tmp/$name.err"; then
		got=$expect
	else
		got="another error: $(head -3 "$tmp/$name.err" | tr '\n' ' ')"
	fi
	if [ "$got" = "$expect" ]; then
		pass=$((pass + 1))
	else
		echo "FAILED: events_build $name: expected $expect, got $got"
		fail=$((fail + 1))
	fi
}

# the right names build (so a failure below is the name's)
try right ok 'EV_U(ev, tcp_v4_connect_ret, isn) + EV_U(ev, sk_alloc, sk_id) +
	(uint64_t)EV_I(ev, tcp_rx_class, state) + EV_U(ev, sd_entry, hash) +
	(uint64_t)strlen(MODEL_E___inet_hash_connect_ret) + (EV_SOCK(st, ev, sk_free, sk_id) != NULL)'
# a field the event does not have (tcp_v4_connect has no isn; its _ret does)
try field MODEL_EF_tcp_v4_connect__isn 'EV_U(ev, tcp_v4_connect, isn)'
# the field __inet_hash_connect_ret had once (tw_id) and no longer has
try removed MODEL_EF___inet_hash_connect_ret__tw_id 'EV_U(ev, __inet_hash_connect_ret, tw_id)'
# a misspelt event, in a read and as a name
try event MODEL_EF_tcp_v4_conect__sk_id 'EV_U(ev, tcp_v4_conect, sk_id)'
try name MODEL_E_tcp_v4_conect '(uint64_t)strlen(MODEL_E_tcp_v4_conect)'
# a field one event of a group lacks (statedump_listen has no fd)
try group MODEL_EF_sd_entry__fd 'EV_U(ev, sd_entry, fd)'
# the socket of a field the event lacks
try sock MODEL_EF_sk_free__dport '(uint64_t)(EV_SOCK(st, ev, sk_free, dport) != NULL)'
# a field no event has, where any event's field is allowed
try any MODEL_F_no_such_field 'EV_OPT_U(ev, no_such_field, 0)'

# a group of viz/model/event_groups naming an event the provider lacks
# stops the generator (so the build)
printf 'bad: sk_alloc no_such_event\n' >"$tmp/groups"
if awk -v out=h -v groups="$tmp/groups" -f scripts/tp_events.awk core/trace/connscope_tp.h \
	core/trace/tp_*.h >/dev/null 2>"$tmp/groups.err"; then
	echo "FAILED: events_build groups: a group of an unknown event was accepted"
	fail=$((fail + 1))
elif grep -q 'no event no_such_event' "$tmp/groups.err"; then
	pass=$((pass + 1))
else
	echo "FAILED: events_build groups: $(cat "$tmp/groups.err")"
	fail=$((fail + 1))
fi

echo "events_build: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
