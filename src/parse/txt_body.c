/*
 * Pasted text, second half: the notes that explain each guess, the
 * Markdown made from the sorted lines (escaped), and the map that takes
 * its lines and messages back to the .txt's lines.
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <string.h>

#include "bp.h"
#include "parse/parse.h"
#include "parse/txt_lines.h"

/* Markdown lines added (blank lines between paragraphs), in order. */
struct bp_txt_map {
	int	*added;   /* Markdown line numbers */
	int	 n;
	int	*table;   /* or: Markdown line N is source line table[N - 1] */
	int	 ntable;  /* (html.c, docx.c, through mdout.c) */
	struct bp_txt_list_style *styles; /* lists not decimal, by line */
	int	 nstyles;
};

/* Forwards messages with their lines moved back to the .txt. */
struct remap {
	struct bp_diag		*up;
	const struct bp_txt_map	*map;
};

static int run_end(const struct txt *t, int i, bool drops);
static void quote_texts(const struct txt *t, int i, int j, GString *s);
static void note_run(const struct txt *t, int i, int j, const char *what);
static void note_line(const struct txt *t, int i);
static void escape(GString *md, const char *s, size_t len);
static void emit_line(const struct txt *t, int i, GString *md);
static bool needs_blank(const struct txt *t, int prev, int i);
static void remap_fn(void *data, enum bp_severity sev, const char *file,
    int line, int col, const char *msg);
static void remap_nodes(struct bp_node *root, const struct bp_txt_map *map);
static enum bp_list_style style_at(const struct bp_txt_map *map, int line,
    int col);

/*
 * The last line of the run of line i's kind from i on (a list, a run of
 * dropped lines for one reason); with drops, blank lines inside count.
 */
static int
run_end(const struct txt *t, int i, bool drops)
{
	int	 j, last = i;

	for (j = i + 1; j < t->n; j++) {
		if (t->l[j].kind == TXT_BLANK && drops)
			continue;
		if (t->l[j].kind != t->l[i].kind || t->l[j].why != t->l[i].why)
			break;
		last = j;
	}
	return last;
}

/* The first few texts of lines i..j, quoted and cut short. */
static void
quote_texts(const struct txt *t, int i, int j, GString *s)
{
	int	 k, shown = 0;
	glong	 n;

	for (k = i; k <= j && shown < 3; k++) {
		if (t->l[k].kind == TXT_BLANK)
			continue;
		n = g_utf8_strlen(t->l[k].raw, t->l[k].rawlen);
		g_string_append(s, shown++ > 0 ? ", \"" : " (\"");
		if (n > 40) {
			g_string_append_len(s, t->l[k].raw,
			    g_utf8_offset_to_pointer(t->l[k].raw, 37) -
			    t->l[k].raw);
			g_string_append(s, "...");
		} else
			g_string_append_len(s, t->l[k].raw, t->l[k].rawlen);
		g_string_append_c(s, '"');
	}
	if (shown > 0)
		g_string_append(s, k <= j ? ", ...)" : ")");
}

/* "lines 1-3: site navigation dropped ("Hopp til innhold", ...)". */
static void
note_run(const struct txt *t, int i, int j, const char *what)
{
	GString	*s = g_string_new(NULL);

	if (j > i)
		g_string_printf(s, "lines %d-%d: %s", t->l[i].no, t->l[j].no,
		    what);
	else
		g_string_printf(s, "line %d: %s", t->l[i].no, what);
	quote_texts(t, i, j, s);
	bp_diag(t->diag, BP_NOTE, t->l[i].no, 0, "%s", s->str);
	g_string_free(s, TRUE);
}

