/*
 * The Word reader's shared state: docx.c (the zip, relationships, core
 * properties), docx_styles.c (styles.xml, numbering.xml), docx_body.c
 * (paragraphs, runs, tables, notes as Markdown). Private to those files.
 * SPDX-License-Identifier: MIT
 */
#ifndef BP_PARSE_DOCX_H
#define BP_PARSE_DOCX_H

#include "parse/mdout.h"
#include "parse/xml.h"

#define DOCX_MAX_PART     (32u * 1024u * 1024u)  /* one XML part, inflated */
#define DOCX_MAX_MEDIA    (128u * 1024u * 1024u) /* all pictures together */
#define DOCX_MAX_RATIO    100u      /* inflated / deflated, past 1 MB */
#define DOCX_MAX_ENTRIES  20000     /* files in the zip */
#define DOCX_MAX_STYLE_CHAIN 32     /* basedOn links followed */

/* What a paragraph or character style says (basedOn chains resolved). */
struct docx_style {
	char		*id;
	char		*name;       /* lower-cased */
	char		*based_on;
	int		 outline;    /* heading level 1-9, 0: none */
	bool		 title, subtitle, code, quote;
	char		 meta;       /* pandoc's Author 'a', Date 'd', Abstract 'b' */
	bool		 caption;    /* Caption, Image Caption */
	int		 b, i, strike; /* -1 unset, 0 off, 1 on */
	char		*num_id;     /* w:numPr on the style */
	int		 ilvl;
};

/* One level of a numbering definition. */
struct docx_level {
	bool		 ordered;
	int		 start;
	enum bp_list_style style;   /* from w:numFmt */
	bool		 paren;      /* w:lvlText "%1)" (or "(%1)") */
};

struct docx {
	struct bp_article *art;
	const struct bp_load_opts *opts;
	struct bp_diag	*diag;
	struct bp_mdout	*o;
	void		*zip;        /* zip_t *, docx.c's */
	char		*base;       /* "word/": the main part's folder */
	char		*shown;      /* the file's name, for image URLs */
	GHashTable	*rels;       /* rId -> target (absolute URL or part) */
	GHashTable	*external;   /* rIds whose target is external */
	GHashTable	*styles;     /* styleId -> struct docx_style */
	GHashTable	*nums;       /* "numId/ilvl" -> struct docx_level */
	GHashTable	*counters;   /* "numId/ilvl" -> items so far */
	GHashTable	*images;     /* part -> its URL in the Markdown */
	xmlDoc		*notes[2];   /* footnotes.xml, endnotes.xml */
	GPtrArray	*note_refs;  /* "f3", "e1" in order of reference */
	GArray		*note_paras; /* the paragraph of each reference */
	char		*core_title; /* docProps/core.xml's dc:title */
	char		*last_alt;   /* the last picture's alt text */
	int		 last_alt_para; /* and its paragraph */
	size_t		 media;      /* picture bytes read */
	int		 para;       /* paragraphs so far (the map's unit) */
	int		 comments, merged, boxes, emf, objects;
	bool		 in_note;
	bool		 failed;     /* a part was refused: the article fails */
	/* Lists open: numId and level of each. */
	GPtrArray	*list_ids;
	GArray		*list_ordered;
};

/* Read part (a zip entry name) within the caps; NULL after a message. */
char *bp_docx_read_part(struct docx *d, const char *part, size_t *len,
    bool required);
/* Parse part as XML (no network, no entities, depth capped); NULL if
 * missing (when not required) or after a message. Caller xmlFreeDoc. */
xmlDoc *bp_docx_parse_part(struct docx *d, const char *part, bool required);
/* The URL under which the picture part is in the Markdown, read into
 * art->images the first time; NULL when it cannot be. Owned by d. */
const char *bp_docx_image(struct docx *d, const char *part, int para);

/* Whether e is the element w:name (any namespace prefix). */
bool bp_docx_is(const xmlNode *e, const char *name);
/* The attribute w:name (any prefix): caller g_free's; NULL if absent. */
char *bp_docx_attr(const xmlNode *e, const char *name);
/* The first child element called name, or NULL. */
xmlNode *bp_docx_child(const xmlNode *e, const char *name);
/* A toggle property (w:b, w:i ...) of rPr: -1 absent, 0 off, 1 on. */
int bp_docx_toggle(const xmlNode *rpr, const char *name);
/* Whether a font name is monospaced (Courier, Consolas ...). */
bool bp_docx_is_code_font(const xmlNode *rpr);

/* docx_styles.c: read styles.xml and numbering.xml into d. */
void bp_docx_load_styles(struct docx *d, const char *styles_part,
    const char *numbering_part);
/* A style by id, or NULL. */
const struct docx_style *bp_docx_style(const struct docx *d,
    const char *id);
/* A numbering level, or NULL (not a list). */
const struct docx_level *bp_docx_level(const struct docx *d,
    const char *num_id, int ilvl);

/* docx_body.c: the body of document (w:body) and the notes. */
void bp_docx_emit(struct docx *d, xmlDoc *document);

#endif /* BP_PARSE_DOCX_H */
