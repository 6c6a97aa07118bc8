/*
 * Cleaning text before it reaches the model: control characters, line and
 * paragraph separators, bidi overrides and noncharacters (see parse.h).
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "bp.h"
#include "parse.h"

/* What happens to a character, and the kind it is reported as. */
enum clean_kind {
	CLEAN_KIND_CONTROL,    /* C0 (not TAB LF CR VT FF), DEL, C1: removed */
	CLEAN_KIND_BREAK,      /* VT FF NEL U+2028 U+2029: a space */
	CLEAN_KIND_BIDI,       /* embeddings, overrides, isolates: removed */
	CLEAN_KIND_NONCHAR,    /* noncharacters: U+FFFD */
	CLEAN_KIND_KEEP,
	CLEAN_KIND__MAX
};

/* The first character of one kind and how many there were. */
struct clean_found {
	unsigned	 n;
	gunichar	 first;
	int		 line, col;    /* of the first, in the input */
};

/* Warnings, one per kind: "control character U+001B removed". */
static const char *const clean_noun[CLEAN_KIND_KEEP][2] = {
	{ "control character", "control characters" },
	{ "line or page break character", "line or page break characters" },
	{ "bidirectional control character",
	    "bidirectional control characters" },
	{ "noncharacter", "noncharacters" },
};
static const char *const clean_verb[CLEAN_KIND_KEEP][2] = {
	{ "removed", "removed" },
	{ "replaced by a space", "replaced by spaces" },
	{ "removed", "removed" },
	{ "replaced by U+FFFD", "replaced by U+FFFD" },
};

/*
 * Bytes that may start something to clean, or are a line feed (counted
 * for positions). Everything else is copied as it is, so a clean text
 * costs one table look-up per byte. C2: U+0080-00BF (C1 controls);
 * E2: U+2000-2FFF (separators, bidi); EF: U+F000-FFFF (U+FDD0-FDEF,
 * U+FFFE, U+FFFF); F0-F4: the other planes (U+xFFFE, U+xFFFF).
 */
static const unsigned char clean_hit[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1,  /* 0_ */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  /* 1_ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* 2_ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* 3_ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* 4_ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* 5_ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* 6_ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,  /* 7_ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* 8_ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* 9_ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* A_ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* B_ */
	0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* C_ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* D_ */
	0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,  /* E_ */
	1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* F_ */
};

static size_t decode(const unsigned char *p, size_t left, gunichar *c);
static enum clean_kind classify(gunichar c);
static size_t clean_run(char *buf, size_t len, int first_line,
    struct clean_found *found);
static void report(const struct clean_found *found, const char *key,
    bool at_col, struct bp_diag *diag);

/*
 * The character at p (at most `left` bytes) and its length in bytes. The
 * text is valid UTF-8; a sequence cut short is taken as one byte, kept.
 */
static size_t
decode(const unsigned char *p, size_t left, gunichar *c)
{
	size_t	 n = 1, i;

	*c = p[0];
	if (p[0] >= 0x80) {
		n = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : 2;
		if (n > left) {
			*c = 0xFFFD;
			n = 1;
		} else {
			*c = p[0] & (0x7F >> n);
			for (i = 1; i < n; i++)
				*c = (*c << 6) | (p[i] & 0x3F);
		}
	}
	return n;
}

static enum clean_kind
classify(gunichar c)
{
	enum clean_kind	 k = CLEAN_KIND_KEEP;

	if (c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 ||
	    c == 0x2029)
		k = CLEAN_KIND_BREAK;
	else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
	    (c >= 0x7F && c <= 0x9F))
		k = CLEAN_KIND_CONTROL;
	/* U+200E, U+200F and U+061C (marks) stay: see parse.h. */
	else if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
		k = CLEAN_KIND_BIDI;
	else if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE)
		k = CLEAN_KIND_NONCHAR;
	return k;
}

/*
 * One pass over buf: runs of bytes that stay are skipped over (and moved
 * down once something has been removed), so nothing is written while the
 * text is clean. Line feeds are neither added nor removed. found[] gets
 * the count and first position of each kind. Returns the new length.
 */
