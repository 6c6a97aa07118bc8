/*
 * Word documents (.docx): the zip (libzip, within size and ratio caps),
 * the relationships, the core properties (title, creator, created,
 * language, keywords), then styles (docx_styles.c) and the body
 * (docx_body.c). The only file of src/parse/ that includes zip.h.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include <zip.h>

#include "parse/convert.h"
#include "parse/docx.h"
#include "parse/parse.h"

#define XML_OPTS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

static bool open_zip(struct docx *d);
static char *join_part(const char *base, const char *target);
static void load_rels(struct docx *d, const char *part, const char *base,
    GHashTable *rels, GHashTable *external);
static char *main_part(struct docx *d);
static char *rel_of_type(struct docx *d, const char *part,
    const char *type);
static void core_props(struct docx *d);
static void set_meta(struct docx *d, char **slot, const char *key,
    const char *v);
static void final_notes(struct docx *d);
static void docx_free(struct docx *d);

bool
bp_docx_is_name(const char *path)
{
	size_t	 n = strlen(path);

	return n > 5 && g_ascii_strcasecmp(path + n - 5, ".docx") == 0;
}

bool
bp_docx_is(const xmlNode *e, const char *name)
{
	return e != NULL && e->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)e->name, name) == 0;
}

char *
bp_docx_attr(const xmlNode *e, const char *name)
{
	const xmlAttr	*a;
	xmlChar		*v;
	char		*s = NULL;

	for (a = e != NULL ? e->properties : NULL; a != NULL && s == NULL;
	    a = a->next)
		if (strcmp((const char *)a->name, name) == 0 &&
		    (v = xmlNodeGetContent((const xmlNode *)a)) != NULL) {
			s = g_utf8_make_valid((const char *)v, -1);
			xmlFree(v);
		}
	return s;
}

xmlNode *
bp_docx_child(const xmlNode *e, const char *name)
{
	xmlNode	*c;

	for (c = e != NULL ? e->children : NULL; c != NULL; c = c->next)
		if (bp_docx_is(c, name))
			return c;
	return NULL;
}

int
bp_docx_toggle(const xmlNode *rpr, const char *name)
{
	xmlNode	*e = bp_docx_child(rpr, name);
	char	*v;
	int	 on;

	if (e == NULL)
		return -1;
	v = bp_docx_attr(e, "val");
	on = v == NULL || !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 ||
	    strcmp(v, "off") == 0 || strcmp(v, "none") == 0);
	g_free(v);
	return on;
}

bool
bp_docx_is_code_font(const xmlNode *rpr)
{
	static const char *const mono[] = { "courier", "consolas", "mono",
	    "menlo", "monaco", "lucida console", "source code", "fixedsys",
	    "fira code", NULL };
	xmlNode	*f = bp_docx_child(rpr, "rFonts");
	char	*v, *low;
	bool	 code = false;
	int	 i;

	if (f == NULL || (v = bp_docx_attr(f, "ascii")) == NULL)
		return false;
	low = g_ascii_strdown(v, -1);
	for (i = 0; mono[i] != NULL && !code; i++)
		code = strstr(low, mono[i]) != NULL;
	g_free(low);
	g_free(v);
	return code;
}

static bool
open_zip(struct docx *d)
{
	zip_t	*z;
	int	 err = 0;
	zip_error_t ze;

	if ((z = zip_open(d->art->path, ZIP_RDONLY, &err)) == NULL) {
		zip_error_init_with_code(&ze, err);
		bp_diag(d->diag, BP_ERROR, 0, 0, "not a Word document (.docx "
		    "is a zip file): %s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return false;
	}
	d->zip = z;
	if (zip_get_num_entries(z, 0) > DOCX_MAX_ENTRIES) {
		bp_diag(d->diag, BP_ERROR, 0, 0, "the zip holds %lld files, "
		    "more than the %d a Word document may",
		    (long long)zip_get_num_entries(z, 0), DOCX_MAX_ENTRIES);
		return false;
	}
	return true;
}

/*
 * A part's bytes (NUL-terminated), read no further than the cap even
 * when the zip's directory lies about its size; a part that inflates
 * past the cap, or DOCX_MAX_RATIO times its deflated size past 1 MB, is
 * refused as a zip bomb.
 */
