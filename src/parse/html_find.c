/*
 * Saved pages: what is page furniture (menus, banners, asides, forms,
 * hidden parts), and which element holds the article.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "parse/html.h"

/* Text counts of an element, dropped parts left out. */
struct stat {
	long		 text;      /* non-space bytes */
	long		 link;      /* of them, inside links */
	double		 score;     /* Readability's: prose of its children */
	guint		 seq;       /* order met, for ties (determinism) */
};

static const char *const drop_tags[] = {
	"nav", "aside", "form", "button", "input", "select", "textarea",
	"script", "style", "noscript", "template", "iframe", "object",
	"embed", "dialog", "menu", "svg", "canvas", "video", "audio", "map",
	"label", "fieldset", "link", "meta", "frameset", "frame",
};

static const char *const drop_roles[] = {
	"navigation", "banner", "contentinfo", "complementary", "search",
	"dialog", "alertdialog", "menu", "menubar", "toolbar", "tablist",
};

/* Words of class and id values that name furniture. */
static const char *const drop_words[] = {
	"cookie", "cookies", "consent", "gdpr", "share", "sharing", "social",
	"some", "newsletter", "related", "relatert", "comments", "comment",
	"banner", "ad", "ads", "advert", "advertisement", "annonse", "promo",
	"paywall", "subscribe", "subscription", "abonnement", "breadcrumb",
	"breadcrumbs", "brodsmuler", "sidebar", "menu", "nav", "navbar",
	"navigation", "footer", "masthead", "skip", "skiplink", "popup",
	"modal", "toolbar", "tags", "print", "sr", "visually", "pagination",
	"pager", "widget", "recommended", "teaser", "teasers", "more",
};

static bool in_list(const char *s, const char *const *list, size_t n);
static bool has_drop_word(const char *v);
static const char *why_dropped(const xmlNode *e, bool kept_by_class);
static void squeeze(char *s);
static bool is_hidden(const xmlNode *e);
static void protect(GHashTable *prot, xmlNode *e);
static void mark_furniture(struct html *h);
static void count_text(struct html *h, GHashTable *stats);
static xmlNode *largest(GHashTable *stats, const char *name);
static xmlNode *densest(GHashTable *stats);
static struct stat *stat_of(GHashTable *stats, xmlNode *e);
static void note_root(struct html *h, const char *how);

void
bp_html_walk_init(struct html_walk *w, xmlNode *top)
{
	w->top = top;
	w->cur = NULL;
	w->last = HTML_DONE;
}

enum html_event
bp_html_walk_next(struct html_walk *w, bool skip)
{
	if (w->cur == NULL) {
		if (w->top == NULL || w->last == HTML_EXIT)
			return w->last = HTML_DONE;
		w->cur = w->top;
		return w->last = HTML_ENTER;
	}
	if (w->last == HTML_ENTER) {
		if (!skip && w->cur->children != NULL &&
		    w->cur->type == XML_ELEMENT_NODE) {
			w->cur = w->cur->children;
			return w->last = HTML_ENTER;
		}
		return w->last = HTML_EXIT;
	}
	if (w->last == HTML_DONE || w->cur == w->top) {
		w->cur = NULL;
		return w->last = HTML_DONE;
	}
	if (w->cur->next != NULL) {
		w->cur = w->cur->next;
		return w->last = HTML_ENTER;
	}
	w->cur = w->cur->parent;
	return w->last = HTML_EXIT;
}

static bool
in_list(const char *s, const char *const *list, size_t n)
{
	size_t	 i;

	for (i = 0; s != NULL && i < n; i++)
		if (g_ascii_strcasecmp(s, list[i]) == 0)
			return true;
	return false;
}

/* "c-share-bar site_footer" -> words c, share, bar, site, footer. */
static bool
has_drop_word(const char *v)
{
	char	**w;
	bool	 found = false;
	int	 i;

	if (v == NULL)
		return false;
	w = g_strsplit_set(v, " \t\r\n-_", -1);
	for (i = 0; w[i] != NULL && !found; i++)
		found = in_list(w[i], drop_words, G_N_ELEMENTS(drop_words));
	g_strfreev(w);
	return found;
}

