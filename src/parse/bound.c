/*
 * Bounds on what cmark-gfm builds from an article: checked on the Markdown
 * text before the parser sees it, and on its tree before conversion.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include <cmark-gfm.h>

#include "bp.h"
#include "parse.h"

/* Nesting below this costs little enough not to be counted. */
#define BP_NEST_FREE	16

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

/* One pass over an article's text. */
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

static bool next_line(char **, char *, struct bnd_line *);
static bool is_blankish(const struct bnd_line *);
static void scan_prefix(const struct bnd_line *, struct bnd_prefix *);
static bool is_punct(unsigned char);
static unsigned delim_cells(char *, char *, unsigned, char **);
static unsigned row_cells(char *, char *, unsigned, char **);
static void blank_tail(char *, char *);
static unsigned rows_until_blank(const struct bound *);
static guint64 row_cost(const struct bnd_line *, const struct bnd_prefix *);
static void table_start(struct bound *, struct bnd_line *,
    const struct bnd_prefix *, unsigned, char *, bool);
static void table_line(struct bound *, struct bnd_line *,
    const struct bnd_prefix *);
static void nest_line(struct bound *, const struct bnd_line *,
    const struct bnd_prefix *, bool);
static void inline_line(struct bound *, const struct bnd_line *,
    const struct bnd_prefix *);
static void inline_check(struct bound *);
static void autolink_line(struct bound *, const struct bnd_line *,
    const struct bnd_prefix *);
static void def_line(struct bound *, const struct bnd_line *,
    const struct bnd_prefix *);
static bool may_break_before(gunichar, gunichar);
static void nobreak_line(struct bound *, const struct bnd_line *,
    const struct bnd_prefix *, bool);
static void nobreak_end(struct bound *);
static void def_end(struct bound *);
static bool is_plain_def(const struct bnd_line *, const struct bnd_prefix *);
static bool is_note_def(const struct bnd_prefix *, const struct bnd_line *,
    const char **);
static bool heading_text(const struct bound *, const struct bnd_line *,
    const struct bnd_prefix *, const char **, const char **, bool *);
static void heading_line(struct bound *, const struct bnd_line *,
    const struct bnd_prefix *);
static void block_start(struct bound *, const struct bnd_line *,
    const struct bnd_prefix *);
static void para_start(struct bound *, const struct bnd_line *);
static void bound_end(struct bound *);
static bool is_inline_container(cmark_node *);
static int node_line(cmark_node *);

/* Step to the line at *p; false at the end of the text. */
static bool
next_line(char **p, char *end, struct bnd_line *l)
{
	char	*nl;

	if (*p >= end)
		return false;
	l->s = *p;
	nl = memchr(*p, '\n', (size_t)(end - *p));
	l->end = nl != NULL ? nl : end;
	*p = nl != NULL ? nl + 1 : end;
	if (l->end > l->s && l->end[-1] == '\r')
		l->end--;
	l->no++;
	return true;
}

/*
 * Only white space and '>': a blank line, in or out of block quotes. It
 * ends every table (a '>' opens a quote) and paragraph.
 */
static bool
is_blankish(const struct bnd_line *l)
{
	const char	*p;

	for (p = l->s; p < l->end; p++)
		if (*p != ' ' && *p != '\t' && *p != '>')
			return false;
	return true;
}

/*
 * Read the markers that open or continue containers: '>' and list
 * markers ("-", "+", "*", "1." or "1)" followed by white space or the
 * end), with the white space among them.
 */
static void
scan_prefix(const struct bnd_line *l, struct bnd_prefix *x)
{
	char		*p = l->s, *q;
	unsigned	 run = 0;

	memset(x, 0, sizeof *x);
	for (;;) {
		if (p < l->end && (*p == ' ' || *p == '\t')) {
			run += *p == '\t' ? 4 : 1;
			x->ws_cols += *p == '\t' ? 4 : 1;
			x->code_ws = x->code_ws || run >= 4;
			p++;
			continue;
		}
		run = 0;
		if (p < l->end && *p == '>') {
			x->quotes++;
			x->markers++;
			p++;
			continue;
		}
		if (x->body == NULL)
			x->body = p;

		/* A bullet, or up to 9 digits and '.' or ')'. */
		q = p;
		if (q < l->end && (*q == '-' || *q == '+' || *q == '*'))
			q++;
		else {
			while (q < l->end && q - p < 9 && g_ascii_isdigit(*q))
				q++;
			if (q == p || q == l->end || (*q != '.' && *q != ')'))
				break;
			q++;
		}
		if (q == p || (q < l->end && *q != ' ' && *q != '\t'))
			break;
		x->list = true;
		x->markers++;
		p = q;
	}
	if (x->body == NULL)
		x->body = p;
	x->item = p;
}

/* ASCII punctuation, as cmark-gfm's backslash escapes know it. */
static bool
is_punct(unsigned char c)
{
	return c < 0x80 && g_ascii_ispunct(c);
}

/*
 * The cells of a delimiter row (GFM: `|? :?-+:? (| :?-+:?)* |?`, white
 * space around each), 0 when s..end is not one. *cut: after the pipe that
 * ends cell `keep`, when there is one.
 */
