/*
 * Markdown to document model: parse with cmark-gfm and its extensions,
 * copy everything into the article's arena (images are read by image.c),
 * free the cmark tree at once.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "bp.h"
#include "parse/parse.h"

struct conv {
	struct bp_article	*art;
	struct bp_diag		*diag;
	const struct bp_load_opts *opts;
	int			 line0;       /* file line of Markdown line 1 */
	GHashTable		*note_nums;   /* label -> number (1-based) */
	GHashTable		*ids;         /* heading ids in use */
	GHashTable		*images;      /* resolved path -> struct bp_image */
	GPtrArray		*notes;       /* footnote definitions */
	bool			 warned_html;
	bool			 warned_depth;
};

static GMutex cmark_lock;

static void attach_extensions(cmark_parser *p);
static void pos_of(struct conv *c, cmark_node *cn, struct bp_node *parent,
    int *line, int *col);
static const char *heading_id(struct conv *c, struct bp_node *h);
static const char *decoded(struct conv *c, const char *s, int line);
static bool is_html_comment(const char *s);
static struct bp_node *convert_block(struct conv *c, cmark_node *cn,
    int line, int col);
static struct bp_node *convert_html(struct conv *c, cmark_node *cn,
    int line, int col);
static struct bp_node *convert_inline(struct conv *c, cmark_node *cn,
    int line, int col);
static struct bp_node *convert_note(struct conv *c, cmark_node *cn,
    int line, int col);
static struct bp_node *convert_table(struct conv *c, cmark_node *cn,
    const char *ts, struct bp_node *parent, int line, int col);
static struct bp_node *convert_node(struct conv *c, cmark_node *cn,
    struct bp_node *parent);
static bool nests(const struct bp_node *n);
static bool flattened(struct conv *c, cmark_node *cn, int depth);
static void convert_tree(struct conv *c, cmark_node *doc);
static const char *retype_text(struct bp_article *art, const char *text,
    bool guillemets, int *open_double, int *open_single);
static void typography(struct bp_article *art, const char *lang);
static void conv_init(struct conv *c, struct bp_article *art,
    const struct bp_load_opts *opts, int first_line, struct bp_diag *diag);
static cmark_node *parse_locked(const char *text, size_t len, bool smart);
static void finish_article(struct conv *c);
static void conv_free(struct conv *c);

static void
attach_extensions(cmark_parser *p)
{
	static const char *const names[] = {
		"table", "strikethrough", "autolink", "tasklist",
	};
	cmark_syntax_extension	*ext;
	size_t			 i;

	cmark_gfm_core_extensions_ensure_registered();
	for (i = 0; i < G_N_ELEMENTS(names); i++)
		if ((ext = cmark_find_syntax_extension(names[i])) != NULL)
			cmark_parser_attach_syntax_extension(p, ext);
}

/* Inline nodes may lack a position; borrow the nearest block's. */
static void
pos_of(struct conv *c, cmark_node *cn, struct bp_node *parent, int *line,
    int *col)
{
	int	 l = cmark_node_get_start_line(cn);
	int	 k = cmark_node_get_start_column(cn);

	if (l > 0) {
		*line = l + c->line0 - 1;
		*col = k > 0 ? k : 1;
	} else if (parent != NULL) {
		*line = parent->line;
		*col = parent->col;
	} else {
		*line = c->line0;
		*col = 1;
	}
}

/* "Næringsklynger i vekst" -> "næringsklynger-i-vekst", unique per article. */
static const char *
heading_id(struct conv *c, struct bp_node *h)
{
	char		*text = bp_node_plain_text(h);
	char		*slug = bp_parse_heading_slug(text, text + strlen(text));
	char		*cand = g_strdup(slug);
	const char	*result;
	int		 n;

	for (n = 2; g_hash_table_contains(c->ids, cand); n++) {
		g_free(cand);
		cand = g_strdup_printf("%s-%d", slug, n);
	}
	result = bp_article_strdup(c->art, cand, -1);
	g_hash_table_add(c->ids, cand);
	g_free(slug);
	g_free(text);
	return result;
}

/*
 * Text in which cmark decoded entities and character references
 * ("&#x1B;", "&#xFFFF;"), copied into the arena: the source was cleaned
 * before parsing (clean.c), but a reference makes its character only
 * here, so such text is cleaned again by the same rules. The common
 * case, with no byte that could start one of those characters, is a
 * plain copy.
 */
