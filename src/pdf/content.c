/*
 * Page content streams for the finishing step: a tokenizer for PDF
 * content (ISO 32000-1 7.2, 7.8.2, 8.9.7), the marked-content sequences
 * it finds, and everything painted outside them wrapped as an artifact
 * (14.8.2.2). libqpdf's C API has no content tokenizer, hence this file.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "pdf/archive.h"

/*
 * What the marking pass keeps of a stream: the operators that nest
 * (q/Q, BT/ET, BMC/BDC/EMC) and the painting ones. A painting element
 * runs from its first operand (a path from its first construction
 * operator) to the end of its operator, so an artifact never splits a
 * path object or an operator from its operands.
 */
enum el_kind {
	EL_PAINT,        /* S s f F f* B B* b b* n sh Do Tj TJ ' " BI..EI */
	EL_PUSH,         /* q */
	EL_POP,          /* Q */
	EL_BT,
	EL_ET,
	EL_MC,           /* BMC, BDC */
	EL_EMC,
	EL_END,          /* sentinel: the state at the end of the stream */
	EL__MAX
};

/* The nesting state before an element. */
struct el_state {
	int		 qd;       /* q depth */
	int		 mcd;      /* marked-content depth */
	int		 text;     /* text object serial, -1 outside */
	int		 tagged;   /* open sequences: an MCID, or /Artifact */
};

struct el {
	size_t		 start, end;
	enum el_kind	 kind;
	bool		 tagged;   /* EL_MC: has an MCID or is /Artifact */
	struct el_state	 st;       /* before the element */
};

/* A token of the operands collected since the last operator. */
enum tok_kind {
	TOK_NUMBER,
	TOK_NAME,
	TOK_STRING,
	TOK_DICT_OPEN,
	TOK_DICT_CLOSE,
	TOK_OTHER,       /* arrays, booleans, null, braces */
	TOK__MAX
};

struct tok {
	enum tok_kind	 kind;
	size_t		 start, len;
};

/* The scanner over one stream. */
struct scan {
	const unsigned char	*in;
	size_t			 len, pos;
	GArray			*toks;      /* struct tok: operands */
	size_t			 opstart;   /* first operand's start */
	bool			 have_operands;
	size_t			 path_start;
	bool			 in_path;
	GArray			*els;       /* struct el */
	struct el_state		 st;
	GArray			*mcstack;   /* gboolean: tagged */
	int			 text_serial;
	struct bp_content_marks	*marks;
	const char		*why;       /* set on a fatal error */
};

static bool is_space(unsigned char c);
static bool is_delim(unsigned char c);
static bool is_regular(unsigned char c);
static bool tok_is(const struct scan *s, const struct tok *t,
    const char *text);
static void add_el(struct scan *s, enum el_kind kind, size_t start,
    bool tagged);
static size_t operands_start(const struct scan *s, size_t op_start);
static bool skip_string(struct scan *s);
static bool skip_inline_image(struct scan *s, size_t bi_start);
static void begin_marked(struct scan *s, size_t op_start, bool with_dict);
static void end_marked(struct scan *s, size_t op_start);
static void do_operator(struct scan *s, size_t op_start);
static bool scan_stream(struct scan *s);
static bool states_equal(const struct el_state *a, const struct el_state *b);
static bool breaks_artifact(const struct el *x, const struct el_state *open);
static bool try_wrap(const struct el *els, size_t n, size_t i, size_t *last);
static void emit(const struct scan *s, const GArray *spans, GByteArray *out);

/* White space and delimiters, ISO 32000-1 Tables 1 and 2. */
static bool
is_space(unsigned char c)
{
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' ||
	    c == ' ';
}

static bool
is_delim(unsigned char c)
{
	return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' ||
	    c == ']' || c == '{' || c == '}' || c == '/' || c == '%';
}

static bool
is_regular(unsigned char c)
{
	return !is_space(c) && !is_delim(c);
}

static bool
tok_is(const struct scan *s, const struct tok *t, const char *text)
{
	size_t	 n = strlen(text);

	return t->len == n && memcmp(s->in + t->start, text, n) == 0;
}

static void
add_el(struct scan *s, enum el_kind kind, size_t start, bool tagged)
{
	struct el	 e;

	/* Elements never overlap, even when a path is broken off. */
	if (s->els->len > 0 && start < g_array_index(s->els, struct el,
	    s->els->len - 1).end)
		start = g_array_index(s->els, struct el, s->els->len - 1).end;
	e.start = start;
	e.end = s->pos;
	e.kind = kind;
	e.tagged = tagged;
	e.st = s->st;
	g_array_append_val(s->els, e);
}

/* Where an operator's element starts: its first operand, else itself. */
static size_t
operands_start(const struct scan *s, size_t op_start)
{
	return s->have_operands ? s->opstart : op_start;
}

