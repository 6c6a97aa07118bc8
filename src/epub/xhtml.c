/*
 * Article to XHTML content document: the title block, every node of the
 * model as semantic HTML, footnotes as EPUB 3 notes. Raw HTML is text.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "epub/epub.h"

/*
 * Writing one article. Paragraphs open lazily (p_open) so that images can
 * stand between them as figures; `pending` holds a task box or a note's
 * back link until the paragraph it belongs in opens.
 */
struct xw {
	struct bp_book		*book;
	const struct bp_article	*art;
	const char		*lang;
	GString			*out;
	GHashTable		*heading_ids; /* model heading id -> our id */
	GHashTable		*node_ids;    /* heading, note ref -> id */
	const char	       **note_ids;    /* id of each of art->notes */
	const char	       **back_ids;    /* id of its first reference */
	GString			*pending;
	GString			*after_a;     /* note refs met in a link's text */
	GArray			*links;       /* gboolean per open LINK: <a>? */
	const struct bp_node	*para;        /* paragraph being written */
	bool			 p_open;      /* its <p> (or bare text) began */
	bool			 bare;        /* tight list item: no <p> */
	bool			 thead, tbody;
	int			 in_a;        /* open <a> elements */
};

/* What the size check of a raster image found. */
struct img_check {
	bool	 too_big;
};

static char *claim_id(struct bp_book *, const char *, const char *);
static int note_index(const struct bp_article *, int);
static const struct bp_node *next_node(const struct bp_node *,
    const struct bp_node *);
static bool cell_dropped(const struct bp_node *);
static bool is_written(const struct bp_node *);
static const struct bp_node *first_noteref(const struct bp_node *);
static void assign_ids(struct xw *, GPtrArray *);
static char *squash(const char *);
static void on_size_prepared(GdkPixbufLoader *, int, int, gpointer);
static char *raster_check(const struct bp_image *, unsigned char **,
    size_t *, enum bp_image_kind *);
static const struct bp_epub_image *check_image(struct xw *,
    const struct bp_image *);
static const char *image_href(struct xw *, const struct bp_node *);
static bool is_image_only(const struct bp_node *);
static char *link_target(struct xw *, const struct bp_node *);
static void flush_pending(struct xw *);
static void open_p(struct xw *);
static void close_p(struct xw *);
static void put(struct xw *, const char *);
static void put_text(struct xw *, const char *);
static void put_attr(struct xw *, const char *, const char *);
static void put_img(struct xw *, const struct bp_node *, const char *);
static void put_placeholder(struct xw *, const struct bp_node *, bool);
static void put_figure(struct xw *, const struct bp_node *,
    const struct bp_node *);
static void put_code_block(struct xw *, const struct bp_node *);
static bool open_cell(struct xw *, const struct bp_node *);
static void open_row(struct xw *, const struct bp_node *);
static void put_noteref(struct xw *, const struct bp_node *);
static void put_alt_notes(struct xw *, const struct bp_node *);
static bool stray_in_list(const struct bp_node *);
static bool enter(struct xw *, const struct bp_node *);
static void put_leaf(struct xw *, const struct bp_node *);
static void leave(struct xw *, const struct bp_node *);
static void render(struct xw *, const struct bp_node *);
static void put_marking(struct xw *);
static void put_title_block(struct xw *);
static void put_notes(struct xw *);
static void put_failed(struct xw *);

/*
 * "prefix-base" as an XML id, made unique across the bundle with "-2",
 * "-3", ... (counting on from the last number a stem got, so a thousand
 * task boxes do not search a thousand times). Owned by book->ids.
 */
static char *
claim_id(struct bp_book *book, const char *prefix, const char *base)
{
	GString		*id = g_string_new(prefix);
	char		*cand = NULL;
	gsize		 stem;
	int		 n;

	g_string_append_c(id, '-');
	bp_epub_xml_id(id, base);
	if (id->str[id->len - 1] == '-')
		g_string_append(id, "section");
	stem = id->len;
	n = GPOINTER_TO_INT(g_hash_table_lookup(book->id_next, id->str));
	if (n < 2)
		n = 2;
	if (g_hash_table_contains(book->ids, id->str)) {
		do {
			g_string_truncate(id, stem);
			g_string_append_printf(id, "-%d", n++);
		} while (g_hash_table_contains(book->ids, id->str));
		g_hash_table_insert(book->id_next, g_strndup(id->str, stem),
		    GINT_TO_POINTER(n));
	}
	cand = g_string_free(id, FALSE);
	g_hash_table_add(book->ids, cand);
	return cand;
}

/* The position of note `num` in art->notes, or -1. */
static int
note_index(const struct bp_article *art, int num)
{
	int	 i;

	/* Notes are numbered in order: note k is notes[k - 1]. */
	if (num >= 1 && num <= art->nnotes && art->notes[num - 1]->u.fn.num == num)
		return num - 1;
	for (i = 0; i < art->nnotes; i++)
		if (art->notes[i]->u.fn.num == num)
			return i;
	return -1;
}

