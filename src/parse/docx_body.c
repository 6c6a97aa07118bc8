/*
 * Word documents: the body's paragraphs, runs, lists, tables, pictures,
 * fields and tracked changes as Markdown (mdout.c), then the notes the
 * body refers to. Each Markdown line maps to its paragraph's number.
 * SPDX-License-Identifier: MIT
 */
#include <stdlib.h>
#include <string.h>

#include "parse/docx.h"
#include "parse/html.h"
#include "parse/parse.h"

/* What a paragraph is, from its properties and style. */
enum para_kind {
	PARA_TEXT,
	PARA_HEADING,
	PARA_TITLE,      /* text into meta.title */
	PARA_SUBTITLE,   /* text into meta.subtitle */
	PARA_META,       /* pandoc's Author, Date, Abstract: into meta */
	PARA_CAPTION,    /* a caption: left out when it repeats the alt text */
	PARA_CODE,       /* a line of a code block */
	PARA_QUOTE,
	PARA_ITEM,
	PARA_KIND__MAX
};

/* The walk's state. */
struct body {
	struct docx	*d;
	struct bp_mdout	*o;
	GString		*capture;   /* a title's, subtitle's or code's text */
	GString		*code;      /* the code block so far */
	GString		*code_run;  /* code-font runs in a row */
	enum para_kind	 kind;
	const struct docx_style *pstyle;
	bool		 quote;     /* a quote is open */
	bool		 marks[BP_MDOUT_MARK__MAX];
	int		 fields;    /* complex fields open */
	int		 field_link; /* the field depth of an open link, 0 */
	int		 field_skip; /* the depth of a skipped field (TOC), 0 */
	GString		*instr;
	int		 links;     /* w:hyperlink links open */
	int		 tables;
	int		 span;      /* the cell's gridSpan */
	int		 level;     /* the paragraph's own outline level, 0 */
	bool		 any_note_ref;
};

static const char *const skip_elements[] = {
	"pPr", "rPr", "sectPr", "tblPr", "tblGrid", "trPr", "tcPr", "del",
	"moveFrom", "delText", "instrText", "commentRangeStart",
	"commentRangeEnd", "proofErr", "bookmarkStart", "bookmarkEnd",
	"sdtPr", "sdtEndPr", "Fallback", "footnoteRef", "endnoteRef",
	"annotationRef", "lastRenderedPageBreak", "permStart", "permEnd",
	"customXmlPr", "smartTagPr", "fldData",
};

static bool is_skipped(const xmlNode *e);
static enum para_kind para_kind(struct body *b, const xmlNode *p,
    char **num_id, int *ilvl);
static void close_lists(struct body *b, guint depth);
static enum bp_align cell_align(const xmlNode *tc);
static void flush_code(struct body *b);
static void end_quote(struct body *b);
static void start_item(struct body *b, const char *num_id, int ilvl);
static void enter_para(struct body *b, xmlNode *p);
static void leave_para(struct body *b);
static void meta_para(struct body *b);
static void set_marks(struct body *b, const bool want[]);
static int toggle(const xmlNode *rpr, const char *name, int cv, int pv);
static void run_text(struct body *b, const xmlNode *r, const char *s);
static void flush_code_run(struct body *b);
static void enter_run_child(struct body *b, xmlNode *e);
static void field_char(struct body *b, const xmlNode *e);
static void picture(struct body *b, xmlNode *e);
static bool enter(struct body *b, xmlNode *e);
static void leave(struct body *b, xmlNode *e);
static void walk(struct body *b, xmlNode *top);
static void emit_notes(struct body *b);

static bool
is_skipped(const xmlNode *e)
{
	size_t	 i;

	for (i = 0; i < G_N_ELEMENTS(skip_elements); i++)
		if (strcmp((const char *)e->name, skip_elements[i]) == 0)
			return true;
	return false;
}

