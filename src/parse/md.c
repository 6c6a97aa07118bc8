/*
 * Markdown to document model: parse with cmark-gfm and its extensions,
 * copy everything into the article's arena, free the cmark tree at once.
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

static void attach_extensions(cmark_parser *);
static struct bp_node *convert_node(struct conv *, cmark_node *,
    struct bp_node *);
static void pos_of(struct conv *, cmark_node *, struct bp_node *, int *,
    int *);
static const char *heading_id(struct conv *, struct bp_node *);
static struct bp_image *load_image(struct conv *, const char *, int, int);
static const char *decoded(struct conv *, const char *, int);
static enum bp_image_kind sniff_image(const unsigned char *, size_t);
static guint32 be32(const unsigned char *);
static const char *png_defect(const unsigned char *, size_t, guint64 *,
    guint64 *);
static const char *jpeg_defect(const unsigned char *, size_t, guint64 *,
    guint64 *);
static const char *gif_defect(const unsigned char *, size_t, guint64 *,
    guint64 *);
static const char *webp_defect(const unsigned char *, size_t, guint64 *,
    guint64 *);
static char *image_defect(const unsigned char *, size_t, enum bp_image_kind);
static bool is_html_comment(const char *);

static GMutex cmark_lock;
static void typography(struct bp_article *, const char *);
static const char *retype_text(struct bp_article *, const char *, bool,
    int *, int *);

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

static enum bp_image_kind
sniff_image(const unsigned char *d, size_t n)
{
	size_t	 i;

	if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return BP_IMAGE_PNG;
	if (n >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
		return BP_IMAGE_JPEG;
	if (n >= 6 && (memcmp(d, "GIF87a", 6) == 0 ||
	    memcmp(d, "GIF89a", 6) == 0))
		return BP_IMAGE_GIF;
	if (n >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0)
		return BP_IMAGE_WEBP;
	/* SVG: XML text whose first element is <svg (after prolog/comments). */
	for (i = 0; i < n && i < 4096; i++)
		if (d[i] == '<' && i + 4 < n && memcmp(d + i, "<svg", 4) == 0)
			return BP_IMAGE_SVG;
	return BP_IMAGE_UNKNOWN;
}

static guint32
be32(const unsigned char *p)
{
	return (guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 |
	    p[3];
}

/* Walk the chunks: IHDR first, IEND reached before the data runs out. */
static const char *
png_defect(const unsigned char *d, size_t n, guint64 *w, guint64 *h)
{
	size_t	 p = 8, len;

	while (n - p >= 12) {
		len = be32(d + p);
		if (len > n - p - 12)
			return "the file is truncated";
		if (p == 8) {
			if (memcmp(d + p + 4, "IHDR", 4) != 0 || len < 8)
				return "it has no PNG header";
			*w = be32(d + p + 8);
			*h = be32(d + p + 12);
		}
		if (memcmp(d + p + 4, "IEND", 4) == 0)
			return NULL;
		p += 12 + len;
	}
	return "the file is truncated";
}

/*
 * Walk the markers: segment lengths, entropy-coded data after each SOS,
 * until EOI. The frame size comes from the SOFn segment.
 */
static const char *
jpeg_defect(const unsigned char *d, size_t n, guint64 *w, guint64 *h)
{
	size_t		 p = 2, len;
	unsigned char	 m;

	for (;;) {
		/* Bytes between segments are skipped, as libjpeg does. */
		while (p < n && d[p] != 0xff)
			p++;
		while (p < n && d[p] == 0xff)
			p++;
		if (p >= n)
			return "the file is truncated";
		m = d[p++];
		if (m == 0xd9)
			return NULL;
		if (m == 0x01 || m == 0xd8 || (m >= 0xd0 && m <= 0xd7))
			continue;
		if (n - p < 2)
			return "the file is truncated";
		len = (size_t)d[p] << 8 | d[p + 1];
		if (len < 2)
			return "it has a broken JPEG segment";
		if (len > n - p)
			return "the file is truncated";
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 &&
		    m != 0xcc && len >= 7) {
			*h = (guint64)d[p + 3] << 8 | d[p + 4];
			*w = (guint64)d[p + 5] << 8 | d[p + 6];
		}
		p += len;
		if (m != 0xda)
			continue;
		/* Scan data ends at a marker other than a stuffed 0 or RSTn. */
		while (n - p >= 2 && !(d[p] == 0xff && d[p + 1] != 0 &&
		    (d[p + 1] < 0xd0 || d[p + 1] > 0xd7)))
			p++;
		if (n - p < 2)
			return "the file is truncated";
	}
}

