/* SPDX-License-Identifier: GPL-2.0-only */
/* The one translation unit that creates the connscope probes. */
#define LTTNG_UST_TRACEPOINT_CREATE_PROBES
#define LTTNG_UST_TRACEPOINT_DEFINE
#include "connscope_tp.h"
#include <pthread.h>

_Thread_local pid_t cs_tp_tid_cache, cs_tp_pid_cache;

/* The child of fork(2) is a new process whose one thread is new too. */
static void cs_tp_forget_ids(void)
{
	cs_tp_tid_cache = 0;
	cs_tp_pid_cache = 0;
}

__attribute__((constructor)) static void cs_tp_ids_init(void)
{
	pthread_atfork(NULL, NULL, cs_tp_forget_ids);
}
