/*
 * The Markdown emitter's inlines: escaped text, marks and links (their
 * spaces kept outside), code spans, images, note references.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "parse/mdout_int.h"

static const char *const mark_delims[BP_MDOUT_MARK__MAX] = {
	"*", "**", "~~",
};

static void due_space(struct bp_mdout *o);
static void open_inline(struct bp_mdout *o, int mark, const char *url);
static void close_top(struct bp_mdout *o);
static void close_open(struct bp_mdout *o, int mark);
static void escape_url(GString *s, const char *url);

void
bp_mdout_escape(GString *md, const char *s, size_t len, bool collapse)
{
	size_t	 i;
	bool	 sp = false;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (collapse && (c == ' ' || c == '\t' || c == '\n' ||
		    c == '\r' || c == '\f')) {
			sp = true;
			continue;
		}
		if (sp)
			g_string_append_c(md, ' ');
		sp = false;
		if (c < 0x80 && g_ascii_ispunct(c))
			g_string_append_c(md, '\\');
		g_string_append_c(md, (char)c);
	}
	if (sp)
		g_string_append_c(md, ' ');
}

void
bp_mdout_reset_inl(struct bp_mdout *o)
{
	guint	 i;

	for (i = 0; i < o->opens->len; i++)
		g_free(g_array_index(o->opens, struct open, i).url);
	g_array_set_size(o->opens, 0);
	memset(o->marks, 0, sizeof(o->marks));
	o->links = 0;
	g_string_truncate(o->inl, 0);
	o->space = o->brk = o->visible = false;
}

/* Inlines outside a leaf open a paragraph. */
void
bp_mdout_ensure_leaf(struct bp_mdout *o)
{
	if (!o->in_leaf && !o->in_cell)
		bp_mdout_para(o);
}

/*
 * Before visible inline output: the space or hard break that is due,
 * written before the openers that end the text so far (so an opener
 * is followed by text, as CommonMark's flanking rule wants), and not at
 * the start of the block.
 */
static void
due_space(struct bp_mdout *o)
{
	const char	*gap;
	size_t		 at = o->inl->len;
	guint		 i = o->opens->len, k;
	struct open	*op;

	if (o->visible && (o->space || o->brk)) {
		gap = o->brk && o->heading == 0 && !o->in_cell ? "\\\n" : " ";
		while (i > 0 && g_array_index(o->opens, struct open,
		    i - 1).at == at) {
			at = g_array_index(o->opens, struct open, i - 1).from;
			i--;
		}
		if (at > 0) {
			g_string_insert(o->inl, (gssize)at, gap);
			for (k = i; k < o->opens->len; k++) {
				op = &g_array_index(o->opens, struct open, k);
				op->from += strlen(gap);
				op->at += strlen(gap);
			}
		}
	}
	o->space = o->brk = false;
}

void
bp_mdout_text(struct bp_mdout *o, const char *s, size_t len)
{
	char	*fixed = NULL;
	size_t	 i;

	bp_mdout_ensure_leaf(o);
	if (!g_utf8_validate(s, (gssize)len, NULL)) {
		fixed = g_utf8_make_valid(s, (gssize)len);
		s = fixed;
		len = strlen(fixed);
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f') {
			o->space = true;
			continue;
		}
		due_space(o);
		if (c < 0x80 && g_ascii_ispunct(c))
			g_string_append_c(o->inl, '\\');
		g_string_append_c(o->inl, (char)c);
		o->visible = true;
	}
	g_free(fixed);
}

/*
 * Open a mark or a link. A space due goes before the opener, so the
 * opener is followed by text (CommonMark's flanking rule).
 */
static void
open_inline(struct bp_mdout *o, int mark, const char *url)
{
	struct open	 op = { mark, 0, 0, NULL };

	due_space(o);
	op.from = o->inl->len;
	g_string_append(o->inl, mark >= 0 ? mark_delims[mark] : "[");
	op.at = o->inl->len;
	op.url = g_strdup(url);
	g_array_append_val(o->opens, op);
}

/*
 * Close the innermost open inline: dropped when it holds nothing, else
 * its closer written, right after its text (a space due stays due).
 */
static void
close_top(struct bp_mdout *o)
{
	struct open	*op = &g_array_index(o->opens, struct open,
	    o->opens->len - 1);

	if (o->inl->len == op->at) {
		g_string_truncate(o->inl, op->from);
		o->visible = o->inl->len > 0;
	} else if (op->mark >= 0) {
		g_string_append(o->inl, mark_delims[op->mark]);
	} else {
		g_string_append(o->inl, "](<");
		escape_url(o->inl, op->url);
		g_string_append(o->inl, ">)");
	}
	if (op->mark >= 0)
		o->marks[op->mark] = 0;
	else
		o->links = 0;
	g_free(op->url);
	g_array_set_size(o->opens, o->opens->len - 1);
}