static const char *
decoded(struct conv *c, const char *s, int line)
{
	const unsigned char	*p;
	const char		*out;
	char			*clean;

	if (s == NULL)
		return NULL;
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') ||
		    *p == 0x7f || *p == 0xc2 || *p == 0xe2 || *p == 0xef ||
		    *p >= 0xf0)
			break;
	if (*p == '\0')
		return bp_article_strdup(c->art, s, -1);
	/* cmark writes U+FFFE and U+FFFF references as one invalid byte. */
	if (!g_utf8_validate(s, -1, NULL))
		bp_diag(c->diag, BP_WARNING, line, 0, "a character reference "
		    "to a noncharacter was replaced by U+FFFD");
	clean = bp_clean_value(s, /*key*/NULL, line, c->diag);
	out = bp_article_strdup(c->art, clean, -1);
	g_free(clean);
	return out;
}

/* Only a comment and nothing else (a block may go on after "-->"). */
static bool
is_html_comment(const char *s)
{
	const char	*end;

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (!g_str_has_prefix(s, "<!--") || (end = strstr(s + 4, "-->")) == NULL)
		return false;
	for (end += 3; *end == ' ' || *end == '\t' || *end == '\n'; end++)
		;
	return *end == '\0';
}

/* Blocks: the document, paragraphs, headings, quotes, lists, code, rules. */
static struct bp_node *
convert_block(struct conv *c, cmark_node *cn, int line, int col)
{
	struct bp_article	*art = c->art;
	struct bp_node		*n = NULL;
	cmark_syntax_extension	*ext = cmark_node_get_syntax_extension(cn);
	const char		*ts = cmark_node_get_type_string(cn);

	switch (cmark_node_get_type(cn)) {
	case CMARK_NODE_DOCUMENT:
		n = bp_node_new(art, BP_NODE_DOCUMENT, line, col);
		break;
	case CMARK_NODE_PARAGRAPH:
		n = bp_node_new(art, BP_NODE_PARA, line, col);
		break;
	case CMARK_NODE_HEADING:
		n = bp_node_new(art, BP_NODE_HEADING, line, col);
		n->u.heading.level = cmark_node_get_heading_level(cn);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		n = bp_node_new(art, BP_NODE_QUOTE, line, col);
		break;
	case CMARK_NODE_LIST:
		n = bp_node_new(art, BP_NODE_LIST, line, col);
		n->u.list.ordered =
		    cmark_node_get_list_type(cn) == CMARK_ORDERED_LIST;
		n->u.list.start = cmark_node_get_list_start(cn);
		n->u.list.tight = cmark_node_get_list_tight(cn) != 0;
		n->u.list.delim = cmark_node_get_list_delim(cn) ==
		    CMARK_PAREN_DELIM ? ')' : '.';
		break;
	case CMARK_NODE_ITEM:
		n = bp_node_new(art, BP_NODE_ITEM, line, col);
		if (ext != NULL && strcmp(ts, "tasklist") == 0)
			n->u.item.task =
			    cmark_gfm_extensions_get_tasklist_item_checked(cn) ?
			    BP_TASK_DONE : BP_TASK_OPEN;
		break;
	case CMARK_NODE_CODE_BLOCK:
		n = bp_node_new(art, BP_NODE_CODE_BLOCK, line, col);
		n->text = bp_article_strdup(art, cmark_node_get_literal(cn), -1);
		n->u.code.info = decoded(c, cmark_node_get_fence_info(cn), line);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		n = bp_node_new(art, BP_NODE_RULE, line, col);
		break;
	default:
		break;
	}
	return n;
}

/* Raw HTML, block or inline: shown as text, comments dropped. */
static struct bp_node *
convert_html(struct conv *c, cmark_node *cn, int line, int col)
{
	struct bp_node	*n = NULL;
	const char	*lit = cmark_node_get_literal(cn);

	if (lit == NULL || is_html_comment(lit))
		goto out;
	if (!c->warned_html) {
		bp_diag(c->diag, BP_WARNING, line, col, "raw HTML is "
		    "shown as text; briefpack never passes markup through");
		c->warned_html = true;
	}
	n = bp_node_new(c->art, cmark_node_get_type(cn) ==
	    CMARK_NODE_HTML_BLOCK ? BP_NODE_HTML_BLOCK :
	    BP_NODE_HTML_INLINE, line, col);
	n->text = bp_article_strdup(c->art, lit, -1);
out:
	return n;
}

