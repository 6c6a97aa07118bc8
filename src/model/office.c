/*
 * What makes a pack an official document, decided once for both
 * writers: the exemption from public access and its words, the rights
 * statement of the metadata, numbered copies, their holders and names.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "bp.h"

static bool is_set(const char *s);
static void add_cell(struct bp_article *art, struct bp_node *row,
    const char *text, enum bp_align align);

static bool
is_set(const char *s)
{
	return s != NULL && *s != '\0';
}

char *
bp_office_exempt_line(const char *lang, const char *basis)
{
	if (!is_set(basis))
		return NULL;
	return g_strdup_printf("%s %s", bp_l10n_word(lang, BP_W_EXEMPT),
	    basis);
}

char *
bp_pack_get_exempt(const struct bp_pack *pack)
{
	GPtrArray		*bases;
	const struct bp_article	*art;
	char			*joined;
	guint			 i;

	if (is_set(pack->meta.exempt))
		return g_strdup(pack->meta.exempt);
	/* Each legal basis once, in article order. */
	bases = g_ptr_array_new();
	for (i = 0; i < pack->articles->len; i++) {
		art = g_ptr_array_index(pack->articles, i);
		if (is_set(art->meta.exempt) &&
		    !g_ptr_array_find_with_equal_func(bases, art->meta.exempt,
		    g_str_equal, NULL))
			g_ptr_array_add(bases, art->meta.exempt);
	}
	g_ptr_array_add(bases, NULL);
	joined = bases->len > 1 ? g_strjoinv("; ", (char **)bases->pdata) :
	    NULL;
	g_ptr_array_free(bases, TRUE);
	return joined;
}

char *
bp_pack_get_page_exempt(const struct bp_pack *pack,
    const struct bp_article *art)
{
	char	*basis, *line;

	/* An article's own wins over the pack's, in its own language. */
	if (art != NULL && is_set(art->meta.exempt))
		return bp_office_exempt_line(art->lang != NULL ? art->lang :
		    pack->meta.lang, art->meta.exempt);
	if (art != NULL)
		return bp_office_exempt_line(pack->meta.lang,
		    pack->meta.exempt);
	basis = bp_pack_get_exempt(pack);
	line = bp_office_exempt_line(pack->meta.lang, basis);
	g_free(basis);
	return line;
}

char *
bp_pack_get_rights(const struct bp_pack *pack)
{
	const char	*mark = pack->meta.classification;
	char		*basis = bp_pack_get_exempt(pack);
	char		*line = bp_office_exempt_line(pack->meta.lang, basis);
	char		*rights = NULL;

	if (is_set(mark) && line != NULL)
		rights = g_strdup_printf("%s. %s", mark, line);
	else if (is_set(mark))
		rights = g_strdup(mark);
	else if (line != NULL)
		rights = g_strdup(line);
	g_free(line);
	g_free(basis);
	return rights;
}

int
bp_pack_get_copies(const struct bp_pack *pack, int copies_opt)
{
	if (copies_opt > 0)
		return copies_opt;
	return pack->meta.distribution != NULL ?
	    (int)g_strv_length(pack->meta.distribution) : 0;
}

bool
bp_pack_check_copies(const struct bp_pack *pack, int copies_opt,
    struct bp_diag *diag)
{
	guint	 n = pack->meta.distribution != NULL ?
	    g_strv_length(pack->meta.distribution) : 0;

	if (copies_opt <= 0 || n == 0 || (guint)copies_opt == n)
		return true;
	bp_diag_at(diag, pack->path, BP_ERROR, 0, 0, "--copies %d, but the "
	    "distribution list names %u holder%s: give --copies %u or leave "
	    "it out", copies_opt, n, n == 1 ? "" : "s", n);
	return false;
}

const char *
bp_pack_get_holder(const struct bp_pack *pack, int k)
{
	guint	 n = pack->meta.distribution != NULL ?
	    g_strv_length(pack->meta.distribution) : 0;

	return k >= 1 && (guint)k <= n ? pack->meta.distribution[k - 1] :
	    NULL;
}

char *
bp_pack_copy_words(const struct bp_pack *pack, int k, int n)
{
	const char	*holder = bp_pack_get_holder(pack, k);
	char		*words, *out;

	if (k < 1 || n < 1)
		return NULL;
	words = bp_l10n_format(pack->meta.lang, BP_W_COPY_OF, k, n);
	if (holder == NULL)
		return words;
	out = g_strdup_printf("%s \xc2\xb7 %s", words, holder);
	g_free(words);
	return out;
}

char *
bp_office_copy_path(const char *path, int k)
{
	const char	*base = strrchr(path, '/');
	const char	*dot = strrchr(base != NULL ? base + 1 : path, '.');

	/* A name that is all extension (".pdf") keeps it as its stem. */
	if (dot == NULL || dot == (base != NULL ? base + 1 : path))
		return g_strdup_printf("%s-%d", path, k);
	return g_strdup_printf("%.*s-%d%s", (int)(dot - path), path, k, dot);
}

/* A cell of row holding text (copied into art's arena). */
static void
add_cell(struct bp_article *art, struct bp_node *row, const char *text,
    enum bp_align align)
{
	struct bp_node	*cell = bp_node_new(art, BP_NODE_TABLE_CELL, 0, 0);
	struct bp_node	*t = bp_node_new(art, BP_NODE_TEXT, 0, 0);

	cell->u.cell.align = align;
	t->text = bp_article_strdup(art, text, -1);
	bp_node_append(cell, t);
	bp_node_append(row, cell);
}

struct bp_article *
bp_pack_distribution_article(const struct bp_pack *pack, int n)
{
	const char		*lang = pack->meta.lang != NULL ?
	    pack->meta.lang : "en";
	struct bp_article	*art;
	struct bp_node		*table, *row;
	char			 num[16];
	int			 k;

	if (pack->meta.distribution == NULL || n < 1)
		return NULL;
	art = bp_article_new("distribution");
	art->id = g_strdup("distribution");
	art->lang = g_strdup(lang);
	art->meta.lang = g_strdup(lang);
	art->meta.title = g_strdup(bp_l10n_word(lang, BP_W_DISTRIBUTION));
	art->meta.exempt = bp_pack_get_exempt(pack);
	art->body = bp_node_new(art, BP_NODE_DOCUMENT, 0, 0);
	table = bp_node_new(art, BP_NODE_TABLE, 0, 0);
	table->u.table.ncols = 2;
	table->u.table.align = bp_article_alloc(art, 3 * sizeof(enum bp_align));
	table->u.table.align[0] = BP_ALIGN_RIGHT;
	table->u.table.align[1] = BP_ALIGN_LEFT;
	bp_node_append(art->body, table);
	row = bp_node_new(art, BP_NODE_TABLE_ROW, 0, 0);
	row->u.row.header = true;
	add_cell(art, row, bp_l10n_word(lang, BP_W_COPY_NO), BP_ALIGN_RIGHT);
	add_cell(art, row, bp_l10n_word(lang, BP_W_HOLDER), BP_ALIGN_LEFT);
	bp_node_append(table, row);
	for (k = 1; k <= n; k++) {
		row = bp_node_new(art, BP_NODE_TABLE_ROW, 0, 0);
		g_snprintf(num, sizeof num, "%d", k);
		add_cell(art, row, num, BP_ALIGN_RIGHT);
		add_cell(art, row, bp_pack_get_holder(pack, k) != NULL ?
		    bp_pack_get_holder(pack, k) : "", BP_ALIGN_LEFT);
		bp_node_append(table, row);
	}
	return art;
}