char *
bp_docx_read_part(struct docx *d, const char *part, size_t *len,
    bool required)
{
	zip_stat_t	 st;
	zip_file_t	*f = NULL;
	char		*buf = NULL;
	size_t		 cap = g_str_has_prefix(part, "word/media/") ||
	    g_str_has_prefix(part, "media/") ? BP_MAX_IMAGE_BYTES :
	    DOCX_MAX_PART;
	zip_int64_t	 n;
	size_t		 got = 0;

	*len = 0;
	zip_stat_init(&st);
	if (zip_stat(d->zip, part, 0, &st) != 0) {
		if (required)
			bp_diag(d->diag, BP_ERROR, 0, 0, "not a Word document: "
			    "%s is missing", part);
		goto out;
	}
	if (((st.valid & ZIP_STAT_SIZE) && st.size > cap) ||
	    ((st.valid & ZIP_STAT_SIZE) && (st.valid & ZIP_STAT_COMP_SIZE) &&
	    st.size > 1024 * 1024 && st.size / MAX(st.comp_size, 1) >
	    DOCX_MAX_RATIO)) {
		bp_diag(d->diag, BP_ERROR, 0, 0, "%s inflates to %llu bytes "
		    "(%llu deflated): over the limit of %u MB per part or %u "
		    "times its size (a zip bomb?)", part,
		    (unsigned long long)st.size,
		    (unsigned long long)st.comp_size, (unsigned)(cap >> 20),
		    DOCX_MAX_RATIO);
		goto out;
	}
	if ((f = zip_fopen(d->zip, part, 0)) == NULL) {
		bp_diag(d->diag, BP_ERROR, 0, 0, "%s cannot be read: %s", part,
		    zip_strerror(d->zip));
		goto out;
	}
	buf = g_malloc(MIN(st.size, (zip_uint64_t)cap) + 1);
	while (got <= MIN(st.size, (zip_uint64_t)cap) && (n = zip_fread(f,
	    buf + got, MIN(st.size, (zip_uint64_t)cap) + 1 - got)) > 0)
		got += (size_t)n;
	if (got != st.size || zip_fread(f, buf, 0) < 0) {
		bp_diag(d->diag, BP_ERROR, 0, 0, "%s cannot be read: %s", part,
		    got > st.size ? "it is larger than the zip says" :
		    zip_file_strerror(f));
		g_free(buf);
		buf = NULL;
		goto out;
	}
	buf[got] = '\0';
	*len = got;
out:
	/* A part that is there but refused fails the article. */
	if (buf == NULL && (st.valid & ZIP_STAT_NAME))
		d->failed = true;
	if (f != NULL)
		zip_fclose(f);
	return buf;
}

xmlDoc *
bp_docx_parse_part(struct docx *d, const char *part, bool required)
{
	xmlParserCtxt	*ctxt = NULL;
	xmlDoc		*doc = NULL;
	char		*buf;
	size_t		 len;

	if ((buf = bp_docx_read_part(d, part, &len, required)) == NULL)
		return NULL;
	if ((ctxt = xmlNewParserCtxt()) == NULL)
		goto out;
	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, part, NULL, XML_OPTS);
	if (doc == NULL || !ctxt->wellFormed) {
		bp_diag(d->diag, BP_ERROR, 0, 0, "%s is not well-formed XML: "
		    "%s", part, ctxt->lastError.message != NULL ?
		    g_strchomp(ctxt->lastError.message) : "unknown error");
		if (doc != NULL)
			xmlFreeDoc(doc);
		doc = NULL;
		d->failed = true;
	}
out:
	if (ctxt != NULL)
		xmlFreeParserCtxt(ctxt);
	g_free(buf);
	return doc;
}

/* A relationship's target as a part name: "media/a.png" -> "word/media/a.png". */
static char *
join_part(const char *base, const char *target)
{
	char	**seg, *joined, *out;
	GPtrArray *keep = g_ptr_array_new();
	int	 i;

	joined = target[0] == '/' ? g_strdup(target + 1) :
	    g_strconcat(base, target, NULL);
	seg = g_strsplit(joined, "/", -1);
	for (i = 0; seg[i] != NULL; i++)
		if (strcmp(seg[i], "..") == 0) {
			if (keep->len > 0)
				g_ptr_array_remove_index(keep, keep->len - 1);
		} else if (*seg[i] != '\0' && strcmp(seg[i], ".") != 0)
			g_ptr_array_add(keep, seg[i]);
	g_ptr_array_add(keep, NULL);
	out = g_strjoinv("/", (char **)keep->pdata);
	g_ptr_array_free(keep, TRUE);
	g_strfreev(seg);
	g_free(joined);
	return out;
}

