/*
 * The Markdown emitter of the HTML and .docx readers: escaped text,
 * inline marks, blocks in containers, tables and notes, each Markdown
 * line mapped to the source line (or paragraph) it came from.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "parse/mdout.h"
#include "parse/parse.h"

/* Containers; a line's prefix is made from them, outermost first. */
enum box_kind {
	BOX_QUOTE,
	BOX_LIST,
	BOX_ITEM,
	BOX_NOTE,
	BOX_KIND__MAX
};

struct box {
	enum box_kind	 kind;
	char		*marker;     /* ITEM, NOTE: the first line's */
	bool		 pending;    /* ITEM, NOTE: marker not written yet */
	bool		 ordered;    /* LIST */
	int		 num;        /* LIST: the next item's number */
	char		 bullet;     /* LIST: '-' '*' or '.' ')' */
	bool		 loose;      /* LIST: blank lines between items */
	bool		 para_first; /* ITEM: began with a paragraph */
};

/* An open inline: a mark or a link, and where its text begins. */
struct open {
	int		 mark;       /* enum bp_mdout_mark, or -1: a link */
	size_t		 at;         /* inl->len after the opener */
	size_t		 from;       /* inl->len before it */
	char		*url;        /* a link's */
};

struct bp_mdout {
	GString		*md;
	GArray		*lines;      /* int: source line of each md line */
	int		 src, block_src;
	GArray		*boxes;      /* struct box */
	GArray		*opens;      /* struct open */
	GString		*inl;        /* the leaf's (or cell's) inlines */
	bool		 in_leaf;
	int		 heading;    /* the leaf's level, 0: a paragraph */
	bool		 space;      /* a space is due before more text */
	bool		 brk;        /* a hard break is due */
	bool		 visible;    /* inl holds text */
	bool		 need_blank;
	bool		 any_text;
	int		 marks[BP_MDOUT_MARK__MAX];
	int		 links;      /* links open (the outer one counts) */
	/* The last list's end, to alternate bullets of lists in a row. */
	guint		 list_end_line;
	guint		 list_end_depth;
	char		 list_end_bullet;
	/* Tables: rows of cells (strings), while one is open. */
	int		 tables;
	GPtrArray	*rows;       /* GPtrArray of char * */
	GArray		*row_src;
	bool		 first_header;
	bool		 in_cell;
};

static const char *const mark_delims[BP_MDOUT_MARK__MAX] = {
	"*", "**", "~~",
};

static struct box *top_box(struct bp_mdout *o);
static void put_prefix(struct bp_mdout *o, bool blank);
static void put_line(struct bp_mdout *o, const char *s, size_t len);
static void put_blank(struct bp_mdout *o);
static void start_block(struct bp_mdout *o);
static void flush_gap(struct bp_mdout *o);
static void due_space(struct bp_mdout *o);
static void open_inline(struct bp_mdout *o, int mark, const char *url);
static void close_top(struct bp_mdout *o);
static void close_open(struct bp_mdout *o, int mark);
static void close_all(struct bp_mdout *o);
static void ensure_leaf(struct bp_mdout *o);
static void write_leaf(struct bp_mdout *o);
static void reset_inl(struct bp_mdout *o);
static void push_box(struct bp_mdout *o, enum box_kind kind, char *marker);
static void pop_box(struct bp_mdout *o, enum box_kind kind);
static void write_row(struct bp_mdout *o, GPtrArray *row, guint ncols,
    int src);
static void free_rows(struct bp_mdout *o);
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

struct bp_mdout *
bp_mdout_new(void)
{
	struct bp_mdout	*o = g_new0(struct bp_mdout, 1);

	o->md = g_string_sized_new(4096);
	o->lines = g_array_new(FALSE, FALSE, sizeof(int));
	o->boxes = g_array_new(FALSE, TRUE, sizeof(struct box));
	o->opens = g_array_new(FALSE, TRUE, sizeof(struct open));
	o->inl = g_string_sized_new(256);
	o->src = 1;
	return o;
}

