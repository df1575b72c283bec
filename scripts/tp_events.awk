# SPDX-License-Identifier: GPL-2.0-only
#
# tp_events.awk - read the LTTng provider (core/trace/connscope_tp.h and
# core/trace/tp_*.h), the one place each connscope event is declared, and
# print what the rest of the project derives from it:
#
#   awk -v out=c  -f scripts/tp_events.awk FILES   the model's event table (C)
#   awk -v out=h  -f scripts/tp_events.awk FILES   the names the viewers use (C):
#       MODEL_E_<event>            the event's name, one per event
#       MODEL_EF_<ev>__<field>     field <field> of event (or class) <ev>,
#                                  read as MODEL_EF(ev, field): a field the
#                                  event does not declare does not build
#       MODEL_EF_<group>__<field>  field <field> that every event of a group
#                                  of viz/model/event_groups has (a rule
#                                  those events share reads it)
#       MODEL_F_<field>            a field some event has (the reads that
#                                  serve many events, EV_OPT_* in events.h)
#     (-v groups=viz/model/event_groups: that file; a group of an unknown
#     event, or named as an event or class, is an error)
#   awk -v out=md -f scripts/tp_events.awk FILES   the event index of docs/tracepoints.md
#
# An event is LTTNG_UST_TRACEPOINT_EVENT(connscope, NAME, ARGS, FIELDS) or
# LTTNG_UST_TRACEPOINT_EVENT_INSTANCE(connscope, CLASS, connscope, NAME, ARGS)
# of an LTTNG_UST_TRACEPOINT_EVENT_CLASS; its one line of meaning is the
# comment "/* NAME: meaning */" on a line of its own before it.  A
# malformed declaration, an event without its meaning or without the
# common fields (CS_TP_CTX) last is an error: the build stops.

function fail(msg) {
	printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
	failed = 1
	exit 1
}

function trim(s) {
	gsub(/^[ \t]+|[ \t]+$/, "", s)
	return s
}

# Split the arguments of the call whose "(" is at s[pos] into A[1..n] at
# the commas outside nested parentheses and strings; ENDPOS is set to the
# position of its ")".
function splitargs(s, pos, A,    i, c, depth, n, cur, instr) {
	n = 0; cur = ""; depth = 0; instr = 0
	for (i = pos + 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (instr) {
			cur = cur c
			if (c == "\\") { i++; cur = cur substr(s, i, 1); continue }
			if (c == "\"") instr = 0
			continue
		}
		if (c == "\"") { instr = 1; cur = cur c; continue }
		if (c == "(") depth++
		if (c == ")") {
			if (depth == 0) {
				A[++n] = trim(cur)
				ENDPOS = i
				return n
			}
			depth--
		}
		if (c == "," && depth == 0) { A[++n] = trim(cur); cur = ""; continue }
		cur = cur c
	}
	fail("unbalanced parentheses")
}

# The body of a wrapper macro such as LTTNG_UST_TP_FIELDS(...).
function inner(s, macro,    A) {
	if (index(s, macro "(") != 1)
		fail("expected " macro "(...), got: " substr(s, 1, 40))
	splitargs(s, length(macro) + 1, A)
	return substr(s, length(macro) + 2, ENDPOS - length(macro) - 2)
}

function is_unsigned(t) {
	return t ~ /^(uint|unsigned|size_t)/
}