/* A .rels part: Id -> target (a part name, or the URL when external). */
static void
load_rels(struct docx *d, const char *part, const char *base,
    GHashTable *rels, GHashTable *external)
{
	xmlDoc	*doc = bp_docx_parse_part(d, part, false);
	xmlNode	*e;
	char	*id, *target, *mode;

	for (e = doc != NULL ? xmlDocGetRootElement(doc)->children : NULL;
	    e != NULL; e = e->next) {
		if (!bp_docx_is(e, "Relationship"))
			continue;
		id = bp_docx_attr(e, "Id");
		target = bp_docx_attr(e, "Target");
		mode = bp_docx_attr(e, "TargetMode");
		if (id != NULL && target != NULL) {
			if (mode != NULL && strcmp(mode, "External") == 0) {
				g_hash_table_add(external, g_strdup(id));
				g_hash_table_insert(rels, id, target);
			} else {
				g_hash_table_insert(rels, id,
				    join_part(base, target));
				g_free(target);
			}
			id = target = NULL;
		}
		g_free(id);
		g_free(target);
		g_free(mode);
	}
	if (doc != NULL)
		xmlFreeDoc(doc);
}

/* The part of the first relationship of part's .rels of this type. */
static char *
rel_of_type(struct docx *d, const char *part, const char *type)
{
	xmlDoc	*doc;
	xmlNode	*e;
	char	*dir = g_path_get_dirname(part), *name = g_path_get_basename(part);
	char	*rels, *t, *tg, *target = NULL, *base;

	if (strcmp(dir, ".") == 0) {
		rels = g_strdup_printf("_rels/%s.rels", name);
		base = g_strdup("");
	} else {
		rels = g_strdup_printf("%s/_rels/%s.rels", dir, name);
		base = g_strconcat(dir, "/", NULL);
	}
	doc = bp_docx_parse_part(d, rels, false);
	for (e = doc != NULL ? xmlDocGetRootElement(doc)->children : NULL;
	    e != NULL && target == NULL; e = e->next) {
		t = bp_docx_attr(e, "Type");
		tg = t != NULL && g_str_has_suffix(t, type) ?
		    bp_docx_attr(e, "Target") : NULL;
		if (tg != NULL)
			target = join_part(base, tg);
		g_free(tg);
		g_free(t);
	}
	if (doc != NULL)
		xmlFreeDoc(doc);
	g_free(rels);
	g_free(base);
	g_free(dir);
	g_free(name);
	return target;
}

static char *
main_part(struct docx *d)
{
	char	*p = rel_of_type(d, "", "/officeDocument");

	return p != NULL ? p : g_strdup("word/document.xml");
}

static void
set_meta(struct docx *d, char **slot, const char *key, const char *v)
{
	if (v == NULL || *slot != NULL)
		return;
	*slot = bp_clean_value(v, key, 0, d->diag);
	g_strstrip(*slot);
	if (**slot == '\0') {
		g_free(*slot);
		*slot = NULL;
		return;
	}
	bp_diag(d->diag, BP_NOTE, 0, 0, "%s from the document's properties: "
	    "%s", key, *slot);
}

/* docProps/core.xml: creator, created, language, keywords (the title
 * only after the Title style's, see docx_body.c). */
