/*
 * The Markdown emitter of the HTML and .docx readers: containers and
 * blocks, each Markdown line mapped to the source line (or paragraph)
 * it came from, and the lists' styles beside it; inlines are in
 * mdout_inline.c, tables in mdout_table.c.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "parse/mdout_int.h"
#include "parse/parse.h"

static struct box *top_box(struct bp_mdout *o);
static void put_prefix(struct bp_mdout *o, bool blank);
static void put_blank(struct bp_mdout *o);
static void flush_gap(struct bp_mdout *o);
static void write_leaf(struct bp_mdout *o);
static void push_box(struct bp_mdout *o, enum box_kind kind, char *marker);
static void pop_box(struct bp_mdout *o, enum box_kind kind);

struct bp_mdout *
bp_mdout_new(void)
{
	struct bp_mdout	*o = g_new0(struct bp_mdout, 1);

	o->md = g_string_sized_new(4096);
	o->lines = g_array_new(FALSE, FALSE, sizeof(int));
	o->styles = g_array_new(FALSE, FALSE,
	    sizeof(struct bp_txt_list_style));
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
	bp_mdout_free_rows(o);
	g_string_free(o->md, TRUE);
	g_array_free(o->lines, TRUE);
	g_array_free(o->styles, TRUE);
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

/*
 * Each container's part of a line: its marker once, then indentation.
 * A styled list's first marker records where the list begins.
 */
static void
put_prefix(struct bp_mdout *o, bool blank)
{
	struct box	*b, *list;
	struct bp_txt_list_style ls;
	guint		 i;

	o->line_at = o->md->len;
	for (i = 0; i < o->boxes->len; i++) {
		b = &g_array_index(o->boxes, struct box, i);
		if (b->kind == BOX_QUOTE)
			g_string_append(o->md, "> ");
		else if (b->kind == BOX_LIST)
			continue;
		else if (b->pending && !blank) {
			list = i > 0 ? &g_array_index(o->boxes, struct box,
			    i - 1) : NULL;
			if (b->kind == BOX_ITEM && list != NULL &&
			    list->kind == BOX_LIST && list->ordered &&
			    !list->styled && list->style !=
			    BP_LIST_STYLE_DECIMAL) {
				ls.line = (int)o->lines->len + 1;
				ls.col = (int)(o->md->len - o->line_at) + 1;
				ls.style = list->style;
				g_array_append_val(o->styles, ls);
				list->styled = true;
			}
			g_string_append(o->md, b->marker);
			b->pending = false;
		} else
			g_string_append_printf(o->md, "%*s", b->kind ==
			    BOX_NOTE ? 4 : (int)strlen(b->marker), "");
	}
}

void
bp_mdout_put_line(struct bp_mdout *o, const char *s, size_t len)
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
void
bp_mdout_start_block(struct bp_mdout *o)
{
	if (o->in_leaf)
		bp_mdout_end_block(o);
	o->block_src = o->src;
	flush_gap(o);
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
	bp_mdout_reset_inl(o);
}

void
bp_mdout_heading(struct bp_mdout *o, int level)
{
	bp_mdout_para(o);
	if (!o->in_cell)
		o->heading = CLAMP(level, 1, 6);
}

/* The leaf's inlines as lines: a heading on one, a paragraph on one per
 * hard break. */
static void
write_leaf(struct bp_mdout *o)
{
	const char	*p, *nl;
	GString		*h;

	bp_mdout_close_all(o);
	if (!o->visible)
		return;
	bp_mdout_start_block(o);
	o->any_text = true;
	if (o->heading > 0) {
		h = g_string_new(NULL);
		g_string_append_printf(h, "%.*s ", o->heading, "######");
		g_string_append_len(h, o->inl->str, (gssize)o->inl->len);
		bp_mdout_put_line(o, h->str, h->len);
		g_string_free(h, TRUE);
	} else {
		for (p = o->inl->str; (nl = strchr(p, '\n')) != NULL;
		    p = nl + 1)
			bp_mdout_put_line(o, p, (size_t)(nl - p));
		bp_mdout_put_line(o, p, strlen(p));
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
	bp_mdout_reset_inl(o);
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
	bp_mdout_start_block(o);
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
	b->before = o->list_end_line == lines &&
	    o->list_end_depth == o->boxes->len ? o->list_end_bullet : 0;
	b->bullet = b->before == first ? other : first;
}

void
bp_mdout_list_style(struct bp_mdout *o, enum bp_list_style style)
{
	guint	 i;

	if (o->in_cell)
		return;
	for (i = o->boxes->len; i > 0; i--)
		if (g_array_index(o->boxes, struct box, i - 1).kind ==
		    BOX_LIST) {
			g_array_index(o->boxes, struct box, i - 1).style =
			    style < BP_LIST_STYLE__MAX ? style :
			    BP_LIST_STYLE_DECIMAL;
			return;
		}
}

void
bp_mdout_list_paren(struct bp_mdout *o)
{
	struct box	*b = top_box(o);

	if (o->in_cell || b == NULL || b->kind != BOX_LIST || !b->ordered)
		return;
	b->bullet = b->before == ')' ? '.' : ')';
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
		bp_mdout_start_block(o);
		o->any_text = true;
		for (i = 0; i < len; i++) {
			run = text[i] == '`' ? run + 1 : 0;
			most = MAX(most, run);
		}
		fence = g_strnfill(most + 1, '`');
		bp_mdout_put_line(o, fence, most + 1);
		for (p = text, end = text + len; p <= end; p = nl + 1) {
			if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
				nl = end;
			bp_mdout_put_line(o, p, (size_t)(nl - p - (nl > p &&
			    nl[-1] == '\r')));
		}
		bp_mdout_put_line(o, fence, most + 1);
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
	bp_mdout_start_block(o);
	bp_mdout_put_line(o, "___", 3);
	o->need_blank = true;
}

void
bp_mdout_note(struct bp_mdout *o, const char *label)
{
	bp_mdout_start_block(o);
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
	n = (int)o->styles->len;
	bp_txt_map_set_styles(out->map, (struct bp_txt_list_style *)(void *)
	    g_array_free(o->styles, FALSE), n);
	o->styles = g_array_new(FALSE, FALSE,
	    sizeof(struct bp_txt_list_style));
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
