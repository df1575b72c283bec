/* SPDX-License-Identifier: GPL-2.0-only */
/* Events of core/timer (see docs/tracepoints.md).  Read several times by LTTng: no include guard. */