/* s lower-cased, without white space. */
static void
squeeze(char *s)
{
	char	*q = s;

	for (; *s != '\0'; s++)
		if (!g_ascii_isspace(*s))
			*q++ = g_ascii_tolower(*s);
	*q = '\0';
}

static bool
is_hidden(const xmlNode *e)
{
	char	*v;
	bool	 hidden = false;

	if (xmlHasProp(e, BAD_CAST "hidden") != NULL)
		return true;
	if ((v = bp_html_attr(e, "aria-hidden")) != NULL)
		hidden = g_ascii_strcasecmp(v, "true") == 0;
	g_free(v);
	v = hidden ? NULL : bp_html_attr(e, "style");
	if (v != NULL) {
		/* "display: none", "visibility:hidden", any spacing. */
		squeeze(v);
		hidden = strstr(v, "display:none") != NULL ||
		    strstr(v, "visibility:hidden") != NULL;
	}
	g_free(v);
	return hidden;
}

/*
 * Why element e is furniture, or NULL. Class, id and role are not
 * trusted on elements that hold the article (kept_by_class).
 */
static const char *
why_dropped(const xmlNode *e, bool kept_by_class)
{
	char		*v = NULL;
	const char	*why = NULL;

	if (in_list((const char *)e->name, drop_tags, G_N_ELEMENTS(drop_tags)))
		why = (const char *)e->name;
	else if (is_hidden(e))
		why = "hidden";
	else if (kept_by_class)
		why = NULL;
	else if ((v = bp_html_attr(e, "role")) != NULL &&
	    in_list(v, drop_roles, G_N_ELEMENTS(drop_roles)))
		why = "role";
	else {
		g_free(v);
		v = bp_html_attr(e, "class");
		if (has_drop_word(v))
			why = "class";
		g_free(v);
		v = bp_html_attr(e, "id");
		if (why == NULL && has_drop_word(v))
			why = "id";
	}
	g_free(v);
	return why;
}

/* e and its ancestors hold the article: their class does not drop them. */
static void
protect(GHashTable *prot, xmlNode *e)
{
	for (; e != NULL && e->type == XML_ELEMENT_NODE; e = e->parent)
		g_hash_table_add(prot, e);
}

/*
 * Page furniture: elements by name, role, hidden state, and the words of
 * class and id; the site's header and footer (outside <article> and
 * <main>). Each is dropped with what it holds.
 */
static void
mark_furniture(struct html *h)
{
	GHashTable	*prot = g_hash_table_new(NULL, NULL);
	struct html_walk w;
	enum html_event	 ev;
	const char	*why;
	xmlNode		*e;
	int		 inside = 0;   /* <article> and <main> around */
	bool		 skip = false;

	bp_html_walk_init(&w, h->body);
	while ((ev = bp_html_walk_next(&w, false)) != HTML_DONE)
		if (ev == HTML_ENTER && (bp_html_is(w.cur, "article") ||
		    bp_html_is(w.cur, "main") || bp_html_is(w.cur, "h1")))
			protect(prot, w.cur);
	bp_html_walk_init(&w, h->body);
	while ((ev = bp_html_walk_next(&w, skip)) != HTML_DONE) {
		skip = false;
		e = w.cur;
		if (e->type != XML_ELEMENT_NODE || e == h->body)
			continue;
		if (bp_html_is(e, "article") || bp_html_is(e, "main")) {
			inside += ev == HTML_ENTER ? 1 : -1;
			continue;
		}
		if (ev != HTML_ENTER)
			continue;
		why = why_dropped(e, g_hash_table_contains(prot, e));
		if (why == NULL && inside == 0 && !g_hash_table_contains(prot,
		    e) && (bp_html_is(e, "header") || bp_html_is(e, "footer")))
			why = "site";
		if (why == NULL && bp_html_is(e, "footer"))
			why = "footer";
		if (why != NULL) {
			bp_html_mark(h, e, HTML_DROP);
			skip = true;
		}
	}
	g_hash_table_destroy(prot);
}

static struct stat *
stat_of(GHashTable *stats, xmlNode *e)
{
	struct stat	*s = g_hash_table_lookup(stats, e);

	if (s == NULL) {
		s = g_new0(struct stat, 1);
		s->seq = g_hash_table_size(stats);
		g_hash_table_insert(stats, e, s);
	}
	return s;
}

