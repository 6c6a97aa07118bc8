/*
 * The PDF's logical structure (PDF/UA, PDF/A-2a): which structure
 * element each painted piece belongs to, recorded by layout and painting
 * (pdf/tags.c), and written as the structure tree by the finishing step
 * (pdf/archive.c) after Cairo is done. Cairo 1.16 cannot write this tree
 * itself (no attributes, marked content only on leaves, no artifacts), so
 * the painter only brackets each piece in a leaf tag that Cairo marks
 * with an MCID, and the tree is built from this record.
 * SPDX-License-Identifier: MIT
 */
#ifndef BP_PDF_TAGS_H
#define BP_PDF_TAGS_H

#include <glib.h>
#include <stdbool.h>

/* Standard structure types (ISO 32000-1, 14.8.4) briefpack writes. */
enum bp_tag {
	BP_TAG_DOCUMENT,
	BP_TAG_SECT,        /* one article (its /Lang), the cover, contents */
	BP_TAG_H1,
	BP_TAG_H2,
	BP_TAG_H3,
	BP_TAG_H4,
	BP_TAG_H5,
	BP_TAG_H6,
	BP_TAG_P,
	BP_TAG_L,
	BP_TAG_LI,
	BP_TAG_LBL,
	BP_TAG_LBODY,
	BP_TAG_TABLE,
	BP_TAG_TR,
	BP_TAG_TH,          /* /Scope /Column */
	BP_TAG_TD,
	BP_TAG_FIGURE,      /* /Alt */
	BP_TAG_CAPTION,
	BP_TAG_BLOCKQUOTE,
	BP_TAG_NOTE,
	BP_TAG_CODE,
	BP_TAG_LINK,        /* its annotation(s) as OBJR kids */
	BP_TAG_TOC,
	BP_TAG_TOCI,
	BP_TAG__MAX
};

/* The PDF name of a structure type ("H1", "LBody"). Static string. */
const char *bp_tag_name(enum bp_tag);

/* One structure element. Strings are owned by the record (or the flow
 * holding it, layout.h). */
struct bp_selem {
	enum bp_tag	 tag;
	int		 parent;     /* element index; -1 for the Document */
	char		*alt;        /* Figure: alt text (NULL: none) */
	char		*lang;       /* Sect of an article: BCP 47 (NULL) */
	bool		 attached;   /* already a kid of its parent */
	int		 last_kid;   /* the highest element attached as its
	                              * kid, notes aside (0: none) */
};

/* What an element holds, in reading order. */
enum bp_skid_kind {
	BP_SKID_ELEM,       /* a child element */
	BP_SKID_MCID,       /* a marked-content sequence on a page */
	BP_SKID_ANNOT,      /* a link annotation on a page */
	BP_SKID__MAX
};

struct bp_skid {
	int		 elem;       /* the element holding it */
	enum bp_skid_kind kind;
	int		 child;      /* BP_SKID_ELEM: the child element */
	int		 page;       /* 1-based, for MCID and ANNOT */
	int		 seq;        /* MCID: the n-th marked-content
	                              * sequence on the page (0-based, in
	                              * content-stream order); ANNOT: the n-th
	                              * entry of the page's /Annots */
};

/*
 * The document's record: element 0 is the Document. Kids are appended
 * in reading order as pieces are painted; an element is attached to its
 * parent (and its parent to its own, up to the Document) when its first
 * piece is painted, so empty elements never appear. Elements are made in
 * source order, and an element painted after a later sibling (a figure
 * floated to the next page) is attached before it: the tree keeps the
 * source order; notes stay where their page put them.
 */
struct bp_tagging {
	GArray		*elems;      /* struct bp_selem */
	GArray		*kids;       /* struct bp_skid */
};

struct bp_tagging *bp_tagging_new(void);
void bp_tagging_free(struct bp_tagging *);
/* A new element under parent (an index; -1: the Document). */
int bp_tagging_add(struct bp_tagging *, enum bp_tag, int parent);
/*
 * Append n elements made elsewhere (one flow's, laid out on a worker):
 * their parents are indices into elems, -1 meaning root (an element of
 * t). Strings are copied. Returns the index elems[0] gets; element i
 * is then that + i.
 */
int bp_tagging_append(struct bp_tagging *, const struct bp_selem *elems,
    guint n, int root);
/* Set an element's alt text or language (copied; NULL or "": none). */
void bp_tagging_set_alt(struct bp_tagging *, int elem, const char *alt);
void bp_tagging_set_lang(struct bp_tagging *, int elem, const char *lang);
enum bp_tag bp_tagging_get_tag(const struct bp_tagging *, int elem);
/*
 * A piece of elem painted as the page's next marked-content sequence
 * (seq) or next annotation: attaches elem and its ancestors first.
 */
void bp_tagging_mcid(struct bp_tagging *, int elem, int page, int seq);
void bp_tagging_annot(struct bp_tagging *, int elem, int page, int seq);
/*
 * The record as text (tests, BP_DEBUG_TAGS): "elem INDEX TYPE PARENT
 * [unused] [lang=L] [alt=\"A\"]" lines, then "kid ELEM elem CHILD" and
 * "kid ELEM mcid|annot PAGE SEQ" lines in order. Caller frees.
 */
char *bp_tagging_dump(const struct bp_tagging *);
/* With BP_DEBUG_TAGS=FILE in the environment, write the dump to FILE. */
void bp_tagging_debug(const struct bp_tagging *);

#endif /* BP_PDF_TAGS_H */