/*
 * A paragraph's kind, from its own properties, else its style's
 * (through basedOn): outline level, Title, Subtitle, code, quote, list.
 */
static enum para_kind
para_kind(struct body *b, const xmlNode *p, char **num_id, int *ilvl)
{
	xmlNode			*ppr = bp_docx_child(p, "pPr"), *c;
	const struct docx_style	*s;
	char			*v;
	int			 n;

	v = bp_docx_attr(bp_docx_child(ppr, "pStyle"), "val");
	s = b->pstyle = bp_docx_style(b->d, v);
	g_free(v);
	*num_id = NULL;
	*ilvl = 0;
	if ((c = bp_docx_child(ppr, "numPr")) != NULL) {
		*num_id = bp_docx_attr(bp_docx_child(c, "numId"), "val");
		v = bp_docx_attr(bp_docx_child(c, "ilvl"), "val");
		*ilvl = v != NULL ? atoi(v) : (s != NULL ? s->ilvl : 0);
		g_free(v);
	} else if (s != NULL && s->num_id != NULL) {
		*num_id = g_strdup(s->num_id);
		*ilvl = s->ilvl;
	}
	*ilvl = CLAMP(*ilvl, 0, 8);
	if ((c = bp_docx_child(ppr, "outlineLvl")) != NULL &&
	    (v = bp_docx_attr(c, "val")) != NULL) {
		n = atoi(v);
		g_free(v);
		if (n >= 0 && n < 9) {
			b->level = n + 1;
			return PARA_HEADING;
		}
	}
	if (s != NULL && s->subtitle)
		return PARA_SUBTITLE;
	if (s != NULL && s->title)
		return PARA_TITLE;
	if (s != NULL && s->meta != 0)
		return PARA_META;
	if (s != NULL && s->caption)
		return PARA_CAPTION;
	if (s != NULL && s->outline > 0)
		return PARA_HEADING;
	if (bp_docx_level(b->d, *num_id, *ilvl) != NULL)
		return PARA_ITEM;
	if (s != NULL && s->code)
		return PARA_CODE;
	if (s != NULL && s->quote)
		return PARA_QUOTE;
	return PARA_TEXT;
}

/* Close the lists open deeper than depth. */
static void
close_lists(struct body *b, guint depth)
{
	while (b->d->list_ids->len > depth) {
		bp_mdout_item_end(b->o);
		bp_mdout_list_end(b->o);
		g_ptr_array_remove_index(b->d->list_ids,
		    b->d->list_ids->len - 1);
		g_array_set_size(b->d->list_ordered,
		    b->d->list_ordered->len - 1);
	}
}

static void
flush_code(struct body *b)
{
	if (b->code->len > 0)
		bp_mdout_code_block(b->o, b->code->str, b->code->len);
	g_string_truncate(b->code, 0);
}

static void
end_quote(struct body *b)
{
	if (b->quote)
		bp_mdout_quote_end(b->o);
	b->quote = false;
}

/*
 * A list paragraph at level ilvl of num_id: lists closed or opened to
 * that level, then a new item. Numbers go on across interruptions, as
 * Word counts them.
 */