/* One pass, children before parents: text, link text, prose scores. */
static void
count_text(struct html *h, GHashTable *stats)
{
	struct html_walk w;
	enum html_event	 ev;
	struct stat	*s, *p;
	const xmlChar	*c;
	xmlNode		*e;
	long		 n, commas;
	int		 links = 0;
	bool		 skip = false;

	bp_html_walk_init(&w, h->body);
	while ((ev = bp_html_walk_next(&w, skip)) != HTML_DONE) {
		e = w.cur;
		skip = false;
		if (e->type == XML_TEXT_NODE && ev == HTML_ENTER &&
		    e->parent != NULL) {
			for (n = 0, c = e->content; c != NULL && *c; c++)
				n += !g_ascii_isspace(*c);
			s = stat_of(stats, e->parent);
			s->text += n;
			if (links > 0)
				s->link += n;
			continue;
		}
		if (e->type != XML_ELEMENT_NODE)
			continue;
		if (ev == HTML_ENTER) {
			skip = (bp_html_marks(h, e) & HTML_DROP) != 0;
			links += bp_html_is(e, "a");
			continue;
		}
		links -= bp_html_is(e, "a");
		if ((s = g_hash_table_lookup(stats, e)) == NULL ||
		    e == h->body || e->parent == NULL)
			continue;
		p = stat_of(stats, e->parent);
		p->text += s->text;
		p->link += s->link;
		/* A paragraph's prose scores its parent, half its grandparent. */
		if ((bp_html_is(e, "p") || bp_html_is(e, "pre") ||
		    bp_html_is(e, "blockquote")) && s->text >= 25) {
			commas = s->text / 100;
			p->score += 1 + MIN(commas, 3);
			if (e->parent->parent != NULL && e->parent != h->body)
				stat_of(stats, e->parent->parent)->score +=
				    (1 + MIN(commas, 3)) / 2.0;
		}
	}
}

/* The element called name (not dropped) with the most text. */
static xmlNode *
largest(GHashTable *stats, const char *name)
{
	GHashTableIter	 it;
	gpointer	 k, v;
	xmlNode		*best = NULL, *e;
	long		 most = 0;
	guint		 seq = 0;
	char		*role;
	bool		 named;

	g_hash_table_iter_init(&it, stats);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		e = k;
		named = bp_html_is(e, name);
		if (!named && strcmp(name, "main") == 0) {
			role = bp_html_attr(e, "role");
			named = role != NULL && strcmp(role, "main") == 0;
			g_free(role);
		}
		if (named && (((struct stat *)v)->text > most ||
		    (((struct stat *)v)->text == most && most > 0 &&
		    ((struct stat *)v)->seq < seq))) {
			most = ((struct stat *)v)->text;
			seq = ((struct stat *)v)->seq;
			best = e;
		}
	}
	return most >= 25 ? best : NULL;
}

/* Readability's choice: prose score less its share of link text. */
static xmlNode *
densest(GHashTable *stats)
{
	GHashTableIter	 it;
	gpointer	 k, v;
	struct stat	*s;
	xmlNode		*best = NULL;
	double		 top = 0, score;
	guint		 seq = 0;

	g_hash_table_iter_init(&it, stats);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		s = v;
		if (s->score <= 0 || s->text == 0)
			continue;
		score = s->score * (1.0 - (double)s->link / (double)s->text);
		/* Ties go to the earlier element in the page. */
		if (score > top || (score == top && best != NULL &&
		    s->seq < seq)) {
			top = score;
			seq = s->seq;
			best = k;
		}
	}
	return best;
}

static void
note_root(struct html *h, const char *how)
{
	bp_diag(h->diag, BP_NOTE, (int)xmlGetLineNo(h->root), 0,
	    "the article is %s <%s>", how, h->root->name);
}

void
bp_html_find_article(struct html *h)
{
	GHashTable	*stats = g_hash_table_new_full(NULL, NULL, NULL, g_free);

	mark_furniture(h);
	count_text(h, stats);
	if ((h->root = largest(stats, "article")) != NULL)
		note_root(h, "the page's");
	else if ((h->root = largest(stats, "main")) != NULL)
		note_root(h, "the page's main part,");
	else if ((h->root = densest(stats)) != NULL)
		note_root(h, "the densest text, in");
	else
		h->root = h->body;
	g_hash_table_destroy(stats);
}