/* The note for line i's guess, when it is the first of its kind. */
static void
note_line(const struct txt *t, int i)
{
	const struct txt_line	*l = &t->l[i];
	char			*what = NULL;

	switch (l->kind) {
	case TXT_TITLE:
		what = g_strdup_printf("title: %s", t->title_why);
		break;
	case TXT_SUBTITLE:
		what = g_strdup("lead, shown as the subtitle");
		break;
	case TXT_DATE:
		what = g_strdup_printf("date line, in the title block as %s",
		    t->meta->date_text != NULL ? t->meta->date_text : "?");
		break;
	case TXT_AUTHOR:
		what = g_strdup("byline, in the title block");
		break;
	case TXT_HEADING:
		what = g_strdup("heading");
		break;
	case TXT_SPEECH:
		what = g_strdup("speech paragraph, set with an en dash");
		break;
	case TXT_LINK:
		what = g_strdup("link line kept as text (the paste lost its "
		    "link)");
		break;
	default:
		break;
	}
	if (what != NULL)
		note_run(t, i, i, what);
	g_free(what);
}

void
bp_txt_give_notes(const struct txt *t)
{
	char	*what;
	int	 i, j, k, n;

	for (i = 0; i < t->n; i++) {
		if (t->l[i].kind == TXT_DROP) {
			j = run_end(t, i, true);
			what = g_strdup_printf("%s dropped", t->l[i].why);
			note_run(t, i, j, what);
			g_free(what);
			i = j;
		} else if (t->l[i].kind == TXT_ITEM) {
			j = run_end(t, i, false);
			for (k = i, n = 0; k <= j; k++)
				n += t->l[k].first;
			what = g_strdup_printf("list of %d item%s", n,
			    n == 1 ? "" : "s");
			note_run(t, i, j, what);
			g_free(what);
			i = j;
		} else if (t->l[i].first || t->l[i].kind == TXT_DATE)
			note_line(t, i);
	}
	for (i = 0; i < t->n && !t->l[i].join; i++)
		;
	if (i < t->n)
		bp_diag(t->diag, BP_NOTE, t->l[i].no, 0, "hard-wrapped text "
		    "(lines of at most %d characters): lines joined into "
		    "paragraphs", t->wrap);
}

/*
 * Text as Markdown shows it literally: inline syntax escaped, and at the
 * line's start what would open a block (a list, a setext underline).
 */
static void
escape(GString *md, const char *s, size_t len)
{
	size_t	 i = 0;

	if (len > 0 && (s[0] == '-' || s[0] == '+' || s[0] == '=')) {
		g_string_append_c(md, '\\');
	} else {
		while (i < len && g_ascii_isdigit(s[i]))
			i++;
		g_string_append_len(md, s, (gssize)i);
		if (i > 0 && i < len && (s[i] == '.' || s[i] == ')'))
			g_string_append_c(md, '\\');
	}
	for (; i < len; i++) {
		if (strchr("\\`*_[]<>#|~&", s[i]) != NULL && s[i] != '\0')
			g_string_append_c(md, '\\');
		g_string_append_c(md, s[i] == '\t' ? ' ' : s[i]);
	}
}

/* Line i as Markdown (without its line feed). */
static void
emit_line(const struct txt *t, int i, GString *md)
{
	const struct txt_line	*l = &t->l[i];

	if (!l->first) {
		escape(md, l->raw, l->rawlen);
		return;
	}
	switch (l->kind) {
	case TXT_HEADING:
		g_string_append(md, "## ");
		escape(md, l->raw, l->rawlen);
		break;
	case TXT_SPEECH:
		g_string_append(md, "\xe2\x80\x93 ");
		escape(md, l->s, l->len);
		break;
	case TXT_ITEM:
		if (l->bullet == TXT_BULLET_NUM)
			g_string_append_printf(md, "%d. ", l->num);
		else
			g_string_append(md, "- ");
		escape(md, l->s, l->len);
		break;
	case TXT_PARA:
	case TXT_LINK:
		escape(md, l->raw, l->rawlen);
		break;
	default:
		break;
	}
}

/* Whether a blank line must part paragraph i from the one at prev. */
static bool
needs_blank(const struct txt *t, int prev, int i)
{
	return prev >= 0 && prev == i - 1 && t->l[i].first &&
	    !(t->l[prev].kind == TXT_ITEM && t->l[i].kind == TXT_ITEM &&
	    t->l[prev].bullet == t->l[i].bullet);
}

