/*
 * A readable text dump of the document model, for tests and --dump=model.
 * SPDX-License-Identifier: MIT
 */
#include "bp.h"

static void dump_meta(GString *s, const struct bp_meta *m, const char *indent);
static void dump_node(GString *s, const struct bp_node *n, int depth);
static void dump_tree(GString *s, const struct bp_node *root, int depth);
static void dump_str(GString *s, const char *str);

static const char *const align_names[BP_ALIGN__MAX] = {
	"none", "left", "center", "right",
};

/* Strings are quoted with C-style escapes so whitespace is visible. */
static void
dump_str(GString *s, const char *str)
{
	const char	*p;

	g_string_append_c(s, '"');
	for (p = str != NULL ? str : ""; *p != '\0'; p++) {
		switch (*p) {
		case '\n': g_string_append(s, "\\n"); break;
		case '\t': g_string_append(s, "\\t"); break;
		case '"': g_string_append(s, "\\\""); break;
		case '\\': g_string_append(s, "\\\\"); break;
		default: g_string_append_c(s, *p); break;
		}
	}
	g_string_append_c(s, '"');
}

static void
dump_meta(GString *s, const struct bp_meta *m, const char *indent)
{
	int	 i;

#define META_STR(key, v) do { if ((v) != NULL) { \
	g_string_append_printf(s, "%s%s: ", indent, key); \
	dump_str(s, v); g_string_append_c(s, '\n'); } } while (0)
	META_STR("title", m->title);
	META_STR("subtitle", m->subtitle);
	for (i = 0; m->authors != NULL && m->authors[i] != NULL; i++)
		META_STR("author", m->authors[i]);
	if (m->date.y != 0)
		g_string_append_printf(s, "%sdate: %04d-%02d-%02d\n", indent,
		    m->date.y, m->date.m, m->date.d);
	META_STR("lang", m->lang);
	META_STR("source", m->source);
	META_STR("abstract", m->abstract);
	for (i = 0; m->keywords != NULL && m->keywords[i] != NULL; i++)
		META_STR("keyword", m->keywords[i]);
	META_STR("classification", m->classification);
	META_STR("exempt", m->exempt);
	for (i = 0; m->distribution != NULL && m->distribution[i] != NULL;
	    i++)
		META_STR("holder", m->distribution[i]);
	META_STR("organisation", m->organisation);
	META_STR("style", m->style);
#undef META_STR
}

static void
dump_node(GString *s, const struct bp_node *n, int depth)
{
	g_string_append_printf(s, "%*s%s", depth * 2, "",
	    bp_node_type_name(n->type));
	switch (n->type) {
	case BP_NODE_HEADING:
		g_string_append_printf(s, " level=%d id=%s", n->u.heading.level,
		    n->u.heading.id);
		break;
	case BP_NODE_LIST:
		if (n->u.list.ordered)
			g_string_append_printf(s, " ordered start=%d delim=%c",
			    n->u.list.start, n->u.list.delim);
		else
			g_string_append(s, " bullet");
		/* Letters and roman numerals (from .html and .docx). */
		if (n->u.list.ordered && n->u.list.style > BP_LIST_STYLE_DECIMAL &&
		    n->u.list.style < BP_LIST_STYLE__MAX)
			g_string_append_printf(s, " style=%s", (const char *[]){
			    "decimal", "lower-alpha", "upper-alpha",
			    "lower-roman", "upper-roman" }[n->u.list.style]);
		g_string_append(s, n->u.list.tight ? " tight" : " loose");
		break;
	case BP_NODE_ITEM:
		if (n->u.item.task != BP_TASK_NONE)
			g_string_append(s, n->u.item.task == BP_TASK_DONE ?
			    " task=done" : " task=open");
		break;
	case BP_NODE_CODE_BLOCK:
		if (n->u.code.info != NULL && *n->u.code.info != '\0')
			g_string_append_printf(s, " info=%s", n->u.code.info);
		break;
	case BP_NODE_LINK:
	case BP_NODE_IMAGE:
		g_string_append(s, " url=");
		dump_str(s, n->u.link.url);
		if (n->u.link.title != NULL && *n->u.link.title != '\0') {
			g_string_append(s, " title=");
			dump_str(s, n->u.link.title);
		}
		if (n->type == BP_NODE_IMAGE && n->u.link.image != NULL &&
		    n->u.link.image->data == NULL)
			g_string_append(s, " missing");
		break;
	case BP_NODE_TABLE:
		g_string_append_printf(s, " cols=%d", n->u.table.ncols);
		break;
	case BP_NODE_TABLE_ROW:
		if (n->u.row.header)
			g_string_append(s, " header");
		break;
	case BP_NODE_TABLE_CELL:
		g_string_append_printf(s, " align=%s",
		    align_names[n->u.cell.align]);
		break;
	case BP_NODE_FOOTNOTE_DEF:
	case BP_NODE_FOOTNOTE_REF:
		g_string_append_printf(s, " num=%d", n->u.fn.num);
		break;
	default:
		break;
	}
	if (n->text != NULL) {
		g_string_append_c(s, ' ');
		dump_str(s, n->text);
	}
	g_string_append_c(s, '\n');
}

/* Every node under root, one a line, indented by depth. */
static void
dump_tree(GString *s, const struct bp_node *root, int depth)
{
	struct bp_iter	 it;

	bp_iter_init(&it, root);
	while (bp_iter_next(&it) != BP_EVENT_DONE)
		if (it.event == BP_EVENT_ENTER)
			dump_node(s, it.node, depth + it.depth);
}

char *
bp_pack_dump(const struct bp_pack *pack)
{
	GString			*s = g_string_new(NULL);
	const struct bp_article	*art;
	guint			 i;
	int			 k;
	bool			 have;

	g_string_append(s, "pack\n");
	dump_meta(s, &pack->meta, "  ");
	for (i = 0; i < pack->articles->len; i++) {
		art = g_ptr_array_index(pack->articles, i);
		g_string_append_printf(s, "article %s", art->id);
		have = bp_article_body_acquire(art, /*diag*/NULL);
		if (!have) {
			g_string_append(s, " failed ");
			dump_str(s, bp_article_why_missing(art));
		}
		g_string_append_c(s, '\n');
		dump_meta(s, &art->meta, "  ");
		if (!have)
			continue;
		dump_tree(s, art->body, 1);
		for (k = 0; k < art->nnotes; k++)
			dump_tree(s, art->notes[k], 1);
		bp_article_body_release(art);
	}
	return g_string_free(s, FALSE);
}