/*
 * A literal string from its '(' (7.3.4.2): balanced parentheses, and a
 * backslash escapes the byte after it, whatever it is.
 */
static bool
skip_string(struct scan *s)
{
	int	 depth = 0;

	while (s->pos < s->len) {
		switch (s->in[s->pos]) {
		case '\\':
			s->pos++;
			break;
		case '(':
			depth++;
			break;
		case ')':
			if (--depth == 0) {
				s->pos++;
				return true;
			}
			break;
		default:
			break;
		}
		s->pos++;
	}
	s->why = "a string is not closed";
	return false;
}

/*
 * An inline image (8.9.7) from its BI: the dictionary up to ID, one
 * white-space byte, then data up to an EI that white space precedes and
 * white space, a delimiter or the end follows. The data is binary: its
 * bytes are never tokens.
 */
static bool
skip_inline_image(struct scan *s, size_t bi_start)
{
	const unsigned char	*p;
	size_t			 w;

	/* The dictionary's tokens, up to the word ID. */
	for (;;) {
		while (s->pos < s->len && is_space(s->in[s->pos]))
			s->pos++;
		if (s->pos >= s->len)
			goto bad;
		if (s->in[s->pos] == '(') {
			if (!skip_string(s))
				return false;
			continue;
		}
		if (!is_regular(s->in[s->pos])) {
			/* A name is one token: "/ID" is no ID. */
			if (s->in[s->pos++] == '/')
				while (s->pos < s->len &&
				    is_regular(s->in[s->pos]))
					s->pos++;
			continue;
		}
		w = s->pos;
		while (s->pos < s->len && is_regular(s->in[s->pos]))
			s->pos++;
		if (s->pos - w == 2 && memcmp(s->in + w, "ID", 2) == 0)
			break;
	}
	s->pos++;                      /* the one white-space byte */
	while (s->pos + 2 <= s->len) {
		p = memchr(s->in + s->pos, 'E', s->len - s->pos - 1);
		if (p == NULL)
			break;
		w = (size_t)(p - s->in);
		if (p[1] == 'I' && w > 0 && is_space(p[-1]) &&
		    (w + 2 == s->len || !is_regular(p[2]))) {
			s->pos = w + 2;
			add_el(s, EL_PAINT, bi_start, false);
			return true;
		}
		s->pos = w + 1;
	}
bad:
	s->why = "an inline image does not end";
	return false;
}

/*
 * BMC or BDC: /Artifact, or a property list with an MCID, makes the
 * sequence tagged; the MCID is kept in stream order.
 */
static void
begin_marked(struct scan *s, size_t op_start, bool with_dict)
{
	const struct tok	*t, *v;
	gboolean		 tagged = FALSE;
	int			 depth = 0, mcid;
	guint			 k;

	if (s->toks->len > 0) {
		t = &g_array_index(s->toks, struct tok, 0);
		if (t->kind == TOK_NAME && tok_is(s, t, "/Artifact"))
			tagged = TRUE;
	}
	for (k = 1; with_dict && k < s->toks->len; k++) {
		t = &g_array_index(s->toks, struct tok, k);
		if (t->kind == TOK_DICT_OPEN)
			depth++;
		else if (t->kind == TOK_DICT_CLOSE)
			depth--;
		else if (depth == 1 && t->kind == TOK_NAME &&
		    tok_is(s, t, "/MCID") && k + 1 < s->toks->len) {
			v = &g_array_index(s->toks, struct tok, k + 1);
			if (v->kind != TOK_NUMBER)
				continue;
			mcid = (int)g_ascii_strtoll((const char *)s->in +
			    v->start, NULL, 10);
			g_array_append_val(s->marks->mcids, mcid);
			tagged = TRUE;
			break;
		}
	}
	add_el(s, EL_MC, operands_start(s, op_start), tagged);
	g_array_append_val(s->mcstack, tagged);
	s->st.mcd++;
	if (tagged)
		s->st.tagged++;
}

static void
end_marked(struct scan *s, size_t op_start)
{
	gboolean	 tagged;

	add_el(s, EL_EMC, op_start, false);
	if (s->mcstack->len == 0) {
		s->marks->unbalanced++;
		return;
	}
	tagged = g_array_index(s->mcstack, gboolean, s->mcstack->len - 1);
	g_array_set_size(s->mcstack, s->mcstack->len - 1);
	s->st.mcd--;
	if (tagged)
		s->st.tagged--;
}