static void
start_item(struct body *b, const char *num_id, int ilvl)
{
	struct docx			*d = b->d;
	const struct docx_level		*l;
	char				*key;
	int				 k, count;
	guint				 depth = (guint)ilvl + 1;
	bool				 ordered;

	close_lists(b, depth);
	l = bp_docx_level(d, num_id, ilvl);
	/* Another numbering goes on the list, unless its numbers differ. */
	if (d->list_ids->len == depth && (g_array_index(d->list_ordered,
	    bool, depth - 1) != l->ordered || (l->ordered &&
	    strcmp(g_ptr_array_index(d->list_ids, depth - 1), num_id) != 0)))
		close_lists(b, depth - 1);
	if (d->list_ids->len == depth)
		bp_mdout_item_end(b->o);
	while (d->list_ids->len < depth) {
		k = (int)d->list_ids->len;
		l = bp_docx_level(d, num_id, k);
		key = g_strdup_printf("%s/%d", num_id, k);
		count = GPOINTER_TO_INT(g_hash_table_lookup(d->counters, key));
		g_free(key);
		bp_mdout_list(b->o, l != NULL && l->ordered, (l != NULL ?
		    l->start : 1) + count);
		if (l != NULL && l->ordered)
			bp_mdout_list_style(b->o, l->style);
		if (l != NULL && l->ordered && l->paren)
			bp_mdout_list_paren(b->o);
		g_ptr_array_add(d->list_ids, g_strdup(num_id));
		ordered = l != NULL && l->ordered;
		g_array_append_val(d->list_ordered, ordered);
		if (d->list_ids->len < depth)
			bp_mdout_item(b->o);
	}
	bp_mdout_item(b->o);
	key = g_strdup_printf("%s/%d", num_id, ilvl);
	count = GPOINTER_TO_INT(g_hash_table_lookup(d->counters, key));
	g_hash_table_insert(d->counters, key, GINT_TO_POINTER(count + 1));
	/* A level's numbers restart under a new item of the level above. */
	for (k = ilvl + 1; k < 9; k++) {
		key = g_strdup_printf("%s/%d", num_id, k);
		g_hash_table_insert(d->counters, key, GINT_TO_POINTER(0));
	}
}

static void
enter_para(struct body *b, xmlNode *p)
{
	char	*num_id = NULL;
	int	 ilvl = 0, level = 0;

	b->d->para++;
	if (!b->d->in_note)
		bp_mdout_set_src(b->o, b->d->para);
	b->level = 0;
	b->kind = para_kind(b, p, &num_id, &ilvl);
	if (b->kind == PARA_HEADING)
		level = b->level > 0 ? b->level : b->pstyle->outline;
	memset(b->marks, 0, sizeof(b->marks));
	if (b->tables > 0 || b->d->in_note) {
		if (b->kind == PARA_ITEM && !b->d->in_note)
			b->kind = PARA_TEXT;
		if (b->kind == PARA_TITLE || b->kind == PARA_SUBTITLE ||
		    b->kind == PARA_HEADING || b->kind == PARA_META ||
		    b->kind == PARA_CAPTION)
			b->kind = PARA_TEXT;
	}
	/* The first level-1 heading before any text is the title, when the
	 * document has no Title paragraph nor title property. */
	if (b->kind == PARA_HEADING && level == 1 &&
	    b->d->art->meta.title == NULL && b->d->core_title == NULL &&
	    !bp_mdout_has_text(b->o) && b->tables == 0)
		b->kind = PARA_TITLE;
	if (b->kind != PARA_CODE)
		flush_code(b);
	if (b->kind != PARA_QUOTE && b->tables == 0)
		end_quote(b);
	if (b->kind != PARA_ITEM && b->tables == 0 && !b->d->in_note)
		close_lists(b, 0);
	switch (b->kind) {
	case PARA_TITLE:
	case PARA_SUBTITLE:
	case PARA_META:
	case PARA_CAPTION:
	case PARA_CODE:
		g_string_truncate(b->capture, 0);
		break;
	case PARA_HEADING:
		bp_mdout_heading(b->o, CLAMP(level, 1, 6));
		break;
	case PARA_QUOTE:
		if (!b->quote)
			bp_mdout_quote(b->o);
		b->quote = true;
		bp_mdout_para(b->o);
		break;
	case PARA_ITEM:
		start_item(b, num_id, ilvl);
		bp_mdout_para(b->o);
		break;
	default:
		bp_mdout_para(b->o);
		break;
	}
	g_free(num_id);
}

