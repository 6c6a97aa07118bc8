/*
 * The saved-page reader's shared state: html.c (file, charset,
 * metadata), html_find.c (page furniture, the article), html_body.c
 * (the article as Markdown). Private to those files.
 * SPDX-License-Identifier: MIT
 */
#ifndef BP_PARSE_HTML_H
#define BP_PARSE_HTML_H

#include "parse/mdout.h"
#include "parse/xml.h"

/* What the reader decided about an element (struct html's marks). */
#define HTML_DROP   0x1u   /* page furniture: left out with what it holds */
#define HTML_TAKEN  0x2u   /* shown in the title block: title, lead, byline */
#define HTML_SKIP   0x4u   /* written elsewhere (a caption) */

/* Enter/exit walk over a subtree, without recursion. */
enum html_event {
	HTML_ENTER,
	HTML_EXIT,
	HTML_DONE
};

struct html_walk {
	xmlNode		*top, *cur;
	enum html_event	 last;
};

struct html {
	htmlDocPtr	 doc;
	xmlNode		*body;      /* <body>, else the root element */
	xmlNode		*root;      /* the article */
	xmlNode		*title;     /* its <h1>, or NULL */
	GHashTable	*marks;     /* xmlNode * -> HTML_* flags */
	struct bp_meta	*meta;
	struct bp_diag	*diag;
	const char	*path;
	char		*base;      /* the page's own URL, for links */
	int		 dropped;   /* furniture notes given */
	/* The table being written: rows a cell above still spans, by
	 * column; the next column; tables open. */
	GArray		*spans;     /* int */
	int		 col;
	int		 tables;
	int		 merged;    /* cells shown empty for colspan/rowspan */
};

void bp_html_walk_init(struct html_walk *, xmlNode *top);
/* The next event; skip: the element just entered is left at once. */
enum html_event bp_html_walk_next(struct html_walk *, bool skip);

/* Element e's flags; set or add flags. */
unsigned bp_html_marks(const struct html *, const xmlNode *e);
void bp_html_mark(struct html *, const xmlNode *e, unsigned flags);
/* Whether e is an element named name (lower case). */
bool bp_html_is(const xmlNode *e, const char *name);
/* An attribute's value (caller frees with g_free), or NULL. */
char *bp_html_attr(const xmlNode *e, const char *name);
/* e's text, white space collapsed and trimmed, dropped parts left out;
 * at most max bytes (cut at a character). Caller frees. */
char *bp_html_text(const struct html *, xmlNode *e, size_t max);

/*
 * html_find.c: mark page furniture (HTML_DROP, with notes) and choose
 * h->root, the article: <article>, else <main>, else the element with
 * the densest prose.
 */
void bp_html_find_article(struct html *h);

/* html_body.c: the article's content as Markdown. */
void bp_html_emit(struct html *h, struct bp_mdout *o);

#endif /* BP_PARSE_HTML_H */