static unsigned
delim_cells(char *s, char *end, unsigned keep, char **cut)
{
	char		*p = s;
	unsigned	 n = 0, dashes;

	*cut = NULL;
	if (p < end && *p == '|')
		p++;
	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p == end && n > 0)
			break;
		if (p < end && *p == ':')
			p++;
		for (dashes = 0; p < end && *p == '-'; p++)
			dashes++;
		if (dashes == 0)
			return 0;
		if (p < end && *p == ':')
			p++;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		n++;
		if (p == end)
			break;
		if (*p != '|')
			return 0;
		p++;
		if (n == keep)
			*cut = p;
	}
	return n;
}

/*
 * The cells of a table row as cmark-gfm's row_from_string counts them:
 * an optional leading pipe, then cells split at pipes that are not
 * escaped ("\|"); an empty last cell after a trailing pipe is none.
 * *cut: after the pipe that ends cell `keep`, when there is one.
 */
static unsigned
row_cells(char *s, char *end, unsigned keep, char **cut)
{
	char		*p = s;
	unsigned	 n = 0;
	bool		 content;

	*cut = NULL;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p < end && *p == '|')
		for (p++; p < end && (*p == ' ' || *p == '\t'); p++)
			;
	while (p < end) {
		for (content = false; p < end && *p != '|'; p++) {
			if (*p == '\\' && p + 1 < end &&
			    is_punct((unsigned char)p[1]))
				p++;
			content = true;
		}
		if (p == end) {
			/* A last cell of white space only is no cell. */
			n += content;
			break;
		}
		n++;
		p++;
		if (n == keep)
			*cut = p;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
	}
	return n;
}

/* Blank [from, end) with spaces: the line keeps its length. */
static void
blank_tail(char *from, char *end)
{
	if (from != NULL && from < end)
		memset(from, ' ', (size_t)(end - from));
}

/* The lines from p to the next blank one: an upper bound on table rows. */
static unsigned
rows_until_blank(const struct bound *b)
{
	struct bnd_line	 l = { 0 };
	char		*p = b->next;
	unsigned	 n = 0;

	while (next_line(&p, b->end, &l) && !is_blankish(&l))
		n++;
	return n;
}

/*
 * What cmark-gfm 0.29.0.gfm.6 spends parsing a line as a table row, in
 * about nanoseconds: a row's cells go on a list it walks to the end for
 * each new one.
 */
static guint64
row_cost(const struct bnd_line *l, const struct bnd_prefix *x)
{
	char		*cut;
	guint64		 n = MIN(row_cells(x->item, l->end, 0, &cut), 65535u);

	return 64 + 8 * (guint64)(l->end - l->s) + n * n;
}

/*
 * Delimiter row l of d cells (*dcut after the BP_MAX_TABLE_COLS-th)
 * under a non-blank line: cut both, warn, charge the header's cells.
 */
static void
table_start(struct bound *b, struct bnd_line *l, const struct bnd_prefix *x,
    unsigned d, char *dcut, bool was_row)
{
	char		*hcut;
	unsigned	 h, k;

	h = row_cells(b->prev_pfx.item, b->prev.end, BP_MAX_TABLE_COLS,
	    &hcut);
	k = MIN(d, BP_MAX_TABLE_COLS);
	if (d > BP_MAX_TABLE_COLS) {
		blank_tail(dcut, l->end);
		if (h > BP_MAX_TABLE_COLS) {
			blank_tail(hcut, b->prev.end);
			b->para_scan -= MIN(b->para_scan, b->prev_cost);
			b->para_scan += row_cost(&b->prev, &b->prev_pfx);
		}
		/*
		 * Among a table's rows (or right after a cut delimiter
		 * row) this is a row, cut to no loss.
		 */
		if (!was_row && b->cand_line != b->prev.no)
			bp_diag(b->diag, BP_WARNING, b->prev.no,
			    (int)(b->prev_pfx.item - b->prev.s) + 1,
			    "table has %u columns; only the first %u "
			    "are kept", d, BP_MAX_TABLE_COLS);
	}
	b->cand_line = l->no;

	/* A setext underline ("---") is taken before a table. */
	if (!was_row && (memchr(x->body, '|', (size_t)(l->end -
	    x->body)) != NULL || memchr(x->body, ':', (size_t)(l->end -
	    x->body)) != NULL))
		b->table_scan += b->para_scan;

	/* The header's cells, and the width of every row to come. */
	b->cells += k;
	if (k > b->width) {
		b->width = k;
		b->width_line = b->prev.no;
	}
	/*
	 * Certainly a table, when nothing can make the header a lazy line
	 * or code and cmark-gfm counts its cells as we do: then each row is
	 * a paragraph of its own for inline_line().
	 */
	if (b->plain && x->quotes == b->prev_pfx.quotes && h == d &&
	    *x->body == '|' && *b->prev_pfx.body == '|') {
		b->in_table = true;
		b->para_scan = 0;
	}
}

/*
 * A delimiter row after a non-blank line may start a table: cmark-gfm
 * makes one when the line before has as many cells, and pads every row
 * to that width. Cut both rows to BP_MAX_TABLE_COLS cells whatever the
 * line before is (an upper bound: no table wider can be made), and
 * charge each line of the block the widest table's width. cmark-gfm
 * also parses the whole paragraph before a delimiter row as rows (and
 * looks back from each cell to the pipe before it), and each line in a
 * table twice: count that too, and cut rows that are certainly a
 * table's to BP_MAX_TABLE_COLS cells (no loss: cmark-gfm drops the cells
 * past the header's).
 */