static void
leave_para(struct body *b)
{
	bool		 none[BP_MDOUT_MARK__MAX] = { false };
	struct bp_meta	*m = &b->d->art->meta;
	char		**slot = NULL;

	flush_code_run(b);
	set_marks(b, none);
	switch (b->kind) {
	case PARA_TITLE:
		slot = &m->title;
		/* FALLTHROUGH */
	case PARA_SUBTITLE:
		if (slot == NULL)
			slot = &m->subtitle;
		g_strstrip(b->capture->str);
		if (*slot == NULL && *b->capture->str != '\0') {
			*slot = bp_clean_value(b->capture->str, b->kind ==
			    PARA_TITLE ? "title" : "subtitle", b->d->para,
			    b->d->diag);
			bp_diag(b->d->diag, BP_NOTE, b->d->para, 0, "%s from "
			    "the paragraph's style: %s", b->kind == PARA_TITLE ?
			    "title" : "subtitle", *slot);
		} else if (*b->capture->str != '\0') {
			bp_mdout_para(b->o);
			bp_mdout_text(b->o, b->capture->str, b->capture->len);
			bp_mdout_end_block(b->o);
		}
		break;
	case PARA_META:
		meta_para(b);
		break;
	case PARA_CAPTION:
		/* The picture just above shows it as its caption already. */
		g_strstrip(b->capture->str);
		if (b->d->last_alt == NULL || b->d->last_alt_para + 1 !=
		    b->d->para || strcmp(b->d->last_alt, b->capture->str) != 0) {
			bp_mdout_para(b->o);
			bp_mdout_mark(b->o, BP_MDOUT_EMPH);
			bp_mdout_text(b->o, b->capture->str,
			    strlen(b->capture->str));
			bp_mdout_end_block(b->o);
		}
		break;
	case PARA_CODE:
		g_string_append_len(b->code, b->capture->str,
		    (gssize)b->capture->len);
		g_string_append_c(b->code, '\n');
		break;
	default:
		bp_mdout_end_block(b->o);
		break;
	}
	g_string_truncate(b->capture, 0);
	b->kind = PARA_TEXT;
}

/*
 * pandoc's Author, Date and Abstract paragraphs: into the metadata
 * (the document's properties win), not the body.
 */
static void
meta_para(struct body *b)
{
	struct bp_meta	*m = &b->d->art->meta;
	struct bp_date	 date;
	char		*v;

	g_strstrip(b->capture->str);
	v = bp_clean_value(b->capture->str, "author", b->d->para, b->d->diag);
	if (*v == '\0') {
		g_free(v);
		return;
	}
	if (b->pstyle->meta == 'a' && m->authors == NULL) {
		m->authors = g_new0(char *, 2);
		m->authors[0] = g_strdup(v);
	} else if (b->pstyle->meta == 'd' && m->date_text == NULL &&
	    bp_meta_parse_date(v, &date)) {
		m->date = date;
		m->date_text = g_strdup(v);
	} else if (b->pstyle->meta == 'b' && m->abstract == NULL)
		m->abstract = g_strdup(v);
	bp_diag(b->d->diag, BP_NOTE, b->d->para, 0, "%s paragraph, in the "
	    "title block: %s", b->pstyle->meta == 'a' ? "author" :
	    b->pstyle->meta == 'd' ? "date" : "abstract", v);
	g_free(v);
}

/* Close the marks not wanted (innermost first), open those wanted. */
static void
set_marks(struct body *b, const bool want[])
{
	int	 m;

	for (m = BP_MDOUT_MARK__MAX - 1; m >= 0; m--)
		if (b->marks[m] && !want[m]) {
			bp_mdout_mark_end(b->o, (enum bp_mdout_mark)m);
			b->marks[m] = false;
		}
	for (m = 0; m < BP_MDOUT_MARK__MAX; m++)
		if (!b->marks[m] && want[m]) {
			bp_mdout_mark(b->o, (enum bp_mdout_mark)m);
			b->marks[m] = true;
		}
}

