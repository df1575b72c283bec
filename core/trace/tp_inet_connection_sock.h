/* SPDX-License-Identifier: GPL-2.0-only */
/* Events of core/inet_connection_sock (see docs/tracepoints.md).  Read several times by LTTng: no include guard. */
