/*
 * The finishing step: Cairo's PDF made into PDF/A-2 and PDF/UA-1 with
 * libqpdf (archive.c), its metadata (xmp.c), artifacts in the content
 * streams (content.c) and the structure tree from the painter's record
 * (stree.c). Only these files and pdf.c include it.
 * SPDX-License-Identifier: MIT
 */
#ifndef BP_PDF_ARCHIVE_H
#define BP_PDF_ARCHIVE_H

#include "bp.h"
#include "pdf/qpdf.h"
#include "pdf/tags.h"

/* ---- archive.c ---- */

struct bp_archive_opts {
	const struct bp_pack	*pack;        /* metadata; link targets */
	const struct bp_tagging	*tags;        /* NULL or empty: no tree */
	unsigned		 standard;    /* BP_PDF_STD_* asked (not 0) */
	GBytes			*icc;         /* icc/sRGB.icc's bytes */
	GHashTable		*start_pages; /* article -> first page; NULL */
	int			 jobs;        /* threads for content streams */
};

/*
 * Make Cairo's finished PDF (pdf, len bytes) into what opts->standard
 * asks for: metadata, output intent, artifacts, the structure tree, a
 * deterministic ID; claiming only what holds (*claimed: BP_PDF_STD_*).
 * pdf is altered on the way (Cairo's own structure elements are marked
 * free in its cross-reference table). Messages name path. Returns false
 * after reporting; else *out is the new file, which the caller releases
 * with g_bytes_unref.
 */
bool bp_archive_run(const struct bp_archive_opts *, void *pdf,
    size_t len, const char *path, struct bp_diag *, GBytes **out,
    unsigned *claimed);

/*
 * One run of the finishing step, shared by archive.c (the steps in
 * order, catalog, metadata, content) and objects.c (pages,
 * annotations, fonts, images).
 */
struct workers;
struct bp_archive {
	const struct bp_archive_opts *o;
	qpdf_data		 q;
	const char		*path;
	struct bp_diag		*diag;
	struct bp_apage		*pages;       /* npages of them */
	int			 npages;
	bool			 content_ok;  /* every page's content read */
	char			*why_not;     /* why not 'a' and 'ua' */
	bool			 bad_font;    /* a font is not embedded */
	struct workers		*w;           /* marking the pages' content */
	GThread		       **threads;
	int			 nthreads;
	gint64			 t0;          /* when the run began */
	bool			 trace;       /* BP_DEBUG_ARCHIVE: time steps */
};

/* Whether dict's key is the name ("/Link"). */
bool bp_archive_is_name(qpdf_data, qpdf_oh dict, const char *key,
    const char *name);
/* dict's key as UTF-8 text (caller frees); NULL when it is no string. */
char *bp_archive_get_text(qpdf_data, qpdf_oh dict, const char *key);
/* The document's language: the pack's, else its first article's, "en". */
const char *bp_archive_get_lang(const struct bp_pack *);
/* Set dict's key to a new name ("/Table"), integer or text (UTF-8). */
void bp_archive_set_name(qpdf_data, qpdf_oh dict, const char *key,
    const char *name);
void bp_archive_set_int(qpdf_data, qpdf_oh dict, const char *key,
    long long value);
void bp_archive_set_text(qpdf_data, qpdf_oh dict, const char *key,
    const char *utf8);

/* ---- objects.c ---- */

/*
 * Cairo's own structure elements, structure tree root and parent tree
 * marked free in its cross-reference table (pdf, len bytes, altered),
 * so qpdf never parses what the finishing step throws away.
 */
void bp_archive_hide_cairo_tree(unsigned char *pdf, size_t len);
/*
 * Fill a->pages (page objects, annotations) and fix the annotations:
 * printable, described (/Contents), tabbed in structure order; Cairo's
 * parent-tree keys removed. qpdf errors are left for the caller.
 */
void bp_archive_fix_pages(struct bp_archive *a);
/*
 * Every font and image the pages use, through forms, patterns and soft
 * masks: fonts checked embedded (an error names the font) and
 * completed, /Interpolate dropped. Returns false after reporting.
 */
bool bp_archive_fix_resources(struct bp_archive *a);

/* ---- content.c ---- */

/* What bp_content_mark found in one page's content. */
struct bp_content_marks {
	GArray		*mcids;       /* int: the MCID of each sequence that
	                               * has one, in stream order (the
	                               * caller makes it) */
	guint		 artifacts;   /* artifact sequences added */
	guint		 unbalanced;  /* q/Q, BT/ET, BMC/EMC that do not pair */
};

/*
 * Copy a page's content (in, len bytes, decoded) to out with everything
 * painted outside marked content that has an MCID or is an artifact
 * wrapped in "/Artifact BMC ... EMC", nested properly with q/Q, BT/ET
 * and other sequences; fills marks. Returns false with *why (a static
 * string) when the stream cannot be read (an unclosed string, an
 * inline image without EI); out is then incomplete.
 */
bool bp_content_mark(const unsigned char *in, size_t len, GByteArray *out,
    struct bp_content_marks *marks, const char **why);

/* ---- xmp.c ---- */

/* The document's metadata, as the Info dictionary holds it (UTF-8). */
struct bp_xmp {
	unsigned	 claimed;     /* BP_PDF_STD_* */
	const char	*title;
	const char	*author;      /* as in Info: names joined by ", " */
	const char	*subject;     /* NULL: none */
	const char	*keywords;    /* NULL: none */
	const char	*creator;     /* the tool: "briefpack 0.1.0" */
	const char	*producer;
	const char	*lang;        /* BCP 47 */
	const char	*date;        /* "2026-11-18T11:06:40Z" */
	const char	*rights;      /* marking and exemption (dc:rights);
	                               * NULL: none */
};

/*
 * The XMP packet (ISO 16684-1) for x: PDF/A identification, the PDF/UA
 * identification and its extension schema (PDF/A requires a schema
 * description for a namespace outside XMP's own), Dublin Core, the PDF
 * and XMP basic properties. Caller frees.
 */
char *bp_xmp_make(const struct bp_xmp *x);

/* ---- stree.c ---- */

/* A page as the structure tree sees it. */
struct bp_apage {
	qpdf_oh		 oh;          /* the page object */
	GArray		*mcids;       /* int: as struct bp_content_marks */
	GArray		*annots;      /* qpdf_oh: /Annots entries, in order */
};

/*
 * Whether the record and the pages agree: elements and kids in range,
 * each marked-content sequence and each annotation of every page used
 * once. Returns false with *why (caller frees) when they do not.
 */
bool bp_stree_check(const struct bp_tagging *, const struct bp_apage *pages,
    int npages, char **why);
/* Attached Figure elements without alt text (they bar 'a' and 'ua'). */
int bp_stree_count_missing_alt(const struct bp_tagging *);
/*
 * Write the checked record as the catalog's /StructTreeRoot: elements
 * with their attributes (Figure /Alt, TH /Scope, Sect /Lang, Note /ID),
 * marked-content and annotation kids, the parent tree, and the pages'
 * /StructParents and annotations' /StructParent keys. Returns false
 * when qpdf reports an error (the caller reports it).
 */
bool bp_stree_write(qpdf_data, const struct bp_tagging *,
    const struct bp_apage *pages, int npages);

#endif /* BP_PDF_ARCHIVE_H */