/* One operator, its operands collected in s->toks. */
static void
do_operator(struct scan *s, size_t op_start)
{
	static const char *const paint_path[] = {
		"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n",
	};
	static const char *const paint_other[] = {
		"sh", "Do", "Tj", "TJ", "'", "\"",
	};
	const unsigned char	*w = s->in + op_start;
	size_t			 n = s->pos - op_start, k;

#define IS(lit) (n == sizeof(lit) - 1 && memcmp(w, lit, n) == 0)
	if (IS("m") || IS("re") || IS("l") || IS("c") || IS("v") ||
	    IS("y") || IS("h")) {
		if (!s->in_path) {
			s->in_path = true;
			s->path_start = operands_start(s, op_start);
		}
		return;
	}
	if (IS("W") || IS("W*"))
		return;
	for (k = 0; k < G_N_ELEMENTS(paint_path); k++)
		if (n == strlen(paint_path[k]) &&
		    memcmp(w, paint_path[k], n) == 0) {
			add_el(s, EL_PAINT, s->in_path ? s->path_start :
			    operands_start(s, op_start), false);
			s->in_path = false;
			return;
		}
	for (k = 0; k < G_N_ELEMENTS(paint_other); k++)
		if (n == strlen(paint_other[k]) &&
		    memcmp(w, paint_other[k], n) == 0) {
			add_el(s, EL_PAINT, operands_start(s, op_start),
			    false);
			return;
		}
	if (IS("q")) {
		add_el(s, EL_PUSH, op_start, false);
		s->st.qd++;
	} else if (IS("Q")) {
		add_el(s, EL_POP, op_start, false);
		if (s->st.qd > 0)
			s->st.qd--;
		else
			s->marks->unbalanced++;
	} else if (IS("BT")) {
		add_el(s, EL_BT, op_start, false);
		if (s->st.text >= 0)
			s->marks->unbalanced++;
		s->st.text = s->text_serial++;
	} else if (IS("ET")) {
		add_el(s, EL_ET, op_start, false);
		if (s->st.text < 0)
			s->marks->unbalanced++;
		s->st.text = -1;
	} else if (IS("BMC"))
		begin_marked(s, op_start, false);
	else if (IS("BDC"))
		begin_marked(s, op_start, true);
	else if (IS("EMC"))
		end_marked(s, op_start);
#undef IS
}

/* Tokens to operators, filling s->els; false (s->why) when unreadable. */
static bool
scan_stream(struct scan *s)
{
	struct tok	 t;
	unsigned char	 c;
	const unsigned char *nl;

	while (s->pos < s->len) {
		c = s->in[s->pos];
		if (is_space(c)) {
			s->pos++;
			continue;
		}
		if (c == '%') {
			while (s->pos < s->len && s->in[s->pos] != '\n' &&
			    s->in[s->pos] != '\r')
				s->pos++;
			continue;
		}
		t.start = s->pos;
		t.kind = TOK_OTHER;
		switch (c) {
		case '(':
			if (!skip_string(s))
				return false;
			t.kind = TOK_STRING;
			break;
		case '<':
			if (s->pos + 1 < s->len && s->in[s->pos + 1] == '<') {
				s->pos += 2;
				t.kind = TOK_DICT_OPEN;
				break;
			}
			nl = memchr(s->in + s->pos, '>', s->len - s->pos);
			if (nl == NULL) {
				s->why = "a hexadecimal string is not closed";
				return false;
			}
			s->pos = (size_t)(nl - s->in) + 1;
			t.kind = TOK_STRING;
			break;
		case '>':
			if (s->pos + 1 < s->len && s->in[s->pos + 1] == '>') {
				s->pos += 2;
				t.kind = TOK_DICT_CLOSE;
			} else
				s->pos++;
			break;
		case '/':
			s->pos++;
			while (s->pos < s->len && is_regular(s->in[s->pos]))
				s->pos++;
			t.kind = TOK_NAME;
			break;
		case '[': case ']': case '{': case '}': case ')':
			s->pos++;
			break;
		default:
			while (s->pos < s->len && is_regular(s->in[s->pos]))
				s->pos++;
			if (strchr("0123456789+-.", c) != NULL)
				t.kind = TOK_NUMBER;
			else if (s->pos - t.start == 2 &&
			    memcmp(s->in + t.start, "BI", 2) == 0) {
				if (!skip_inline_image(s, t.start))
					return false;
				goto operator_done;
			} else if (!(s->pos - t.start == 4 && (memcmp(s->in +
			    t.start, "true", 4) == 0 || memcmp(s->in +
			    t.start, "null", 4) == 0)) && !(s->pos - t.start ==
			    5 && memcmp(s->in + t.start, "false", 5) == 0)) {
				do_operator(s, t.start);
				goto operator_done;
			}
			break;
		}
		t.len = s->pos - t.start;
		if (!s->have_operands) {
			s->opstart = t.start;
			s->have_operands = true;
		}
		g_array_append_val(s->toks, t);
		continue;
operator_done:
		g_array_set_size(s->toks, 0);
		s->have_operands = false;
	}
	add_el(s, EL_END, s->len, false);
	if (s->st.qd != 0 || s->st.mcd != 0 || s->st.text >= 0)
		s->marks->unbalanced++;
	return true;
}

