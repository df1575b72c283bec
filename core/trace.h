/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * trace.h - how core code emits its tracepoints.
 *
 *   cs_trace(event, args...)        emit connscope:event
 *   cs_trace_enabled(event)         true when a session records it
 *
 * Built with TRACE=0 (CS_NO_TRACE), both compile to nothing: the arguments
 * still count as used for -Wunused but are never evaluated, and the
 * library does not link liblttng-ust at all.
 */
#ifndef CS_TRACE_H
#define CS_TRACE_H

#ifndef CS_NO_TRACE
#include "trace/connscope_tp.h"
#define cs_trace(ev, ...) lttng_ust_tracepoint(connscope, ev, __VA_ARGS__)
#define cs_trace_enabled(ev) lttng_ust_tracepoint_enabled(connscope, ev)
#else
static inline void cs_trace_noop(int d, ...)
{
	(void)d;
}
#define cs_trace(ev, ...) do { if (0) cs_trace_noop(0, __VA_ARGS__); } while (0)
#define cs_trace_enabled(ev) 0
#endif

#endif
