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

/* One distinct marking among a pack's articles: the first to carry it. */
struct mark {
	const char	*name;    /* as that article writes it */
	char		*key;     /* marking_key(name) */
	const char	*path;    /* that article */
	int		 rank;    /* -1: the style does not rank it */
};

static void *arena_alloc(struct bp_arena *a, size_t n);
static void image_free(gpointer p);
static void arena_clear(struct bp_arena *a);
static char *marking_key(const char *s);
static int marking_rank(const struct bp_style *st, const char *key);
static void decide_langs(struct bp_pack *pack, bool pack_own,
    struct bp_diag *diag);
static void pick_marking(struct bp_pack *pack, const struct bp_style *st,
    struct bp_diag *diag);

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
	g_free(img->key);
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
	size_t			 n;

	art->path = g_strdup(path);
	if (strcmp(path, "-") == 0)
		art->name = g_strdup("stdin");
	else {
		/* "notat.md", "NOTAT.MD", "notat.markdown", "notat.txt" -> "notat". */
		base = g_path_get_basename(path);
		n = strlen(base);
		if (n > 3 && g_ascii_strcasecmp(base + n - 3, ".md") == 0)
			base[n - 3] = '\0';
		else if (n > 9 &&
		    g_ascii_strcasecmp(base + n - 9, ".markdown") == 0)
			base[n - 9] = '\0';
		else if (n > 4 && g_ascii_strcasecmp(base + n - 4, ".txt") == 0)
			base[n - 4] = '\0';
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
bp_article_let_go(struct bp_article *art, struct bp_body_source *source)
{
	if (art == NULL)
		return;
	if (source != NULL) {
		if (art->source != NULL)
			art->source->free(art->source);
		art->source = source;
	}
	if (art->source == NULL)
		return;
	arena_clear(art->arena);
	g_free(art->notes);
	art->notes = NULL;
	art->nnotes = 0;
	art->body = NULL;
}

/*
 * The article is the writer's to read, never to change; its body is the
 * model's cache, made and let go here through the source's own pointer
 * to the article (parse/ keeps it when it installs the source).
 */
static const char body_lost[] = "the article could not be parsed again for "
    "writing (out of memory)";

bool
bp_article_body_acquire(const struct bp_article *art, struct bp_diag *diag)
{
	if (art == NULL || art->failed)
		return false;
	if (art->body == NULL && art->source != NULL &&
	    !art->source->make(art->source))
		bp_diag_at(diag, art->path, BP_ERROR, 0, 0, "%s", body_lost);
	return art->body != NULL;
}

const char *
bp_article_why_missing(const struct bp_article *art)
{
	if (art->failed && art->error != NULL)
		return art->error;
	return body_lost;
}

void
bp_article_body_release(const struct bp_article *art)
{
	if (art != NULL && art->source != NULL)
		art->source->drop(art->source);
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
	if (art->source != NULL)
		art->source->free(art->source);
	g_free(art->lang);
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
	if (pack->refused != NULL)
		g_hash_table_destroy(pack->refused);
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
	g_free(m->exempt);
	g_strfreev(m->distribution);
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

/* Note references stand for their note: their label is not text. */
char *
bp_node_plain_text(const struct bp_node *root)
{
	GString			*s = g_string_new(NULL);
	struct bp_iter		 it;
	const struct bp_node	*n;

	bp_iter_init(&it, root);
	while (bp_iter_next(&it) != BP_EVENT_DONE) {
		if (it.event != BP_EVENT_ENTER)
			continue;
		n = it.node;
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
	}
	return g_string_free(s, FALSE);
}

/*
 * How markings compare: NFC, case folded, runs of white space as one
 * space ("Strengt  hemmelig" is "STRENGT HEMMELIG"). Caller frees.
 */
static char *
marking_key(const char *s)
{
	GString	*key = g_string_new(NULL);
	char	*nfc, *fold, **words;
	int	 i;

	if ((nfc = g_utf8_normalize(s, -1, G_NORMALIZE_DEFAULT_COMPOSE)) ==
	    NULL)
		nfc = g_utf8_make_valid(s, -1);
	fold = g_utf8_casefold(nfc, -1);
	words = g_strsplit_set(fold, " \t\r\n", -1);
	for (i = 0; words[i] != NULL; i++) {
		if (*words[i] == '\0')
			continue;
		if (key->len > 0)
			g_string_append_c(key, ' ');
		g_string_append(key, words[i]);
	}
	g_strfreev(words);
	g_free(fold);
	g_free(nfc);
	return g_string_free(key, FALSE);
}

/* The style's rank of a marking (by its key), or -1 if it has none. */
static int
marking_rank(const struct bp_style *st, const char *key)
{
	char	*k;
	int	 i, rank = -1;

	for (i = 0; st != NULL && i < st->nmarkings && rank < 0; i++) {
		k = marking_key(st->markings[i].name);
		if (strcmp(k, key) == 0)
			rank = st->markings[i].rank;
		g_free(k);
	}
	return rank;
}

/*
 * The pack's marking: its own when set (an article marked above it is a
 * warning, since the pack's marking is the one on every page), else the
 * highest of its articles'. A marking the style does not rank counts as
 * above every one it does (over-marking is the safe mistake), with a
 * warning; of several such, the first article's wins, with a warning
 * that names them all. Equal ranks keep the first article's spelling.
 */
static void
pick_marking(struct bp_pack *pack, const struct bp_style *st,
    struct bp_diag *diag)
{
	GArray			*marks = g_array_new(FALSE, TRUE,
	    sizeof(struct mark));
	GString			*names = NULL;
	const struct bp_article	*art;
	struct mark		 m, *mk, *best = NULL, *unknown = NULL;
	char			*own_key = NULL;
	const char		*own = pack->meta.classification;
	int			 own_rank, nunknown = 0;
	guint			 i, k;

	/* An empty marking of its own is none ("-M classification="). */
	if (own != NULL && *own == '\0') {
		g_free(pack->meta.classification);
		pack->meta.classification = NULL;
		own = NULL;
	}

	/* The distinct markings of the articles, in article order. */
	for (i = 0; i < pack->articles->len; i++) {
		art = g_ptr_array_index(pack->articles, i);
		if (art->meta.classification == NULL ||
		    *art->meta.classification == '\0')
			continue;
		m.key = marking_key(art->meta.classification);
		for (k = 0; k < marks->len; k++)
			if (strcmp(g_array_index(marks, struct mark, k).key,
			    m.key) == 0)
				break;
		if (k < marks->len) {
			g_free(m.key);
			continue;
		}
		m.name = art->meta.classification;
		m.path = art->path;
		m.rank = marking_rank(st, m.key);
		g_array_append_val(marks, m);
	}

	if (own != NULL) {
		own_key = marking_key(own);
		own_rank = marking_rank(st, own_key);
		for (k = 0; k < marks->len; k++) {
			mk = &g_array_index(marks, struct mark, k);
			if (strcmp(mk->key, own_key) == 0)
				continue;
			if (own_rank >= 0 && (mk->rank < 0 ||
			    mk->rank > own_rank))
				bp_diag_at(diag, mk->path, BP_WARNING, 0, 0,
				    "marked \"%s\", above the pack's own "
				    "marking \"%s\" (manifest or -M), which is "
				    "the one printed on every page", mk->name,
				    own);
			else if (own_rank < 0 && mk->rank < 0)
				bp_diag_at(diag, mk->path, BP_WARNING, 0, 0,
				    "marked \"%s\", which the style's "
				    "\"markings\" cannot rank against the "
				    "pack's own marking \"%s\" (manifest or "
				    "-M), the one printed on every page",
				    mk->name, own);
		}
		goto out;
	}

	/* The highest known marking; unknown ones rank above it. */
	for (k = 0; k < marks->len; k++) {
		mk = &g_array_index(marks, struct mark, k);
		if (mk->rank < 0) {
			if (unknown == NULL)
				unknown = mk;
			nunknown++;
		} else if (best == NULL || mk->rank > best->rank)
			best = mk;
	}
	if (nunknown > 1) {
		names = g_string_new(NULL);
		for (k = 0; k < marks->len; k++) {
			mk = &g_array_index(marks, struct mark, k);
			if (mk->rank < 0)
				g_string_append_printf(names, "%s\"%s\" (%s)",
				    names->len > 0 ? ", " : "", mk->name,
				    mk->path);
		}
		bp_diag_at(diag, NULL, BP_WARNING, 0, 0, "the articles' "
		    "markings %s are not in the style's \"markings\" list, "
		    "so they cannot be ranked; the pack is marked \"%s\", the "
		    "first of them", names->str, unknown->name);
	} else if (unknown != NULL && best != NULL)
		bp_diag_at(diag, unknown->path, BP_WARNING, 0, 0,
		    "marking \"%s\" is not in the style's \"markings\" list; "
		    "it is taken to rank above all of them (above \"%s\"), so "
		    "the pack is marked \"%s\"", unknown->name, best->name,
		    unknown->name);
	if (unknown != NULL)
		best = unknown;
	if (best != NULL)
		pack->meta.classification = g_strdup(best->name);
out:
	for (k = 0; k < marks->len; k++)
		g_free(g_array_index(marks, struct mark, k).key);
	g_array_free(marks, TRUE);
	if (names != NULL)
		g_string_free(names, TRUE);
	g_free(own_key);
}

/*
 * One language per article, decided here and asked for by everyone:
 * its own lang, else the manifest's or -M lang (pack_own), else the one
 * guessed from its text at loading (a note says so), else the pack's
 * (the first article's, else English). A guess that could not tell is a
 * note too, so a wrong fallback can be found.
 */
static void
decide_langs(struct bp_pack *pack, bool pack_own, struct bp_diag *diag)
{
	struct bp_article	*art;
	const struct bp_lang_guess *g;
	const char		*lang;
	char			*why;
	guint			 k;

	for (k = 0; k < pack->articles->len; k++) {
		art = g_ptr_array_index(pack->articles, k);
		g = &art->guess;
		lang = art->meta.lang != NULL ? art->meta.lang : pack->meta.lang;
		if (art->meta.lang == NULL && !pack_own && g->lang[0] != '\0') {
			lang = g->lang;
			bp_diag_at(diag, art->path, BP_NOTE, 0, 0, "language "
			    "guessed: %s (set lang: to silence this)", lang);
		} else if (art->meta.lang == NULL && !pack_own && g->done &&
		    !art->failed) {
			why = bp_lang_guess_why(g);
			bp_diag_at(diag, art->path, BP_NOTE, 0, 0, "language "
			    "not guessed: %s; using %s (set lang: to choose)",
			    why, lang);
			g_free(why);
		}
		g_free(art->lang);
		art->lang = g_strdup(lang);
	}
}

void
bp_pack_fill_defaults(struct bp_pack *pack, const char *folder,
    const struct bp_style *st, struct bp_diag *diag)
{
	struct bp_meta		*m = &pack->meta;
	const struct bp_article	*first = pack->articles->len > 0 ?
	    g_ptr_array_index(pack->articles, 0) : NULL;
	GDateTime		*dt;
	bool			 own_lang = m->lang != NULL;

	if (m->title == NULL) {
		if (pack->articles->len == 1 && first != NULL)
			m->title = g_strdup(first->meta.title);
		else if (folder != NULL)
			m->title = g_filename_display_basename(folder);
		else
			m->title = g_strdup("Briefing");
	}
	/* The first article's language: its own, else its text's. */
	if (m->lang == NULL)
		m->lang = g_strdup(first == NULL ? "en" :
		    first->meta.lang != NULL ? first->meta.lang :
		    first->guess.lang[0] != '\0' ? first->guess.lang : "en");
	if (pack->articles->len == 1 && first != NULL) {
		if (m->subtitle == NULL && first->meta.subtitle != NULL)
			m->subtitle = g_strdup(first->meta.subtitle);
		if (m->authors == NULL && first->meta.authors != NULL)
			m->authors = g_strdupv(first->meta.authors);
		if (m->date.y == 0 && first->meta.date.y != 0)
			m->date = first->meta.date;
		if (m->abstract == NULL && first->meta.abstract != NULL)
			m->abstract = g_strdup(first->meta.abstract);
	}
	pick_marking(pack, st, diag);
	decide_langs(pack, own_lang, diag);
	if (m->date.y == 0) {
		dt = g_date_time_new_from_unix_utc(bp_util_build_time());
		m->date.y = g_date_time_get_year(dt);
		m->date.m = g_date_time_get_month(dt);
		m->date.d = g_date_time_get_day_of_month(dt);
		g_date_time_unref(dt);
	}
}

bool
bp_pack_has_contents(const struct bp_pack *pack, const struct bp_style *st,
    int toc)
{
	if (toc >= 0)
		return toc > 0;
	if (st->toc >= 0)
		return st->toc > 0;
	return pack->articles->len >= 2;
}

bool
bp_pack_has_cover(const struct bp_pack *pack, const struct bp_style *st,
    int cover)
{
	if (cover >= 0)
		return cover > 0;
	if (st->cover >= 0)
		return st->cover > 0;
	return pack->articles->len >= 2;
}
