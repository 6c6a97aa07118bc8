/*
 * Escaping for the EPUB: XML text and attributes, link targets, CSS
 * strings and ids; the link allowlist; the check SVG files pass to go in.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "epub/epub.h"

/* SVG elements that run code or pull in other documents. */
static const char *const svg_banned[] = {
	"script", "foreignObject", "handler", "listener", "iframe", "frame",
	"embed", "object", "applet",
};

/* What the SVG check has seen so far. */
struct svg_scan {
	int	 depth;
	int	 style_depth;   /* depth of an open <style>, 0: none */
	char	*why;
};

static bool xml_char_ok(gunichar c);
static bool is_hex(char c);
static void encode_uri_part(GString *out, const char *s, gssize len,
    bool *hash);
static char *ascii_host(const char *host, gsize len);
static const char *local_name(const char *name);
static bool has_word_ci(const char *s, const char *word);
static bool ref_ok(const char *v);
static bool css_ok(const char *s, gsize len);
static bool svg_refuse(struct svg_scan *sc, GError **error, char *why);
static void svg_start(GMarkupParseContext *ctx, const char *name,
    const char **anames, const char **avalues, gpointer data, GError **error);
static void svg_end(GMarkupParseContext *ctx, const char *name, gpointer data,
    GError **error);
static void svg_text(GMarkupParseContext *ctx, const char *text, gsize len,
    gpointer data, GError **error);
static void svg_passthrough(GMarkupParseContext *ctx, const char *text,
    gsize len, gpointer data, GError **error);
static size_t doctype_end(const unsigned char *d, size_t len, size_t at);

/* XML 1.0 characters, less the C1 controls and DEL (never meant as text). */
static bool
xml_char_ok(gunichar c)
{
	return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c < 0x7F) ||
	    (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
	    (c >= 0x10000 && c <= 0x10FFFF);
}

void
bp_epub_escape(GString *out, const char *s, gssize len)
{
	GString		*clean = NULL;
	char		*valid = NULL, *esc = NULL;
	const char	*p, *end, *next;

	if (s == NULL)
		return;
	if (len < 0)
		len = (gssize)strlen(s);
	/* The model holds checked UTF-8; paths and messages may not. */
	if (!g_utf8_validate(s, len, NULL)) {
		valid = g_utf8_make_valid(s, len);
		s = valid;
		len = (gssize)strlen(valid);
	}
	clean = g_string_sized_new((gsize)len);
	for (p = s, end = s + len; p < end; p = next) {
		next = g_utf8_next_char(p);
		if (xml_char_ok(g_utf8_get_char(p)))
			g_string_append_len(clean, p, next - p);
	}
	esc = g_markup_escape_text(clean->str, (gssize)clean->len);
	g_string_append(out, esc);
	g_free(esc);
	g_free(valid);
	g_string_free(clean, TRUE);
}

static bool
is_hex(char c)
{
	return g_ascii_isxdigit(c);
}

/*
 * Percent-encode what a URI may not hold: bytes outside ASCII, spaces and
 * other characters outside the URI set, a '#' after the first, a '%' that
 * does not start an escape. `hash` says whether the one '#' was seen.
 */
static void
encode_uri_part(GString *out, const char *s, gssize len, bool *hash)
{
	static const char safe[] = "-_.+!*'(),@?=;:/&$~";
	const unsigned char	*p = (const unsigned char *)s;
	const unsigned char	*end = p + (len < 0 ? (gssize)strlen(s) : len);

	for (; p < end; p++) {
		if (*p == '%' && p + 2 < end && is_hex((char)p[1]) &&
		    is_hex((char)p[2]))
			g_string_append_c(out, '%');
		else if (*p == '#' && !*hash) {
			*hash = true;
			g_string_append_c(out, '#');
		} else if (*p < 0x80 && (g_ascii_isalnum((char)*p) ||
		    strchr(safe, *p) != NULL))
			g_string_append_c(out, (char)*p);
		else
			g_string_append_printf(out, "%%%02X", *p);
	}
}

/* A host name readers and checkers accept: ASCII letters, digits, '-',
 * '.', or an IPv6 literal. International names go out as punycode. */
