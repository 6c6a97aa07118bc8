/*
 * The page around an article's body: the XHTML head, the marking and title
 * block, the notes section, the page of an article that failed; and the
 * order they go in (bp_epub_xhtml_article).
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "epub/epub.h"

static void put_marking(struct bp_xw *w);
static void put_title_block(struct bp_xw *w);
static void put_notes(struct bp_xw *w);
static void put_failed(struct bp_xw *w);


/*
 * The pack's protective marking, else the article's; under it, in
 * small type, the exemption from public access the article's printed
 * pages show (its own, else the pack's).
 */
static void
put_marking(struct bp_xw *w)
{
	const char	*mark = w->book->pack->meta.classification;
	char		*exempt = bp_pack_get_page_exempt(w->book->pack, w->art);

	if (mark == NULL || *mark == '\0')
		mark = w->art->meta.classification;
	if ((mark == NULL || *mark == '\0') && exempt == NULL)
		return;
	bp_epub_put(w, "<p class=\"marking\">");
	if (mark != NULL && *mark != '\0')
		bp_epub_put_text(w, mark);
	if (exempt != NULL) {
		if (mark != NULL && *mark != '\0')
			bp_epub_put(w, "<br/>");
		bp_epub_put(w, "<small>");
		bp_epub_put_text(w, exempt);
		bp_epub_put(w, "</small>");
	}
	bp_epub_put(w, "</p>\n");
	g_free(exempt);
}

/* Title, subtitle, byline, source and summary (model/title.c). */
static void
put_title_block(struct bp_xw *w)
{
	const struct bp_date	*d = &w->art->meta.date;
	struct bp_title_block	 tb;
	char			*href = NULL;

	bp_title_block_init(&tb, w->art);
	bp_epub_put(w, "<header class=\"title-block\">\n<h1 class=\"title\">");
	bp_epub_put_text(w, bp_epub_title(tb.title, w->art->name, w->art->id));
	bp_epub_put(w, "</h1>\n");
	if (tb.subtitle != NULL) {
		bp_epub_put(w, "<p class=\"subtitle\">");
		bp_epub_put_text(w, tb.subtitle);
		bp_epub_put(w, "</p>\n");
	}
	if (tb.authors != NULL || tb.date != NULL) {
		bp_epub_put(w, "<p class=\"byline\">");
		if (tb.authors != NULL) {
			bp_epub_put_text(w, tb.by);
			bp_epub_put(w, " <span class=\"author\">");
			bp_epub_put_text(w, tb.authors);
			bp_epub_put(w, "</span>");
		}
		if (tb.date != NULL) {
			if (tb.authors != NULL)
				bp_epub_put(w, " <span class=\"sep\">\xc2\xb7</span> ");
			bp_epub_put(w, "<time");
			g_string_append_printf(w->out, " datetime=\"%04d-%02d-%02d\">",
			    d->y, d->m, d->d);
			bp_epub_put_text(w, tb.date);
			bp_epub_put(w, "</time>");
		}
		bp_epub_put(w, "</p>\n");
	}
	if (tb.source != NULL) {
		bp_epub_put(w, "<p class=\"source\">");
		bp_epub_put_text(w, tb.source_label);
		bp_epub_put(w, ": ");
		if ((href = bp_epub_link_href(tb.source)) != NULL) {
			bp_epub_put(w, "<a");
			bp_epub_put_attr(w, "href", href);
			bp_epub_put(w, ">");
		}
		bp_epub_put_text(w, tb.source);
		if (href != NULL)
			bp_epub_put(w, "</a>");
		bp_epub_put(w, "</p>\n");
	}
	if (tb.summary != NULL) {
		bp_epub_put(w, "<div class=\"abstract\">\n<p class=\"abstract-label\">");
		bp_epub_put_text(w, tb.summary_label);
		bp_epub_put(w, "</p>\n<p>");
		bp_epub_put_text(w, tb.summary);
		bp_epub_put(w, "</p>\n</div>\n");
	}
	bp_epub_put(w, "</header>\n");
	bp_title_block_clear(&tb);
	g_free(href);
}

