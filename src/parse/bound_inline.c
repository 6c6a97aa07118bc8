/*
 * Inline-level bounds: for bound.c's pass, the cost of each paragraph's
 * emphasis, brackets, raw HTML, links and autolinks, and of text with no
 * place to break a line; on cmark-gfm's tree, inlines nested too deep.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include <cmark-gfm.h>

#include "bp.h"
#include "parse.h"
#include "bound.h"

static void inline_check(struct bound *b);
static bool may_break_before(gunichar c, gunichar prev);
static bool is_inline_container(cmark_node *cn);
static int node_line(cmark_node *cn);

/*
 * Inline parsing in cmark-gfm 0.29.0.gfm.6 is quadratic in some shapes
 * within one paragraph, and so is laying a paragraph out (each line
 * looks at every link and attribute of its paragraph):
 *  - emphasis runs that cannot pair ("*t " ... "_t*_ ", CVE-2023-22483):
 *    count runs of * _ ~ that touch a non-space;
 *  - links after unclosed "![" (CVE-2023-22486): count, at each ']', the
 *    "![" not closed yet;
 *  - unclosed "<?", "<![CDATA[" and "<!X" (CVE-2023-22483), each scanned
 *    to the end of the paragraph: count the bytes each open one scans;
 *  - links, code and emphasis times the paragraph's length, and
 *    footnote references (superscripts, a font of their own) times all
 *    of them: Pango walks every attribute of the paragraph for each.
 */
void
bp_bound_inline_line(struct bound *b, const struct bnd_line *l,
    const struct bnd_prefix *x)
{
	const unsigned char	*p = (const unsigned char *)x->body;
	const unsigned char	*e = (const unsigned char *)l->end, *r;
	unsigned char		 before, after;
	size_t			 left;

	b->para_bytes += (guint64)(e - p) + 1;
	while (p < e) {
		left = (size_t)(e - p);
		b->html_work += b->open_pi + b->open_cdata + b->open_decl;
		if (*p == '\\' && left > 1 && bp_bound_is_punct(p[1])) {
			p += 2;
			continue;
		}
		/* What each open scan stops at, then what opens one. */
		if (*p == '>') {
			if (p > (const unsigned char *)l->s && p[-1] == '?')
				b->open_pi = 0;
			if (p - (const unsigned char *)l->s >= 2 &&
			    p[-1] == ']' && p[-2] == ']')
				b->open_cdata = 0;
			b->open_decl = 0;
		} else if (*p == '<' && left > 1 && p[1] == '?')
			b->open_pi++;
		else if (*p == '<' && left > 8 && memcmp(p, "<![CDATA[", 9) == 0)
			b->open_cdata++;
		else if (*p == '<' && left > 2 && p[1] == '!' &&
		    g_ascii_isupper(p[2]))
			b->open_decl++;
		else if (*p == '!' && left > 1 && p[1] == '[') {
			g_byte_array_append(b->brackets, (const guint8 *)"\1", 1);
			b->images++;
			b->spans++;
			p += 2;
			continue;
		} else if (*p == '[') {
			g_byte_array_append(b->brackets, (const guint8 *)"", 1);
			b->notes += left > 1 && p[1] == '^';
		} else if (*p == ']') {
			/* It closes the last opener; a link walks past the rest. */
			if (b->brackets->len > 0) {
				b->images -= b->brackets->data[b->brackets->len - 1];
				g_byte_array_set_size(b->brackets,
				    b->brackets->len - 1);
			}
			b->bracket_work += b->images;
			b->spans++;
			b->closers++;
		} else if (*p == '`' && (p == (const unsigned char *)l->s ||
		    p[-1] != '`'))
			b->ticks++;
		else if (*p == '@' || (*p == ':' && left > 2 &&
		    p[1] == '/' && p[2] == '/') || (*p == 'w' && left > 3 &&
		    memcmp(p, "www.", 4) == 0))
			b->spans++;
		if (*p != '*' && *p != '_' && *p != '~') {
			p++;
			continue;
		}
		/* A run that touches a non-space on either side may delimit. */
		for (r = p; r < e && *r == *p; r++)
			;
		before = p > (const unsigned char *)l->s ? p[-1] : ' ';
		after = r < e ? *r : ' ';
		if ((before != ' ' && before != '\t') ||
		    (after != ' ' && after != '\t')) {
			b->runs++;
			b->tildes += *p == '~';
		}
		b->html_work += (guint64)(r - p - 1) * (b->open_pi +
		    b->open_cdata + b->open_decl);
		p = r;
	}
	inline_check(b);
}

