/*
 * The Markdown emitter's insides, shared by mdout.c (containers and
 * blocks), mdout_inline.c (inlines, escaping) and mdout_table.c (tables).
 * Private to those files.
 * SPDX-License-Identifier: MIT
 */
#ifndef BP_PARSE_MDOUT_INT_H
#define BP_PARSE_MDOUT_INT_H

#include "parse/mdout.h"

/* Containers; a line's prefix is made from them, outermost first. */
enum box_kind {
	BOX_QUOTE,
	BOX_LIST,
	BOX_ITEM,
	BOX_NOTE,
	BOX_KIND__MAX
};

struct box {
	enum box_kind	 kind;
	char		*marker;     /* ITEM, NOTE: the first line's */
	bool		 pending;    /* ITEM, NOTE: marker not written yet */
	bool		 ordered;    /* LIST */
	int		 num;        /* LIST: the next item's number */
	char		 bullet;     /* LIST: '-' '*' or '.' ')' */
	char		 before;     /* LIST: the bullet of the list it
				      * follows at once (0: none) */
	bool		 loose;      /* LIST: blank lines between items */
	bool		 para_first; /* ITEM: began with a paragraph */
	enum bp_list_style style;    /* LIST: its numbers */
	bool		 styled;     /* LIST: its style recorded */
};

/* An open inline: a mark or a link, and where its text begins. */
struct open {
	int		 mark;       /* enum bp_mdout_mark, or -1: a link */
	size_t		 at;         /* inl->len after the opener */
	size_t		 from;       /* inl->len before it */
	char		*url;        /* a link's */
};

struct bp_mdout {
	GString		*md;
	GArray		*lines;      /* int: source line of each md line */
	size_t		 line_at;    /* where the line being written began */
	GArray		*styles;     /* struct bp_txt_list_style */
	int		 src, block_src;
	GArray		*boxes;      /* struct box */
	GArray		*opens;      /* struct open */
	GString		*inl;        /* the leaf's (or cell's) inlines */
	bool		 in_leaf;
	int		 heading;    /* the leaf's level, 0: a paragraph */
	bool		 space;      /* a space is due before more text */
	bool		 brk;        /* a hard break is due */
	bool		 visible;    /* inl holds text */
	bool		 need_blank;
	bool		 any_text;
	int		 marks[BP_MDOUT_MARK__MAX];
	int		 links;      /* links open (the outer one counts) */
	/* The last list's end, to alternate bullets of lists in a row. */
	guint		 list_end_line;
	guint		 list_end_depth;
	char		 list_end_bullet;
	/* Tables: rows of cells (strings), while one is open. */
	int		 tables;
	GPtrArray	*rows;       /* GPtrArray of char * */
	GPtrArray	*aligns;     /* GByteArray: each cell's bp_align */
	enum bp_align	 cell_align; /* the open cell's */
	GArray		*row_src;
	bool		 first_header;
	bool		 in_cell;
};

/* mdout.c: a Markdown line of the current block, with its prefix. */
void bp_mdout_put_line(struct bp_mdout *o, const char *s, size_t len);
/* mdout.c: a new block: the leaf before it written, the gap before it. */
void bp_mdout_start_block(struct bp_mdout *o);
/* mdout_inline.c: the leaf's (or cell's) inlines emptied. */
void bp_mdout_reset_inl(struct bp_mdout *o);
/* mdout_inline.c: every open mark and link closed. */
void bp_mdout_close_all(struct bp_mdout *o);
/* mdout_inline.c: inlines outside a leaf open a paragraph. */
void bp_mdout_ensure_leaf(struct bp_mdout *o);
/* mdout_table.c: the open table's rows freed. */
void bp_mdout_free_rows(struct bp_mdout *o);

#endif /* BP_PARSE_MDOUT_INT_H */