/* A toggle from the run, else its character style, else the paragraph's. */
static int
toggle(const xmlNode *rpr, const char *name, int cv, int pv)
{
	int	 v = bp_docx_toggle(rpr, name);

	if (v < 0 && strcmp(name, "strike") == 0)
		v = bp_docx_toggle(rpr, "dstrike");
	if (v < 0)
		v = cv;
	if (v < 0)
		v = pv;
	return v > 0;
}

/* Text s of run r: its marks, or a code span in a code font. */
static void
run_text(struct body *b, const xmlNode *r, const char *s)
{
	xmlNode			*rpr = bp_docx_child(r, "rPr");
	const struct docx_style	*cs, *ps = b->pstyle;
	bool			 want[BP_MDOUT_MARK__MAX];
	char			*v;
	bool			 code;

	if (b->field_skip > 0)
		return;
	if (b->kind == PARA_TITLE || b->kind == PARA_SUBTITLE ||
	    b->kind == PARA_META || b->kind == PARA_CAPTION ||
	    b->kind == PARA_CODE) {
		g_string_append(b->capture, s);
		return;
	}
	v = bp_docx_attr(bp_docx_child(rpr, "rStyle"), "val");
	cs = bp_docx_style(b->d, v);
	g_free(v);
	code = bp_docx_is_code_font(rpr) || (cs != NULL && cs->code);
	if (code) {
		g_string_append(b->code_run, s);
		return;
	}
	flush_code_run(b);
	want[BP_MDOUT_STRONG] = toggle(rpr, "b", cs != NULL ? cs->b :
	    -1, ps != NULL && b->kind != PARA_HEADING ? ps->b : -1);
	want[BP_MDOUT_EMPH] = toggle(rpr, "i", cs != NULL ? cs->i :
	    -1, ps != NULL && b->kind != PARA_HEADING ? ps->i : -1);
	want[BP_MDOUT_STRIKE] = toggle(rpr, "strike", cs != NULL ?
	    cs->strike : -1, ps != NULL ? ps->strike : -1);
	/* White space alone changes no marks. */
	if (strspn(s, " \t") < strlen(s))
		set_marks(b, want);
	bp_mdout_text(b->o, s, strlen(s));
}

static void
flush_code_run(struct body *b)
{
	bool	 none[BP_MDOUT_MARK__MAX] = { false };

	if (b->code_run->len == 0)
		return;
	set_marks(b, none);
	bp_mdout_code(b->o, b->code_run->str, b->code_run->len);
	g_string_truncate(b->code_run, 0);
}

/* fldChar: begin, separate (a HYPERLINK's link opens), end. */
static void
field_char(struct body *b, const xmlNode *e)
{
	char	*t = bp_docx_attr(e, "fldCharType"), *q, *url;

	if (t == NULL)
		return;
	if (strcmp(t, "begin") == 0) {
		b->fields++;
		g_string_truncate(b->instr, 0);
	} else if (strcmp(t, "separate") == 0 && b->fields > 0) {
		g_strstrip(b->instr->str);
		b->instr->len = strlen(b->instr->str);
		if (g_str_has_prefix(b->instr->str, "TOC") &&
		    b->field_skip == 0) {
			b->field_skip = b->fields;
			bp_diag(b->d->diag, BP_NOTE, b->d->para, 0, "table of "
			    "contents field dropped");
		} else if (g_str_has_prefix(b->instr->str, "HYPERLINK") &&
		    b->field_link == 0 && (q = strchr(b->instr->str, '"')) !=
		    NULL) {
			url = g_strndup(q + 1, strcspn(q + 1, "\""));
			flush_code_run(b);
			bp_mdout_link(b->o, url);
			b->field_link = b->fields;
			g_free(url);
		}
	} else if (strcmp(t, "end") == 0 && b->fields > 0) {
		if (b->field_link == b->fields) {
			flush_code_run(b);
			bp_mdout_link_end(b->o);
			b->field_link = 0;
		}
		if (b->field_skip == b->fields)
			b->field_skip = 0;
		b->fields--;
	}
	g_free(t);
}

