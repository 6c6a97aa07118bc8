/*
 * EPUB writer internals: escaping and safety checks (escape.c); each
 * article's XHTML: ids (ids.c), images (images.c), the tree walk
 * (xhtml.c), the page around it (frame.c); package document, navigation
 * and cover (package.c); accessibility metadata and colour contrast
 * (a11y.c); the fonts and their subsets (fonts.c); the style sheet
 * (css.c); the zip container (zipw.c). epub.c runs them in order.
 * SPDX-License-Identifier: MIT
 */
#ifndef BP_EPUB_H
#define BP_EPUB_H

#include "bp.h"

/* One file of the publication, relative to EPUB/ in the container. */
struct bp_epub_item {
	char		*href;        /* "a1.xhtml", "img/1.png", ... */
	char		*id;          /* manifest id, an XML name */
	const char	*media_type;
	const char	*properties;  /* manifest properties, or NULL */
	unsigned char	*data;        /* owned */
	size_t		 len;
	bool		 store;       /* zip without compression */
	/* Fonts only: the face this file holds, for @font-face. */
	const char	*family;      /* as the style names it */
	int		 weight;      /* 400, 700 */
	bool		 italic;
};

/* A heading of an article, for the navigation document. */
struct bp_epub_head {
	int		 level;
	char		*id;          /* id in its article's XHTML */
	char		*text;        /* plain text, white space squashed */
};

/*
 * What the accessibility metadata may claim (a11y.c), counted while the
 * XHTML is written and decided from the content, never assumed.
 */
struct bp_epub_a11y {
	int		 images;        /* <img> elements written */
	int		 images_no_alt; /* of those, with an empty alt text */
	bool		 contrast_ok;   /* the style's text colours meet WCAG
	                                 * 2.1 AA (4.5:1) on their backgrounds */
	bool		 page_list;     /* nav.xhtml has a page-list of the
	                                 * printed pack (printPageNumbers) */
};

/* An image as it goes into the bundle (one per image content). */
struct bp_epub_image {
	const char	*href;    /* owned by book->imgs; NULL: refused */
	char		*why;     /* why; NULL when reported at load */
};

/*
 * Everything one bp_epub_write() call builds. Items are owned by their
 * arrays; `ids` holds every id used in any XHTML file of the bundle, so
 * ids are unique across the pack.
 */
struct bp_book {
	const struct bp_pack	*pack;
	const struct bp_style	*style;
	struct bp_diag		*diag;
	GPtrArray		*fonts;   /* bp_epub_item *: this book's font
	                                   * subsets (fonts.c) */
	bool			 toc;     /* nav.xhtml is read in order */
	GHashTable		*ids;     /* char * set */
	GHashTable		*id_next; /* id stem -> next number to try */
	GHashTable		*images;  /* content key -> bp_epub_image * */
	GHashTable		*by_sum;  /* SHA-1 of image data -> href */
	GPtrArray		*docs;    /* bp_epub_item *: a1.xhtml, ... */
	GPtrArray		*imgs;    /* bp_epub_item *: img/1.png, ... */
	GPtrArray		*heads;   /* per article: bp_epub_head *s */
	struct bp_epub_a11y	 a11y;
	int			 placeholders;
	int			 failed;
	/* The printed pages (NULL: none), and where each one's marker
	 * went ("a1.xhtml#page-3", owned; marks.c). */
	const struct bp_pages	*pages;
	char		       **page_hrefs;
	int			 article;   /* index of the one being written */
};

/* Free an item and the data it owns (NULL: nothing). */
void bp_epub_item_free(struct bp_epub_item *);

/*
 * Writing one article's XHTML (frame.c makes it, xhtml.c walks the tree,
 * ids.c fills the id maps, images.c finds images). Paragraphs open lazily
 * (p_open) so that images can stand between them as figures; `pending`
 * holds a task box or a note's back link until the paragraph it belongs
 * in opens.
 */