static void
table_line(struct bound *b, struct bnd_line *l, const struct bnd_prefix *x)
{
	char		*dcut = NULL, *hcut, *pipe;
	unsigned	 d;
	guint64		 cost, back = 0;
	bool		 was_row;

	/* Rows certainly go on: same quotes, no list, a leading pipe. */
	if (b->in_table && (x->quotes != b->block_quotes || x->list ||
	    x->code_ws || x->body == l->end || *x->body != '|'))
		b->in_table = false;
	was_row = b->in_table;
	b->cells += b->width;
	if (was_row && row_cells(x->body, l->end, BP_MAX_TABLE_COLS, &hcut) >
	    BP_MAX_TABLE_COLS)
		blank_tail(hcut, l->end);

	/* "-" opening a list item is no delimiter row (it comes first). */
	d = x->list ? 0 : delim_cells(x->body, l->end, BP_MAX_TABLE_COLS, &dcut);
	if (d > 0 && !b->prev_blank)
		table_start(b, l, x, d, dcut, was_row);

	/* This line as a row: twice in a table, once more per delimiter row. */
	cost = row_cost(l, x);
	b->prev_cost = cost;
	if (b->width > 0)
		b->table_scan += 2 * cost;
	if (!b->in_table) {
		if (x->item == l->end || *x->item != '|')
			back = (guint64)(l->s - (b->last_pipe != NULL ?
			    b->last_pipe : b->para_start));
		b->para_scan += cost + back / 4;
		pipe = memrchr(x->item, '|', (size_t)(l->end - x->item));
		if (pipe != NULL)
			b->last_pipe = pipe;
	}

	if (b->cells > BP_MAX_TABLE_CELLS && b->ok) {
		bp_diag(b->diag, BP_ERROR, b->width_line, 0, "table of %u "
		    "columns and up to %u rows: the article's tables would "
		    "have more than %u cells", b->width,
		    rows_until_blank(b) + (unsigned)(l->no -
		    b->width_line), BP_MAX_TABLE_CELLS);
		b->ok = false;
	} else if (b->table_scan > BP_MAX_TABLE_SCAN && b->ok) {
		bp_diag(b->diag, BP_ERROR, l->no, 0, "table rows (long ones, or "
		    "long paragraphs before delimiter rows) would take cmark-gfm "
		    "more than %u steps to parse", BP_MAX_TABLE_SCAN);
		b->ok = false;
	}
}

/*
 * cmark-gfm walks every open container on every line, and a blank line
 * keeps list items open: a line of 30,000 list markers and 30,000 blank
 * lines after it take 900 million steps. It also walks up from a
 * paragraph to the root for each special character of its text (ASCII
 * punctuation, and 'w' for autolinks): ">" x 30,000 then "a*" x 30,000
 * takes 4 s. Bound the open containers by the markers and indentation
 * that opened them (an item needs two columns, a quote its '>'; lazy
 * lines keep them open until a blank line), and count those steps: a
 * blank line's, and a line's under more than BP_NEST_FREE containers.
 */
static void
nest_line(struct bound *b, const struct bnd_line *l,
    const struct bnd_prefix *x, bool blank)
{
	guint64		 cont, now, special = 1;
	const char	*p;

	if (!blank) {
		/* What the line can continue, and what it opens. */
		cont = MIN(b->open, (guint64)x->ws_cols / 2 + x->markers);
		now = cont + x->markers;
		if (b->prev_blank || now > b->open) {
			b->open = now;
			b->open_line = l->no;
		}
		if (b->open > BP_NEST_FREE) {
			for (p = x->item; p < l->end; p++)
				special += is_punct((unsigned char)*p) || *p == 'w';
			b->nest_work += b->open * special;
		}
	} else
		b->nest_work += b->open;
	if (b->nest_work > BP_MAX_NEST_WORK && b->ok) {
		bp_diag(b->diag, BP_ERROR, b->open_line, 0, "lists or quotes "
		    "nested %" G_GUINT64_FORMAT " deep: parsing them and the "
		    "lines after them would take more than %u steps", b->open,
		    BP_MAX_NEST_WORK);
		b->ok = false;
	}
}

/*
 * Inline parsing in cmark-gfm 0.29.0.gfm.6 is quadratic in some shapes
 * within one paragraph, and so is laying a paragraph out (each line
 * looks at every link and attribute of its paragraph):
 *  - emphasis runs that cannot pair ("*t " ... "_t*_ ", CVE-2023-22483):
 *    count runs of * _ ~ that touch a non-space;
 *  - links after unclosed "![" (CVE-2023-22486): count, at each ']', the
 *    "![" not closed yet;
 *  - unclosed "<?", "<![CDATA[" and "<!X" (CVE-2023-22483), each scanned
 *    to the end of the paragraph: count the bytes each open one scans;
 *  - links, code and emphasis times the paragraph's length, and
 *    footnote references (superscripts, a font of their own) times all
 *    of them: Pango walks every attribute of the paragraph for each.
 */