/* The RIFF size must fit the file; the canvas from VP8X, VP8 or VP8L. */
static const char *
webp_defect(const unsigned char *d, size_t n, guint64 *w, guint64 *h)
{
	guint32	 riff = (guint32)d[4] | (guint32)d[5] << 8 |
	    (guint32)d[6] << 16 | (guint32)d[7] << 24;

	if ((guint64)riff + 8 > n)
		return "the file is truncated";
	if (n >= 30 && memcmp(d + 12, "VP8X", 4) == 0) {
		*w = 1 + ((guint64)d[24] | (guint64)d[25] << 8 |
		    (guint64)d[26] << 16);
		*h = 1 + ((guint64)d[27] | (guint64)d[28] << 8 |
		    (guint64)d[29] << 16);
	} else if (n >= 30 && memcmp(d + 12, "VP8 ", 4) == 0) {
		*w = ((guint64)d[26] | (guint64)d[27] << 8) & 0x3fff;
		*h = ((guint64)d[28] | (guint64)d[29] << 8) & 0x3fff;
	} else if (n >= 25 && memcmp(d + 12, "VP8L", 4) == 0) {
		*w = 1 + ((guint64)d[21] | ((guint64)d[22] & 0x3f) << 8);
		*h = 1 + ((guint64)d[22] >> 6 | (guint64)d[23] << 2 |
		    ((guint64)d[24] & 0x0f) << 10);
	}
	return NULL;
}

/*
 * A GIF's blocks, walked without decoding: every frame must have a size
 * (gdk-pixbuf's loader fails an assertion on a frame of height 0, and
 * takes its frames' sizes as they come), lie inside the logical screen's
 * pixel limit, and the file must reach its trailer.
 */
static const char *
gif_defect(const unsigned char *d, size_t n, guint64 *w, guint64 *h)
{
	size_t	 p = 13;
	guint64	 fw, fh;

	if (n < 13)
		return "the file is truncated";
	*w = (guint64)d[6] | (guint64)d[7] << 8;
	*h = (guint64)d[8] | (guint64)d[9] << 8;
	if (*w == 0 || *h == 0)
		return "its screen has no size";
	if (d[10] & 0x80)
		p += (size_t)3 << ((d[10] & 7) + 1);
	while (p < n && d[p] != 0x3b) {
		if (d[p] == 0x21)
			p += 2;              /* extension: label, then data */
		else if (d[p] == 0x2c) {
			if (p + 10 > n)
				return "the file is truncated";
			fw = (guint64)d[p + 5] | (guint64)d[p + 6] << 8;
			fh = (guint64)d[p + 7] | (guint64)d[p + 8] << 8;
			if (fw == 0 || fh == 0)
				return "a frame has no size";
			*w = MAX(*w, fw);
			*h = MAX(*h, fh);
			if (d[p + 9] & 0x80)
				p += (size_t)3 << ((d[p + 9] & 7) + 1);
			p += 11;             /* descriptor, LZW code size */
		} else
			return "a block of an unknown kind";
		/* Data sub-blocks, each led by its length, ended by 0. */
		while (p < n && d[p] != 0)
			p += (size_t)d[p] + 1;
		p++;
	}
	return p < n ? NULL : "the file is truncated";
}

/*
 * Check a raster image before any writer decodes it: a truncated file
 * would be drawn half blank (gdk-pixbuf accepts it, JPEG goes into the PDF
 * as it is), and the pixel limit must hold before pixels are allocated.
 * Returns why the image cannot be used (caller frees), or NULL.
 */