/* Inlines: text, breaks, code spans, emphasis, links and images. */
static struct bp_node *
convert_inline(struct conv *c, cmark_node *cn, int line, int col)
{
	struct bp_article	*art = c->art;
	struct bp_node		*n = NULL;

	switch (cmark_node_get_type(cn)) {
	case CMARK_NODE_TEXT:
		n = bp_node_new(art, BP_NODE_TEXT, line, col);
		n->text = decoded(c, cmark_node_get_literal(cn), line);
		break;
	case CMARK_NODE_SOFTBREAK:
		n = bp_node_new(art, BP_NODE_SOFTBREAK, line, col);
		break;
	case CMARK_NODE_LINEBREAK:
		n = bp_node_new(art, BP_NODE_LINEBREAK, line, col);
		break;
	case CMARK_NODE_CODE:
		n = bp_node_new(art, BP_NODE_CODE, line, col);
		n->text = bp_article_strdup(art, cmark_node_get_literal(cn), -1);
		break;
	case CMARK_NODE_EMPH:
		n = bp_node_new(art, BP_NODE_EMPH, line, col);
		break;
	case CMARK_NODE_STRONG:
		n = bp_node_new(art, BP_NODE_STRONG, line, col);
		break;
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
		n = bp_node_new(art, cmark_node_get_type(cn) == CMARK_NODE_LINK ?
		    BP_NODE_LINK : BP_NODE_IMAGE, line, col);
		n->u.link.url = decoded(c, cmark_node_get_url(cn), line);
		n->u.link.title = decoded(c, cmark_node_get_title(cn), line);
		if (n->type == BP_NODE_IMAGE)
			n->u.link.image = bp_parse_image_load(art, c->images,
			    c->opts, n->u.link.url, line, col, c->diag);
		break;
	default:
		break;
	}
	return n;
}

/* Footnote definitions and references, numbered as cmark-gfm does. */
static struct bp_node *
convert_note(struct conv *c, cmark_node *cn, int line, int col)
{
	struct bp_article	*art = c->art;
	struct bp_node		*n = NULL;
	const char		*lit;
	gpointer		 num;
	guint64			 ix;

	switch (cmark_node_get_type(cn)) {
	case CMARK_NODE_FOOTNOTE_DEFINITION:
		/*
		 * cmark-gfm keeps only referenced definitions and moves them to
		 * the end in the order of their first reference, without
		 * exposing their labels: the k-th definition is note k.
		 */
		n = bp_node_new(art, BP_NODE_FOOTNOTE_DEF, line, col);
		g_ptr_array_add(c->notes, n);
		n->u.fn.num = (int)c->notes->len;
		break;
	case CMARK_NODE_FOOTNOTE_REFERENCE:
		n = bp_node_new(art, BP_NODE_FOOTNOTE_REF, line, col);
		lit = cmark_node_get_literal(cn);
		n->u.fn.label = bp_article_strdup(art, lit != NULL ? lit : "", -1);
		/*
		 * cmark-gfm numbers notes by first reference in source order,
		 * references inside definitions counted where the definition
		 * stands, and leaves that number as the literal: the number of
		 * the definition it put k-th. Counting in our walk (body, then
		 * notes) disagrees once a note cites a note.
		 */
		if (lit != NULL && g_ascii_string_to_unsigned(lit, 10, 1,
		    G_MAXINT, &ix, NULL)) {
			n->u.fn.num = (int)ix;
			break;
		}
		/* Else by first reference, as cmark orders them. */
		num = g_hash_table_lookup(c->note_nums, n->u.fn.label);
		if (num == NULL) {
			num = GINT_TO_POINTER(g_hash_table_size(c->note_nums) + 1);
			g_hash_table_insert(c->note_nums, g_strdup(n->u.fn.label),
			    num);
		}
		n->u.fn.num = GPOINTER_TO_INT(num);
		break;
	default:
		break;
	}
	return n;
}

/*
 * The table extension's nodes, known by their type names ts: a table
 * with its columns' alignments, its rows, and cells aligned as their
 * column. NULL for any other extension's node.
 */
static struct bp_node *
convert_table(struct conv *c, cmark_node *cn, const char *ts,
    struct bp_node *parent, int line, int col)
{
	struct bp_article	*art = c->art;
	struct bp_node		*n = NULL, *prev;
	uint8_t			*al;
	int			 i;