static void
inline_line(struct bound *b, const struct bnd_line *l,
    const struct bnd_prefix *x)
{
	const unsigned char	*p = (const unsigned char *)x->body;
	const unsigned char	*e = (const unsigned char *)l->end, *r;
	unsigned char		 before, after;
	size_t			 left;

	b->para_bytes += (guint64)(e - p) + 1;
	while (p < e) {
		left = (size_t)(e - p);
		b->html_work += b->open_pi + b->open_cdata + b->open_decl;
		if (*p == '\\' && left > 1 && is_punct(p[1])) {
			p += 2;
			continue;
		}
		/* What each open scan stops at, then what opens one. */
		if (*p == '>') {
			if (p > (const unsigned char *)l->s && p[-1] == '?')
				b->open_pi = 0;
			if (p - (const unsigned char *)l->s >= 2 &&
			    p[-1] == ']' && p[-2] == ']')
				b->open_cdata = 0;
			b->open_decl = 0;
		} else if (*p == '<' && left > 1 && p[1] == '?')
			b->open_pi++;
		else if (*p == '<' && left > 8 && memcmp(p, "<![CDATA[", 9) == 0)
			b->open_cdata++;
		else if (*p == '<' && left > 2 && p[1] == '!' &&
		    g_ascii_isupper(p[2]))
			b->open_decl++;
		else if (*p == '!' && left > 1 && p[1] == '[') {
			g_byte_array_append(b->brackets, (const guint8 *)"\1", 1);
			b->images++;
			b->spans++;
			p += 2;
			continue;
		} else if (*p == '[') {
			g_byte_array_append(b->brackets, (const guint8 *)"", 1);
			b->notes += left > 1 && p[1] == '^';
		} else if (*p == ']') {
			/* It closes the last opener; a link walks past the rest. */
			if (b->brackets->len > 0) {
				b->images -= b->brackets->data[b->brackets->len - 1];
				g_byte_array_set_size(b->brackets,
				    b->brackets->len - 1);
			}
			b->bracket_work += b->images;
			b->spans++;
			b->closers++;
		} else if (*p == '`' && (p == (const unsigned char *)l->s ||
		    p[-1] != '`'))
			b->ticks++;
		else if (*p == '@' || (*p == ':' && left > 2 &&
		    p[1] == '/' && p[2] == '/') || (*p == 'w' && left > 3 &&
		    memcmp(p, "www.", 4) == 0))
			b->spans++;
		if (*p != '*' && *p != '_' && *p != '~') {
			p++;
			continue;
		}
		/* A run that touches a non-space on either side may delimit. */
		for (r = p; r < e && *r == *p; r++)
			;
		before = p > (const unsigned char *)l->s ? p[-1] : ' ';
		after = r < e ? *r : ' ';
		if ((before != ' ' && before != '\t') ||
		    (after != ' ' && after != '\t')) {
			b->runs++;
			b->tildes += *p == '~';
		}
		b->html_work += (guint64)(r - p - 1) * (b->open_pi +
		    b->open_cdata + b->open_decl);
		p = r;
	}
	inline_check(b);
}

/* Is the paragraph read so far over a limit? Report it once. */
static void
inline_check(struct bound *b)
{
	guint64		 spans = b->spans + b->runs / 2 + b->ticks / 2;

	if (!b->ok)
		return;
	if (b->runs > BP_MAX_EMPH_RUNS)
		bp_diag(b->diag, BP_ERROR, b->para_line, 0, "paragraph has "
		    "more than %u runs of * _ ~ (emphasis markers): cmark-gfm "
		    "would take too long", BP_MAX_EMPH_RUNS);
	else if (b->tildes > BP_MAX_STRIKE_RUNS)
		bp_diag(b->diag, BP_ERROR, b->para_line, 0, "paragraph has "
		    "more than %u runs of ~ (strikethrough markers): cmark-gfm "
		    "would take too long", BP_MAX_STRIKE_RUNS);
	else if (b->bracket_work > BP_MAX_BRACKET_WORK)
		bp_diag(b->diag, BP_ERROR, b->para_line, 0, "paragraph has "
		    "%" G_GUINT64_FORMAT " unclosed \"![\" before its links: "
		    "cmark-gfm would take more than %u steps", b->images,
		    BP_MAX_BRACKET_WORK);
	else if (b->html_work > BP_MAX_HTML_SCAN)
		bp_diag(b->diag, BP_ERROR, b->para_line, 0, "paragraph has "
		    "unclosed \"<?\", \"<![CDATA[\" or \"<!\": cmark-gfm would "
		    "scan more than %u bytes for their ends", BP_MAX_HTML_SCAN);
	else if (b->notes * (b->notes + spans) > BP_MAX_NOTE_WORK)
		bp_diag(b->diag, BP_ERROR, b->para_line, 0, "paragraph has %"
		    G_GUINT64_FORMAT " footnote references among %"
		    G_GUINT64_FORMAT " links, code spans and emphasis: too slow "
		    "to lay out (more than %u); split it into paragraphs",
		    b->notes, spans, BP_MAX_NOTE_WORK);
	else if (spans * b->para_bytes > BP_MAX_SPAN_WORK)
		bp_diag(b->diag, BP_ERROR, b->para_line, 0, "paragraph of %"
		    G_GUINT64_FORMAT " bytes with %" G_GUINT64_FORMAT " links, "
		    "code spans and emphasis: too slow to lay out (more than "
		    "%llu bytes times spans); split it into paragraphs",
		    b->para_bytes, spans, (unsigned long long)BP_MAX_SPAN_WORK);
	else
		return;
	b->ok = false;
}

/*
 * The autolink extension scans from each "www.", "://" and '@' to the
 * end of its word, and trims trailing punctuation one character at a
 * time, counting parentheses over the whole link each time: "www." then
 * 40,000 ')' take 0.3 s, "z_www." x 20,000 5 s. Count, for each word
 * holding one, its length times (its triggers and trailing punctuation).
 */