static char *
image_defect(const unsigned char *d, size_t n, enum bp_image_kind kind)
{
	const char	*why = NULL;
	guint64		 w = 1, h = 1;

	switch (kind) {
	case BP_IMAGE_PNG:
		why = png_defect(d, n, &w, &h);
		break;
	case BP_IMAGE_JPEG:
		why = jpeg_defect(d, n, &w, &h);
		break;
	case BP_IMAGE_GIF:
		why = gif_defect(d, n, &w, &h);
		break;
	case BP_IMAGE_WEBP:
		why = webp_defect(d, n, &w, &h);
		break;
	default:
		break;
	}
	if (why != NULL)
		return g_strdup(why);
	if (w * h > BP_MAX_IMAGE_PIXELS)
		return g_strdup_printf("it has %" G_GUINT64_FORMAT " x %"
		    G_GUINT64_FORMAT " pixels, more than the limit of %u",
		    w, h, BP_MAX_IMAGE_PIXELS);
	return NULL;
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

/*
 * Read an image once per article. Problems are warnings: the writers draw
 * a placeholder, and the run's exit status becomes 1.
 */
static struct bp_image *
load_image(struct conv *c, const char *url, int line, int col)
{
	struct bp_image	*img = NULL;
	char		*path = NULL, *scheme = NULL, *decoded = NULL;
	char		*data = NULL, *defect = NULL;
	size_t		 len = 0;
	struct bp_diag	 quiet = { 0 };

	scheme = g_uri_parse_scheme(url);
	decoded = g_uri_unescape_string(url, NULL);
	if (scheme == NULL && decoded != NULL)
		path = bp_util_resolve(c->art->path, decoded,
		    c->opts->allow_outside);
	img = g_hash_table_lookup(c->images, path != NULL ? path : url);
	if (img != NULL)
		goto out;

	img = g_new0(struct bp_image, 1);
	img->key = g_strdup(path != NULL ? path : url);
	img->path = g_strdup(path);
	g_ptr_array_add(c->art->images, img);
	g_hash_table_insert(c->images, g_strdup(path != NULL ? path : url), img);
	if (scheme != NULL)
		img->problem = g_strdup_printf("image \"%s\" is remote; "
		    "briefpack never fetches from the network", url);
	else if (path == NULL)
		img->problem = g_strdup_printf("image \"%s\" is outside the "
		    "article's folder (use --allow-outside to permit)", url);
	else if (!g_file_test(path, G_FILE_TEST_IS_REGULAR))
		img->problem = g_strdup_printf("image \"%s\" not found", url);
	else if (!bp_util_read_file(path, BP_MAX_IMAGE_BYTES, &quiet, &data,
	    &len))
		img->problem = g_strdup_printf("image \"%s\" cannot be read "
		    "or is larger than %u MB", url, BP_MAX_IMAGE_BYTES >> 20);
	else if ((img->kind = sniff_image((unsigned char *)data, len)) ==
	    BP_IMAGE_UNKNOWN)
		img->problem = g_strdup_printf("image \"%s\" is not a PNG, "
		    "JPEG, GIF, WebP or SVG file", url);
	else if ((defect = image_defect((unsigned char *)data, len,
	    img->kind)) != NULL)
		img->problem = g_strdup_printf("image \"%s\" cannot be "
		    "decoded: %s", url, defect);
	else if ((defect = bp_parse_image_defect((unsigned char *)data, len,
	    img->kind)) != NULL)
		img->problem = g_strdup_printf("image \"%s\" %s", url, defect);
	else {
		img->data = (unsigned char *)data;
		img->len = len;
		data = NULL;
	}
	if (img->problem != NULL)
		bp_diag(c->diag, BP_WARNING, line, col, "%s", img->problem);
out:
	g_free(data);
	g_free(defect);
	g_free(path);
	g_free(scheme);
	g_free(decoded);
	return img;
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

/* Make the model node for one cmark node (NULL: nothing to add). */
static struct bp_node *
convert_node(struct conv *c, cmark_node *cn, struct bp_node *parent)
{
	struct bp_article	*art = c->art;
	struct bp_node		*n = NULL;
	cmark_syntax_extension	*ext = cmark_node_get_syntax_extension(cn);
	const char		*ts = cmark_node_get_type_string(cn);
	const char		*lit;
	uint8_t			*al;
	gpointer		 num;
	guint64			 ix;
	struct bp_node		*prev;
	int			 line, col, i;

	pos_of(c, cn, parent, &line, &col);
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
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_HTML_INLINE:
		lit = cmark_node_get_literal(cn);
		if (lit == NULL || is_html_comment(lit))
			break;
		if (!c->warned_html) {
			bp_diag(c->diag, BP_WARNING, line, col, "raw HTML is "
			    "shown as text; briefpack never passes markup through");
			c->warned_html = true;
		}
		n = bp_node_new(art, cmark_node_get_type(cn) ==
		    CMARK_NODE_HTML_BLOCK ? BP_NODE_HTML_BLOCK :
		    BP_NODE_HTML_INLINE, line, col);
		n->text = bp_article_strdup(art, lit, -1);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		n = bp_node_new(art, BP_NODE_RULE, line, col);
		break;
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
			n->u.link.image = load_image(c, n->u.link.url, line, col);
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
		if (ts == NULL)
			break;
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
		} else if (strcmp(ts, "strikethrough") == 0) {
			n = bp_node_new(art, BP_NODE_STRIKE, line, col);
		}
		break;
	}
	return n;
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

bool
bp_md_parse(struct bp_article *art, const char *text, size_t len,
    int first_line, const struct bp_load_opts *opts, struct bp_diag *diag)
{
	struct bp_load_opts	 defopts = { 0 };
	struct conv		 c = { 0 };
	cmark_parser		*parser = NULL;
	cmark_node		*doc = NULL, *cn;
	GPtrArray		*stack = NULL;
	struct bp_node		*parent, *n;
	struct bp_image		*img;
	char			*bounded;
	int			 options, depth = 0;
	guint			 k;
	bool			 flatten;

	if (opts == NULL)
		opts = &defopts;
	/*
	 * What cmark-gfm builds can grow faster than the text (a 30 kB table
	 * of 25 million cells): it parses a copy with wide tables cut, and
	 * nothing at all over a limit (bound.c).
	 */
	if ((bounded = bp_bound_text(text, len, first_line, diag)) == NULL)
		return false;
	c.art = art;
	c.diag = diag;
	c.opts = opts;
	c.line0 = first_line;
	c.note_nums = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    NULL);
	c.ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	c.images = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	/*
	 * A body parsed again finds its images as the first parse left
	 * them: the disk is not read again, and nothing new is reported.
	 */
	for (k = 0; k < art->images->len; k++) {
		img = g_ptr_array_index(art->images, k);
		g_hash_table_insert(c.images, g_strdup(img->key), img);
	}
	c.notes = g_ptr_array_new();
	stack = g_ptr_array_new();

	options = CMARK_OPT_FOOTNOTES;
	if (art->meta.smart_set ? art->meta.smart : opts->smart)
		options |= CMARK_OPT_SMART;
	/*
	 * cmark-gfm keeps its special-character tables in globals that
	 * attaching (and freeing) extensions rewrites: parsers on two
	 * threads would see each other's changes. One parse at a time; the
	 * tree it leaves is ours, walked (and images read) unlocked.
	 */
	g_mutex_lock(&cmark_lock);
	parser = cmark_parser_new(options);
	attach_extensions(parser);
	cmark_parser_feed(parser, bounded, len);
	doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	g_mutex_unlock(&cmark_lock);
	bp_bound_tree(doc, first_line, diag);

	/*
	 * Walk cmark's tree without recursion, keeping a stack of model
	 * parents: input nesting must not grow our C stack.
	 */
	cn = doc;
	for (;;) {
		parent = stack->len > 0 ?
		    g_ptr_array_index(stack, stack->len - 1) : NULL;
		n = NULL;
		flatten = false;
		switch (cmark_node_get_type(cn)) {
		case CMARK_NODE_BLOCK_QUOTE:
		case CMARK_NODE_LIST:
		case CMARK_NODE_ITEM:
			if (depth >= BP_MAX_DEPTH) {
				if (!c.warned_depth)
					bp_diag(diag, BP_WARNING,
					    cmark_node_get_start_line(cn) +
					    first_line - 1, 0, "lists and quotes "
					    "nested deeper than %d levels are "
					    "flattened", BP_MAX_DEPTH);
				c.warned_depth = true;
				flatten = true;
			}
			break;
		default:
			break;
		}
		if (!flatten)
			n = convert_node(&c, cn, parent);
		if (n != NULL && n->type == BP_NODE_DOCUMENT)
			art->body = n;
		if (n != NULL && parent != NULL && n->type != BP_NODE_FOOTNOTE_DEF)
			bp_node_append(parent, n);

		/* Descend: children attach to n (or to parent when n was skipped). */
		if (cmark_node_first_child(cn) != NULL) {
			if (n != NULL && (n->type == BP_NODE_QUOTE ||
			    n->type == BP_NODE_LIST || n->type == BP_NODE_ITEM))
				depth++;
			g_ptr_array_add(stack, n != NULL ? n : parent);
			cn = cmark_node_first_child(cn);
			continue;
		}
		if (n != NULL && n->type == BP_NODE_HEADING)
			n->u.heading.id = heading_id(&c, n);

		/* Climb until a node has a next sibling, closing containers. */
		while (cn != doc && cmark_node_next(cn) == NULL) {
			cn = cmark_node_parent(cn);
			n = g_ptr_array_steal_index(stack, stack->len - 1);
			if (n != NULL && n->type == BP_NODE_HEADING)
				n->u.heading.id = heading_id(&c, n);
			if (n != NULL && (n->type == BP_NODE_QUOTE ||
			    n->type == BP_NODE_LIST || n->type == BP_NODE_ITEM) &&
			    (stack->len == 0 ||
			    g_ptr_array_index(stack, stack->len - 1) != n))
				depth--;
		}
		if (cn == doc)
			break;
		cn = cmark_node_next(cn);
	}

	art->nnotes = (int)c.notes->len;
	art->notes = (struct bp_node **)g_ptr_array_free(c.notes, FALSE);
	c.notes = NULL;
	/*
	 * The language is the article's, once the pack has decided it
	 * (bodies are made again for writing); loading goes by what it
	 * knows so far.
	 */
	typography(art, art->lang != NULL ? art->lang : art->meta.lang != NULL ?
	    art->meta.lang : opts->lang);

	cmark_node_free(doc);
	g_free(bounded);
	g_ptr_array_free(stack, TRUE);
	g_hash_table_destroy(c.note_nums);
	g_hash_table_destroy(c.ids);
	g_hash_table_destroy(c.images);
	return art->body != NULL;
}