void
bp_mdout_free(struct bp_mdout *o)
{
	guint	 i;

	if (o == NULL)
		return;
	for (i = 0; i < o->boxes->len; i++)
		g_free(g_array_index(o->boxes, struct box, i).marker);
	for (i = 0; i < o->opens->len; i++)
		g_free(g_array_index(o->opens, struct open, i).url);
	free_rows(o);
	g_string_free(o->md, TRUE);
	g_array_free(o->lines, TRUE);
	g_array_free(o->boxes, TRUE);
	g_array_free(o->opens, TRUE);
	g_string_free(o->inl, TRUE);
	g_free(o);
}

void
bp_mdout_set_src(struct bp_mdout *o, int src)
{
	if (src > 0)
		o->src = src;
}

bool
bp_mdout_has_text(const struct bp_mdout *o)
{
	return o->any_text;
}

static struct box *
top_box(struct bp_mdout *o)
{
	return o->boxes->len == 0 ? NULL : &g_array_index(o->boxes,
	    struct box, o->boxes->len - 1);
}

/* Each container's part of a line: its marker once, then indentation. */
static void
put_prefix(struct bp_mdout *o, bool blank)
{
	struct box	*b;
	guint		 i;

	for (i = 0; i < o->boxes->len; i++) {
		b = &g_array_index(o->boxes, struct box, i);
		if (b->kind == BOX_QUOTE)
			g_string_append(o->md, "> ");
		else if (b->kind == BOX_LIST)
			continue;
		else if (b->pending && !blank) {
			g_string_append(o->md, b->marker);
			b->pending = false;
		} else
			g_string_append_printf(o->md, "%*s", b->kind ==
			    BOX_NOTE ? 4 : (int)strlen(b->marker), "");
	}
}

static void
put_line(struct bp_mdout *o, const char *s, size_t len)
{
	put_prefix(o, false);
	g_string_append_len(o->md, s, (gssize)len);
	g_string_append_c(o->md, '\n');
	g_array_append_val(o->lines, o->block_src);
}

/* A blank line that keeps the quotes open: "> >" without its spaces. */
static void
put_blank(struct bp_mdout *o)
{
	size_t	 at = o->md->len;

	put_prefix(o, true);
	while (o->md->len > at && o->md->str[o->md->len - 1] == ' ')
		g_string_truncate(o->md, o->md->len - 1);
	g_string_append_c(o->md, '\n');
	g_array_append_val(o->lines, o->block_src);
}

/* The blank line due before a block, unless a marker is still due. */
static void
flush_gap(struct bp_mdout *o)
{
	struct box	*b = top_box(o);

	if (o->need_blank && (b == NULL || !(b->kind == BOX_ITEM ||
	    b->kind == BOX_NOTE) || !b->pending))
		put_blank(o);
	o->need_blank = false;
}

/* A new block: the leaf before it is written, the gap before it. */
static void
start_block(struct bp_mdout *o)
{
	if (o->in_leaf)
		bp_mdout_end_block(o);
	o->block_src = o->src;
	flush_gap(o);
}

static void
reset_inl(struct bp_mdout *o)
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
static void
ensure_leaf(struct bp_mdout *o)
{
	if (!o->in_leaf && !o->in_cell)
		bp_mdout_para(o);
}

void
bp_mdout_para(struct bp_mdout *o)
{
	if (o->in_cell) {
		o->space = o->visible;
		return;
	}
	if (o->in_leaf)
		bp_mdout_end_block(o);
	o->in_leaf = true;
	o->heading = 0;
	o->block_src = o->src;
	reset_inl(o);
}