static void
autolink_line(struct bound *b, const struct bnd_line *l,
    const struct bnd_prefix *x)
{
	const char	*p = x->body, *w, *t;
	guint64		 triggers;

	while (p < l->end) {
		while (p < l->end && (*p == ' ' || *p == '\t'))
			p++;
		for (w = p, triggers = 0; p < l->end && *p != ' ' && *p != '\t';
		    p++)
			if (*p == '@' || (*p == ':' && l->end - p > 2 &&
			    p[1] == '/' && p[2] == '/') || (*p == 'w' &&
			    l->end - p > 3 && memcmp(p, "www.", 4) == 0))
				triggers++;
		if (triggers == 0)
			continue;
		for (t = p; t > w && is_punct((unsigned char)t[-1]); t--)
			;
		b->autolink_work += (guint64)(p - w) * (triggers +
		    (guint64)(p - t));
	}
	if (b->ok && b->autolink_work > BP_MAX_AUTOLINK_WORK) {
		bp_diag(b->diag, BP_ERROR, l->no, 0, "words with many \"www.\", "
		    "\"://\" or '@', or long ones ending in punctuation: "
		    "finding their links would take cmark-gfm more than %u "
		    "steps", BP_MAX_AUTOLINK_WORK);
		b->ok = false;
	}
}

/*
 * After spaces, a line may break before c, prev the last character
 * before them (UAX #14 LB13-LB18, as Pango does; measured): anywhere but
 * before ", . : ; ! ? ) ] } /" (LB13), after "( [ {" (LB14), between a
 * quote and an opening bracket (LB15), a closing one and a non-starter
 * (LB16), two dashes "—" (LB17), or before a combining mark or joiner.
 */
static bool
may_break_before(gunichar c, gunichar prev)
{
	GUnicodeBreakType	 t = g_unichar_break_type(c);
	GUnicodeBreakType	 pt = g_unichar_break_type(prev);

	switch (t) {
	case G_UNICODE_BREAK_CLOSE_PUNCTUATION:
	case G_UNICODE_BREAK_CLOSE_PARANTHESIS:
	case G_UNICODE_BREAK_EXCLAMATION:
	case G_UNICODE_BREAK_INFIX_SEPARATOR:
	case G_UNICODE_BREAK_SYMBOL:
	case G_UNICODE_BREAK_COMBINING_MARK:
	case G_UNICODE_BREAK_ZERO_WIDTH_JOINER:
	case G_UNICODE_BREAK_WORD_JOINER:
		return false;
	default:
		break;
	}
	return pt != G_UNICODE_BREAK_OPEN_PUNCTUATION &&
	    !(pt == G_UNICODE_BREAK_QUOTATION &&
	    t == G_UNICODE_BREAK_OPEN_PUNCTUATION) &&
	    !((pt == G_UNICODE_BREAK_CLOSE_PUNCTUATION ||
	    pt == G_UNICODE_BREAK_CLOSE_PARANTHESIS) &&
	    t == G_UNICODE_BREAK_NON_STARTER) &&
	    !(pt == G_UNICODE_BREAK_BEFORE_AND_AFTER &&
	    t == G_UNICODE_BREAK_BEFORE_AND_AFTER);
}

/*
 * Pango's line breaking takes time quadratic in the length of a run it
 * cannot break: ": " x 60,000 takes 3.5 s. pdf/text.c gives runs without
 * spaces a break every 100 characters once they pass 300, but a run of
 * punctuation between spaces has none. Count, per paragraph, the square
 * of each run's length in characters (a line's end is a space; spaces
 * count only between characters of one run).
 */
static void
nobreak_line(struct bound *b, const struct bnd_line *l,
    const struct bnd_prefix *x, bool blank)
{
	const char	*p;
	gunichar	 c;

	for (p = blank ? l->end : x->item; p < l->end;
	    p = g_utf8_next_char(p)) {
		c = g_utf8_get_char(p);
		if (c == ' ' || c == '\t') {
			b->nb_space = true;
			b->nb_free = 0;
			b->nb_spaces++;
			continue;
		}
		/* An image ("![") is no text: the line may break before it. */
		if ((b->nb_space && (may_break_before(c, b->nb_prev) ||
		    (c == '!' && p + 1 < l->end && p[1] == '['))) ||
		    (++b->nb_free > 300 && b->nb_free % 100 == 0))
			nobreak_end(b);
		if (b->nb_run == 0)
			b->nb_line = l->no;
		else
			b->nb_run += b->nb_spaces;
		b->nb_spaces = 0;
		b->nb_space = false;
		b->nb_prev = c;
		b->nb_run++;
	}
	b->nb_space = true;
	b->nb_free = 0;
	b->nb_spaces = 1;
	if (blank)
		nobreak_end(b);
	if (b->ok && b->nb_work + b->nb_run * b->nb_run > BP_MAX_NOBREAK_WORK) {
		bp_diag(b->diag, BP_ERROR, b->nb_line, 0, "text here has a run of %"
		    G_GUINT64_FORMAT " characters or more with no place to break "
		    "a line (punctuation between spaces): too slow to lay out",
		    MAX(b->nb_max, b->nb_run));
		b->ok = false;
	}
}

/*
 * A place to break, or the end of a paragraph: the run so far is done.
 * Runs of up to 300 characters cost little; pdf/text.c breaks longer runs
 * without spaces every 100.
 */
static void
nobreak_end(struct bound *b)
{
	if (b->nb_run > 300)
		b->nb_work += b->nb_run * b->nb_run;
	b->nb_max = MAX(b->nb_max, b->nb_run);
	b->nb_run = 0;
	b->nb_prev = ' ';
}