static bool
states_equal(const struct el_state *a, const struct el_state *b)
{
	return a->qd == b->qd && a->mcd == b->mcd && a->text == b->text;
}

/*
 * Whether x cannot lie inside an artifact opened in state `open`: it
 * begins tagged content (which an artifact may not hold), or it closes
 * a q, a text object or a marked-content sequence opened before the
 * artifact (14.6: sequences nest, and do not straddle BT/ET).
 */
static bool
breaks_artifact(const struct el *x, const struct el_state *open)
{
	switch (x->kind) {
	case EL_MC:
		return x->tagged;
	case EL_POP:
		return x->st.qd <= open->qd;
	case EL_EMC:
		return x->st.mcd <= open->mcd;
	case EL_BT:
		return open->text >= 0;
	case EL_ET:
		return open->text >= 0 || x->st.text < 0;
	case EL_END:
		return true;
	default:
		return false;
	}
}

/*
 * An artifact opened before els[i]: it reaches as far as it can, and
 * closes after the last element where the state is again the opening
 * one with everything painted since then inside. Returns false when no
 * such element comes before something that breaks it.
 */
static bool
try_wrap(const struct el *els, size_t n, size_t i, size_t *last)
{
	const struct el_state	*open = &els[i].st;
	bool			 pending = false, found = false;
	size_t			 j;

	for (j = i; j + 1 < n; j++) {
		if (breaks_artifact(&els[j], open))
			break;
		if (els[j].kind == EL_PAINT)
			pending = true;
		/* The state after els[j] is the one before els[j + 1]. */
		if (pending && states_equal(&els[j + 1].st, open)) {
			*last = j;
			found = true;
			pending = false;
		}
	}
	return found;
}

/* Copy the stream with "/Artifact BMC" and "EMC" at spans' bounds. */
static void
emit(const struct scan *s, const GArray *spans, GByteArray *out)
{
	static const guint8	 open[] = "/Artifact BMC\n", close[] = "\nEMC";
	const size_t		*b;
	size_t			 at = 0, k;

	for (k = 0; k < spans->len; k += 2) {
		b = &g_array_index(spans, size_t, k);
		g_byte_array_append(out, s->in + at, (guint)(b[0] - at));
		if (b[0] > 0 && !is_space(s->in[b[0] - 1]))
			g_byte_array_append(out, (const guint8 *)"\n", 1);
		g_byte_array_append(out, open, sizeof open - 1);
		g_byte_array_append(out, s->in + b[0], (guint)(b[1] - b[0]));
		g_byte_array_append(out, close, sizeof close - 1);
		if (b[1] < s->len && !is_space(s->in[b[1]]))
			g_byte_array_append(out, (const guint8 *)"\n", 1);
		at = b[1];
	}
	g_byte_array_append(out, s->in + at, (guint)(s->len - at));
}

bool
bp_content_mark(const unsigned char *in, size_t len, GByteArray *out,
    struct bp_content_marks *marks, const char **why)
{
	struct scan	 s;
	const struct el	*els, *x;
	GArray		*spans = g_array_new(FALSE, FALSE, sizeof(size_t));
	size_t		 i, last, n;
	bool		 ok = false;

	memset(&s, 0, sizeof s);
	s.in = in;
	s.len = len;
	s.toks = g_array_new(FALSE, FALSE, sizeof(struct tok));
	s.els = g_array_sized_new(FALSE, FALSE, sizeof(struct el), 256);
	s.mcstack = g_array_new(FALSE, FALSE, sizeof(gboolean));
	s.st.text = -1;
	s.marks = marks;
	if (!scan_stream(&s)) {
		*why = s.why;
		goto out;
	}

	/*
	 * Untagged content: open an artifact at each element that paints
	 * or starts a group (q, BT, an untagged sequence) outside tagged
	 * content, as wide as nesting allows; what cannot be wrapped whole
	 * is wrapped piece by piece further in.
	 */
	els = (const struct el *)(void *)s.els->data;
	n = s.els->len;
	for (i = 0; i + 1 < n;) {
		x = &els[i];
		if (x->st.tagged == 0 && (x->kind == EL_PAINT ||
		    x->kind == EL_PUSH || x->kind == EL_BT ||
		    (x->kind == EL_MC && !x->tagged)) &&
		    try_wrap(els, n, i, &last)) {
			g_array_append_val(spans, els[i].start);
			g_array_append_val(spans, els[last].end);
			marks->artifacts++;
			i = last + 1;
		} else
			i++;
	}
	emit(&s, spans, out);
	ok = true;
out:
	g_array_free(s.toks, TRUE);
	g_array_free(s.els, TRUE);
	g_array_free(s.mcstack, TRUE);
	g_array_free(spans, TRUE);
	return ok;
}