static char *
ascii_host(const char *host, gsize len)
{
	char		*raw = g_strndup(host, len), *ascii = NULL;
	const char	*p;
	bool		 ok = len > 0;

	if (ok && raw[0] == '[') {
		for (p = raw + 1; *p != '\0' && *p != ']'; p++)
			if (!g_ascii_isxdigit(*p) && *p != ':' && *p != '.')
				ok = false;
		ok = ok && p[0] == ']' && p[1] == '\0';
		ascii = ok ? g_strdup(raw) : NULL;
		goto out;
	}
	if (ok && (ascii = g_hostname_to_ascii(raw)) == NULL)
		ok = false;
	for (p = ascii; ok && *p != '\0'; p++)
		if (!g_ascii_isalnum(*p) && *p != '-' && *p != '.')
			ok = false;
	if (!ok) {
		g_free(ascii);
		ascii = NULL;
	}
out:
	g_free(raw);
	return ascii;
}

char *
bp_epub_link_href(const char *url)
{
	const char	*scheme, *rest, *auth, *auth_end, *host, *port, *p;
	GString		*out = NULL;
	char		*host_ascii = NULL;
	bool		 hash = false, web;

	if (url == NULL || (scheme = g_uri_peek_scheme(url)) == NULL)
		return NULL;
	rest = url + strlen(scheme) + 1;
	web = strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0 ||
	    strcmp(scheme, "ftp") == 0;
	if (!web && (strcmp(scheme, "mailto") != 0 || *rest == '\0'))
		return NULL;
	out = g_string_new(scheme);
	g_string_append_c(out, ':');
	if (!web) {
		encode_uri_part(out, rest, -1, &hash);
		goto out;
	}

	/* scheme://[user@]host[:port] then the path, query and fragment. */
	if (rest[0] != '/' || rest[1] != '/')
		goto fail;
	auth = rest + 2;
	auth_end = auth + strcspn(auth, "/?#");
	host = auth;
	for (p = auth; p < auth_end; p++)
		if (*p == '@')
			host = p + 1;
	port = NULL;
	for (p = auth_end; p > host; p--)
		if (p[-1] == ':' && (host[0] != '[' || p[-2] == ']')) {
			port = p;
			break;
		}
	host_ascii = ascii_host(host, (gsize)((port != NULL ? port - 1 :
	    auth_end) - host));
	if (host_ascii == NULL)
		goto fail;
	for (p = port; p != NULL && p < auth_end; p++)
		if (!g_ascii_isdigit(*p))
			goto fail;
	g_string_append(out, "//");
	encode_uri_part(out, auth, host - auth, &hash);
	g_string_append(out, host_ascii);
	if (port != NULL) {
		g_string_append_c(out, ':');
		g_string_append_len(out, port, auth_end - port);
	}
	encode_uri_part(out, auth_end, -1, &hash);
	goto out;
fail:
	g_string_free(out, TRUE);
	out = NULL;
out:
	g_free(host_ascii);
	return out != NULL ? g_string_free(out, FALSE) : NULL;
}

const char *
bp_epub_title(const char *title, const char *fallback, const char *last)
{
	const char	*p;

	for (p = title; p != NULL && *p != '\0'; p++)
		if (!g_ascii_isspace(*p))
			return title;
	for (p = fallback; p != NULL && *p != '\0'; p++)
		if (!g_ascii_isspace(*p))
			return fallback;
	return last;
}

void
bp_epub_css_string(GString *out, const char *s)
{
	const char	*p;
	gunichar	 c;

	g_string_append_c(out, '"');
	for (p = s; p != NULL && *p != '\0'; p = g_utf8_next_char(p)) {
		c = g_utf8_get_char_validated(p, -1);
		if (c == (gunichar)-1 || c == (gunichar)-2)
			break;
		if (c == '"' || c == '\\')
			g_string_append_printf(out, "\\%c", (char)c);
		else if (c < 0x20 || c == 0x7F || c == '<' || c == '>')
			/* A hex escape ends at the space after it. */
			g_string_append_printf(out, "\\%x ", c);
		else
			g_string_append_unichar(out, c);
	}
	g_string_append_c(out, '"');
}

void
bp_epub_xml_id(GString *out, const char *s)
{
	const char	*p;
	gunichar	 c;

	for (p = s; p != NULL && *p != '\0'; p = g_utf8_next_char(p)) {
		c = g_utf8_get_char_validated(p, -1);
		if (c == (gunichar)-1 || c == (gunichar)-2)
			break;
		/*
		 * Letters from U+00C0 up lie inside XML's name characters in
		 * every edition of the rules; ª, µ and º below them do not.
		 */
		if (c == '-' && out->len > 0 && out->str[out->len - 1] == '-')
			continue;      /* "a--b" reads "a-b" */
		if (g_ascii_isalnum((char)c) || c == '-' || c == '_' ||
		    c == '.' || (c >= 0xC0 && c < 0x10000 && c != 0xD7 &&
		    c != 0xF7 && g_unichar_isalpha(c)))
			g_string_append_unichar(out, c);
	}
}

