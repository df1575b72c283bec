/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * events.h - every connscope event as the LTTng provider declares it
 * (core/trace/tp_*.h: name, fields, kinds, one line of meaning), in a
 * table the build generates from those headers (scripts/tp_events.awk,
 * $(BUILD)/gen/model_events.c), and the rules' field reads checked
 * against it.
 *
 * A rule names its event and the field as identifiers,
 * EV_U(ev, tcp_v4_connect_ret, err): a field that event (or, for a rule
 * several instances of a class share, that class: tcp_rx_class) does not
 * declare is a build error (MODEL_EF(event, field) comes from the
 * generated model_event_fields.h, as MODEL_E_<event>, the name every
 * viewer uses for an event).  At run time a read of a field the event
 * does not declare, or of the wrong kind (an integer read of a byte
 * array), is still counted as a misread (model_event_misreads) and
 * reported once on stderr; tests/unit/test_events.c applies every
 * declared event and fails on any.  A declared field missing from an
 * event (a trace of an older connscope) reads as the default.
 */
#ifndef CS_VIZ_EVENTS_H
#define CS_VIZ_EVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "model.h"
#include "model_event_fields.h"

struct model_field_decl {
	const char *name;
	enum model_field_kind kind;
	size_t len;			/* BYTES of fixed length: the length; else 0 */
	const char *const *labels;	/* ENUM: its labels, NULL-terminated; else NULL */
};

struct model_event_decl {
	const char *name;
	const char *file;		/* the provider fragment: tp_socket.h ... */
	const char *meaning;
	const struct model_field_decl *fields;	/* in trace order, without pid/tid/softirq */
	size_t nfields;
};

/* The generated table, in the order of the provider's files. */
extern const struct model_event_decl model_event_decls[];
extern const size_t model_nevent_decls;

const struct model_event_decl *model_event_decl_find(const char *event);
const struct model_field_decl *model_event_decl_field(const struct model_event_decl *d,
						      const char *field);

/* Checked reads (use the EV_* macros below). */
int64_t ev_int(const struct model_event *ev, const char *field, int64_t dflt);
uint64_t ev_uint(const struct model_event *ev, const char *field, uint64_t dflt);
uint32_t ev_addr(const struct model_event *ev, const char *field, uint32_t dflt);
const char *ev_label(const struct model_event *ev, const char *field);
const char *ev_str(const struct model_event *ev, const char *field);
const uint8_t *ev_bytes(const struct model_event *ev, const char *field, size_t *len);

/*
 * A rule's field reads, by its event (or class) and the field's name as
 * identifiers: EV_U(ev, sk_alloc, sk_id).  A field the event does not
 * declare does not build; at run time @ev is checked against its own
 * declaration (a misread, not a quiet 0).
 */
#define EV_U(ev, e, f) ev_uint((ev), MODEL_EF(e, f), 0)
#define EV_I(ev, e, f) ev_int((ev), MODEL_EF(e, f), 0)
#define EV_I_OR(ev, e, f, dflt) ev_int((ev), MODEL_EF(e, f), (dflt))
#define EV_U_OR(ev, e, f, dflt) ev_uint((ev), MODEL_EF(e, f), (dflt))
#define EV_ADDR(ev, e, f) ev_addr((ev), MODEL_EF(e, f), 0)
#define EV_ADDR_OR(ev, e, f, dflt) ev_addr((ev), MODEL_EF(e, f), (dflt))
#define EV_LABEL(ev, e, f) ev_label((ev), MODEL_EF(e, f))
#define EV_STR(ev, e, f) ev_str((ev), MODEL_EF(e, f))
#define EV_BYTES(ev, e, f, len) ev_bytes((ev), MODEL_EF(e, f), (len))
/* Whether @ev carries the field (an older trace may lack it). */
#define EV_HAS(ev, e, f) model_event_has((ev), MODEL_EF(e, f))
/*
 * Reads that serve many events, some of which carry the field and some
 * not (history.c's packets and call returns): the name is checked at
 * build against every event (MODEL_F_<field>), an absent field gives
 * @dflt.
 */
#define EV_OPT_HAS(ev, f) model_event_has((ev), MODEL_F_##f)
#define EV_OPT_U(ev, f, dflt) model_event_uint((ev), MODEL_F_##f, (dflt))
#define EV_OPT_I(ev, f, dflt) model_event_int((ev), MODEL_F_##f, (dflt))
#define EV_OPT_ADDR(ev, f) model_event_addr((ev), MODEL_F_##f, 0)
#define EV_OPT_LABEL(ev, f) model_event_label((ev), MODEL_F_##f)
#define EV_OPT_BYTES(ev, f, len) model_event_bytes((ev), MODEL_F_##f, (len))
#define EV_OPT_STR(ev, f) model_event_str((ev), MODEL_F_##f)

/* Reads of undeclared fields so far, and the first one ("event.field"). */
uint64_t model_event_misreads(const char **first);

#endif