struct bp_xw {
	struct bp_book		*book;
	const struct bp_article	*art;
	const char		*lang;
	GString			*out;
	GHashTable		*heading_ids; /* model heading id -> our id */
	GHashTable		*node_ids;    /* heading, note ref -> id */
	const char	       **note_ids;    /* id of each of art->notes */
	const char	       **back_ids;    /* id of its first reference */
	GHashTable		*images;      /* bp_image * -> its entry in
	                                       * book->images: this article's
	                                       * structs, each hashed once */
	GString			*pending;
	GString			*after_a;     /* note refs met in a link's text */
	GArray			*links;       /* gboolean per open LINK: <a>? */
	const struct bp_node	*para;        /* paragraph being written */
	bool			 p_open;      /* its <p> (or bare text) began */
	bool			 bare;        /* tight list item: no <p> */
	bool			 thead, tbody;
	int			 in_a;        /* open <a> elements */
	int			 head_level;  /* the last heading's level, as
	                                       * screen readers are told it */
	/*
	 * Page-break markers of the printed pack in this document (marks.c):
	 * node_nums numbers the body's nodes; marks holds the pages that
	 * begin in it, in order, from mark_next on still to write; mark_wait
	 * holds markers due where a <span> may not stand (between <li>s,
	 * <tr>s), until it may. NULL marks: none to write.
	 */
	GHashTable		*node_nums;
	GArray			*marks;       /* guint: index in pages->starts */
	guint			 mark_next;
	GString			*mark_wait;
	const char		*href;        /* this document: "a1.xhtml" */
};

/* ---- escape.c ---- */

/*
 * Append s (len bytes, or up to NUL when len < 0) to out escaped for XML
 * text and attribute values (g_markup_escape_text). Characters XML 1.0
 * does not allow (C0 and C1 controls other than tab, newline and return;
 * U+FFFE, U+FFFF) are dropped; invalid UTF-8 is repaired first.
 */
void bp_epub_escape(GString *out, const char *s, gssize len);

/*
 * The href of a link to url (caller frees; not yet escaped for XML), or
 * NULL when url may not be a link in the EPUB. Only http, https and ftp
 * URLs with a host, and mailto URLs, may: javascript:, data:, file:,
 * relative paths and everything else may not. The host goes out in ASCII
 * (punycode); bytes a URI may not hold are percent-encoded (spaces,
 * non-ASCII, a second '#', a '%' that starts no escape).
 */
char *bp_epub_link_href(const char *url);

/*
 * A title to show: title when it holds more than white space, else
 * fallback when that does, else last (which must).
 */
const char *bp_epub_title(const char *title, const char *fallback,
    const char *last);

/* Append s to out as a quoted CSS string. */
void bp_epub_css_string(GString *out, const char *s);

/*
 * Append s to out as part of an XML id: letters, ASCII digits, '-', '_'
 * and '.' are kept (a run of '-' as one), other characters dropped. The
 * caller puts a letter first.
 */
void bp_epub_xml_id(GString *out, const char *s);

/*
 * Check that an SVG file is safe to put in the bundle: well-formed XML
 * (GMarkup, which expands no entities) whose root is <svg>, with no DOCTYPE
 * internal subset or entity declaration, no <script>, <foreignObject> or
 * other active element, no on* attribute, no link or url() other than a
 * "#fragment" or a data:image/ URI. Returns the bytes to put in the
 * bundle (the file less a harmless DOCTYPE; caller frees, length in
 * *out_len), or NULL with *why set (caller frees) to words that follow
 * `image "x.svg"` in a message.
 */
unsigned char *bp_epub_svg_check(const unsigned char *data, size_t len,
    size_t *out_len, char **why);

/* ---- ids.c ---- */

/*
 * "prefix-base" as an XML id, made unique across the bundle with "-2",
 * "-3", ... (counting on from the last number a stem got, so a thousand
 * task boxes do not search a thousand times). Owned by book->ids.
 */