void
bp_mdout_heading(struct bp_mdout *o, int level)
{
	bp_mdout_para(o);
	if (!o->in_cell)
		o->heading = CLAMP(level, 1, 6);
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

	ensure_leaf(o);
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

static void
close_all(struct bp_mdout *o)
{
	while (o->opens->len > 0)
		close_top(o);
}

void
bp_mdout_mark(struct bp_mdout *o, enum bp_mdout_mark m)
{
	ensure_leaf(o);
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
	ensure_leaf(o);
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

	ensure_leaf(o);
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

	ensure_leaf(o);
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
	ensure_leaf(o);
	if (o->links > 0)
		return;
	due_space(o);
	g_string_append_printf(o->inl, "[^%s]", label);
	o->visible = true;
}

/* The leaf's inlines as lines: a heading on one, a paragraph on one per
 * hard break. */
static void
write_leaf(struct bp_mdout *o)
{
	const char	*p, *nl;
	GString		*h;

	close_all(o);
	if (!o->visible)
		return;
	start_block(o);
	o->any_text = true;
	if (o->heading > 0) {
		h = g_string_new(NULL);
		g_string_append_printf(h, "%.*s ", o->heading, "######");
		g_string_append_len(h, o->inl->str, (gssize)o->inl->len);
		put_line(o, h->str, h->len);
		g_string_free(h, TRUE);
	} else {
		for (p = o->inl->str; (nl = strchr(p, '\n')) != NULL;
		    p = nl + 1)
			put_line(o, p, (size_t)(nl - p));
		put_line(o, p, strlen(p));
	}
	o->need_blank = true;
}

void
bp_mdout_end_block(struct bp_mdout *o)
{
	struct box	*b;
	int		 src = o->src;

	if (o->in_cell) {
		o->space = o->visible;
		return;
	}
	if (!o->in_leaf)
		return;
	o->in_leaf = false;
	o->src = o->block_src;
	b = top_box(o);
	if (b != NULL && b->kind == BOX_ITEM && b->pending && o->heading == 0)
		b->para_first = true;
	write_leaf(o);
	o->src = src;
	reset_inl(o);
}

static void
push_box(struct bp_mdout *o, enum box_kind kind, char *marker)
{
	struct box	 b = { 0 };

	b.kind = kind;
	b.marker = marker;
	b.pending = marker != NULL;
	g_array_append_val(o->boxes, b);
}

/* Close containers down to and including the innermost of kind. */
static void
pop_box(struct bp_mdout *o, enum box_kind kind)
{
	struct box	*b;
	bool		 found = false;
	guint		 i;

	if (o->in_leaf)
		bp_mdout_end_block(o);
	for (i = o->boxes->len; i > 0 && !found; i--)
		found = g_array_index(o->boxes, struct box, i - 1).kind == kind;
	if (!found)
		return;
	do {
		b = top_box(o);
		found = b->kind == kind;
		g_free(b->marker);
		g_array_set_size(o->boxes, o->boxes->len - 1);
	} while (!found);
}

void
bp_mdout_quote(struct bp_mdout *o)
{
	if (o->in_cell)
		return;
	start_block(o);
	push_box(o, BOX_QUOTE, NULL);
}

void
bp_mdout_quote_end(struct bp_mdout *o)
{
	if (o->in_cell)
		return;
	pop_box(o, BOX_QUOTE);
	o->need_blank = true;
}

void
bp_mdout_list(struct bp_mdout *o, bool ordered, int start)
{
	struct box	*b, *item;
	char		 first = ordered ? '.' : '-', other = ordered ? ')' : '*';
	guint		 lines;

	if (o->in_cell) {
		o->space = o->visible;
		return;
	}
	if (o->in_leaf)
		bp_mdout_end_block(o);
	/* A list may follow its item's first paragraph without a gap. */
	item = top_box(o);
	if (item != NULL && item->kind == BOX_ITEM && item->para_first &&
	    (!ordered || start == 1) && o->lines->len > 0)
		o->need_blank = false;
	o->block_src = o->src;
	lines = o->lines->len;
	flush_gap(o);
	push_box(o, BOX_LIST, NULL);
	b = top_box(o);
	b->ordered = ordered;
	b->num = CLAMP(start, 0, 999999999);
	/* Two lists in a row would merge: the second takes other bullets. */
	b->bullet = o->list_end_line == lines &&
	    o->list_end_depth == o->boxes->len &&
	    o->list_end_bullet == first ? other : first;
}

void
bp_mdout_list_end(struct bp_mdout *o)
{
	char	 bullet;

	if (o->in_cell)
		return;
	if (o->in_leaf)
		bp_mdout_end_block(o);
	if (top_box(o) == NULL)
		return;
	bullet = top_box(o)->kind == BOX_LIST ? top_box(o)->bullet : 0;
	pop_box(o, BOX_LIST);
	o->list_end_line = o->lines->len;
	o->list_end_depth = o->boxes->len + 1;
	o->list_end_bullet = bullet;
	o->need_blank = true;
}

void
bp_mdout_item(struct bp_mdout *o)
{
	struct box	*list;
	char		*marker;

	if (o->in_cell) {
		o->space = o->visible;
		return;
	}
	if (o->in_leaf)
		bp_mdout_end_block(o);
	list = top_box(o);
	if (list == NULL || list->kind != BOX_LIST) {
		bp_mdout_list(o, false, 1);
		list = top_box(o);
	}
	if (list->loose)
		flush_gap(o);
	o->need_blank = false;
	marker = list->ordered ? g_strdup_printf("%d%c ", list->num,
	    list->bullet) : g_strdup_printf("%c ", list->bullet);
	push_box(o, BOX_ITEM, marker);
}

void
bp_mdout_item_end(struct bp_mdout *o)
{
	struct box	*b, *list;
	bool		 written;

	if (o->in_cell)
		return;
	if (o->in_leaf)
		bp_mdout_end_block(o);
	b = top_box(o);
	if (b == NULL || b->kind != BOX_ITEM) {
		pop_box(o, BOX_ITEM);
		return;
	}
	written = !b->pending;
	pop_box(o, BOX_ITEM);
	list = top_box(o);
	if (written && list != NULL && list->kind == BOX_LIST)
		list->num++;
	/* The next item follows at once in a tight list. */
	if (list != NULL && !list->loose)
		o->need_blank = false;
}

void
bp_mdout_code_block(struct bp_mdout *o, const char *text, size_t len)
{
	size_t	 i, run = 0, most = 2;
	const char *p, *end, *nl;
	char	*fixed = NULL, *fence;

	if (o->in_cell) {
		bp_mdout_code(o, text, len);
		return;
	}
	if (!g_utf8_validate(text, (gssize)len, NULL)) {
		fixed = g_utf8_make_valid(text, (gssize)len);
		text = fixed;
		len = strlen(fixed);
	}
	/* Without its final line feed, and nothing for nothing. */
	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		len--;
	if (len > 0) {
		start_block(o);
		o->any_text = true;
		for (i = 0; i < len; i++) {
			run = text[i] == '`' ? run + 1 : 0;
			most = MAX(most, run);
		}
		fence = g_strnfill(most + 1, '`');
		put_line(o, fence, most + 1);
		for (p = text, end = text + len; p <= end; p = nl + 1) {
			if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
				nl = end;
			put_line(o, p, (size_t)(nl - p - (nl > p &&
			    nl[-1] == '\r')));
		}
		put_line(o, fence, most + 1);
		g_free(fence);
		o->need_blank = true;
	}
	g_free(fixed);
}

void
bp_mdout_rule(struct bp_mdout *o)
{
	if (o->in_cell)
		return;
	start_block(o);
	put_line(o, "___", 3);
	o->need_blank = true;
}

void
bp_mdout_table(struct bp_mdout *o)
{
	if (o->tables++ > 0) {
		o->space = o->visible;
		return;
	}
	if (o->in_leaf)
		bp_mdout_end_block(o);
	o->rows = g_ptr_array_new();
	o->row_src = g_array_new(FALSE, FALSE, sizeof(int));
	o->first_header = false;
	o->in_cell = false;
}

void
bp_mdout_row(struct bp_mdout *o, bool header)
{
	if (o->tables != 1)
		return;
	if (o->rows->len == 0)
		o->first_header = header;
	g_ptr_array_add(o->rows, g_ptr_array_new_with_free_func(g_free));
	g_array_append_val(o->row_src, o->src);
}

void
bp_mdout_cell(struct bp_mdout *o)
{
	if (o->tables != 1) {
		o->space = o->visible;
		return;
	}
	if (o->rows->len == 0)
		bp_mdout_row(o, false);
	reset_inl(o);
	o->in_cell = true;
}

void
bp_mdout_cell_end(struct bp_mdout *o)
{
	if (o->tables != 1 || !o->in_cell) {
		o->space = o->visible;
		return;
	}
	close_all(o);
	g_ptr_array_add(g_ptr_array_index(o->rows, o->rows->len - 1),
	    g_strndup(o->inl->str, o->inl->len));
	if (o->visible)
		o->any_text = true;
	reset_inl(o);
	o->in_cell = false;
}

void
bp_mdout_row_end(struct bp_mdout *o)
{
	if (o->in_cell)
		bp_mdout_cell_end(o);
}

/* "| a | b |", padded to ncols. */
static void
write_row(struct bp_mdout *o, GPtrArray *row, guint ncols, int src)
{
	GString	*s = g_string_new("|");
	guint	 i;

	for (i = 0; i < ncols; i++)
		g_string_append_printf(s, " %s |", i < row->len ?
		    (char *)g_ptr_array_index(row, i) : "");
	o->block_src = src;
	put_line(o, s->str, s->len);
	g_string_free(s, TRUE);
}

static void
free_rows(struct bp_mdout *o)
{
	guint	 i;

	if (o->rows == NULL)
		return;
	for (i = 0; i < o->rows->len; i++)
		g_ptr_array_free(g_ptr_array_index(o->rows, i), TRUE);
	g_ptr_array_free(o->rows, TRUE);
	g_array_free(o->row_src, TRUE);
	o->rows = NULL;
	o->row_src = NULL;
}

bool
bp_mdout_table_end(struct bp_mdout *o)
{
	GString	*delim;
	guint	 i, ncols = 0;
	bool	 header;

	if (o->tables == 0)
		return true;
	if (--o->tables > 0) {
		o->space = o->visible;
		return true;
	}
	if (o->in_cell)
		bp_mdout_cell_end(o);
	header = o->first_header;
	for (i = 0; i < o->rows->len; i++)
		ncols = MAX(ncols, ((GPtrArray *)g_ptr_array_index(o->rows,
		    i))->len);
	if (ncols > 0) {
		o->src = g_array_index(o->row_src, int, 0);
		start_block(o);
		write_row(o, g_ptr_array_index(o->rows, 0), ncols,
		    g_array_index(o->row_src, int, 0));
		delim = g_string_new("|");
		for (i = 0; i < ncols; i++)
			g_string_append(delim, " --- |");
		put_line(o, delim->str, delim->len);
		g_string_free(delim, TRUE);
		for (i = 1; i < o->rows->len; i++)
			write_row(o, g_ptr_array_index(o->rows, i), ncols,
			    g_array_index(o->row_src, int, i));
		o->need_blank = true;
	} else
		header = true;
	free_rows(o);
	reset_inl(o);
	return header;
}

void
bp_mdout_note(struct bp_mdout *o, const char *label)
{
	start_block(o);
	push_box(o, BOX_NOTE, g_strdup_printf("[^%s]: ", label));
}

void
bp_mdout_note_end(struct bp_mdout *o)
{
	pop_box(o, BOX_NOTE);
	o->need_blank = true;
}

/* Messages about the Markdown, moved to the source's lines. */
struct remap {
	struct bp_diag		*up;
	const struct bp_txt_map	*map;
};

static void
remap_fn(void *data, enum bp_severity sev, const char *file, int line,
    int col, const char *msg)
{
	struct remap	*r = data;

	(void)col;
	bp_diag_at(r->up, file, sev, bp_txt_map_line(r->map, line), 0, "%s",
	    msg);
}

void
bp_mdout_finish(struct bp_mdout *o, struct bp_diag *diag,
    struct bp_txt_result *out)
{
	struct bp_diag	 local = { 0 };
	struct remap	 r = { diag, NULL };
	int		 n;

	while (o->tables > 0)
		bp_mdout_table_end(o);
	if (o->in_leaf)
		bp_mdout_end_block(o);
	while (o->boxes->len > 0)
		pop_box(o, top_box(o)->kind);
	n = (int)o->lines->len;
	out->map = bp_txt_map_new_table((int *)(void *)g_array_free(o->lines,
	    FALSE), n);
	o->lines = g_array_new(FALSE, FALSE, sizeof(int));
	r.map = out->map;
	local.file = diag != NULL ? diag->file : NULL;
	local.fn = remap_fn;
	local.data = &r;
	out->len = bp_clean_text(o->md->str, o->md->len, /*first_line*/1,
	    &local);
	out->markdown = g_string_free(o->md, FALSE);
	out->markdown[out->len] = '\0';
	o->md = g_string_new(NULL);
}