/* ---------------------------------------------------------------- */
/* SVG                                                               */

static const char *
local_name(const char *name)
{
	const char	*colon = strrchr(name, ':');

	return colon != NULL ? colon + 1 : name;
}

/* Whether s holds word, ignoring case and any white space inside s. */
static bool
has_word_ci(const char *s, const char *word)
{
	GString		*squashed = g_string_new(NULL);
	char		*lower = NULL;
	bool		 found;

	for (; *s != '\0'; s++)
		if (!g_ascii_isspace(*s) && (unsigned char)*s >= 0x20)
			g_string_append_c(squashed, *s);
	lower = g_ascii_strdown(squashed->str, (gssize)squashed->len);
	found = strstr(lower, word) != NULL;
	g_free(lower);
	g_string_free(squashed, TRUE);
	return found;
}

/* A reference an SVG may hold: a fragment or an embedded raster image. */
static bool
ref_ok(const char *v)
{
	static const char *const images[] = {
		"data:image/png", "data:image/jpeg", "data:image/gif",
		"data:image/webp",
	};
	size_t	 i;

	while (g_ascii_isspace(*v))
		v++;
	if (*v == '#')
		return true;
	for (i = 0; i < G_N_ELEMENTS(images); i++)
		if (g_ascii_strncasecmp(v, images[i], strlen(images[i])) == 0 &&
		    (v[strlen(images[i])] == ';' || v[strlen(images[i])] == ','))
			return true;
	return false;
}

/* CSS (a style element or attribute, any attribute value): url() only
 * to fragments and raster data, no @import, no expression(). */
static bool
css_ok(const char *s, gsize len)
{
	char		*lower = g_ascii_strdown(s, (gssize)len);
	const char	*p = lower;
	bool		 ok = true;

	if (strstr(lower, "@import") != NULL ||
	    strstr(lower, "expression(") != NULL)
		ok = false;
	while (ok && (p = strstr(p, "url(")) != NULL) {
		p += 4;
		while (g_ascii_isspace(*p) || *p == '"' || *p == '\'')
			p++;
		ok = ref_ok(p);
	}
	g_free(lower);
	return ok;
}

/* Record why the file is refused (takes why) and stop the parse. */
static bool
svg_refuse(struct svg_scan *sc, GError **error, char *why)
{
	if (sc->why == NULL)
		sc->why = why;
	else
		g_free(why);
	g_set_error_literal(error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
	    "refused");
	return false;
}

static void
svg_start(GMarkupParseContext *ctx, const char *name, const char **anames,
    const char **avalues, gpointer data, GError **error)
{
	struct svg_scan	*sc = data;
	const char	*el = local_name(name), *an;
	size_t		 i;

	(void)ctx;
	if (sc->depth++ == 0 && strcmp(el, "svg") != 0) {
		svg_refuse(sc, error, g_strdup_printf("is not an SVG file (its "
		    "root element is <%s>)", name));
		return;
	}
	for (i = 0; i < G_N_ELEMENTS(svg_banned); i++)
		if (g_ascii_strcasecmp(el, svg_banned[i]) == 0) {
			svg_refuse(sc, error, g_strdup_printf("contains a <%s> "
			    "element; SVG images must not carry script or "
			    "embedded documents", name));
			return;
		}
	if (strcmp(el, "style") == 0 && sc->style_depth == 0)
		sc->style_depth = sc->depth;
	for (i = 0; anames[i] != NULL; i++) {
		an = local_name(anames[i]);
		if (g_ascii_strncasecmp(an, "on", 2) == 0) {
			svg_refuse(sc, error, g_strdup_printf("has an event "
			    "handler attribute (%s); SVG images must not "
			    "carry script", anames[i]));
			return;
		}
		if ((g_ascii_strcasecmp(an, "href") == 0 ||
		    g_ascii_strcasecmp(an, "src") == 0) && !ref_ok(avalues[i])) {
			svg_refuse(sc, error, g_strdup_printf("refers to \"%.80s\"; "
			    "SVG images may only link to their own fragments "
			    "and embedded raster images", avalues[i]));
			return;
		}
		if (g_ascii_strcasecmp(an, "attributeName") == 0 &&
		    (g_ascii_strncasecmp(local_name(avalues[i]), "on", 2) == 0 ||
		    g_ascii_strcasecmp(local_name(avalues[i]), "href") == 0)) {
			svg_refuse(sc, error, g_strdup_printf("animates the "
			    "attribute \"%s\"", avalues[i]));
			return;
		}
		if (has_word_ci(avalues[i], "javascript:") ||
		    has_word_ci(avalues[i], "vbscript:") ||
		    !css_ok(avalues[i], strlen(avalues[i]))) {
			svg_refuse(sc, error, g_strdup_printf("has an unsafe "
			    "value in attribute %s", anames[i]));
			return;
		}
	}
}