void
bp_txt_emit(const struct txt *t, struct bp_txt_result *out)
{
	GString		*md = g_string_sized_new(1024);
	GArray		*added = g_array_new(FALSE, FALSE, sizeof(int));
	int		 i, line = 1, prev = -1;

	for (i = 0; i < t->n; i++, line++) {
		if (t->l[i].kind < TXT_HEADING) {
			g_string_append_c(md, '\n');
			continue;
		}
		if (needs_blank(t, prev, i)) {
			g_string_append_c(md, '\n');
			g_array_append_val(added, line);
			line++;
		}
		emit_line(t, i, md);
		g_string_append_c(md, '\n');
		prev = i;
	}
	out->len = md->len;
	out->markdown = g_string_free(md, FALSE);
	out->map = g_new0(struct bp_txt_map, 1);
	out->map->n = (int)added->len;
	out->map->added = (int *)(void *)g_array_free(added, FALSE);
}

int
bp_txt_map_line(const struct bp_txt_map *map, int md_line)
{
	int	 lo = 0, hi, mid;

	if (map == NULL || md_line <= 0)
		return md_line;
	if (map->table != NULL)
		return map->ntable == 0 ? 0 : map->table[MIN(md_line,
		    map->ntable) - 1];
	/* How many added lines come before md_line. */
	for (hi = map->n; lo < hi;) {
		mid = lo + (hi - lo) / 2;
		if (map->added[mid] < md_line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return md_line - lo;
}

void
bp_txt_map_free(struct bp_txt_map *map)
{
	if (map == NULL)
		return;
	g_free(map->added);
	g_free(map->table);
	g_free(map->styles);
	g_free(map);
}

struct bp_txt_map *
bp_txt_map_new_table(int *lines, int n)
{
	struct bp_txt_map	*map = g_new0(struct bp_txt_map, 1);

	map->table = lines;
	map->ntable = n;
	return map;
}

void
bp_txt_map_set_styles(struct bp_txt_map *map,
    struct bp_txt_list_style *styles, int n)
{
	g_free(map->styles);
	map->styles = styles;
	map->nstyles = n;
}

/* The style of the list at Markdown line, col (decimal when unknown). */
static enum bp_list_style
style_at(const struct bp_txt_map *map, int line, int col)
{
	int	 lo = 0, hi = map->nstyles, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (map->styles[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < map->nstyles && map->styles[lo].line == line; lo++)
		if (map->styles[lo].col == col)
			return map->styles[lo].style;
	return BP_LIST_STYLE_DECIMAL;
}

static void
remap_fn(void *data, enum bp_severity sev, const char *file, int line,
    int col, const char *msg)
{
	struct remap	*r = data;

	bp_diag_at(r->up, file, sev, bp_txt_map_line(r->map, line),
	    r->map != NULL && r->map->table != NULL ? 0 : col,
	    "%s", msg);
}

/*
 * Every node's line, moved from the Markdown to the .txt; an ordered
 * list takes the style the map has for its Markdown position.
 */
static void
remap_nodes(struct bp_node *root, const struct bp_txt_map *map)
{
	struct bp_iter	 it;
	struct bp_node	*n;

	if (root == NULL)
		return;
	bp_iter_init(&it, root);
	while (bp_iter_next(&it) != BP_EVENT_DONE)
		if (it.event == BP_EVENT_ENTER) {
			n = (struct bp_node *)(uintptr_t)it.node;
			if (n->type == BP_NODE_LIST && n->u.list.ordered &&
			    map != NULL && map->nstyles > 0)
				n->u.list.style = style_at(map, n->line, n->col);
			n->line = bp_txt_map_line(map, n->line);
		}
}

bool
bp_txt_parse_body(struct bp_article *art, const char *md, size_t len,
    const struct bp_txt_map *map, const struct bp_load_opts *opts,
    struct bp_diag *diag)
{
	struct remap	 r = { diag, map };
	struct bp_diag	 local = { 0 };
	bool		 ok;
	int		 i;

	local.file = diag != NULL ? diag->file : NULL;
	local.fn = remap_fn;
	local.data = &r;
	ok = bp_md_parse(art, md, len, /*first_line*/1, opts, &local);
	remap_nodes(art->body, map);
	for (i = 0; i < art->nnotes; i++)
		remap_nodes(art->notes[i], map);
	return ok;
}