	if (strcmp(ts, "table") == 0) {
		n = bp_node_new(art, BP_NODE_TABLE, line, col);
		n->u.table.ncols = cmark_gfm_extensions_get_table_columns(cn);
		if (n->u.table.ncols > BP_MAX_TABLE_COLS) {
			bp_diag(c->diag, BP_WARNING, line, col, "table has "
			    "%d columns; only the first %d are kept",
			    n->u.table.ncols, BP_MAX_TABLE_COLS);
			n->u.table.ncols = BP_MAX_TABLE_COLS;
		}
		al = cmark_gfm_extensions_get_table_alignments(cn);
		n->u.table.align = bp_article_alloc(art,
		    sizeof(enum bp_align) * (size_t)(n->u.table.ncols + 1));
		for (i = 0; i < n->u.table.ncols; i++)
			n->u.table.align[i] = al == NULL ? BP_ALIGN_NONE :
			    al[i] == 'l' ? BP_ALIGN_LEFT :
			    al[i] == 'c' ? BP_ALIGN_CENTER :
			    al[i] == 'r' ? BP_ALIGN_RIGHT : BP_ALIGN_NONE;
	} else if (strcmp(ts, "table_row") == 0 ||
	    strcmp(ts, "table_header") == 0) {
		n = bp_node_new(art, BP_NODE_TABLE_ROW, line, col);
		n->u.row.header =
		    cmark_gfm_extensions_get_table_row_is_header(cn) != 0;
	} else if (strcmp(ts, "table_cell") == 0) {
		n = bp_node_new(art, BP_NODE_TABLE_CELL, line, col);
		/* The column's alignment, from the table's delimiter row. */
		for (i = 0, prev = parent != NULL ? parent->first : NULL;
		    prev != NULL; prev = prev->next)
			i++;
		if (parent != NULL && parent->parent != NULL &&
		    parent->parent->type == BP_NODE_TABLE &&
		    i < parent->parent->u.table.ncols)
			n->u.cell.align = parent->parent->u.table.align[i];
	}
	return n;
}

/* Make the model node for one cmark node (NULL: nothing to add). */
static struct bp_node *
convert_node(struct conv *c, cmark_node *cn, struct bp_node *parent)
{
	struct bp_node	*n = NULL;
	const char	*ts;
	int		 line, col;

	pos_of(c, cn, parent, &line, &col);
	switch (cmark_node_get_type(cn)) {
	case CMARK_NODE_DOCUMENT:
	case CMARK_NODE_PARAGRAPH:
	case CMARK_NODE_HEADING:
	case CMARK_NODE_BLOCK_QUOTE:
	case CMARK_NODE_LIST:
	case CMARK_NODE_ITEM:
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_THEMATIC_BREAK:
		n = convert_block(c, cn, line, col);
		break;
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_HTML_INLINE:
		n = convert_html(c, cn, line, col);
		break;
	case CMARK_NODE_TEXT:
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
	case CMARK_NODE_CODE:
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
		n = convert_inline(c, cn, line, col);
		break;
	case CMARK_NODE_FOOTNOTE_DEFINITION:
	case CMARK_NODE_FOOTNOTE_REFERENCE:
		n = convert_note(c, cn, line, col);
		break;
	default:
		/* The extensions' own nodes, known by their type names. */
		if ((ts = cmark_node_get_type_string(cn)) == NULL)
			break;
		if (strcmp(ts, "strikethrough") == 0)
			n = bp_node_new(c->art, BP_NODE_STRIKE, line, col);
		else
			n = convert_table(c, cn, ts, parent, line, col);
		break;
	}
	return n;
}

/* A list, item or quote: a level of nesting. */
static bool
nests(const struct bp_node *n)
{
	return n != NULL && (n->type == BP_NODE_QUOTE ||
	    n->type == BP_NODE_LIST || n->type == BP_NODE_ITEM);
}

/*
 * Whether cn is a list, item or quote nested deeper than BP_MAX_DEPTH:
 * it makes no node, its children join its parent's. Warns once per
 * article.
 */