/*
 * A link reference definition ("[label]: url 'title'") is copied into
 * every link that uses it, by cmark-gfm and again into the model: one of
 * 1 MB used 250,000 times is 250 GB (CVE-2023-22483). Its title may run
 * over lines, up to a blank line, when it does not end on the line that
 * starts it: take the rest of the block as its size then. Checked at
 * the end against the ']' of the whole article.
 */
static void
def_line(struct bound *b, const struct bnd_line *l,
    const struct bnd_prefix *x)
{
	const char	*p, *label_end = NULL, *q;
	char		 close;
	bool		 closed = false;

	if (b->def_pending && !b->def_runs_on)
		b->def_runs_on = x->item < l->end && strchr("\"'(", *x->item) !=
		    NULL;
	b->def_pending = false;
	if (b->def_runs_on) {
		b->def_bytes += (guint64)(l->end - l->s) + 1;
		return;
	}
	if (x->item == l->end || *x->item != '[')
		return;
	for (p = x->item + 1; p < l->end; p++) {
		if (*p == '\\') {
			p++;
			continue;
		}
		if (*p == ']') {
			label_end = p + 1 < l->end && p[1] == ':' ? p : NULL;
			closed = true;
			break;
		}
	}
	if (closed && label_end == NULL)
		return;
	def_end(b);
	b->def_line = l->no;
	b->def_bytes = (guint64)(l->end - l->s) + 1;
	if (label_end == NULL) {
		/* A label may run over lines too. */
		b->def_runs_on = true;
		return;
	}
	/* A title opened on the line must close at its end. */
	for (p = label_end + 2; p < l->end && (*p == ' ' || *p == '\t'); p++)
		;
	while (p < l->end && *p != ' ' && *p != '\t')
		p++;
	while (p < l->end && (*p == ' ' || *p == '\t'))
		p++;
	if (p == l->end) {
		b->def_pending = true;
		return;
	}
	close = *p == '(' ? ')' : *p;
	for (q = l->end; q > p + 1 && (q[-1] == ' ' || q[-1] == '\t'); q--)
		;
	b->def_runs_on = strchr("\"'(", *p) != NULL &&
	    (q == p + 1 || q[-1] != close);
}

/* The block ended: its definition's size is known. */
static void
def_end(struct bound *b)
{
	if (b->def_bytes > b->max_def) {
		b->max_def = b->def_bytes;
		b->max_def_line = b->def_line;
	}
	b->def_bytes = 0;
	b->def_runs_on = b->def_pending = false;
}

/*
 * A line that is certainly a whole link reference definition: "[label]:
 * url" and maybe a title in quotes, nothing else (not a footnote's
 * "[^label]:"). At the start of a paragraph it is no inline text, and
 * nothing is laid out of it.
 */
static bool
is_plain_def(const struct bnd_line *l, const struct bnd_prefix *x)
{
	const char	*p = x->item, *e = l->end;
	int		 parens = 0;
	bool		 label = false;
	char		 q;

	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (p == e || *p++ != '[' || (p < e && *p == '^'))
		return false;
	for (; p < e && *p != ']'; p++) {
		if (*p == '[' || (*p == '\\' && ++p == e))
			return false;
		label = label || (*p != ' ' && *p != '\t');
	}
	if (p == e || p - x->item > 999 || !label || ++p == e || *p++ != ':')
		return false;
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	if (p == e)
		return false;
	for (; p < e && *p != ' ' && *p != '\t'; p++) {
		if (*p == '<' || *p == '>' || (unsigned char)*p < 0x20)
			return false;
		parens += *p == '(' ? 1 : *p == ')' ? -1 : 0;
		if (parens < 0)
			return false;
	}
	if (parens != 0)
		return false;
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	if (p == e)
		return true;
	if (*p != '"' && *p != '\'')
		return false;
	for (q = *p++; p < e - 1; p++)
		if (*p == q || (*p == '\\' && ++p == e - 1))
			return false;
	return p == e - 1 && *p == q;
}

/*
 * "[^label]:" starts a footnote definition, a block of its own even in
 * the middle of a paragraph. *after: past the marker and its spaces.
 */
static bool
is_note_def(const struct bnd_prefix *x, const struct bnd_line *l,
    const char **after)
{
	const char	*p = x->item;

	if (x->code_ws || l->end - p < 5 || p[0] != '[' || p[1] != '^')
		return false;
	for (p += 2; p < l->end && (g_ascii_isalnum(*p) || *p == '-' ||
	    *p == '_'); p++)
		;
	if (p == x->item + 2 || l->end - p < 2 || p[0] != ']' || p[1] != ':')
		return false;
	for (p += 2; p < l->end && (*p == ' ' || *p == '\t'); p++)
		;
	*after = p;
	return true;
}

char *
bp_parse_heading_slug(const char *s, const char *e)
{
	GString		*slug = g_string_new(NULL);
	const char	*p;
	gunichar	 ch;

	for (p = s; p < e; p = g_utf8_next_char(p)) {
		ch = g_unichar_tolower(g_utf8_get_char(p));
		if (g_unichar_isalnum(ch))
			g_string_append_unichar(slug, ch);
		else if ((ch == ' ' || ch == '-' || ch == '_') && slug->len > 0 &&
		    slug->str[slug->len - 1] != '-')
			g_string_append_c(slug, '-');
		if (slug->len > 60)
			break;
	}
	while (slug->len > 0 && slug->str[slug->len - 1] == '-')
		g_string_truncate(slug, slug->len - 1);
	if (slug->len == 0)
		g_string_assign(slug, "section");
	return g_string_free(slug, FALSE);
}