/* Footnotes after the body: EPUB 3 notes, each with a link back. */
static void
put_notes(struct bp_xw *w)
{
	const struct bp_article	*art = w->art;
	const struct bp_node	*def;
	int			 i, num;

	if (art->nnotes == 0)
		return;
	bp_epub_put(w, "<hr class=\"notes\"/>\n");
	for (i = 0; i < art->nnotes; i++) {
		def = art->notes[i];
		num = def->u.fn.num;
		bp_epub_put(w, "<aside epub:type=\"footnote\" "
		    "role=\"doc-footnote\" class=\"footnote\"");
		bp_epub_put_attr(w, "id", w->note_ids[i]);
		bp_epub_put(w, ">\n");
		if (w->back_ids[i] != NULL) {
			g_string_append(w->pending, "<a class=\"note-back\" "
			    "role=\"doc-backlink\" href=\"#");
			bp_epub_escape(w->pending, w->back_ids[i], -1);
			g_string_append_printf(w->pending, "\">%d</a> ", num);
		} else
			g_string_append_printf(w->pending,
			    "<span class=\"note-back\">%d</span> ", num);
		/* A note that does not start with a paragraph gets its own. */
		if (def->first == NULL || def->first->type != BP_NODE_PARA) {
			bp_epub_put(w, "<p>");
			bp_epub_xhtml_flush(w);
			bp_epub_put(w, "</p>\n");
		}
		bp_epub_xhtml_render(w, def);
		bp_epub_xhtml_flush(w);
		bp_epub_put(w, "</aside>\n");
	}
}

/* An article that could not be read: its name and why, as in the PDF. */
static void
put_failed(struct bp_xw *w)
{
	bp_epub_put(w, "<p class=\"failed\"><strong>");
	bp_epub_put_text(w, bp_l10n_word(w->lang, BP_W_ARTICLE_FAILED));
	bp_epub_put(w, "</strong></p>\n<p class=\"failed-reason\">");
	bp_epub_put_text(w, w->art->path);
	bp_epub_put(w, ": ");
	bp_epub_put_text(w, bp_article_why_missing(w->art));
	bp_epub_put(w, "</p>\n");
}

void
bp_epub_xhtml_head(GString *out, const char *lang, const char *title)
{
	g_string_append(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
	    "xmlns:epub=\"http://www.idpf.org/2007/ops\" xml:lang=\"");
	bp_epub_escape(out, lang, -1);
	g_string_append(out, "\" lang=\"");
	bp_epub_escape(out, lang, -1);
	g_string_append(out, "\">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>");
	bp_epub_escape(out, title, -1);
	g_string_append(out, "</title>\n<link rel=\"stylesheet\" "
	    "type=\"text/css\" href=\"style.css\"/>\n</head>\n");
}

void
bp_epub_xhtml_article(struct bp_book *book, const struct bp_article *art,
    bool have_body)
{
	struct bp_xw		 w;
	struct bp_epub_item	*item;
	GPtrArray		*heads;
	char			*href = g_strconcat(art->id, ".xhtml", NULL);

	memset(&w, 0, sizeof w);
	w.book = book;
	w.art = art;
	w.lang = art->lang != NULL ? art->lang : "en";
	w.head_level = 1;   /* the title */
	w.out = g_string_sized_new(16384);
	w.pending = g_string_new(NULL);
	w.after_a = g_string_new(NULL);
	w.links = g_array_new(FALSE, FALSE, sizeof(gboolean));
	w.heading_ids = g_hash_table_new(g_str_hash, g_str_equal);
	w.node_ids = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
	    NULL);
	w.images = g_hash_table_new(g_direct_hash, g_direct_equal);
	heads = g_ptr_array_new();
	g_ptr_array_add(book->heads, heads);
	bp_epub_ids_assign(&w, heads);

	bp_epub_xhtml_head(w.out, w.lang, bp_epub_title(art->meta.title,
	    art->name, art->id));
	bp_epub_put(&w, "<body>\n<section epub:type=\"chapter\" "
	    "role=\"doc-chapter\" class=\"article\"");
	bp_epub_put_attr(&w, "id", art->id);
	bp_epub_put(&w, ">\n");
	/* Where the printed pages begin: the body's places (marks.c). */
	bp_epub_marks_begin(&w, href, BP_PAGE_DOC_ARTICLE, have_body ?
	    art->body : NULL);
	put_marking(&w);
	put_title_block(&w);
	if (!have_body) {
		put_failed(&w);
		bp_epub_marks_end(&w);
		book->failed++;
	} else {
		bp_epub_xhtml_render(&w, art->body);
		/* Notes are at the foot of the printed pages: no markers. */
		bp_epub_marks_end(&w);
		put_notes(&w);
	}
	put_marking(&w);
	bp_epub_put(&w, "</section>\n</body>\n</html>\n");

	item = g_new0(struct bp_epub_item, 1);
	item->id = g_strdup(art->id);
	item->href = href;
	item->media_type = "application/xhtml+xml";
	item->len = w.out->len;
	item->data = (unsigned char *)g_string_free(w.out, FALSE);
	g_ptr_array_add(book->docs, item);

	/* Every id string is owned by book->ids. */
	g_free(w.back_ids);
	g_free(w.note_ids);
	g_hash_table_destroy(w.heading_ids);
	g_hash_table_destroy(w.node_ids);
	g_hash_table_destroy(w.images);
	g_array_free(w.links, TRUE);
	g_string_free(w.pending, TRUE);
	g_string_free(w.after_a, TRUE);
}