/* The node after n in document order within root, or NULL. */
static const struct bp_node *
next_node(const struct bp_node *n, const struct bp_node *root)
{
	if (n->first != NULL)
		return n->first;
	while (n != root && n != NULL) {
		if (n->next != NULL)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

/* A table cell past its table's columns: dropped, as in the PDF. */
static bool
cell_dropped(const struct bp_node *n)
{
	const struct bp_node	*c;
	int			 col = 0;

	for (c = n->prev; c != NULL; c = c->prev)
		col++;
	return n->parent != NULL && n->parent->parent != NULL &&
	    col >= n->parent->parent->u.table.ncols;
}

/* Whether n reaches the XHTML: not when it sits in a dropped cell. */
static bool
is_written(const struct bp_node *n)
{
	for (n = n->parent; n != NULL; n = n->parent)
		if (n->type == BP_NODE_TABLE_CELL && cell_dropped(n))
			return false;
	return true;
}

/* The first note reference inside root (an image's alt text), or NULL. */
static const struct bp_node *
first_noteref(const struct bp_node *root)
{
	const struct bp_node	*n;

	for (n = root->first; n != NULL; n = next_node(n, root))
		if (n->type == BP_NODE_FOOTNOTE_REF)
			return n;
	return NULL;
}

/* Plain text with runs of white space as one space, trimmed. */
static char *
squash(const char *s)
{
	char	**parts = g_strsplit_set(s, " \t\n\r", -1);
	GString	*out = g_string_new(NULL);
	int	  i;

	for (i = 0; parts[i] != NULL; i++) {
		if (*parts[i] == '\0')
			continue;
		if (out->len > 0)
			g_string_append_c(out, ' ');
		g_string_append(out, parts[i]);
	}
	g_strfreev(parts);
	return g_string_free(out, FALSE);
}

/*
 * Ids before any output: note references first (so a heading can never
 * take a note's id), then headings, which also go to `heads`.
 */
static void
assign_ids(struct xw *w, GPtrArray *heads)
{
	const struct bp_article	*art = w->art;
	const struct bp_node	*n, *root;
	struct bp_epub_head	*h;
	GString			*s = g_string_new(NULL);
	int			*refs = g_new0(int, (gsize)art->nnotes + 1);
	int			 i, k, num;
	char			*id, *text;

	w->note_ids = g_new0(const char *, (gsize)art->nnotes + 1);
	w->back_ids = g_new0(const char *, (gsize)art->nnotes + 1);
	for (i = 0; i < art->nnotes; i++) {
		g_string_printf(s, "fn-%d", art->notes[i]->u.fn.num);
		w->note_ids[i] = claim_id(w->book, art->id, s->str);
	}
	for (i = -1; i < art->nnotes; i++) {
		root = i < 0 ? art->body : art->notes[i];
		for (n = root; n != NULL; n = next_node(n, root)) {
			/* Only references that are written get an id, so a
			 * note's back link always has somewhere to go. */
			if (n->type != BP_NODE_FOOTNOTE_REF || !is_written(n))
				continue;
			num = n->u.fn.num;
			if ((k = note_index(art, num)) < 0)
				continue;
			g_string_printf(s, "fnref-%d", num);
			if (refs[k]++ > 0)
				g_string_append_printf(s, "-%d", refs[k]);
			id = claim_id(w->book, art->id, s->str);
			if (w->back_ids[k] == NULL)
				w->back_ids[k] = id;
			g_hash_table_insert(w->node_ids, (gpointer)n, id);
		}
	}
	for (i = -1; i < art->nnotes; i++) {
		root = i < 0 ? art->body : art->notes[i];
		for (n = root; n != NULL; n = next_node(n, root)) {
			if (n->type != BP_NODE_HEADING)
				continue;
			id = claim_id(w->book, art->id, n->u.heading.id != NULL ?
			    n->u.heading.id : "section");
			g_hash_table_insert(w->node_ids, (gpointer)n, id);
			if (n->u.heading.id != NULL &&
			    !g_hash_table_contains(w->heading_ids, n->u.heading.id))
				g_hash_table_insert(w->heading_ids,
				    (gpointer)n->u.heading.id, id);
			if (i >= 0)
				continue;
			text = bp_node_plain_text(n);
			h = g_new0(struct bp_epub_head, 1);
			h->level = n->u.heading.level;
			h->id = g_strdup(id);
			h->text = squash(text);
			g_free(text);
			g_ptr_array_add(heads, h);
		}
	}
	g_string_free(s, TRUE);
	g_free(refs);
}

/* ------------------------------------------------------------------ */
/* Images                                                              */

static void
on_size_prepared(GdkPixbufLoader *loader, int w, int h, gpointer data)
{
	struct img_check	*ic = data;

	if (w <= 0 || h <= 0 || (guint64)w * (guint64)h > BP_MAX_IMAGE_PIXELS) {
		ic->too_big = true;
		gdk_pixbuf_loader_set_size(loader, 1, 1);
	}
}

/*
 * Decode a raster image, as the PDF does, to find what readers could not
 * show. Returns why it cannot go in (caller frees), or NULL with the bytes
 * that go in: the file itself, or for WebP (not a core EPUB 3.2 image
 * type) the picture as PNG, and *kind set to match.
 */
static char *
raster_check(const struct bp_image *img, unsigned char **out, size_t *out_len,
    enum bp_image_kind *kind)
{
	GdkPixbufLoader		*loader = gdk_pixbuf_loader_new();
	GdkPixbuf		*pb;
	GError			*err = NULL;
	struct img_check	 ic = { false };
	gchar			*png = NULL;
	gsize			 png_len = 0;
	char			*why = NULL;
	bool			 fed;

	*kind = img->kind;
	g_signal_connect(loader, "size-prepared", G_CALLBACK(on_size_prepared),
	    &ic);
	fed = gdk_pixbuf_loader_write(loader, img->data, img->len, &err);
	if (!gdk_pixbuf_loader_close(loader, fed ? &err : NULL) || !fed ||
	    (pb = gdk_pixbuf_loader_get_pixbuf(loader)) == NULL)
		why = g_strdup_printf("cannot be decoded: %s", err != NULL ?
		    err->message : "unknown error");
	else if (ic.too_big)
		why = g_strdup_printf("has more than %u pixels",
		    BP_MAX_IMAGE_PIXELS);
	else if (img->kind != BP_IMAGE_WEBP) {
		*out = g_memdup2(img->data, img->len);
		*out_len = img->len;
	} else if (gdk_pixbuf_save_to_buffer(pb, &png, &png_len, "png", &err,
	    NULL)) {
		*out = (unsigned char *)png;
		*out_len = png_len;
		*kind = BP_IMAGE_PNG;
	} else
		why = g_strdup_printf("cannot be converted to PNG: %s",
		    err != NULL ? err->message : "unknown error");
	if (err != NULL)
		g_error_free(err);
	g_object_unref(loader);
	return why;
}

/*
 * What the bundle holds for img: a file under img/ (one per distinct
 * content, numbered in order of first use) or a refusal.
 */
static const struct bp_epub_image *
check_image(struct xw *w, const struct bp_image *img)
{
	static const char *const ext[BP_IMAGE_KIND__MAX] = {
		NULL, "png", "jpg", "gif", "svg", "webp",
	};
	static const char *const type[BP_IMAGE_KIND__MAX] = {
		NULL, "image/png", "image/jpeg", "image/gif", "image/svg+xml",
		"image/webp",
	};
	struct bp_book		*book = w->book;
	struct bp_epub_image	*ei;
	struct bp_epub_item	*item;
	unsigned char		*data = NULL;
	size_t			 len = 0;
	char			*sum = NULL;
	const char		*href;
	enum bp_image_kind	 kind = img != NULL ? img->kind : BP_IMAGE_UNKNOWN;

	if (img == NULL)
		return NULL;
	if ((ei = g_hash_table_lookup(book->images, img)) != NULL)
		return ei;
	ei = g_new0(struct bp_epub_image, 1);
	g_hash_table_insert(book->images, (gpointer)img, ei);
	if (img->data == NULL || img->kind <= BP_IMAGE_UNKNOWN ||
	    img->kind >= BP_IMAGE_KIND__MAX)
		goto out;
	if (img->kind == BP_IMAGE_SVG)
		data = bp_epub_svg_check(img->data, img->len, &len, &ei->why);
	else
		ei->why = raster_check(img, &data, &len, &kind);
	if (data == NULL)
		goto out;

	/* The same picture used twice (or by two articles) goes in once. */
	sum = g_compute_checksum_for_data(G_CHECKSUM_SHA1, data, len);
	if ((href = g_hash_table_lookup(book->by_sum, sum)) != NULL) {
		ei->href = href;
		goto out;
	}
	item = g_new0(struct bp_epub_item, 1);
	item->id = g_strdup_printf("img%u", book->imgs->len + 1);
	item->href = g_strdup_printf("img/%u.%s", book->imgs->len + 1,
	    ext[kind]);
	item->media_type = type[kind];
	item->data = data;
	item->len = len;
	/* Compressed formats gain nothing from deflate. */
	item->store = kind != BP_IMAGE_SVG;
	data = NULL;
	g_ptr_array_add(book->imgs, item);
	g_hash_table_insert(book->by_sum, sum, item->href);
	sum = NULL;
	ei->href = item->href;
out:
	g_free(sum);
	g_free(data);
	return ei;
}

/* The image's path in the bundle, or NULL (a placeholder is due). */
static const char *
image_href(struct xw *w, const struct bp_node *img)
{
	const struct bp_epub_image	*ei = check_image(w, img->u.link.image);

	if (ei != NULL && ei->href != NULL)
		return ei->href;
	/* Problems found at load were reported then; ours are reported here. */
	if (ei != NULL && ei->why != NULL)
		bp_diag_at(w->book->diag, w->art->path, BP_WARNING, img->line,
		    img->col, "image \"%s\" %s", img->u.link.url, ei->why);
	w->book->placeholders++;
	return NULL;
}

/* A link holding nothing but one image. */
static bool
is_image_only(const struct bp_node *n)
{
	return n->type == BP_NODE_LINK && n->first != NULL &&
	    n->first == n->last && n->first->type == BP_NODE_IMAGE;
}

/*
 * Where a link may point (caller frees), or NULL: it is written as plain
 * text. Web and mail links go out as they are; "#x" goes to heading x of
 * this article; nothing else is ever a link.
 */
static char *
link_target(struct xw *w, const struct bp_node *n)
{
	const char	*url = n->u.link.url, *id = NULL;
	char		*frag = NULL, *enc = NULL;
	GString		*href = NULL;

	if (url == NULL || w->in_a > 0)
		goto out;
	if (url[0] == '#') {
		id = g_hash_table_lookup(w->heading_ids, url + 1);
		if (id == NULL && (frag = g_uri_unescape_string(url + 1,
		    NULL)) != NULL)
			id = g_hash_table_lookup(w->heading_ids, frag);
		if (id != NULL) {
			href = g_string_new("#");
			bp_epub_escape(href, id, -1);
		}
	} else if ((enc = bp_epub_link_href(url)) != NULL) {
		href = g_string_new(NULL);
		bp_epub_escape(href, enc, -1);
	}
out:
	g_free(frag);
	g_free(enc);
	return href != NULL ? g_string_free(href, FALSE) : NULL;
}

/* ------------------------------------------------------------------ */
/* Output                                                              */

static void
put(struct xw *w, const char *s)
{
	g_string_append(w->out, s);
}

static void
put_text(struct xw *w, const char *s)
{
	bp_epub_escape(w->out, s, -1);
}

/* ` name="value"` */
static void
put_attr(struct xw *w, const char *name, const char *value)
{
	g_string_append_printf(w->out, " %s=\"", name);
	bp_epub_escape(w->out, value, -1);
	g_string_append_c(w->out, '"');
}

/* A task box or a note's back link waiting for the first paragraph. */
static void
flush_pending(struct xw *w)
{
	if (w->pending->len == 0)
		return;
	g_string_append_len(w->out, w->pending->str, (gssize)w->pending->len);
	g_string_truncate(w->pending, 0);
}

/* Paragraphs open lazily, so images can stand between them as figures. */
static void
open_p(struct xw *w)
{
	if (w->para == NULL || w->p_open)
		return;
	if (!w->bare)
		put(w, "<p>");
	w->p_open = true;
	flush_pending(w);
}

static void
close_p(struct xw *w)
{
	if (!w->p_open)
		return;
	put(w, w->bare ? "\n" : "</p>\n");
	w->p_open = false;
}

static void
put_img(struct xw *w, const struct bp_node *img, const char *href)
{
	char	*alt = bp_node_plain_text(img);

	put(w, "<img");
	put_attr(w, "src", href);
	put_attr(w, "alt", alt);
	if (img->u.link.title != NULL && *img->u.link.title != '\0')
		put_attr(w, "title", img->u.link.title);
	put(w, "/>");
	g_free(alt);
}

/* The PDF's words for an image that is not there, with its address. */
static void
put_placeholder(struct xw *w, const struct bp_node *img, bool block)
{
	put(w, block ? "<p class=\"placeholder\">" :
	    "<span class=\"placeholder\">");
	put_text(w, bp_l10n_word(w->lang, BP_W_IMAGE_MISSING));
	put(w, ": ");
	put_text(w, img->u.link.url);
	put(w, block ? "</p>" : "</span>");
}

/* An image standing alone in a paragraph (link is its link, or NULL). */
static void
put_figure(struct xw *w, const struct bp_node *img, const struct bp_node *link)
{
	const char	*href = image_href(w, img);
	const char	*caption;
	char		*alt = bp_node_plain_text(img), *target = NULL;

	close_p(w);
	flush_pending(w);
	put(w, "<figure>");
	if (href != NULL) {
		if (link != NULL && (target = link_target(w, link)) != NULL) {
			put(w, "<a href=\"");
			put(w, target);
			put(w, "\">");
		}
		put_img(w, img, href);
		if (target != NULL)
			put(w, "</a>");
	} else
		put_placeholder(w, img, true);
	caption = img->u.link.title != NULL && *img->u.link.title != '\0' ?
	    img->u.link.title : alt;
	/* Notes cited in the alt text go in the caption, after the image. */
	if (*caption != '\0' || first_noteref(img) != NULL) {
		put(w, "<figcaption>");
		put_text(w, caption);
		put_alt_notes(w, img);
		put(w, "</figcaption>");
	}
	put(w, "</figure>\n");
	g_free(alt);
	g_free(target);
}

/* A fenced or indented code block; the info string's first word names
 * the language, as a class. */
static void
put_code_block(struct xw *w, const struct bp_node *n)
{
	const char	*info = n->u.code.info;
	char		*cls = NULL;

	put(w, "<pre><code");
	if (info != NULL && *info != '\0') {
		cls = g_strconcat("language-", info, NULL);
		cls[strlen("language-") + strcspn(info, " \t")] = '\0';
		put_attr(w, "class", cls);
	}
	put(w, ">");
	put_text(w, n->text);
	put(w, "</code></pre>\n");
	g_free(cls);
}

/* A table cell: header cells while the header row lasts. Cells past the
 * table's columns are dropped, as in the PDF (false). */
static bool
open_cell(struct xw *w, const struct bp_node *n)
{
	static const char *const align[BP_ALIGN__MAX] = {
		"", " style=\"text-align: left\"",
		" style=\"text-align: center\"", " style=\"text-align: right\"",
	};
	if (cell_dropped(n))
		return false;
	put(w, w->thead ? "<th" : "<td");
	put(w, n->u.cell.align < BP_ALIGN__MAX ? align[n->u.cell.align] : "");
	put(w, ">");
	return true;
}

static void
open_row(struct xw *w, const struct bp_node *n)
{
	if (n->u.row.header && !w->tbody) {
		if (!w->thead)
			put(w, "<thead>\n");
		w->thead = true;
	} else {
		if (w->thead)
			put(w, "</thead>\n");
		if (!w->tbody)
			put(w, "<tbody>\n");
		w->thead = false;
		w->tbody = true;
	}
	put(w, "<tr>");
}

/*
 * A link to a note. In a link's text, where <a> may not nest, it waits
 * in after_a and follows the link (leave()), so the note stays reachable;
 * the PDF puts it after the link's text too.
 */
static void
put_noteref(struct xw *w, const struct bp_node *n)
{
	const char	*id = g_hash_table_lookup(w->node_ids, n);
	GString		*out = w->links->len > 0 ? w->after_a : w->out;
	int		 k = note_index(w->art, n->u.fn.num);

	if (id == NULL || k < 0) {
		g_string_append_printf(out, "<sup>%d</sup>", n->u.fn.num);
		return;
	}
	g_string_append(out, "<sup><a epub:type=\"noteref\" "
	    "class=\"noteref\" id=\"");
	bp_epub_escape(out, id, -1);
	g_string_append(out, "\" href=\"#");
	bp_epub_escape(out, w->note_ids[k], -1);
	g_string_append_printf(out, "\">%d</a></sup>", n->u.fn.num);
}

/* Notes cited in an image's alt text, which holds no markup: after it. */
static void
put_alt_notes(struct xw *w, const struct bp_node *img)
{
	const struct bp_node	*n;

	for (n = first_noteref(img); n != NULL; n = next_node(n, img))
		if (n->type == BP_NODE_FOOTNOTE_REF)
			put_noteref(w, n);
}

/*
 * A list's child that is not an item: lists nested past BP_MAX_DEPTH are
 * flattened, and their paragraphs can land in a list. Each gets an <li>.
 */
static bool
stray_in_list(const struct bp_node *n)
{
	return n->parent != NULL && n->parent->type == BP_NODE_LIST &&
	    n->type != BP_NODE_ITEM;
}

/*
 * Open n. Returns true when n needs leave() (after its children, if it
 * has any), false when n was written whole.
 */
static bool
enter(struct xw *w, const struct bp_node *n)
{
	const char	*id;
	char		*href = NULL;
	gboolean	 opened;
	bool		 down = false;

	if (stray_in_list(n))
		put(w, "<li>");

	/* A paragraph's own children: figures, or text that opens the <p>. */
	if (w->para != NULL && n->parent == w->para) {
		/* Only an image alone in its paragraph is a figure. */
		if ((n->type == BP_NODE_IMAGE || is_image_only(n)) &&
		    n->prev == NULL && n->next == NULL) {
			put_figure(w, n->type == BP_NODE_IMAGE ? n : n->first,
			    n->type == BP_NODE_IMAGE ? NULL : n);
			goto out;
		}
		open_p(w);
	}
	/*
	 * Blocks (the types before BP_NODE_TEXT) start after a pending task
	 * box or back link that found no paragraph to go in.
	 */
	if (n->type < BP_NODE_TEXT && n->type != BP_NODE_PARA &&
	    n->type != BP_NODE_TABLE_ROW && n->type != BP_NODE_TABLE_CELL)
		flush_pending(w);
	down = true;
	switch (n->type) {
	case BP_NODE_PARA:
		/* Pending task boxes and back links go inside the <p>. */
		w->para = n;
		w->p_open = false;
		w->bare = n->parent != NULL && n->parent->type == BP_NODE_ITEM &&
		    n->parent->parent != NULL &&
		    n->parent->parent->u.list.tight;
		if (n->first == NULL)
			open_p(w);
		break;
	case BP_NODE_HEADING:
		g_string_append_printf(w->out, "<h%d",
		    CLAMP(n->u.heading.level, 1, 6));
		if ((id = g_hash_table_lookup(w->node_ids, n)) != NULL)
			put_attr(w, "id", id);
		put(w, ">");
		break;
	case BP_NODE_QUOTE:
		put(w, "<blockquote>\n");
		break;
	case BP_NODE_LIST:
		if (!n->u.list.ordered)
			put(w, "<ul>\n");
		else {
			/* "7)" lists keep their parenthesis (CSS draws it). */
			put(w, n->u.list.delim == ')' ? "<ol class=\"paren\"" :
			    "<ol");
			if (n->u.list.start != 1)
				g_string_append_printf(w->out, " start=\"%d\"",
				    n->u.list.start);
			put(w, ">\n");
		}
		break;
	case BP_NODE_ITEM:
		if (n->u.item.task == BP_TASK_NONE) {
			put(w, "<li>");
			break;
		}
		put(w, "<li class=\"task\">");
		/* Form controls carry an id (EPUBCheck's advice). */
		id = claim_id(w->book, w->art->id, "task");
		g_string_append_printf(w->pending, "<input type=\"checkbox\" "
		    "id=\"%s\" disabled=\"disabled\"%s/> ", id,
		    n->u.item.task == BP_TASK_DONE ? " checked=\"checked\"" :
		    "");
		break;
	case BP_NODE_TABLE:
		put(w, "<table>\n");
		w->thead = w->tbody = false;
		break;
	case BP_NODE_TABLE_ROW:
		open_row(w, n);
		break;
	case BP_NODE_TABLE_CELL:
		down = open_cell(w, n);
		break;
	case BP_NODE_EMPH:
		put(w, "<em>");
		break;
	case BP_NODE_STRONG:
		put(w, "<strong>");
		break;
	case BP_NODE_STRIKE:
		put(w, "<del>");
		break;
	case BP_NODE_LINK:
		href = link_target(w, n);
		opened = href != NULL;
		if (opened) {
			put(w, "<a href=\"");
			put(w, href);
			put(w, "\"");
			if (n->u.link.title != NULL && *n->u.link.title != '\0')
				put_attr(w, "title", n->u.link.title);
			put(w, ">");
			w->in_a++;
		}
		g_array_append_val(w->links, opened);
		break;
	case BP_NODE_DOCUMENT:
	case BP_NODE_FOOTNOTE_DEF:
		break;
	default:
		/* Everything else is written whole. */
		down = false;
		put_leaf(w, n);
		break;
	}
out:
	if (!down && stray_in_list(n))
		put(w, "</li>\n");
	g_free(href);
	return down;
}

/* A node without children of its own to walk. */
static void
put_leaf(struct xw *w, const struct bp_node *n)
{
	const char	*href;

	switch (n->type) {
	case BP_NODE_CODE_BLOCK:
		put_code_block(w, n);
		break;
	case BP_NODE_HTML_BLOCK:
		/* Raw HTML is shown, never passed through. */
		put(w, "<pre class=\"raw-html\"><code>");
		put_text(w, n->text);
		put(w, "</code></pre>\n");
		break;
	case BP_NODE_RULE:
		put(w, "<hr/>\n");
		break;
	case BP_NODE_TEXT:
		put_text(w, n->text);
		break;
	case BP_NODE_SOFTBREAK:
		put(w, "\n");
		break;
	case BP_NODE_LINEBREAK:
		put(w, "<br/>\n");
		break;
	case BP_NODE_CODE:
		put(w, "<code>");
		put_text(w, n->text);
		put(w, "</code>");
		break;
	case BP_NODE_HTML_INLINE:
		put(w, "<code class=\"raw-html\">");
		put_text(w, n->text);
		put(w, "</code>");
		break;
	case BP_NODE_IMAGE:
		/* An image inside running text stays inline. */
		if ((href = image_href(w, n)) != NULL)
			put_img(w, n, href);
		else
			put_placeholder(w, n, false);
		put_alt_notes(w, n);
		break;
	case BP_NODE_FOOTNOTE_REF:
		put_noteref(w, n);
		break;
	default:
		break;
	}
}

static void
leave(struct xw *w, const struct bp_node *n)
{
	gboolean	 opened;

	switch (n->type) {
	case BP_NODE_PARA:
		close_p(w);
		w->para = NULL;
		break;
	case BP_NODE_HEADING:
		g_string_append_printf(w->out, "</h%d>\n",
		    CLAMP(n->u.heading.level, 1, 6));
		break;
	case BP_NODE_QUOTE:
		put(w, "</blockquote>\n");
		break;
	case BP_NODE_LIST:
		put(w, n->u.list.ordered ? "</ol>\n" : "</ul>\n");
		break;
	case BP_NODE_ITEM:
		flush_pending(w);
		put(w, "</li>\n");
		break;
	case BP_NODE_TABLE:
		if (w->thead)
			put(w, "</thead>\n");
		if (w->tbody)
			put(w, "</tbody>\n");
		put(w, "</table>\n");
		w->thead = w->tbody = false;
		break;
	case BP_NODE_TABLE_ROW:
		put(w, "</tr>\n");
		break;
	case BP_NODE_TABLE_CELL:
		put(w, w->thead ? "</th>" : "</td>");
		break;
	case BP_NODE_EMPH:
		put(w, "</em>");
		break;
	case BP_NODE_STRONG:
		put(w, "</strong>");
		break;
	case BP_NODE_STRIKE:
		put(w, "</del>");
		break;
	case BP_NODE_LINK:
		opened = g_array_index(w->links, gboolean, w->links->len - 1);
		g_array_set_size(w->links, w->links->len - 1);
		if (opened) {
			put(w, "</a>");
			w->in_a--;
		}
		/* Note references from the link's text follow it. */
		if (w->links->len == 0 && w->after_a->len > 0) {
			g_string_append_len(w->out, w->after_a->str,
			    (gssize)w->after_a->len);
			g_string_truncate(w->after_a, 0);
		}
		break;
	default:
		break;
	}
	if (stray_in_list(n))
		put(w, "</li>\n");
}

/*
 * Write root's children. Walks without recursion, however deep the input
 * nests: enter() each node, go down into its children when it asks for
 * leave(), and leave() it once they are done.
 */
static void
render(struct xw *w, const struct bp_node *root)
{
	const struct bp_node	*n = root != NULL ? root->first : NULL;

	while (n != NULL) {
		if (enter(w, n)) {
			if (n->first != NULL) {
				n = n->first;
				continue;
			}
			leave(w, n);
		}
		/* Close every parent whose last child this was. */
		while (n != NULL && n->next == NULL) {
			n = n->parent;
			if (n != NULL && n != root)
				leave(w, n);
			else
				n = NULL;
		}
		if (n != NULL)
			n = n->next;
	}
}

/* ------------------------------------------------------------------ */
/* The page around the body                                            */

/* The pack's protective marking, else the article's. */
static void
put_marking(struct xw *w)
{
	const char	*mark = w->book->pack->meta.classification;

	if (mark == NULL || *mark == '\0')
		mark = w->art->meta.classification;
	if (mark == NULL || *mark == '\0')
		return;
	put(w, "<p class=\"marking\">");
	put_text(w, mark);
	put(w, "</p>\n");
}

/* Title, subtitle, byline, source and summary, as in the PDF. */
static void
put_title_block(struct xw *w)
{
	const struct bp_meta	*m = &w->art->meta;
	char			*date = NULL, *authors = NULL, *href = NULL;

	put(w, "<header class=\"title-block\">\n<h1 class=\"title\">");
	put_text(w, bp_epub_title(m->title, w->art->name, w->art->id));
	put(w, "</h1>\n");
	if (m->subtitle != NULL) {
		put(w, "<p class=\"subtitle\">");
		put_text(w, m->subtitle);
		put(w, "</p>\n");
	}
	date = bp_l10n_date(w->lang, &m->date);
	if ((m->authors != NULL && m->authors[0] != NULL) || *date != '\0') {
		put(w, "<p class=\"byline\">");
		if (m->authors != NULL && m->authors[0] != NULL) {
			authors = g_strjoinv(", ", m->authors);
			put_text(w, bp_l10n_word(w->lang, BP_W_BY));
			put(w, " <span class=\"author\">");
			put_text(w, authors);
			put(w, "</span>");
		}
		if (*date != '\0') {
			if (authors != NULL)
				put(w, " <span class=\"sep\">\xc2\xb7</span> ");
			put(w, "<time");
			g_string_append_printf(w->out, " datetime=\"%04d-%02d-%02d\">",
			    m->date.y, m->date.m, m->date.d);
			put_text(w, date);
			put(w, "</time>");
		}
		put(w, "</p>\n");
	}
	if (m->source != NULL) {
		put(w, "<p class=\"source\">");
		put_text(w, bp_l10n_word(w->lang, BP_W_SOURCE));
		put(w, ": ");
		if ((href = bp_epub_link_href(m->source)) != NULL) {
			put(w, "<a");
			put_attr(w, "href", href);
			put(w, ">");
		}
		put_text(w, m->source);
		if (href != NULL)
			put(w, "</a>");
		put(w, "</p>\n");
	}
	if (m->abstract != NULL) {
		put(w, "<div class=\"abstract\">\n<p class=\"abstract-label\">");
		put_text(w, bp_l10n_word(w->lang, BP_W_SUMMARY));
		put(w, "</p>\n<p>");
		put_text(w, m->abstract);
		put(w, "</p>\n</div>\n");
	}
	put(w, "</header>\n");
	g_free(date);
	g_free(authors);
	g_free(href);
}

/* Footnotes after the body: EPUB 3 notes, each with a link back. */
static void
put_notes(struct xw *w)
{
	const struct bp_article	*art = w->art;
	const struct bp_node	*def;
	int			 i, num;

	if (art->nnotes == 0)
		return;
	put(w, "<hr class=\"notes\"/>\n");
	for (i = 0; i < art->nnotes; i++) {
		def = art->notes[i];
		num = def->u.fn.num;
		put(w, "<aside epub:type=\"footnote\" class=\"footnote\"");
		put_attr(w, "id", w->note_ids[i]);
		put(w, ">\n");
		if (w->back_ids[i] != NULL) {
			g_string_append(w->pending, "<a class=\"note-back\" href=\"#");
			bp_epub_escape(w->pending, w->back_ids[i], -1);
			g_string_append_printf(w->pending, "\">%d</a> ", num);
		} else
			g_string_append_printf(w->pending,
			    "<span class=\"note-back\">%d</span> ", num);
		/* A note that does not start with a paragraph gets its own. */
		if (def->first == NULL || def->first->type != BP_NODE_PARA) {
			put(w, "<p>");
			flush_pending(w);
			put(w, "</p>\n");
		}
		render(w, def);
		flush_pending(w);
		put(w, "</aside>\n");
	}
}

/* An article that could not be read: its name and why, as in the PDF. */
static void
put_failed(struct xw *w)
{
	put(w, "<p class=\"failed\"><strong>");
	put_text(w, bp_l10n_word(w->lang, BP_W_ARTICLE_FAILED));
	put(w, "</strong></p>\n<p class=\"failed-reason\">");
	put_text(w, w->art->path);
	put(w, ": ");
	put_text(w, w->art->error != NULL ? w->art->error : "");
	put(w, "</p>\n");
}

void
bp_epub_xhtml_head(GString *out, const char *lang, const char *title)
{
	g_string_append(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
	    "xmlns:epub=\"http://www.idpf.org/2007/ops\" xml:lang=\"");
	bp_epub_escape(out, lang, -1);
	g_string_append(out, "\" lang=\"");
	bp_epub_escape(out, lang, -1);
	g_string_append(out, "\">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>");
	bp_epub_escape(out, title, -1);
	g_string_append(out, "</title>\n<link rel=\"stylesheet\" "
	    "type=\"text/css\" href=\"style.css\"/>\n</head>\n");
}

void
bp_epub_xhtml_article(struct bp_book *book, const struct bp_article *art)
{
	struct xw		 w;
	struct bp_epub_item	*item;
	GPtrArray		*heads;

	memset(&w, 0, sizeof w);
	w.book = book;
	w.art = art;
	w.lang = art->meta.lang != NULL ? art->meta.lang : book->pack->meta.lang;
	if (w.lang == NULL)
		w.lang = "en";
	w.out = g_string_sized_new(16384);
	w.pending = g_string_new(NULL);
	w.after_a = g_string_new(NULL);
	w.links = g_array_new(FALSE, FALSE, sizeof(gboolean));
	w.heading_ids = g_hash_table_new(g_str_hash, g_str_equal);
	w.node_ids = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
	    NULL);
	heads = g_ptr_array_new();
	g_ptr_array_add(book->heads, heads);
	assign_ids(&w, heads);

	bp_epub_xhtml_head(w.out, w.lang, bp_epub_title(art->meta.title,
	    art->name, art->id));
	put(&w, "<body>\n<section epub:type=\"chapter\" class=\"article\"");
	put_attr(&w, "id", art->id);
	put(&w, ">\n");
	put_marking(&w);
	put_title_block(&w);
	if (art->failed || art->body == NULL) {
		put_failed(&w);
		book->failed++;
	} else {
		render(&w, art->body);
		put_notes(&w);
	}
	put_marking(&w);
	put(&w, "</section>\n</body>\n</html>\n");

	item = g_new0(struct bp_epub_item, 1);
	item->id = g_strdup(art->id);
	item->href = g_strconcat(art->id, ".xhtml", NULL);
	item->media_type = "application/xhtml+xml";
	item->len = w.out->len;
	item->data = (unsigned char *)g_string_free(w.out, FALSE);
	g_ptr_array_add(book->docs, item);

	/* Every id string is owned by book->ids. */
	g_free(w.back_ids);
	g_free(w.note_ids);
	g_hash_table_destroy(w.heading_ids);
	g_hash_table_destroy(w.node_ids);
	g_array_free(w.links, TRUE);
	g_string_free(w.pending, TRUE);
	g_string_free(w.after_a, TRUE);
}