# Parse the field list @s into the fields of class/event @key.
function parse_fields(key, s,    m, macro, A, n, rest, fname, kind, extra, k) {
	nf[key] = 0; ctx[key] = 0
	rest = s
	while (match(rest, /lttng_ust_field_[a-z_]+\(|CS_TP_CTX/)) {
		if (ctx[key])
			fail(key ": a field after CS_TP_CTX (the common fields come last)")
		macro = substr(rest, RSTART, RLENGTH)
		if (macro == "CS_TP_CTX") {
			ctx[key] = 1
			rest = substr(rest, RSTART + RLENGTH)
			continue
		}
		macro = substr(macro, 1, length(macro) - 1)
		rest = substr(rest, RSTART)
		n = splitargs(rest, length(macro) + 1, A)
		extra = ""
		if (macro ~ /^lttng_ust_field_integer/) {
			fname = A[2]; kind = is_unsigned(A[1]) ? "UINT" : "INT"; extra = A[1]
		} else if (macro == "lttng_ust_field_enum") {
			fname = A[4]; kind = "ENUM"; extra = A[2]
		} else if (macro ~ /^lttng_ust_field_array/) {
			fname = A[2]; kind = "BYTES"; extra = A[1] "[" A[4] "]"
		} else if (macro ~ /^lttng_ust_field_sequence/) {
			fname = A[2]; kind = "BYTES"; extra = A[1] "[]"
		} else if (macro == "lttng_ust_field_string") {
			fname = A[1]; kind = "STRING"; extra = "string"
		} else {
			fail(key ": unknown field macro " macro)
		}
		for (k = 1; k <= nf[key]; k++)
			if (fn[key, k] == fname)
				fail(key ": field " fname " twice")
		k = ++nf[key]
		fn[key, k] = fname; fk[key, k] = kind; fx[key, k] = extra
		if (kind == "BYTES" && macro ~ /^lttng_ust_field_array/ && A[4] ~ /^[0-9]+$/)
			flen[key, k] = A[4]
		else
			flen[key, k] = 0
		if (!(fname in fieldseen)) { fieldseen[fname] = 1; fieldorder[++nfieldnames] = fname }
		rest = substr(rest, ENDPOS + 1)
	}
	if (!ctx[key])
		fail(key ": no CS_TP_CTX (the common fields pid, tid, softirq) at the end")
}

# The labels of enum @name (their values may be core/ constants: not kept).
function parse_enum(name, s,    rest, A) {
	if (name in nlab)
		fail("enum " name " declared twice")
	nlab[name] = 0
	enumorder[++nenums] = name
	rest = s
	while (match(rest, /lttng_ust_field_enum_value\(/)) {
		rest = substr(rest, RSTART)
		splitargs(rest, length("lttng_ust_field_enum_value") + 1, A)
		lab[name, ++nlab[name]] = A[1]
		rest = substr(rest, ENDPOS + 1)
	}
	if (!nlab[name])
		fail("enum " name " has no value")
}

function add_event(name, key) {
	if (name in evseen)
		fail("event " name " declared twice")
	if (!(name in meaning) || mline[name] != FILENAME ":" (start - 1))
		fail("event " name " has no meaning line (/* " name ": ... */ just above it)")
	evseen[name] = 1
	ev[++nev] = name; evkey[nev] = key; evfile[nev] = FILENAME
	evkeyof[name] = key
	sub(/.*\//, "", evfile[nev])
}

function handle(s,    A, n, name) {
	gsub(/\/\*([^*]|\*+[^*\/])*\*+\//, " ", s)
	match(s, /^LTTNG_UST_TRACEPOINT_[A-Z_]+/)
	macro = substr(s, 1, RLENGTH)
	n = splitargs(s, RLENGTH + 1, A)
	if (A[1] != "connscope")
		fail("provider " A[1] " is not connscope")
	if (macro == "LTTNG_UST_TRACEPOINT_EVENT") {
		name = A[2]
		parse_fields("e:" name, inner(A[4], "LTTNG_UST_TP_FIELDS"))
		add_event(name, "e:" name)
	} else if (macro == "LTTNG_UST_TRACEPOINT_EVENT_CLASS") {
		parse_fields("c:" A[2], inner(A[4], "LTTNG_UST_TP_FIELDS"))
		classorder[++nclasses] = A[2]
	} else if (macro == "LTTNG_UST_TRACEPOINT_EVENT_INSTANCE") {
		if (!(("c:" A[2]) in nf))
			fail("instance " A[4] " of unknown class " A[2])
		add_event(A[4], "c:" A[2])
	} else if (macro == "LTTNG_UST_TRACEPOINT_ENUM") {
		parse_enum(A[2], inner(A[3], "LTTNG_UST_TP_ENUM_VALUES"))
	} else {
		fail("unknown macro " macro)
	}
}

function count(s, c,    t) {
	t = s
	return gsub(c, "", t)
}

function cstr(s) {
	gsub(/\\/, "\\\\", s)
	gsub(/"/, "\\\"", s)
	return "\"" s "\""
}

depth == 0 && /^\/\* [A-Za-z_][A-Za-z_0-9]*: .*\*\/[ \t]*$/ {
	m = $0
	sub(/^\/\* /, "", m)
	mname = m; sub(/:.*/, "", mname)
	sub(/^[A-Za-z_0-9]+: /, "", m); sub(/[ \t]*\*\/[ \t]*$/, "", m)
	meaning[mname] = m
	mline[mname] = FILENAME ":" FNR
}

depth == 0 && /^LTTNG_UST_TRACEPOINT_(EVENT|EVENT_CLASS|EVENT_INSTANCE|ENUM)\(/ {
	buf = ""; collecting = 1; start = FNR
}

collecting {
	line = $0
	gsub(/"[^"]*"/, "\"\"", line)
	buf = buf " " $0
	depth += count(line, "\\(") - count(line, "\\)")
	if (depth == 0) {
		collecting = 0
		handle(trim(buf))
	}
}

END {
	if (failed)
		exit 1
	if (collecting)
		fail("unterminated declaration")
	if (out == "c")
		print_c()
	else if (out == "h")
		print_h()
	else if (out == "md")
		print_md()
	else {
		print "tp_events.awk: -v out=c|h|md" > "/dev/stderr"
		exit 2
	}
}

function print_c(    i, k, key, e, j) {
	print "/* Generated by scripts/tp_events.awk from the LTTng provider core/trace: do not edit. */"
	print "#include \"events.h\""
	print ""
	for (j = 1; j <= nenums; j++) {
		e = enumorder[j]
		printf "static const char *const e_%s[] = {", e
		for (k = 1; k <= nlab[e]; k++)
			printf "%s %s", (k > 1 ? "," : ""), lab[e, k]
		print ", NULL };"
	}
	for (i = 1; i <= nev; i++) {
		key = evkey[i]
		printf "static const struct model_field_decl f_%s[] = {\n", ev[i]
		for (k = 1; k <= nf[key]; k++) {
			if (fk[key, k] == "ENUM" && !(fx[key, k] in nlab))
				fail(ev[i] ": field " fn[key, k] " of unknown enum " fx[key, k])
			printf "\t{ %s, MODEL_FIELD_%s, %d, %s },\n", cstr(fn[key, k]), fk[key, k],
				flen[key, k], fk[key, k] == "ENUM" ? "e_" fx[key, k] : "NULL"
		}
		print "};"
	}
	print ""
	print "const struct model_event_decl model_event_decls[] = {"
	for (i = 1; i <= nev; i++)
		printf "\t{ %s, %s, %s, f_%s, %d },\n", cstr(ev[i]), cstr(evfile[i]), cstr(meaning[ev[i]]),
			ev[i], nf[evkey[i]]
	print "};"
	printf "const size_t model_nevent_decls = %d;\n", nev
}

# The fields of class or event @key as MODEL_EF_<name>__<field>.
function print_ef(name, key,    k) {
	for (k = 1; k <= nf[key]; k++)
		printf "#define MODEL_EF_%s__%s \"%s\"\n", name, fn[key, k], fn[key, k]
}

function print_h(    i) {
	print "/* Generated by scripts/tp_events.awk from the LTTng provider core/trace: do not edit. */"
	print "#ifndef CS_MODEL_EVENT_FIELDS_H"
	print "#define CS_MODEL_EVENT_FIELDS_H"
	print "/* Every event's name. */"
	for (i = 1; i <= nev; i++)
		printf "#define MODEL_E_%s \"%s\"\n", ev[i], ev[i]
	print "/* Each event's fields, and each class's (the common pid, tid, softirq aside). */"
	print "#define MODEL_EF(ev, f) MODEL_EF_##ev##__##f"
	for (i = 1; i <= nev; i++)
		print_ef(ev[i], evkey[i])
	for (i = 1; i <= nclasses; i++)
		print_ef(classorder[i], "c:" classorder[i])
	if (groups != "")
		print_groups(groups)
	print "/* Every field name some event has. */"
	for (i = 1; i <= nfieldnames; i++)
		printf "#define MODEL_F_%s \"%s\"\n", fieldorder[i], fieldorder[i]
	print "#endif"
}

# The groups of file @file ("NAME: EVENT EVENT ..." lines, # comments):
# the fields all of a group's events declare.
function print_groups(file,    line, n, W, i, k, key, name, cnt, lineno, nmem) {
	while ((getline line < file) > 0) {
		lineno++
		sub(/#.*/, "", line)
		if (line ~ /^[ \t]*$/)
			continue
		if (line !~ /^[A-Za-z_][A-Za-z_0-9]*:/)
			gfail(file, lineno, "expected NAME: EVENT...")
		name = line; sub(/:.*/, "", name); sub(/^[^:]*:/, "", line)
		if (("e:" name) in nf || ("c:" name) in nf || name in evseen)
			gfail(file, lineno, "group " name " is named as an event or class")
		n = split(line, W, /[ \t]+/)
		delete cnt; nmem = 0
		for (i = 1; i <= n; i++) {
			if (W[i] == "")
				continue
			if (!(W[i] in evseen))
				gfail(file, lineno, "group " name ": no event " W[i])
			nmem++
			key = evkeyof[W[i]]
			for (k = 1; k <= nf[key]; k++)
				cnt[fn[key, k]]++
		}
		if (nmem < 2)
			gfail(file, lineno, "group " name " of fewer than two events")
		printf "/* group %s:%s */\n", name, line
		key = evkeyof[W[n] == "" ? W[n - 1] : W[n]]
		for (k = 1; k <= nf[key]; k++)
			if (cnt[fn[key, k]] == nmem)
				printf "#define MODEL_EF_%s__%s \"%s\"\n", name, fn[key, k], fn[key, k]
	}
	close(file)
}

function gfail(file, lineno, msg) {
	printf "%s:%d: %s\n", file, lineno, msg > "/dev/stderr"
	exit 1
}

function print_md(    i, k, key, f, file) {
	print "| event | fields | meaning |"
	print "|---|---|---|"
	for (i = 1; i <= nev; i++) {
		key = evkey[i]; f = ""
		for (k = 1; k <= nf[key]; k++)
			f = f (k > 1 ? ", " : "") "`" fn[key, k] "`" (fk[key, k] == "ENUM" ? " (" fx[key, k] ")" : "")
		printf "| `%s` | %s | %s |\n", ev[i], f, meaning[ev[i]]
	}
}