char *bp_epub_id_claim(struct bp_book *book, const char *prefix,
    const char *base);

/* The position of note `num` in art->notes, or -1. */
int bp_epub_note_index(const struct bp_article *art, int num);

/*
 * Ids before any output, into w's maps (w->note_ids and w->back_ids are
 * new arrays the caller frees; the ids are owned by book->ids): note
 * references first (so a heading can never take a note's id), then
 * headings, which also go to `heads` as new bp_epub_head *s.
 */
void bp_epub_ids_assign(struct bp_xw *w, GPtrArray *heads);

/* ---- images.c ---- */

/* Free an entry of book->images and its `why` (NULL: nothing). */
void bp_epub_image_free(struct bp_epub_image *);

/*
 * The image node img's path in the bundle (owned by book->imgs), or NULL:
 * a placeholder is due, counted in book->placeholders, and warned about
 * here unless the loader reported it. Each image content is checked and
 * added to book->imgs once, in order of first use, whichever struct of
 * the model holds it (book->images is keyed by content).
 */
const char *bp_epub_image_href(struct bp_xw *w, const struct bp_node *img);

/* ---- xhtml.c ---- */

/* A table cell past its table's columns: dropped, as in the PDF. */
bool bp_epub_cell_dropped(const struct bp_node *cell);

/*
 * Write root's children to w->out. Walks without recursion, however deep
 * the input nests.
 */
void bp_epub_xhtml_render(struct bp_xw *w, const struct bp_node *root);

/* Write what w->pending holds (a task box or a note's back link). */
void bp_epub_xhtml_flush(struct bp_xw *w);

/* ---- frame.c ---- */

/*
 * Append the start of an XHTML content document to out: XML declaration,
 * DOCTYPE, <html> in language lang, and the <head> with title and the
 * style sheet, up to </head>.
 */
void bp_epub_xhtml_head(GString *out, const char *lang, const char *title);

/*
 * Render one article as an XHTML content document into a new item of
 * book->docs, and its headings into book->heads. Images it uses are
 * checked and added to book->imgs once each; refused and missing images
 * become placeholders (counted in book->placeholders, warned about when
 * not already reported at load). Without have_body (the caller holds it:
 * bp_article_body_acquire) the article is shown as missing, and why.
 */
void bp_epub_xhtml_article(struct bp_book *, const struct bp_article *,
    bool have_body);

/* ---- marks.c ---- */

/*
 * Start writing the markers of pages that begin in w's document `href`
 * (`doc`; an article: book->article, whose body is body, or NULL when it
 * has none), and write those at its start (BP_AT_START).
 */
void bp_epub_marks_begin(struct bp_xw *w, const char *href,
    enum bp_page_doc doc, const struct bp_node *body);
/*
 * At the entering of body node n: the markers due before it (and, for
 * an image, in its alt text, which is written whole) go out, or wait
 * when a span may not stand here (n's parent is a list, table or row).
 */
void bp_epub_marks_enter(struct bp_xw *w, const struct bp_node *n);
/*
 * After n's start tag (entered) or end tag: waiting markers go once a
 * span may stand there (inside an item or a cell, after a list or table).
 */
void bp_epub_marks_settle(struct bp_xw *w, const struct bp_node *n,
    bool entered);
/*
 * Write text (n's own text, escaped) with the markers due inside it;
 * one inside a word goes before the word.
 */
void bp_epub_marks_text(struct bp_xw *w, const struct bp_node *n,
    const char *text);
/* Write every marker left (BP_AT_END ones, and any not placed) and stop. */
void bp_epub_marks_end(struct bp_xw *w);
/* The markers of the pages that begin in cover or contents (doc) into
 * out, for document href. */
void bp_epub_marks_put_doc(struct bp_book *, GString *out,
    enum bp_page_doc doc, const char *href);
