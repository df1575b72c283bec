/* SPDX-License-Identifier: GPL-2.0-only */
/* The one translation unit that creates the connscope probes. */
#define LTTNG_UST_TRACEPOINT_CREATE_PROBES
#define LTTNG_UST_TRACEPOINT_DEFINE
#include "connscope_tp.h"