/* A w:drawing or w:pict: its picture (by relationship), alt text. */
static void
picture(struct body *b, xmlNode *e)
{
	struct html_walk w;
	enum html_event	 ev;
	char		*rid = NULL, *alt = NULL, *part;
	const char	*url;

	bp_html_walk_init(&w, e);
	while ((ev = bp_html_walk_next(&w, false)) != HTML_DONE) {
		if (ev != HTML_ENTER || w.cur->type != XML_ELEMENT_NODE)
			continue;
		if (bp_docx_is(w.cur, "txbxContent"))
			b->d->boxes++;
		if (rid == NULL && (bp_docx_is(w.cur, "blip") ||
		    bp_docx_is(w.cur, "imagedata"))) {
			rid = bp_docx_attr(w.cur, "embed");
			if (rid == NULL)
				rid = bp_docx_attr(w.cur, "id");
		}
		if (alt == NULL && bp_docx_is(w.cur, "docPr")) {
			alt = bp_docx_attr(w.cur, "descr");
			if (alt == NULL || *alt == '\0') {
				g_free(alt);
				alt = bp_docx_attr(w.cur, "title");
			}
		}
	}
	part = rid != NULL && !g_hash_table_contains(b->d->external, rid) ?
	    g_hash_table_lookup(b->d->rels, rid) : NULL;
	if (part != NULL && b->field_skip == 0 && b->kind != PARA_TITLE &&
	    b->kind != PARA_SUBTITLE && b->kind != PARA_CODE) {
		flush_code_run(b);
		url = bp_docx_image(b->d, part, b->d->para);
		bp_mdout_image(b->o, alt, url, NULL);
		g_free(b->d->last_alt);
		b->d->last_alt = g_strdup(alt != NULL ? alt : "");
		g_strstrip(b->d->last_alt);
		b->d->last_alt_para = b->d->para;
	} else if (rid == NULL && !bp_docx_is(e, "pict"))
		b->d->objects++;
	g_free(rid);
	g_free(alt);
}

/* A run's content: text, tabs, breaks, note references, pictures. */
static void
enter_run_child(struct body *b, xmlNode *e)
{
	xmlChar	*c;
	char	*v, *label;

	if (bp_docx_is(e, "t")) {
		if ((c = xmlNodeGetContent(e)) != NULL)
			run_text(b, e->parent, (const char *)c);
		xmlFree(c);
	} else if (bp_docx_is(e, "tab") || bp_docx_is(e, "ptab"))
		run_text(b, e->parent, b->kind == PARA_CODE ? "\t" : " ");
	else if (bp_docx_is(e, "noBreakHyphen"))
		run_text(b, e->parent, "\xe2\x80\x91");
	else if (bp_docx_is(e, "softHyphen"))
		run_text(b, e->parent, "\xc2\xad");
	else if (bp_docx_is(e, "br") || bp_docx_is(e, "cr")) {
		v = bp_docx_attr(e, "type");
		if (b->kind == PARA_CODE)
			g_string_append_c(b->capture, '\n');
		else if (b->kind == PARA_TITLE || b->kind == PARA_SUBTITLE ||
		    b->kind == PARA_META)
			g_string_append_c(b->capture, ' ');
		else if (v != NULL && strcmp(v, "page") == 0 && b->tables == 0 &&
		    b->kind == PARA_TEXT) {
			/* A page break parts the paragraph. */
			flush_code_run(b);
			leave_para(b);
			bp_mdout_para(b->o);
		} else
			bp_mdout_break(b->o);
		g_free(v);
	} else if ((bp_docx_is(e, "footnoteReference") ||
	    bp_docx_is(e, "endnoteReference")) && !b->d->in_note) {
		v = bp_docx_attr(e, "id");
		label = g_strdup_printf("%c%s", e->name[0], v != NULL ? v : "0");
		flush_code_run(b);
		bp_mdout_note_ref(b->o, label);
		g_ptr_array_add(b->d->note_refs, label);
		g_array_append_val(b->d->note_paras, b->d->para);
		g_free(v);
	} else if (bp_docx_is(e, "commentReference"))
		b->d->comments++;
	else if (bp_docx_is(e, "drawing") || bp_docx_is(e, "pict"))
		picture(b, e);
	else if (bp_docx_is(e, "object"))
		b->d->objects++;
	else if (bp_docx_is(e, "fldChar"))
		field_char(b, e);
}