/*
 * Is l a heading (ATX, or the underline of a setext heading)? Sets its
 * text [*s, *e) and *unsure when we cannot read that text as cmark-gfm
 * does: lines of it, a footnote's, links, escapes, entities, code,
 * '_' emphasis, "--" that smart punctuation makes a dash.
 */
static bool
heading_text(const struct bound *b, const struct bnd_line *l,
    const struct bnd_prefix *x, const char **s, const char **e,
    bool *unsure)
{
	const char	*p = x->item, *c;
	int		 level;

	*unsure = x->ws_cols >= 4;
	if (is_note_def(x, l, s)) {
		p = *s;
		*unsure = true;
	}
	for (level = 0; p < l->end && *p == '#' && level < 7; p++)
		level++;
	if (level >= 1 && level <= 6 && (p == l->end || *p == ' ' ||
	    *p == '\t')) {
		/* The text, without the closing sequence of '#'. */
		for (*s = p; *s < l->end && (**s == ' ' || **s == '\t'); (*s)++)
			;
		for (*e = l->end; *e > *s && ((*e)[-1] == ' ' ||
		    (*e)[-1] == '\t'); (*e)--)
			;
		for (c = *e; c > *s && c[-1] == '#'; c--)
			;
		if (c == *s || c[-1] == ' ' || c[-1] == '\t')
			for (*e = c; *e > *s && ((*e)[-1] == ' ' ||
			    (*e)[-1] == '\t'); (*e)--)
				;
	} else if (!b->prev_blank && p < l->end && (*p == '=' || *p == '-')) {
		/* A setext underline: the heading's text is the line before. */
		for (c = p; c < l->end && *c == *p; c++)
			;
		while (c < l->end && (*c == ' ' || *c == '\t'))
			c++;
		if (c < l->end)
			return false;
		*s = b->prev_pfx.item;
		*unsure = *unsure || !b->prev_first || **s == '#';
		for (*e = b->prev.end; *e > *s && ((*e)[-1] == ' ' ||
		    (*e)[-1] == '\t'); (*e)--)
			;
	} else
		return false;
	for (c = *s; c < *e && !*unsure; c++)
		*unsure = strchr("[]<&\\`_", *c) != NULL ||
		    (*c == '-' && c + 1 < *e && c[1] == '-');
	return true;
}

/*
 * md.c gives each heading an id, trying "slug", "slug-2", "slug-3", ...
 * until one is free: 20,000 headings of the same text take 18 s. Follow
 * it for headings whose text we read as cmark-gfm does, counting its
 * tries without making them; any other heading may stand in the way of
 * every other: count it so.
 */
static void
heading_line(struct bound *b, const struct bnd_line *l,
    const struct bnd_prefix *x)
{
	const char	*s, *e;
	char		*slug = NULL, *id = NULL;
	guint64		 n, tries;
	bool		 unsure;

	if (!heading_text(b, l, x, &s, &e, &unsure))
		return;
	b->headings++;
	if (unsure) {
		if (b->unsure++ == 0)
			b->unsure_line = l->no;
		return;
	}
	slug = bp_parse_heading_slug(s, e);
	if (!g_hash_table_contains(b->ids, slug)) {
		g_hash_table_add(b->ids, slug);
		slug = NULL;
		tries = 0;
	} else {
		n = GPOINTER_TO_SIZE(g_hash_table_lookup(b->next_n, slug));
		for (n = MAX(n, 2); ; n++) {
			g_free(id);
			id = g_strdup_printf("%s-%" G_GUINT64_FORMAT, slug, n);
			if (!g_hash_table_contains(b->ids, id))
				break;
		}
		tries = n - 1;
		g_hash_table_add(b->ids, id);
		id = NULL;
		g_hash_table_insert(b->next_n, slug, GSIZE_TO_POINTER(n + 1));
		slug = NULL;
	}
	/* Each unsure heading may be one more try for this one. */
	b->id_work += tries + b->unsure;
	if (b->ok && b->id_work > BP_MAX_ID_WORK) {
		bp_diag(b->diag, BP_ERROR, l->no, 0, "too many headings with "
		    "the same text: giving each a unique id would take more "
		    "than %u tries", BP_MAX_ID_WORK);
		b->ok = false;
	}
	g_free(slug);
}

/* After a blank line: a new block, in which no table is open. */
static void
block_start(struct bound *b, const struct bnd_line *l,
    const struct bnd_prefix *x)
{
	b->plain = true;
	b->block_quotes = x->quotes;
	b->para_line = 0;
	b->para_scan = 0;
	b->para_start = l->s;
	b->last_pipe = NULL;
}

/* A paragraph (or a table row) begins at l: nothing counted yet. */
static void
para_start(struct bound *b, const struct bnd_line *l)
{
	nobreak_end(b);
	b->defs_only = true;
	b->para_line = l->no;
	b->runs = b->images = b->bracket_work = b->spans = 0;
	g_byte_array_set_size(b->brackets, 0);
	b->tildes = b->notes = b->ticks = 0;
	b->open_pi = b->open_cdata = b->open_decl = 0;
	b->html_work = b->para_bytes = 0;
}