static size_t
clean_run(char *buf, size_t len, int first_line, struct clean_found *found)
{
	unsigned char	*b = (unsigned char *)buf;
	size_t		 r = 0, w = 0, s, n, line_w = 0;
	unsigned	 removed_on_line = 0;
	int		 line = first_line;
	gunichar	 c;
	enum clean_kind	 k;

	while (r < len) {
		/* A run that stays as it is. */
		for (s = r; s < len && !clean_hit[b[s]]; s++)
			;
		if (w != r && s > r)
			memmove(b + w, b + r, s - r);
		w += s - r;
		r = s;
		if (r >= len)
			break;

		/* A line feed: only positions change. */
		if (b[r] == '\n') {
			if (w != r)
				b[w] = '\n';
			w++;
			r++;
			line++;
			line_w = w;
			removed_on_line = 0;
			continue;
		}
		n = decode(b + r, len - r, &c);
		if ((k = classify(c)) == CLEAN_KIND_KEEP) {
			if (w != r)
				memmove(b + w, b + r, n);
			w += n;
			r += n;
			continue;
		}

		/* Columns count characters of the input, as in util.c. */
		if (found[k].n++ == 0) {
			found[k].first = c;
			found[k].line = line;
			found[k].col = (int)g_utf8_strlen(buf + line_w,
			    (gssize)(w - line_w)) + (int)removed_on_line + 1;
		}
		r += n;
		switch (k) {
		case CLEAN_KIND_BREAK:
			b[w++] = ' ';
			break;
		case CLEAN_KIND_NONCHAR:
			/* Three bytes in place of three or four. */
			memcpy(b + w, "\xEF\xBF\xBD", 3);
			w += 3;
			break;
		case CLEAN_KIND_CONTROL:
		case CLEAN_KIND_BIDI:
			removed_on_line++;
			break;
		case CLEAN_KIND_KEEP:
		case CLEAN_KIND__MAX:
			g_assert_not_reached();
		}
	}
	return w;
}

/*
 * One warning per kind found, in the order of their first characters. A
 * key names a metadata value (reported at its line only); without one,
 * the place of the first character is given.
 */
static void
report(const struct clean_found *found, const char *key, bool at_col,
    struct bp_diag *diag)
{
	const struct clean_found	*f;
	int				 i, j, k, order[CLEAN_KIND_KEEP];

	/* In the order the first of each kind comes in the text. */
	for (i = 0; i < CLEAN_KIND_KEEP; i++) {
		for (j = i; j > 0 && (found[order[j - 1]].line > found[i].line ||
		    (found[order[j - 1]].line == found[i].line &&
		    found[order[j - 1]].col > found[i].col)); j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
	for (i = 0; i < CLEAN_KIND_KEEP; i++) {
		k = order[i];
		f = &found[k];
		if (f->n == 0)
			continue;
		if (f->n == 1)
			bp_diag(diag, BP_WARNING, f->line, at_col ? f->col : 0,
			    "%s%s%s U+%04X %s", key != NULL ? key : "",
			    key != NULL ? ": " : "", clean_noun[k][0],
			    (unsigned)f->first, clean_verb[k][0]);
		else
			bp_diag(diag, BP_WARNING, f->line, at_col ? f->col : 0,
			    "%s%s%u %s %s (first U+%04X)",
			    key != NULL ? key : "", key != NULL ? ": " : "",
			    f->n, clean_noun[k][1], clean_verb[k][1],
			    (unsigned)f->first);
	}
}

size_t
bp_clean_text(char *buf, size_t len, int first_line, struct bp_diag *diag)
{
	struct clean_found	 found[CLEAN_KIND_KEEP];
	size_t			 n;

	memset(found, 0, sizeof found);
	n = clean_run(buf, len, first_line, found);
	if (n < len)
		buf[n] = '\0';
	report(found, /*key*/NULL, /*at_col*/true, diag);
	return n;
}

char *
bp_clean_value(const char *s, const char *key, int line,
    struct bp_diag *diag)
{
	struct clean_found	 found[CLEAN_KIND_KEEP];
	char			*copy = NULL;
	size_t			 n;
	int			 k;

	if (s == NULL)
		goto out;
	memset(found, 0, sizeof found);

	/* YAML gives valid UTF-8; a -M value might not be. */
	copy = g_utf8_validate(s, -1, NULL) ? g_strdup(s) :
	    g_utf8_make_valid(s, -1);
	n = clean_run(copy, strlen(copy), line, found);
	copy[n] = '\0';
	for (k = 0; k < CLEAN_KIND_KEEP; k++)
		found[k].line = line;
	report(found, key, /*at_col*/false, diag);
out:
	return copy;
}