static void
core_props(struct docx *d)
{
	xmlDoc		*doc = bp_docx_parse_part(d, "docProps/core.xml", false);
	xmlNode		*e;
	xmlChar		*c;
	char		*v, *lang, **kw;
	struct bp_meta	*m = &d->art->meta;
	struct bp_date	 date;

	for (e = doc != NULL ? xmlDocGetRootElement(doc)->children : NULL;
	    e != NULL; e = e->next) {
		if (e->type != XML_ELEMENT_NODE ||
		    (c = xmlNodeGetContent(e)) == NULL)
			continue;
		v = g_utf8_make_valid((const char *)c, -1);
		xmlFree(c);
		g_strstrip(v);
		if (bp_docx_is(e, "creator") && *v != '\0' &&
		    m->authors == NULL) {
			m->authors = g_new0(char *, 2);
			m->authors[0] = bp_clean_value(v, "author", 0, d->diag);
			bp_diag(d->diag, BP_NOTE, 0, 0, "author from the "
			    "document's properties: %s", m->authors[0]);
		} else if (bp_docx_is(e, "created") && m->date_text == NULL &&
		    bp_meta_parse_date(v, &date)) {
			m->date = date;
			m->date_text = g_strdup_printf("%04d-%02d-%02d",
			    date.y, date.m, date.d);
		} else if (bp_docx_is(e, "language") && m->lang == NULL &&
		    (lang = bp_meta_parse_lang(v)) != NULL)
			m->lang = lang;
		else if (bp_docx_is(e, "keywords") && m->keywords == NULL &&
		    (kw = bp_meta_split_keywords(v)) != NULL)
			m->keywords = kw;
		if (bp_docx_is(e, "title") && *v != '\0' &&
		    d->core_title == NULL)
			d->core_title = g_strdup(v);
		g_free(v);
	}
	if (doc != NULL)
		xmlFreeDoc(doc);
}

const char *
bp_docx_image(struct docx *d, const char *part, int para)
{
	char		*url, *key, *low, *problem = NULL;
	unsigned char	*data = NULL;
	size_t		 len = 0;
	zip_stat_t	 st;
	bool		 failed = d->failed;

	if ((url = g_hash_table_lookup(d->images, part)) != NULL)
		return url;
	url = g_strdup_printf("%s/%s", d->shown, part);
	key = bp_util_resolve(d->art->path, url, /*allow_outside*/true);
	low = g_ascii_strdown(part, -1);
	if (g_str_has_suffix(low, ".emf") || g_str_has_suffix(low, ".wmf") ||
	    g_str_has_suffix(low, ".emz") || g_str_has_suffix(low, ".wmz")) {
		problem = g_strdup("is a Windows metafile (EMF/WMF), which "
		    "briefpack cannot draw");
		d->emf++;
	} else if (d->media >= DOCX_MAX_MEDIA)
		problem = g_strdup_printf("is past the document's %u MB of "
		    "pictures", DOCX_MAX_MEDIA >> 20);
	else if (zip_stat(d->zip, part, 0, &st) != 0)
		problem = g_strdup("is not in the document");
	else if (st.size > BP_MAX_IMAGE_BYTES || (st.size > 1024 * 1024 &&
	    st.size / MAX(st.comp_size, 1) > DOCX_MAX_RATIO))
		problem = g_strdup_printf("inflates to %llu bytes, over the "
		    "limit of %u MB or %u times its size",
		    (unsigned long long)st.size, BP_MAX_IMAGE_BYTES >> 20,
		    DOCX_MAX_RATIO);
	else if ((data = (unsigned char *)bp_docx_read_part(d, part, &len,
	    false)) == NULL) {
		problem = g_strdup("cannot be read from the document");
		d->failed = failed;
	}
	d->media += len;
	bp_parse_image_add(d->art, key != NULL ? key : url, data, len, part,
	    problem, para, d->diag);
	g_hash_table_insert(d->images, g_strdup(part), url);
	g_free(key);
	g_free(low);
	g_free(problem);
	return url;
}

/* The notes on what was changed or left out. */
static void
final_notes(struct docx *d)
{
	if (d->comments > 0)
		bp_diag(d->diag, BP_NOTE, 0, 0, "%d comment%s dropped",
		    d->comments, d->comments == 1 ? "" : "s");
	if (d->merged > 0)
		bp_diag(d->diag, BP_NOTE, 0, 0, "%d merged table cell%s shown "
		    "as empty cells", d->merged, d->merged == 1 ? "" : "s");
	if (d->boxes > 0)
		bp_diag(d->diag, BP_NOTE, 0, 0, "%d text box%s and shape%s "
		    "dropped", d->boxes, d->boxes == 1 ? "" : "es",
		    d->boxes == 1 ? "" : "s");
	if (d->objects > 0)
		bp_diag(d->diag, BP_NOTE, 0, 0, "%d embedded object%s (charts, "
		    "equations, OLE) dropped", d->objects, d->objects == 1 ?
		    "" : "s");
}