/* Enter e; returns false to leave its content out. */
static bool
enter(struct body *b, xmlNode *e)
{
	xmlNode	*c;
	char	*v;

	if (e->type != XML_ELEMENT_NODE || is_skipped(e))
		return false;
	if (bp_docx_is(e, "p")) {
		enter_para(b, e);
		return true;
	}
	if (e->parent != NULL && bp_docx_is(e->parent, "r")) {
		enter_run_child(b, e);
		return false;
	}
	if (bp_docx_is(e, "hyperlink")) {
		v = bp_docx_attr(e, "id");
		if (v != NULL && g_hash_table_contains(b->d->external, v)) {
			flush_code_run(b);
			bp_mdout_link(b->o, g_hash_table_lookup(b->d->rels, v));
			b->links++;
		}
		g_free(v);
	} else if (bp_docx_is(e, "tbl")) {
		flush_code(b);
		if (b->tables == 0) {
			end_quote(b);
			close_lists(b, 0);
		}
		b->tables++;
		bp_mdout_table(b->o);
	} else if (bp_docx_is(e, "tr")) {
		c = bp_docx_child(bp_docx_child(e, "trPr"), "tblHeader");
		bp_mdout_set_src(b->o, b->d->para + 1);
		bp_mdout_row(b->o, c != NULL && bp_docx_toggle(
		    bp_docx_child(e, "trPr"), "tblHeader") > 0);
	} else if (bp_docx_is(e, "tc")) {
		c = bp_docx_child(e, "tcPr");
		v = bp_docx_attr(bp_docx_child(c, "gridSpan"), "val");
		b->span = v != NULL ? CLAMP(atoi(v), 1, 64) : 1;
		g_free(v);
		if (bp_docx_child(c, "vMerge") != NULL) {
			v = bp_docx_attr(bp_docx_child(c, "vMerge"), "val");
			if (v == NULL || strcmp(v, "restart") != 0)
				b->d->merged++;
			g_free(v);
		}
		bp_mdout_cell(b->o);
		bp_mdout_cell_align(b->o, cell_align(e));
	} else if (bp_docx_is(e, "txbxContent")) {
		b->d->boxes++;
		return false;
	}
	return true;
}

/*
 * A cell's alignment: its first paragraph's w:jc ("end" is right in a
 * left-to-right text; "both", justified, is none).
 */
static enum bp_align
cell_align(const xmlNode *tc)
{
	xmlNode		*p;
	char		*v = NULL;
	enum bp_align	 a = BP_ALIGN_NONE;

	for (p = tc->children; p != NULL && !bp_docx_is(p, "p"); p = p->next)
		;
	v = bp_docx_attr(bp_docx_child(bp_docx_child(p, "pPr"), "jc"), "val");
	if (v != NULL)
		a = strcmp(v, "right") == 0 || strcmp(v, "end") == 0 ?
		    BP_ALIGN_RIGHT : strcmp(v, "center") == 0 ?
		    BP_ALIGN_CENTER : strcmp(v, "left") == 0 ||
		    strcmp(v, "start") == 0 ? BP_ALIGN_LEFT : BP_ALIGN_NONE;
	g_free(v);
	return a;
}