static void
svg_end(GMarkupParseContext *ctx, const char *name, gpointer data,
    GError **error)
{
	struct svg_scan	*sc = data;

	(void)ctx;
	(void)name;
	(void)error;
	if (sc->style_depth == sc->depth)
		sc->style_depth = 0;
	sc->depth--;
}

static void
svg_text(GMarkupParseContext *ctx, const char *text, gsize len, gpointer data,
    GError **error)
{
	struct svg_scan	*sc = data;

	(void)ctx;
	if (sc->style_depth > 0 && !css_ok(text, len))
		svg_refuse(sc, error, g_strdup("has a style sheet that imports "
		    "or refers to other files"));
}

/* Comments pass; DOCTYPEs without declarations pass; entities do not. */
static void
svg_passthrough(GMarkupParseContext *ctx, const char *text, gsize len,
    gpointer data, GError **error)
{
	struct svg_scan	*sc = data;

	(void)ctx;
	if (len >= 9 && memcmp(text, "<!DOCTYPE", 9) == 0 &&
	    memchr(text, '[', len) != NULL)
		svg_refuse(sc, error, g_strdup("has a DOCTYPE with declarations "
		    "(entities are never expanded)"));
	else if (len >= 8 && memcmp(text, "<!ENTITY", 8) == 0)
		svg_refuse(sc, error, g_strdup("declares an entity (entities are "
		    "never expanded)"));
	else if (len >= 5 && memcmp(text, "<?xml", 5) == 0 &&
	    !g_ascii_isspace(text[5]))
		svg_refuse(sc, error, g_strdup("has a processing instruction "
		    "that refers to another file"));
}

/* The offset just past the '>' closing the DOCTYPE at `at`. */
static size_t
doctype_end(const unsigned char *d, size_t len, size_t at)
{
	size_t	 i;
	int	 quote = 0;

	for (i = at; i < len; i++) {
		if (quote != 0) {
			if (d[i] == quote)
				quote = 0;
		} else if (d[i] == '"' || d[i] == '\'')
			quote = d[i];
		else if (d[i] == '>')
			return i + 1;
	}
	return len;
}

unsigned char *
bp_epub_svg_check(const unsigned char *data, size_t len, size_t *out_len,
    char **why)
{
	static const GMarkupParser parser = {
		svg_start, svg_end, svg_text, svg_passthrough, NULL,
	};
	GMarkupParseContext	*ctx = NULL;
	GError			*err = NULL;
	struct svg_scan		 sc = { 0, 0, NULL };
	unsigned char		*copy = NULL;
	const unsigned char	*dt;
	size_t			 at, end;

	*why = NULL;
	*out_len = 0;
	/* A byte order mark is dropped; GMarkup does not expect one. */
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	ctx = g_markup_parse_context_new(&parser,
	    G_MARKUP_TREAT_CDATA_AS_TEXT | G_MARKUP_PREFIX_ERROR_POSITION, &sc,
	    NULL);
	if (!g_markup_parse_context_parse(ctx, (const char *)data, (gssize)len,
	    &err) || !g_markup_parse_context_end_parse(ctx, &err)) {
		*why = sc.why != NULL ? sc.why : g_strdup_printf("is not "
		    "well-formed XML: %s", err != NULL ? err->message : "?");
		sc.why = NULL;
		goto out;
	}

	/* A harmless DOCTYPE (it declares nothing) is left out. */
	dt = memmem(data, len, "<!DOCTYPE", 9);
	if (dt != NULL) {
		at = (size_t)(dt - data);
		end = doctype_end(data, len, at);
		copy = g_malloc(len - (end - at) + 1);
		memcpy(copy, data, at);
		memcpy(copy + at, data + end, len - end);
		*out_len = len - (end - at);
	} else {
		copy = g_malloc(len + 1);
		memcpy(copy, data, len);
		*out_len = len;
	}
	copy[*out_len] = '\0';
out:
	if (err != NULL)
		g_error_free(err);
	g_free(sc.why);
	g_markup_parse_context_free(ctx);
	return copy;
}