static bool
flattened(struct conv *c, cmark_node *cn, int depth)
{
	bool	 flat = false;

	switch (cmark_node_get_type(cn)) {
	case CMARK_NODE_BLOCK_QUOTE:
	case CMARK_NODE_LIST:
	case CMARK_NODE_ITEM:
		flat = depth >= BP_MAX_DEPTH;
		break;
	default:
		break;
	}
	if (flat && !c->warned_depth)
		bp_diag(c->diag, BP_WARNING, cmark_node_get_start_line(cn) +
		    c->line0 - 1, 0, "lists and quotes nested deeper than %d "
		    "levels are flattened", BP_MAX_DEPTH);
	if (flat)
		c->warned_depth = true;
	return flat;
}

/*
 * Walk cmark's tree without recursion, keeping a stack of model
 * parents: input nesting must not grow our C stack.
 */
static void
convert_tree(struct conv *c, cmark_node *doc)
{
	GPtrArray	*stack = g_ptr_array_new();
	cmark_node	*cn = doc;
	struct bp_node	*parent, *n;
	int		 depth = 0;

	for (;;) {
		parent = stack->len > 0 ?
		    g_ptr_array_index(stack, stack->len - 1) : NULL;
		n = NULL;
		if (!flattened(c, cn, depth))
			n = convert_node(c, cn, parent);
		if (n != NULL && n->type == BP_NODE_DOCUMENT)
			c->art->body = n;
		if (n != NULL && parent != NULL && n->type != BP_NODE_FOOTNOTE_DEF)
			bp_node_append(parent, n);

		/* Descend: children attach to n (or to parent when n was skipped). */
		if (cmark_node_first_child(cn) != NULL) {
			if (nests(n))
				depth++;
			g_ptr_array_add(stack, n != NULL ? n : parent);
			cn = cmark_node_first_child(cn);
			continue;
		}
		if (n != NULL && n->type == BP_NODE_HEADING)
			n->u.heading.id = heading_id(c, n);

		/* Climb until a node has a next sibling, closing containers. */
		while (cn != doc && cmark_node_next(cn) == NULL) {
			cn = cmark_node_parent(cn);
			n = g_ptr_array_steal_index(stack, stack->len - 1);
			if (n != NULL && n->type == BP_NODE_HEADING)
				n->u.heading.id = heading_id(c, n);
			if (nests(n) && (stack->len == 0 ||
			    g_ptr_array_index(stack, stack->len - 1) != n))
				depth--;
		}
		if (cn == doc)
			break;
		cn = cmark_node_next(cn);
	}
	g_ptr_array_free(stack, TRUE);
}

/*
 * One text node's punctuation for its language: Norwegian takes « » and
 * ‹ › for cmark's curly quotes (an unpaired ’ stays an apostrophe);
 * every language keeps "12 500" together with a no-break space.
 */
static const char *
retype_text(struct bp_article *art, const char *text, bool guillemets,
    int *open_double, int *open_single)
{
	GString		*out = g_string_sized_new(strlen(text) + 8);
	const char	*p, *result;
	gunichar	 c, prev = 0;
	bool		 changed = false;
	int		 k;

	for (p = text; *p != '\0'; p = g_utf8_next_char(p)) {
		c = g_utf8_get_char(p);
		if (guillemets && c == 0x201c) {
			c = 0xab;
			(*open_double)++;
		} else if (guillemets && c == 0x201d) {
			c = 0xbb;
			if (*open_double > 0)
				(*open_double)--;
		} else if (guillemets && c == 0x2018) {
			c = 0x2039;
			(*open_single)++;
		} else if (guillemets && c == 0x2019 && *open_single > 0) {
			c = 0x203a;
			(*open_single)--;
		} else if (c == ' ' && g_unichar_isdigit(prev)) {
			/* Exactly three digits follow, then no digit. */
			for (k = 1; k <= 3 && g_ascii_isdigit(p[k]); k++)
				;
			if (k == 4 && !g_ascii_isdigit(p[4]))
				c = 0xa0;
		}
		if (c != g_utf8_get_char(p))
			changed = true;
		g_string_append_unichar(out, c);
		prev = c;
	}
	result = changed ? bp_article_strdup(art, out->str, (gssize)out->len) :
	    text;
	g_string_free(out, TRUE);
	return result;
}