static void
leave(struct body *b, xmlNode *e)
{
	char	*v;
	int	 k, span;

	if (bp_docx_is(e, "p"))
		leave_para(b);
	else if (bp_docx_is(e, "hyperlink")) {
		v = bp_docx_attr(e, "id");
		if (v != NULL && g_hash_table_contains(b->d->external, v) &&
		    b->links > 0) {
			flush_code_run(b);
			bp_mdout_link_end(b->o);
			b->links--;
		}
		g_free(v);
	} else if (bp_docx_is(e, "tc")) {
		span = b->span;
		bp_mdout_cell_end(b->o);
		/* A cell spanning columns: the others shown empty. */
		for (k = 1; k < span; k++) {
			bp_mdout_cell(b->o);
			bp_mdout_cell_end(b->o);
			b->d->merged++;
		}
	} else if (bp_docx_is(e, "tr"))
		bp_mdout_row_end(b->o);
	else if (bp_docx_is(e, "tbl")) {
		b->tables--;
		if (!bp_mdout_table_end(b->o) && b->tables == 0)
			bp_diag(b->d->diag, BP_NOTE, b->d->para, 0, "the "
			    "table has no header row: its first row is shown "
			    "as one");
	}
}

static void
walk(struct body *b, xmlNode *top)
{
	struct html_walk w;
	enum html_event	 ev;
	bool		 skip = false;

	bp_html_walk_init(&w, top);
	while ((ev = bp_html_walk_next(&w, skip)) != HTML_DONE) {
		skip = false;
		if (w.cur == top || w.cur->type != XML_ELEMENT_NODE)
			continue;
		if (ev == HTML_ENTER) {
			if (bp_docx_is(w.cur, "instrText") && b->fields > 0) {
				xmlChar *c = xmlNodeGetContent(w.cur);

				g_string_append(b->instr, (const char *)c);
				xmlFree(c);
			}
			skip = !enter(b, w.cur);
		} else if (!is_skipped(w.cur) && !(w.cur->parent != NULL &&
		    bp_docx_is(w.cur->parent, "r")))
			leave(b, w.cur);
	}
	flush_code(b);
	end_quote(b);
	close_lists(b, 0);
}

/* Each note referred to, in order, at the paragraph referring to it. */
static void
emit_notes(struct body *b)
{
	GHashTable	*byid = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, NULL);
	xmlNode		*e, *n;
	char		*id;
	const char	*label;
	guint		 i;
	int		 k;

	for (k = 0; k < 2; k++)
		for (e = b->d->notes[k] != NULL ? xmlDocGetRootElement(
		    b->d->notes[k])->children : NULL; e != NULL; e = e->next) {
			if ((id = bp_docx_attr(e, "id")) != NULL)
				g_hash_table_insert(byid, g_strdup_printf(
				    "%c%s", k == 0 ? 'f' : 'e', id), e);
			g_free(id);
		}
	b->d->in_note = true;
	for (i = 0; i < b->d->note_refs->len; i++) {
		label = g_ptr_array_index(b->d->note_refs, i);
		if ((n = g_hash_table_lookup(byid, label)) == NULL)
			continue;
		g_hash_table_remove(byid, label);
		bp_mdout_set_src(b->o, g_array_index(b->d->note_paras, int, i));
		bp_mdout_note(b->o, label);
		k = b->d->para;
		walk(b, n);
		b->d->para = k;
		bp_mdout_note_end(b->o);
	}
	b->d->in_note = false;
	g_hash_table_destroy(byid);
}

void
bp_docx_emit(struct docx *d, xmlDoc *document)
{
	struct body	 b = { 0 };
	xmlNode		*root = xmlDocGetRootElement(document);

	b.d = d;
	b.o = d->o;
	b.capture = g_string_new(NULL);
	b.code = g_string_new(NULL);
	b.code_run = g_string_new(NULL);
	b.instr = g_string_new(NULL);
	walk(&b, bp_docx_child(root, "body"));
	emit_notes(&b);
	g_string_free(b.capture, TRUE);
	g_string_free(b.code, TRUE);
	g_string_free(b.code_run, TRUE);
	g_string_free(b.instr, TRUE);
}