static void
docx_free(struct docx *d)
{
	int	 i;

	if (d->zip != NULL)
		zip_discard(d->zip);
	for (i = 0; i < 2; i++)
		if (d->notes[i] != NULL)
			xmlFreeDoc(d->notes[i]);
	if (d->rels != NULL)
		g_hash_table_destroy(d->rels);
	if (d->external != NULL)
		g_hash_table_destroy(d->external);
	if (d->styles != NULL)
		g_hash_table_destroy(d->styles);
	if (d->nums != NULL)
		g_hash_table_destroy(d->nums);
	if (d->counters != NULL)
		g_hash_table_destroy(d->counters);
	if (d->images != NULL)
		g_hash_table_destroy(d->images);
	if (d->note_refs != NULL)
		g_ptr_array_free(d->note_refs, TRUE);
	if (d->note_paras != NULL)
		g_array_free(d->note_paras, TRUE);
	if (d->list_ids != NULL)
		g_ptr_array_free(d->list_ids, TRUE);
	if (d->list_ordered != NULL)
		g_array_free(d->list_ordered, TRUE);
	bp_mdout_free(d->o);
	g_free(d->base);
	g_free(d->shown);
	g_free(d->core_title);
	g_free(d->last_alt);
}

bool
bp_docx_read(struct bp_article *art, const struct bp_load_opts *opts,
    struct bp_diag *diag, struct bp_txt_result *out)
{
	struct docx	 d = { 0 };
	xmlDoc		*doc = NULL;
	char		*part = NULL, *rels = NULL, *dir, *styles, *numbering;
	char		*fn, *en;
	bool		 ok = false;
	const char	*nolib;

	if (!bp_parse_init_libxml(&nolib)) {
		bp_diag(diag, BP_ERROR, 0, 0, "cannot read a Word document: %s",
		    nolib);
		return false;
	}
	d.art = art;
	d.opts = opts;
	d.diag = diag;
	d.shown = g_path_get_basename(art->path);
	d.rels = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	d.external = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    NULL);
	d.images = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    g_free);
	d.counters = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    NULL);
	d.note_refs = g_ptr_array_new_with_free_func(g_free);
	d.note_paras = g_array_new(FALSE, FALSE, sizeof(int));
	d.list_ids = g_ptr_array_new_with_free_func(g_free);
	d.list_ordered = g_array_new(FALSE, FALSE, sizeof(bool));
	if (!open_zip(&d))
		goto out;
	part = main_part(&d);
	dir = g_path_get_dirname(part);
	d.base = strcmp(dir, ".") == 0 ? g_strdup("") :
	    g_strconcat(dir, "/", NULL);
	g_free(dir);
	rels = g_strdup_printf("%s_rels/%s.rels", d.base, part +
	    strlen(d.base));
	load_rels(&d, rels, d.base, d.rels, d.external);
	if ((doc = bp_docx_parse_part(&d, part, true)) == NULL)
		goto out;
	styles = rel_of_type(&d, part, "/styles");
	numbering = rel_of_type(&d, part, "/numbering");
	bp_docx_load_styles(&d, styles, numbering);
	g_free(styles);
	g_free(numbering);
	fn = rel_of_type(&d, part, "/footnotes");
	en = rel_of_type(&d, part, "/endnotes");
	d.notes[0] = fn != NULL ? bp_docx_parse_part(&d, fn, false) : NULL;
	d.notes[1] = en != NULL ? bp_docx_parse_part(&d, en, false) : NULL;
	g_free(fn);
	g_free(en);
	core_props(&d);
	d.o = bp_mdout_new();
	bp_docx_emit(&d, doc);
	final_notes(&d);
	if (art->meta.title == NULL)
		set_meta(&d, &art->meta.title, "title", d.core_title);
	if (d.failed)
		goto out;
	if (!bp_mdout_has_text(d.o)) {
		bp_diag(diag, BP_ERROR, 0, 0, "the document has no text");
		goto out;
	}
	bp_mdout_finish(d.o, diag, out);
	ok = true;
out:
	if (doc != NULL)
		xmlFreeDoc(doc);
	docx_free(&d);
	g_free(part);
	g_free(rels);
	return ok;
}