/* Is the paragraph read so far over a limit? Report it once. */
static void
inline_check(struct bound *b)
{
	guint64		 spans = b->spans + b->runs / 2 + b->ticks / 2;

	if (!b->ok)
		return;
	if (b->runs > BP_MAX_EMPH_RUNS)
		bp_diag(b->diag, BP_ERROR, b->para_line, 0, "paragraph has "
		    "more than %u runs of * _ ~ (emphasis markers): cmark-gfm "
		    "would take too long", BP_MAX_EMPH_RUNS);
	else if (b->tildes > BP_MAX_STRIKE_RUNS)
		bp_diag(b->diag, BP_ERROR, b->para_line, 0, "paragraph has "
		    "more than %u runs of ~ (strikethrough markers): cmark-gfm "
		    "would take too long", BP_MAX_STRIKE_RUNS);
	else if (b->bracket_work > BP_MAX_BRACKET_WORK)
		bp_diag(b->diag, BP_ERROR, b->para_line, 0, "paragraph has "
		    "%" G_GUINT64_FORMAT " unclosed \"![\" before its links: "
		    "cmark-gfm would take more than %u steps", b->images,
		    BP_MAX_BRACKET_WORK);
	else if (b->html_work > BP_MAX_HTML_SCAN)
		bp_diag(b->diag, BP_ERROR, b->para_line, 0, "paragraph has "
		    "unclosed \"<?\", \"<![CDATA[\" or \"<!\": cmark-gfm would "
		    "scan more than %u bytes for their ends", BP_MAX_HTML_SCAN);
	else if (b->notes * (b->notes + spans) > BP_MAX_NOTE_WORK)
		bp_diag(b->diag, BP_ERROR, b->para_line, 0, "paragraph has %"
		    G_GUINT64_FORMAT " footnote references among %"
		    G_GUINT64_FORMAT " links, code spans and emphasis: too slow "
		    "to lay out (more than %u); split it into paragraphs",
		    b->notes, spans, BP_MAX_NOTE_WORK);
	else if (spans * b->para_bytes > BP_MAX_SPAN_WORK)
		bp_diag(b->diag, BP_ERROR, b->para_line, 0, "paragraph of %"
		    G_GUINT64_FORMAT " bytes with %" G_GUINT64_FORMAT " links, "
		    "code spans and emphasis: too slow to lay out (more than "
		    "%llu bytes times spans); split it into paragraphs",
		    b->para_bytes, spans, (unsigned long long)BP_MAX_SPAN_WORK);
	else
		return;
	b->ok = false;
}

/*
 * The autolink extension scans from each "www.", "://" and '@' to the
 * end of its word, and trims trailing punctuation one character at a
 * time, counting parentheses over the whole link each time: "www." then
 * 40,000 ')' take 0.3 s, "z_www." x 20,000 5 s. Count, for each word
 * holding one, its length times (its triggers and trailing punctuation).
 */
void
bp_bound_autolink_line(struct bound *b, const struct bnd_line *l,
    const struct bnd_prefix *x)
{
	const char	*p = x->body, *w, *t;
	guint64		 triggers;

	while (p < l->end) {
		while (p < l->end && (*p == ' ' || *p == '\t'))
			p++;
		for (w = p, triggers = 0; p < l->end && *p != ' ' && *p != '\t';
		    p++)
			if (*p == '@' || (*p == ':' && l->end - p > 2 &&
			    p[1] == '/' && p[2] == '/') || (*p == 'w' &&
			    l->end - p > 3 && memcmp(p, "www.", 4) == 0))
				triggers++;
		if (triggers == 0)
			continue;
		for (t = p; t > w && bp_bound_is_punct((unsigned char)t[-1]);
		    t--)
			;
		b->autolink_work += (guint64)(p - w) * (triggers +
		    (guint64)(p - t));
	}
	if (b->ok && b->autolink_work > BP_MAX_AUTOLINK_WORK) {
		bp_diag(b->diag, BP_ERROR, l->no, 0, "words with many \"www.\", "
		    "\"://\" or '@', or long ones ending in punctuation: "
		    "finding their links would take cmark-gfm more than %u "
		    "steps", BP_MAX_AUTOLINK_WORK);
		b->ok = false;
	}
}

/*
 * After spaces, a line may break before c, prev the last character
 * before them (UAX #14 LB13-LB18, as Pango does; measured): anywhere but
 * before ", . : ; ! ? ) ] } /" (LB13), after "( [ {" (LB14), between a
 * quote and an opening bracket (LB15), a closing one and a non-starter
 * (LB16), two dashes "—" (LB17), or before a combining mark or joiner.
 */
static bool
may_break_before(gunichar c, gunichar prev)
{
	GUnicodeBreakType	 t = g_unichar_break_type(c);
	GUnicodeBreakType	 pt = g_unichar_break_type(prev);

	switch (t) {
	case G_UNICODE_BREAK_CLOSE_PUNCTUATION:
	case G_UNICODE_BREAK_CLOSE_PARANTHESIS:
	case G_UNICODE_BREAK_EXCLAMATION:
	case G_UNICODE_BREAK_INFIX_SEPARATOR:
	case G_UNICODE_BREAK_SYMBOL:
	case G_UNICODE_BREAK_COMBINING_MARK:
	case G_UNICODE_BREAK_ZERO_WIDTH_JOINER:
	case G_UNICODE_BREAK_WORD_JOINER:
		return false;
	default:
		break;
	}
	return pt != G_UNICODE_BREAK_OPEN_PUNCTUATION &&
	    !(pt == G_UNICODE_BREAK_QUOTATION &&
	    t == G_UNICODE_BREAK_OPEN_PUNCTUATION) &&
	    !((pt == G_UNICODE_BREAK_CLOSE_PUNCTUATION ||
	    pt == G_UNICODE_BREAK_CLOSE_PARANTHESIS) &&
	    t == G_UNICODE_BREAK_NON_STARTER) &&
	    !(pt == G_UNICODE_BREAK_BEFORE_AND_AFTER &&
	    t == G_UNICODE_BREAK_BEFORE_AND_AFTER);
}