/* The nav's page-list: every page, in order (nothing without pages). */
void bp_epub_marks_page_list(const struct bp_book *, GString *out);

/* ---- package.c ---- */

/* META-INF/container.xml. Caller frees. */
char *bp_epub_package_container(void);
/* The cover page: title, subtitle, date, organisation, marking, count.
 * Caller frees. */
char *bp_epub_package_cover(struct bp_book *);
/* The navigation document: contents with headings nested, landmarks.
 * Caller frees. */
char *bp_epub_package_nav(struct bp_book *);
/*
 * The package document: metadata (identifier from `uuid`, dated `now`),
 * manifest of every item, spine in pack order. Caller frees.
 */
char *bp_epub_package_opf(const struct bp_book *, const char *uuid,
    gint64 now);

/* ---- a11y.c ---- */

/*
 * Whether the style's text colours have WCAG 2.1 AA contrast (4.5:1) on
 * the backgrounds they are drawn on (white, the shade). Each pair that
 * has not is a note to diag (NULL: none), naming the style keys.
 */
bool bp_epub_a11y_contrast(const struct bp_style *, struct bp_diag *);
/*
 * Append the EPUB Accessibility 1.1 metadata (schema.org access modes,
 * features, hazards, summary; dcterms:conformsTo only when book->a11y
 * says the content meets WCAG 2.1 AA) to out, inside <metadata>.
 */
void bp_epub_a11y_metadata(GString *out, const struct bp_book *);

/* ---- fonts.c ---- */

/* The bundled fonts a style uses, read and parsed once per writer. */
struct bp_epub_fonts;

/*
 * Read the bundled font files the style's families use (fonts_dir/
 * <Family>-<Face>.ttf; families without files are left to the reader).
 * Returns the set (caller frees with bp_epub_fonts_free; it may hold no
 * font), or NULL after reporting a file that exists but cannot be read or
 * is not a font.
 */
struct bp_epub_fonts *bp_epub_fonts_new(const struct bp_style *,
    const char *fonts_dir, struct bp_diag *);
void bp_epub_fonts_free(struct bp_epub_fonts *);
/*
 * This book's fonts into book->fonts, as new items: each face its
 * documents (book->docs and the n extra documents, NUL-terminated XHTML:
 * nav, cover) use, as the CSS sets them, subset with HarfBuzz to every
 * character of the book plus the ones CSS and readers draw themselves
 * (ASCII, list bullets, dashes and quotes). A face that cannot be subset
 * goes in whole, with a note.
 */
void bp_epub_fonts_subset(const struct bp_epub_fonts *, struct bp_book *,
    const char *const *extra, size_t n);

/* ---- css.c ---- */

/* The style sheet from book->style, with @font-face for book->fonts.
 * Caller frees. */
char *bp_epub_package_css(const struct bp_book *);

/* ---- zipw.c ---- */

/* A file of the container, in the order it is zipped. */
struct bp_zip_entry {
	const char		*name;     /* path in the container */
	const unsigned char	*data;     /* borrowed */
	size_t			 len;
	bool			 store;    /* no compression */
};

/*
 * Zip entries (the first must be "mimetype": it is stored, like every
 * entry with `store`) in memory with libzip, every entry dated `mtime`
 * (seconds since the epoch, as UTC) and without extra fields, then write
 * the bytes atomically to path. Returns false after reporting.
 */
bool bp_epub_zip_write(const struct bp_zip_entry *, size_t n, gint64 mtime,
    const char *path, struct bp_diag *);

/*
 * Append to w->out (xhtml.c): s as it is; s escaped as XML text; and
 * ` name="value"` with value escaped.
 */
void bp_epub_put(struct bp_xw *, const char *s);
void bp_epub_put_text(struct bp_xw *, const char *s);
void bp_epub_put_attr(struct bp_xw *, const char *name, const char *value);

#endif /* BP_EPUB_H */