/* Close mark (and what opened inside it; marks among them reopen). */
static void
close_open(struct bp_mdout *o, int mark)
{
	int	 reopen[BP_MDOUT_MARK__MAX];
	int	 n = 0, m;

	while (o->opens->len > 0) {
		m = g_array_index(o->opens, struct open, o->opens->len - 1).mark;
		close_top(o);
		if (m == mark)
			break;
		if (m >= 0 && n < BP_MDOUT_MARK__MAX)
			reopen[n++] = m;
	}
	while (n > 0) {
		m = reopen[--n];
		o->marks[m] = 1;
		open_inline(o, m, NULL);
	}
}

void
bp_mdout_close_all(struct bp_mdout *o)
{
	while (o->opens->len > 0)
		close_top(o);
}

void
bp_mdout_mark(struct bp_mdout *o, enum bp_mdout_mark m)
{
	bp_mdout_ensure_leaf(o);
	if (o->marks[m]++ == 0)
		open_inline(o, (int)m, NULL);
}

void
bp_mdout_mark_end(struct bp_mdout *o, enum bp_mdout_mark m)
{
	if (o->marks[m] == 0)
		return;
	if (--o->marks[m] == 0)
		close_open(o, (int)m);
}

void
bp_mdout_link(struct bp_mdout *o, const char *url)
{
	bp_mdout_ensure_leaf(o);
	if (o->links++ == 0)
		open_inline(o, -1, url != NULL ? url : "");
}

void
bp_mdout_link_end(struct bp_mdout *o)
{
	if (o->links == 0)
		return;
	if (--o->links == 0)
		close_open(o, -1);
}

/* A URL between < and >: those two, \ and line ends escaped. */
static void
escape_url(GString *s, const char *url)
{
	for (; *url != '\0'; url++) {
		if (*url == '\n' || *url == '\r')
			continue;
		if (*url == '<' || *url == '>' || *url == '\\')
			g_string_append_c(s, '\\');
		g_string_append_c(s, *url);
	}
}

void
bp_mdout_code(struct bp_mdout *o, const char *s, size_t len)
{
	size_t	 i, run = 0, most = 0;
	bool	 pad;

	bp_mdout_ensure_leaf(o);
	for (i = 0; i < len; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		most = MAX(most, run);
	}
	if (len == 0)
		return;
	due_space(o);
	pad = s[0] == '`' || s[len - 1] == '`' || s[0] == ' ';
	for (i = 0; i <= most; i++)
		g_string_append_c(o->inl, '`');
	if (pad)
		g_string_append_c(o->inl, ' ');
	for (i = 0; i < len; i++) {
		if (s[i] == '\n' || s[i] == '\r' || s[i] == '\t')
			g_string_append_c(o->inl, ' ');
		else if (s[i] == '|' && o->in_cell)
			g_string_append(o->inl, "\\|");
		else
			g_string_append_c(o->inl, s[i]);
	}
	if (pad)
		g_string_append_c(o->inl, ' ');
	for (i = 0; i <= most; i++)
		g_string_append_c(o->inl, '`');
	o->visible = true;
}

void
bp_mdout_break(struct bp_mdout *o)
{
	if (o->in_leaf || o->in_cell)
		o->brk = true;
}

void
bp_mdout_image(struct bp_mdout *o, const char *alt, const char *url,
    const char *title)
{
	const char	*p;

	bp_mdout_ensure_leaf(o);
	due_space(o);
	g_string_append(o->inl, "![");
	if (alt != NULL)
		bp_mdout_escape(o->inl, alt, strlen(alt), /*collapse*/true);
	g_string_append(o->inl, "](<");
	escape_url(o->inl, url != NULL ? url : "");
	g_string_append_c(o->inl, '>');
	if (title != NULL && *title != '\0') {
		g_string_append(o->inl, " \"");
		for (p = title; *p != '\0'; p++) {
			if (*p == '\n' || *p == '\r' || *p == '\t') {
				g_string_append_c(o->inl, ' ');
				continue;
			}
			if (g_ascii_ispunct(*p))
				g_string_append_c(o->inl, '\\');
			g_string_append_c(o->inl, *p);
		}
		g_string_append_c(o->inl, '"');
	}
	g_string_append_c(o->inl, ')');
	o->visible = true;
}

void
bp_mdout_note_ref(struct bp_mdout *o, const char *label)
{
	bp_mdout_ensure_leaf(o);
	if (o->links > 0)
		return;
	due_space(o);
	g_string_append_printf(o->inl, "[^%s]", label);
	o->visible = true;
}