/* The limits only the whole article shows. */
static void
bound_end(struct bound *b)
{
	def_end(b);
	/* Unsure headings may try every id there is. */
	if (b->ok && b->id_work + b->unsure * b->headings > BP_MAX_ID_WORK) {
		bp_diag(b->diag, BP_ERROR, b->unsure_line, 0, "%"
		    G_GUINT64_FORMAT " headings, %" G_GUINT64_FORMAT " of them "
		    "over lines, in footnotes or with links, code or escapes: "
		    "giving each a unique id may take more than %u tries",
		    b->headings, b->unsure, BP_MAX_ID_WORK);
		b->ok = false;
	}
	if (b->ok && b->max_def * b->closers > BP_MAX_REF_COPY) {
		bp_diag(b->diag, BP_ERROR, b->max_def_line, 0, "a link reference "
		    "definition of up to %" G_GUINT64_FORMAT " bytes, and %"
		    G_GUINT64_FORMAT " ']' that may use it: more than %u bytes "
		    "of copies", b->max_def, b->closers, BP_MAX_REF_COPY);
		b->ok = false;
	}
}

char *
bp_bound_text(const char *text, size_t len, int first_line,
    struct bp_diag *diag)
{
	struct bound		 b;
	struct bnd_line		 l = { 0 };
	struct bnd_prefix	 x;
	char			*copy = g_malloc(len + 1), *p = copy;
	const char		*after;
	bool			 blank, row;

	memcpy(copy, text, len);
	copy[len] = '\0';
	memset(&b, 0, sizeof b);
	b.diag = diag;
	b.end = copy + len;
	b.ok = true;
	b.prev_blank = true;
	b.ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	b.next_n = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    NULL);
	b.brackets = g_byte_array_new();
	l.no = first_line - 1;

	while (b.ok && next_line(&p, b.end, &l)) {
		b.next = p;
		blank = is_blankish(&l);
		scan_prefix(&l, &x);
		nest_line(&b, &l, &x, blank);
		if (blank) {
			nobreak_line(&b, &l, &x, blank);
			/* A new block: no table, no paragraph goes on. */
			b.width = 0;
			b.in_table = false;
			b.prev_blank = true;
			def_end(&b);
			continue;
		}
		if (b.prev_blank)
			block_start(&b, &l, &x);
		b.plain = b.plain && x.quotes == b.block_quotes && !x.list &&
		    !x.code_ws;
		table_line(&b, &l, &x);
		heading_line(&b, &l, &x);

		/*
		 * A table row is a paragraph of its own, and so is what
		 * follows it; a footnote definition starts one.
		 */
		row = b.in_table;
		if (b.para_line == 0 || row || b.row_unit ||
		    is_note_def(&x, &l, &after))
			para_start(&b, &l);
		b.row_unit = row;
		nobreak_line(&b, &l, &x, false);
		if (b.defs_only && b.width == 0 && is_plain_def(&l, &x))
			b.para_line = 0;    /* the paragraph starts after it */
		else {
			b.defs_only = false;
			inline_line(&b, &l, &x);
			autolink_line(&b, &l, &x);
		}
		def_line(&b, &l, &x);

		b.prev = l;
		b.prev_pfx = x;
		b.prev_first = b.prev_blank;
		b.prev_blank = false;
	}
	bound_end(&b);
	g_hash_table_destroy(b.ids);
	g_hash_table_destroy(b.next_n);
	g_byte_array_free(b.brackets, TRUE);
	if (!b.ok) {
		g_free(copy);
		copy = NULL;
	}
	return copy;
}

/* Emphasis, strong, strikethrough, links and images nest in each other. */
static bool
is_inline_container(cmark_node *cn)
{
	const char	*ts;

	switch (cmark_node_get_type(cn)) {
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
		return true;
	default:
		ts = cmark_node_get_type_string(cn);
		return ts != NULL && strcmp(ts, "strikethrough") == 0;
	}
}

/* The line of an inline node: its own, else its block's. */
static int
node_line(cmark_node *cn)
{
	for (; cn != NULL; cn = cmark_node_parent(cn))
		if (cmark_node_get_start_line(cn) > 0)
			return cmark_node_get_start_line(cn);
	return 1;
}

void
bp_bound_tree(cmark_node *doc, int first_line, struct bp_diag *diag)
{
	cmark_iter		*it = cmark_iter_new(doc);
	cmark_event_type	 ev;
	cmark_node		*cn, *child;
	GPtrArray		*deep = g_ptr_array_new();
	int			 depth = 0;
	guint			 i;

	/*
	 * Pango's attribute iterator is quadratic in attributes that
	 * overlap: "*a **a " x 30,000 took 15 s to lay out. Inlines nested
	 * deeper than the limit give their children to their parent.
	 */
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cn = cmark_iter_get_node(it);
		if (!is_inline_container(cn))
			continue;
		if (ev == CMARK_EVENT_EXIT)
			depth--;
		else if (++depth > BP_MAX_INLINE_DEPTH)
			g_ptr_array_add(deep, cn);
	}
	cmark_iter_free(it);
	if (deep->len > 0)
		bp_diag(diag, BP_WARNING, node_line(g_ptr_array_index(deep, 0)) +
		    first_line - 1, 0, "emphasis and links nested deeper than "
		    "%d levels are flattened", BP_MAX_INLINE_DEPTH);
	for (i = 0; i < deep->len; i++) {
		cn = g_ptr_array_index(deep, i);
		while ((child = cmark_node_first_child(cn)) != NULL)
			cmark_node_insert_before(cn, child);
		cmark_node_free(cn);
	}
	g_ptr_array_free(deep, TRUE);
}