/* Walk every text node in order; quote state runs within a block. */
static void
typography(struct bp_article *art, const char *lang)
{
	char		 prim[8];
	bool		 guillemets;
	struct bp_iter	 it;
	struct bp_node	*n;
	int		 od = 0, os = 0, k;

	bp_l10n_primary(lang, prim);
	guillemets = strcmp(prim, "nb") == 0 || strcmp(prim, "nn") == 0;
	for (k = -1; k < (int)art->nnotes || k == -1; k++) {
		bp_iter_init(&it, k < 0 ? art->body : art->notes[k]);
		while (bp_iter_next(&it) != BP_EVENT_DONE) {
			if (it.event != BP_EVENT_ENTER)
				continue;
			/* The article's own node: the parser may change it. */
			n = (struct bp_node *)it.node;
			if (n->type == BP_NODE_PARA || n->type == BP_NODE_HEADING ||
			    n->type == BP_NODE_TABLE_CELL)
				od = os = 0;
			if (n->type == BP_NODE_TEXT)
				n->text = retype_text(art, n->text, guillemets,
				    &od, &os);
		}
	}
}

void
bp_md_init(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

/*
 * The conversion's state for art. A body parsed again finds its images
 * as the first parse left them: the disk is not read again, and nothing
 * new is reported.
 */
static void
conv_init(struct conv *c, struct bp_article *art,
    const struct bp_load_opts *opts, int first_line, struct bp_diag *diag)
{
	struct bp_image	*img;
	guint		 k;

	c->art = art;
	c->diag = diag;
	c->opts = opts;
	c->line0 = first_line;
	c->note_nums = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    NULL);
	c->ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	c->images = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    NULL);
	for (k = 0; k < art->images->len; k++) {
		img = g_ptr_array_index(art->images, k);
		g_hash_table_insert(c->images, g_strdup(img->key), img);
	}
	c->notes = g_ptr_array_new();
}

/*
 * cmark-gfm keeps its special-character tables in globals that
 * attaching (and freeing) extensions rewrites: parsers on two
 * threads would see each other's changes. One parse at a time; the
 * tree it leaves is ours (caller frees), walked (and images read)
 * unlocked.
 */
static cmark_node *
parse_locked(const char *text, size_t len, bool smart)
{
	cmark_parser	*parser;
	cmark_node	*doc;
	int		 options = CMARK_OPT_FOOTNOTES;

	if (smart)
		options |= CMARK_OPT_SMART;
	g_mutex_lock(&cmark_lock);
	parser = cmark_parser_new(options);
	attach_extensions(parser);
	cmark_parser_feed(parser, text, len);
	doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	g_mutex_unlock(&cmark_lock);
	return doc;
}

/* The notes go to the article; the text gets its language's typography. */
static void
finish_article(struct conv *c)
{
	struct bp_article	*art = c->art;

	art->nnotes = (int)c->notes->len;
	art->notes = (struct bp_node **)g_ptr_array_free(c->notes, FALSE);
	c->notes = NULL;
	/*
	 * The language is the article's, once the pack has decided it
	 * (bodies are made again for writing); loading goes by what it
	 * knows so far.
	 */
	typography(art, art->lang != NULL ? art->lang : art->meta.lang != NULL ?
	    art->meta.lang : c->opts->lang);
}

static void
conv_free(struct conv *c)
{
	if (c->notes != NULL)
		g_ptr_array_free(c->notes, TRUE);
	g_hash_table_destroy(c->note_nums);
	g_hash_table_destroy(c->ids);
	g_hash_table_destroy(c->images);
}

bool
bp_md_parse(struct bp_article *art, const char *text, size_t len,
    int first_line, const struct bp_load_opts *opts, struct bp_diag *diag)
{
	struct bp_load_opts	 defopts = { 0 };
	struct conv		 c = { 0 };
	cmark_node		*doc = NULL;
	char			*bounded;

	if (opts == NULL)
		opts = &defopts;
	/*
	 * What cmark-gfm builds can grow faster than the text (a 30 kB table
	 * of 25 million cells): it parses a copy with wide tables cut, and
	 * nothing at all over a limit (bound.c).
	 */
	if ((bounded = bp_bound_text(text, len, first_line, diag)) == NULL)
		return false;
	conv_init(&c, art, opts, first_line, diag);
	doc = parse_locked(bounded, len, art->meta.smart_set ?
	    art->meta.smart : opts->smart);
	bp_bound_tree(doc, first_line, diag);
	convert_tree(&c, doc);
	finish_article(&c);

	cmark_node_free(doc);
	g_free(bounded);
	conv_free(&c);
	return art->body != NULL;
}
