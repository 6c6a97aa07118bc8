/*
 * Private to the bounds on an article's Markdown text: the state of
 * bound.c's pass over its lines, and the block (bound_block.c) and inline
 * (bound_inline.c) checks it runs on each line.
 * SPDX-License-Identifier: MIT
 */
#ifndef BP_PARSE_BOUND_H
#define BP_PARSE_BOUND_H

#include "bp.h"

/* One line of the text: [s, end); end is before its "\r\n" or "\n". */
struct bnd_line {
	char		*s;
	char		*end;
	int		 no;          /* file line */
};

/* What starts a line: white space, block quote and list markers. */
struct bnd_prefix {
	char		*body;        /* after white space and '>' markers */
	char		*item;        /* after list markers too */
	unsigned	 quotes;      /* '>' markers */
	unsigned	 markers;     /* '>' and list markers */
	unsigned	 ws_cols;     /* columns of white space among them */
	bool		 list;        /* a list marker */
	bool		 code_ws;     /* a run of 4+ columns: maybe code */
};

/*
 * One pass over an article's text (bound.c). Each group of fields below
 * belongs to the check that keeps it.
 */
struct bound {
	struct bp_diag	*diag;
	char		*end;         /* of the text */
	char		*next;        /* the line after the one being read */
	bool		 ok;
	bool		 prev_blank;  /* prev is blank, or there is none */
	bool		 prev_first;  /* prev began its block */
	struct bnd_line	 prev;
	struct bnd_prefix prev_pfx;

	/* Tables: cells cmark-gfm would make, padding rows to the header. */
	guint64		 cells;       /* so far, an upper bound */
	unsigned	 width;       /* each line of this block costs this */
	int		 width_line;  /* header line of the table of that width */
	int		 cand_line;   /* last delimiter row seen */
	bool		 in_table;    /* certainly among a table's rows */
	bool		 plain;       /* block so far: same quotes, no lists, no code */
	unsigned	 block_quotes;
	guint64		 para_scan;   /* a delimiter row makes cmark-gfm scan this */
	char		*para_start;
	char		*last_pipe;   /* in this paragraph */
	guint64		 table_scan;  /* row parsing, about ns */
	guint64		 prev_cost;   /* of the line before, in para_scan */

	/* Nesting: blank lines keep open list items cmark-gfm walks each time. */
	guint64		 open;        /* containers that may be open */
	int		 open_line;
	guint64		 nest_work;

	/* Inlines of one paragraph (or table row). */
	int		 para_line;
	guint64		 runs;        /* emphasis delimiter runs */
	GByteArray	*brackets;    /* '[' (0) and "![" (1) not yet closed */
	guint64		 images;      /* "![" among them */
	guint64		 bracket_work;
	guint64		 open_pi;     /* "<?" not yet closed */
	guint64		 open_cdata;  /* "<![CDATA[" */
	guint64		 open_decl;   /* "<!X" */
	guint64		 html_work;   /* bytes scanned for their ends */
	guint64		 spans;       /* links, code, autolinks */
	guint64		 para_bytes;
	guint64		 tildes;      /* runs of ~ */
	guint64		 notes;       /* "[^" */
	guint64		 ticks;       /* runs of '`': two make a code span */
	bool		 row_unit;    /* the paragraph is a table row */
	bool		 defs_only;   /* so far: link definitions, not inlines */
	guint64		 autolink_work;

	/* Text with no place to break a line: Pango's time is quadratic. */
	guint64		 nb_run;      /* characters since a break */
	guint64		 nb_free;     /* since a space */
	guint64		 nb_spaces;   /* spaces since the last character */
	gunichar	 nb_prev;     /* the last one that is no space */
	bool		 nb_space;    /* a space (or a line's end) before */
	int		 nb_line;     /* where the run began */
	guint64		 nb_max;      /* the longest run */
	guint64		 nb_work;

	/* Link reference definitions: copied into every link that uses one. */
	guint64		 def_bytes;   /* the def that may run on in this block */
	bool		 def_runs_on;
	bool		 def_pending; /* its title may start on the next line */
	int		 def_line;
	guint64		 max_def;
	int		 max_def_line;
	guint64		 closers;     /* ']' in the article */

	/* Headings: md.c tries "slug", "slug-2", ... until one is free. */
	GHashTable	*ids;         /* ids of plain headings */
	GHashTable	*next_n;      /* slug -> the first n worth trying */
	guint64		 headings;
	guint64		 unsure;      /* headings whose id we cannot tell */
	int		 unsure_line;
	guint64		 id_work;
};

/* ---- bound.c: reading lines ---- */

/* Step to the line at *p (l->no counts it); false at the end of the text. */
bool bp_bound_next_line(char **p, char *end, struct bnd_line *l);
/* Only white space and '>': a blank line, in or out of block quotes. */
bool bp_bound_is_blankish(const struct bnd_line *l);
/* ASCII punctuation, as cmark-gfm's backslash escapes know it. */
bool bp_bound_is_punct(unsigned char c);

/* ---- bound_block.c: block-level checks on each line ---- */

/*
 * Pipe tables at l: cut delimiter rows and the lines above them (and rows
 * certainly a table's) to BP_MAX_TABLE_COLS cells in place, one warning
 * per table; count the cells and the cost of parsing rows.
 */
void bp_bound_table_line(struct bound *b, struct bnd_line *l,
    const struct bnd_prefix *x);
/* Lists and quotes open around l, and cmark-gfm's walks over them. */
void bp_bound_nest_line(struct bound *b, const struct bnd_line *l,
    const struct bnd_prefix *x, bool blank);
/* A heading at l: the tries md.c makes to give it a unique id. */
void bp_bound_heading_line(struct bound *b, const struct bnd_line *l,
    const struct bnd_prefix *x);
/* A link reference definition starting or running on at l: its size. */
void bp_bound_def_line(struct bound *b, const struct bnd_line *l,
    const struct bnd_prefix *x);
/* The block ended: its definition's size is known. */
void bp_bound_def_end(struct bound *b);
/* Is l certainly a whole link reference definition, and nothing else? */
bool bp_bound_is_plain_def(const struct bnd_line *l,
    const struct bnd_prefix *x);
/* Does l start a footnote definition? *after: past "[^label]:" and spaces. */
bool bp_bound_is_note_def(const struct bnd_prefix *x,
    const struct bnd_line *l, const char **after);

/* ---- bound_inline.c: inline-level checks on each line ---- */

/* Emphasis runs, brackets, raw HTML and spans of the paragraph so far. */
void bp_bound_inline_line(struct bound *b, const struct bnd_line *l,
    const struct bnd_prefix *x);
/* The autolink extension's scans over the words of l. */
void bp_bound_autolink_line(struct bound *b, const struct bnd_line *l,
    const struct bnd_prefix *x);
/* Runs of text with no place to break a line (blank: l ends a paragraph). */
void bp_bound_nobreak_line(struct bound *b, const struct bnd_line *l,
    const struct bnd_prefix *x, bool blank);
/* A place to break, or the end of a paragraph: the run so far is done. */
void bp_bound_nobreak_end(struct bound *b);

#endif /* BP_PARSE_BOUND_H */
