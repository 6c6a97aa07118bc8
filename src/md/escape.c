/*
 * Escaping for the Markdown writer: text, link destinations and titles,
 * code spans and info strings, so each parses back to what it was.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "md/md.h"

static bool is_entity_like(const char *p);
static bool opens_ordered_item(const char *p);
static size_t longest_run(const char *s, char c);

/* "&amp;", "&#38;", "&#x26;" at p: what a parser would decode. */
static bool
is_entity_like(const char *p)
{
	const char	*q = p + 1;

	if (*q == '#') {
		q++;
		if (*q == 'x' || *q == 'X') {
			q++;
			if (!g_ascii_isxdigit(*q))
				return false;
			while (g_ascii_isxdigit(*q))
				q++;
		} else {
			if (!g_ascii_isdigit(*q))
				return false;
			while (g_ascii_isdigit(*q))
				q++;
		}
	} else {
		if (!g_ascii_isalnum(*q))
			return false;
		while (g_ascii_isalnum(*q))
			q++;
	}
	return *q == ';';
}

/* "12. " or "3)" at the end of text: digits that open an ordered item. */
static bool
opens_ordered_item(const char *p)
{
	const char	*q = p;

	while (g_ascii_isdigit(*q) && q - p < 10)
		q++;
	return q > p && q - p <= 9 && (*q == '.' || *q == ')') &&
	    (q[1] == ' ' || q[1] == '\t' || q[1] == '\0');
}