/*
 * Pango's line breaking takes time quadratic in the length of a run it
 * cannot break: ": " x 60,000 takes 3.5 s. pdf/text.c gives runs without
 * spaces a break every 100 characters once they pass 300, but a run of
 * punctuation between spaces has none. Count, per paragraph, the square
 * of each run's length in characters (a line's end is a space; spaces
 * count only between characters of one run).
 */
void
bp_bound_nobreak_line(struct bound *b, const struct bnd_line *l,
    const struct bnd_prefix *x, bool blank)
{
	const char	*p;
	gunichar	 c;

	for (p = blank ? l->end : x->item; p < l->end;
	    p = g_utf8_next_char(p)) {
		c = g_utf8_get_char(p);
		if (c == ' ' || c == '\t') {
			b->nb_space = true;
			b->nb_free = 0;
			b->nb_spaces++;
			continue;
		}
		/* An image ("![") is no text: the line may break before it. */
		if ((b->nb_space && (may_break_before(c, b->nb_prev) ||
		    (c == '!' && p + 1 < l->end && p[1] == '['))) ||
		    (++b->nb_free > 300 && b->nb_free % 100 == 0))
			bp_bound_nobreak_end(b);
		if (b->nb_run == 0)
			b->nb_line = l->no;
		else
			b->nb_run += b->nb_spaces;
		b->nb_spaces = 0;
		b->nb_space = false;
		b->nb_prev = c;
		b->nb_run++;
	}
	b->nb_space = true;
	b->nb_free = 0;
	b->nb_spaces = 1;
	if (blank)
		bp_bound_nobreak_end(b);
	if (b->ok && b->nb_work + b->nb_run * b->nb_run > BP_MAX_NOBREAK_WORK) {
		bp_diag(b->diag, BP_ERROR, b->nb_line, 0, "text here has a run of %"
		    G_GUINT64_FORMAT " characters or more with no place to break "
		    "a line (punctuation between spaces): too slow to lay out",
		    MAX(b->nb_max, b->nb_run));
		b->ok = false;
	}
}

/*
 * A place to break, or the end of a paragraph: the run so far is done.
 * Runs of up to 300 characters cost little; pdf/text.c breaks longer runs
 * without spaces every 100.
 */
void
bp_bound_nobreak_end(struct bound *b)
{
	if (b->nb_run > 300)
		b->nb_work += b->nb_run * b->nb_run;
	b->nb_max = MAX(b->nb_max, b->nb_run);
	b->nb_run = 0;
	b->nb_prev = ' ';
}

/* Emphasis, strong, strikethrough, links and images nest in each other. */
static bool
is_inline_container(cmark_node *cn)
{
	const char	*ts;

	switch (cmark_node_get_type(cn)) {
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
		return true;
	default:
		ts = cmark_node_get_type_string(cn);
		return ts != NULL && strcmp(ts, "strikethrough") == 0;
	}
}

/* The line of an inline node: its own, else its block's. */
static int
node_line(cmark_node *cn)
{
	for (; cn != NULL; cn = cmark_node_parent(cn))
		if (cmark_node_get_start_line(cn) > 0)
			return cmark_node_get_start_line(cn);
	return 1;
}

void
bp_bound_tree(cmark_node *doc, int first_line, struct bp_diag *diag)
{
	cmark_iter		*it = cmark_iter_new(doc);
	cmark_event_type	 ev;
	cmark_node		*cn, *child;
	GPtrArray		*deep = g_ptr_array_new();
	int			 depth = 0;
	guint			 i;

	/*
	 * Pango's attribute iterator is quadratic in attributes that
	 * overlap: "*a **a " x 30,000 took 15 s to lay out. Inlines nested
	 * deeper than the limit give their children to their parent.
	 */
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cn = cmark_iter_get_node(it);
		if (!is_inline_container(cn))
			continue;
		if (ev == CMARK_EVENT_EXIT)
			depth--;
		else if (++depth > BP_MAX_INLINE_DEPTH)
			g_ptr_array_add(deep, cn);
	}
	cmark_iter_free(it);
	if (deep->len > 0)
		bp_diag(diag, BP_WARNING, node_line(g_ptr_array_index(deep, 0)) +
		    first_line - 1, 0, "emphasis and links nested deeper than "
		    "%d levels are flattened", BP_MAX_INLINE_DEPTH);
	for (i = 0; i < deep->len; i++) {
		cn = g_ptr_array_index(deep, i);
		while ((child = cmark_node_first_child(cn)) != NULL)
			cmark_node_insert_before(cn, child);
		cmark_node_free(cn);
	}
	g_ptr_array_free(deep, TRUE);
}
