/*
 * Document model: articles, packs and the node tree, allocated in a
 * per-article arena so one free releases a whole article.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "bp.h"

#define ARENA_BLOCK 65536

/* A list of blocks; objects never move and are freed all at once. */
struct arena_block {
	struct arena_block	*next;
	size_t			 used, size;
	max_align_t		 data[];
};

struct bp_arena {
	struct arena_block	*head;
};

static void *arena_alloc(struct bp_arena *, size_t);
static void image_free(gpointer);
static void arena_clear(struct bp_arena *);

static const char *const node_type_names[BP_NODE__MAX] = {
	"document", "para", "heading", "quote", "list", "item", "code_block",
	"html_block", "rule", "table", "row", "cell", "footnote_def",
	"text", "softbreak", "linebreak", "code", "html_inline", "emph",
	"strong", "strike", "link", "image", "footnote_ref",
};
G_STATIC_ASSERT(G_N_ELEMENTS(node_type_names) == BP_NODE__MAX);

static void *
arena_alloc(struct bp_arena *a, size_t n)
{
	struct arena_block	*b = a->head;
	size_t			 size;
	void			*p;

	n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (b == NULL || b->used + n > b->size) {
		size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		b = g_malloc(sizeof *b + size);
		b->size = size;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	p = (char *)b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

static void
image_free(gpointer p)
{
	struct bp_image	*img = p;

	if (img == NULL)
		return;
	g_free(img->path);
	g_free(img->data);
	g_free(img->problem);
	g_free(img);
}

struct bp_article *
bp_article_new(const char *path)
{
	struct bp_article	*art = g_new0(struct bp_article, 1);
	char			*base = NULL;

	art->path = g_strdup(path);
	if (strcmp(path, "-") == 0)
		art->name = g_strdup("stdin");
	else {
		base = g_path_get_basename(path);
		if (g_str_has_suffix(base, ".md"))
			base[strlen(base) - 3] = '\0';
		else if (g_str_has_suffix(base, ".markdown"))
			base[strlen(base) - 9] = '\0';
		art->name = base;
	}
	art->arena = g_new0(struct bp_arena, 1);
	art->images = g_ptr_array_new_with_free_func(image_free);
	return art;
}

static void
arena_clear(struct bp_arena *a)
{
	struct arena_block	*b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		g_free(b);
	}
	a->head = NULL;
}

void
bp_article_drop_body(struct bp_article *art)
{
	if (art == NULL || art->source == NULL)
		return;
	arena_clear(art->arena);
	g_ptr_array_set_size(art->images, 0);
	g_free(art->notes);
	art->notes = NULL;
	art->nnotes = 0;
	art->body = NULL;
}

void
bp_article_free(struct bp_article *art)
{
	if (art == NULL)
		return;
	arena_clear(art->arena);
	g_free(art->arena);
	bp_meta_clear(&art->meta);
	g_ptr_array_free(art->images, TRUE);
	g_free(art->notes);
	g_free(art->source);
	g_free(art->path);
	g_free(art->name);
	g_free(art->id);
	g_free(art->error);
	g_free(art);
}

struct bp_pack *
bp_pack_new(void)
{
	struct bp_pack	*pack = g_new0(struct bp_pack, 1);

	pack->articles = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)bp_article_free);
	return pack;
}

void
bp_pack_free(struct bp_pack *pack)
{
	if (pack == NULL)
		return;
	bp_meta_clear(&pack->meta);
	g_ptr_array_free(pack->articles, TRUE);
	g_free(pack->path);
	g_free(pack);
}

void
bp_meta_clear(struct bp_meta *m)
{
	if (m == NULL)
		return;
	g_free(m->title);
	g_free(m->subtitle);
	g_strfreev(m->authors);
	g_free(m->date_text);
	g_free(m->lang);
	g_free(m->source);
	g_free(m->abstract);
	g_strfreev(m->keywords);
	g_free(m->classification);
	g_free(m->organisation);
	g_free(m->style);
	memset(m, 0, sizeof *m);
}

const char *
bp_article_strdup(struct bp_article *art, const char *s, gssize len)
{
	char	*p;
	size_t	 n;

	if (s == NULL)
		return NULL;
	n = len < 0 ? strlen(s) : (size_t)len;
	p = arena_alloc(art->arena, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void *
bp_article_alloc(struct bp_article *art, size_t n)
{
	return arena_alloc(art->arena, n);
}

struct bp_node *
bp_node_new(struct bp_article *art, enum bp_node_type type, int line, int col)
{
	struct bp_node	*n = arena_alloc(art->arena, sizeof *n);

	n->type = type;
	n->line = line;
	n->col = col;
	return n;
}

void
bp_node_append(struct bp_node *parent, struct bp_node *child)
{
	child->parent = parent;
	child->prev = parent->last;
	child->next = NULL;
	if (parent->last != NULL)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
}

const char *
bp_node_type_name(enum bp_node_type t)
{
	return t < BP_NODE__MAX ? node_type_names[t] : "?";
}

/* Iterative walk: depth is bounded by the parser but need not be here. */
char *
bp_node_plain_text(const struct bp_node *root)
{
	GString			*s = g_string_new(NULL);
	const struct bp_node	*n = root;

	if (root == NULL)
		return g_string_free(s, FALSE);
	for (;;) {
		switch (n->type) {
		case BP_NODE_TEXT:
		case BP_NODE_CODE:
		case BP_NODE_HTML_INLINE:
			g_string_append(s, n->text);
			break;
		case BP_NODE_SOFTBREAK:
		case BP_NODE_LINEBREAK:
			g_string_append_c(s, ' ');
			break;
		default:
			break;
		}
		if (n->first != NULL && n->type != BP_NODE_FOOTNOTE_REF) {
			n = n->first;
			continue;
		}
		while (n != root && n->next == NULL)
			n = n->parent;
		if (n == root)
			break;
		n = n->next;
	}
	return g_string_free(s, FALSE);
}

void
bp_pack_fill_defaults(struct bp_pack *pack, const char *folder)
{
	struct bp_meta		*m = &pack->meta;
	const struct bp_article	*first = pack->articles->len > 0 ?
	    g_ptr_array_index(pack->articles, 0) : NULL;
	GDateTime		*dt;

	if (m->title == NULL) {
		if (pack->articles->len == 1 && first != NULL)
			m->title = g_strdup(first->meta.title);
		else if (folder != NULL)
			m->title = g_path_get_basename(folder);
		else
			m->title = g_strdup("Briefing");
	}
	if (m->lang == NULL)
		m->lang = g_strdup(first != NULL && first->meta.lang != NULL ?
		    first->meta.lang : "en");
	if (pack->articles->len == 1 && first != NULL) {
		if (m->subtitle == NULL && first->meta.subtitle != NULL)
			m->subtitle = g_strdup(first->meta.subtitle);
		if (m->authors == NULL && first->meta.authors != NULL)
			m->authors = g_strdupv(first->meta.authors);
		if (m->classification == NULL && first->meta.classification)
			m->classification = g_strdup(first->meta.classification);
		if (m->date.y == 0 && first->meta.date.y != 0)
			m->date = first->meta.date;
		if (m->abstract == NULL && first->meta.abstract != NULL)
			m->abstract = g_strdup(first->meta.abstract);
	}
	if (m->date.y == 0) {
		dt = g_date_time_new_from_unix_utc(bp_util_build_time());
		m->date.y = g_date_time_get_year(dt);
		m->date.m = g_date_time_get_month(dt);
		m->date.d = g_date_time_get_day_of_month(dt);
		g_date_time_unref(dt);
	}
}