static size_t
longest_run(const char *s, char c)
{
	size_t	 run = 0, best = 0;

	for (; *s != '\0'; s++) {
		run = *s == c ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best;
}

void
bp_mdw_escape_text(GString *out, const char *text, unsigned flags)
{
	const char	*p, *q, *tail;
	bool		 start = (flags & BP_MDW_LINE_START) != 0;
	bool		 esc;
	char		 c;

	/* What opens a line: indentation, block markers, list numbers. */
	if (start) {
		for (p = text; *p == ' ' || *p == '\t'; p++)
			g_string_append(out, *p == ' ' ? "&#32;" : "&#9;");
		text = p;
		if (*p == '-' || *p == '+' || *p == '=' || *p == '#' ||
		    *p == '>') {
			g_string_append_c(out, '\\');
			g_string_append_c(out, *p);
			text = p + 1;
		} else if (opens_ordered_item(p)) {
			for (q = p; g_ascii_isdigit(*q); q++)
				g_string_append_c(out, *q);
			g_string_append_c(out, '\\');
			g_string_append_c(out, *q);
			text = q + 1;
		}
	}
	/* Spaces a parser drops at a line's end: from here on. */
	tail = text + strlen(text);
	while ((flags & BP_MDW_LINE_END) && tail > text &&
	    (tail[-1] == ' ' || tail[-1] == '\t'))
		tail--;
	for (p = text; *p != '\0'; p++) {
		c = *p;
		/* Line breaks in text (from "&#10;") and spaces at its end. */
		if (c == '\n' || c == '\r' || (p >= tail && *tail != '\0')) {
			g_string_append_printf(out, "&#%d;", c);
			continue;
		}
		switch (c) {
		case '\\': case '`': case '*': case '[': case ']': case '<':
		case '~': case '"': case '\'':
			esc = true;
			break;
		case '_':
			/* Inside a word it cannot open or close emphasis. */
			esc = !(p > text && g_ascii_isalnum(p[-1]) &&
			    g_ascii_isalnum(p[1]));
			break;
		case '!':
			/* "![" would be an image. */
			esc = p[1] == '\0' && (flags & BP_MDW_BEFORE_LINK) != 0;
			break;
		case '&':
			esc = is_entity_like(p);
			break;
		case '-':
			/* "--" would become a dash under smart punctuation. */
			esc = p > text && p[-1] == '-';
			break;
		case '.':
			esc = p > text && p[-1] == '.';
			break;
		case '|':
			esc = (flags & BP_MDW_IN_TABLE) != 0;
			break;
		case '#':
			esc = (flags & BP_MDW_IN_HEADING) != 0;
			break;
		default:
			esc = false;
			break;
		}
		if (esc)
			g_string_append_c(out, '\\');
		g_string_append_c(out, c);
	}
}

void
bp_mdw_escape_url(GString *out, const char *url)
{
	const char	*p;
	bool		 angle = *url == '\0';
	int		 depth = 0;

	/* Spaces, controls or unbalanced parentheses: the <...> form. */
	for (p = url; *p != '\0' && !angle; p++) {
		if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>')
			angle = true;
		else if (*p == '(')
			depth++;
		else if (*p == ')' && --depth < 0)
			angle = true;
	}
	angle = angle || depth != 0;
	if (angle)
		g_string_append_c(out, '<');
	for (p = url; *p != '\0'; p++) {
		if (*p == '\\' || (*p == '&' && is_entity_like(p)) ||
		    (angle && (*p == '<' || *p == '>')))
			g_string_append_c(out, '\\');
		if (*p == '\n')
			g_string_append(out, "%0A");
		else
			g_string_append_c(out, *p);
	}
	if (angle)
		g_string_append_c(out, '>');
}

void
bp_mdw_escape_title(GString *out, const char *title)
{
	const char	*p;

	g_string_append_c(out, '"');
	for (p = title; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\' || (*p == '&' && is_entity_like(p)))
			g_string_append_c(out, '\\');
		g_string_append_c(out, *p);
	}
	g_string_append_c(out, '"');
}

void
bp_mdw_code_span(GString *out, const char *code, bool in_table)
{
	size_t		 n = longest_run(code, '`') + 1, len = strlen(code), i;
	bool		 pad, blank = strspn(code, " ") == len;
	const char	*p;

	/*
	 * A parser strips one space from each end when both have one, and
	 * a backtick at either end would join the fence: pad with a space.
	 */
	pad = len > 0 && (code[0] == '`' || code[len - 1] == '`' ||
	    (!blank && code[0] == ' ' && code[len - 1] == ' '));
	for (i = 0; i < n; i++)
		g_string_append_c(out, '`');
	if (pad)
		g_string_append_c(out, ' ');
	for (p = code; *p != '\0'; p++) {
		/* A table row is split at '|' before code is found. */
		if (in_table && *p == '|')
			g_string_append_c(out, '\\');
		g_string_append_c(out, *p);
	}
	if (pad)
		g_string_append_c(out, ' ');
	for (i = 0; i < n; i++)
		g_string_append_c(out, '`');
}

void
bp_mdw_escape_info(GString *out, const char *info)
{
	const char	*p;

	for (p = info; *p != '\0'; p++) {
		if (*p == '\\' || (*p == '&' && is_entity_like(p)))
			g_string_append_c(out, '\\');
		g_string_append_c(out, *p);
	}
}

bool
bp_mdw_is_autolink(const struct bp_node *link, const char **shown)
{
	const struct bp_node	*t = link->first;
	const char		*url = link->u.link.url, *p;
	bool			 ok = false;

	*shown = NULL;
	if (t == NULL || t != link->last || t->type != BP_NODE_TEXT ||
	    url == NULL || (link->u.link.title != NULL &&
	    *link->u.link.title != '\0'))
		return false;
	/* <scheme:...>: a scheme of 2-32 characters, no spaces or <>. */
	for (p = url; g_ascii_isalnum(*p) || *p == '+' || *p == '.' ||
	    *p == '-'; p++)
		;
	if (*p != ':' || p - url < 2 || p - url > 32 || !g_ascii_isalpha(*url))
		return false;
	for (p = url; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>')
			return false;
	if (strcmp(t->text, url) == 0) {
		*shown = url;
		ok = strchr(url, '\\') == NULL && strchr(url, '&') == NULL;
	} else if (g_str_has_prefix(url, "mailto:") &&
	    strcmp(t->text, url + 7) == 0 && strchr(t->text, '@') != NULL) {
		*shown = t->text;
		ok = strspn(t->text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ"
		    "RSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-@") ==
		    strlen(t->text);
	}
	return ok;
}
