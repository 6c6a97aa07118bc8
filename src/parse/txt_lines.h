/*
 * The pasted-text reader's working state, shared by txt.c (the rules
 * that sort lines) and txt_body.c (Markdown, notes, the line map).
 * SPDX-License-Identifier: MIT
 */
#ifndef BP_PARSE_TXT_LINES_H
#define BP_PARSE_TXT_LINES_H

#include "parse/txt.h"

/* What a line of the paste became. */
enum txt_kind {
	TXT_BLANK,
	TXT_TEXT,       /* not decided yet */
	TXT_DROP,       /* page furniture: `why` says which */
	TXT_TITLE,
	TXT_SUBTITLE,
	TXT_DATE,       /* taken into meta.date */
	TXT_AUTHOR,     /* taken into meta.authors */
	TXT_HEADING,
	TXT_PARA,
	TXT_SPEECH,     /* "- " / "– " opened dialogue */
	TXT_ITEM,       /* a list item */
	TXT_LINK,       /* a link line that lost its target, kept as text */
	TXT_KIND__MAX
};

/* Which bullet opened a line. */
enum txt_bullet {
	TXT_BULLET_NONE,
	TXT_BULLET_DOT,     /* •, ·, *, ▪, ... */
	TXT_BULLET_DASH,    /* "- ", "– ", "— " */
	TXT_BULLET_NUM,     /* "1. ", "2) " */
	TXT_BULLET__MAX
};

struct txt_line {
	const char	*raw;       /* trimmed, bullet kept */
	const char	*s;         /* trimmed, bullet removed */
	char		*norm;      /* bp_paste_norm(s); NULL for long lines */
	unsigned	 rawlen, len;
	int		 no;        /* .txt line number */
	int		 words;
	int		 chars;     /* characters of raw */
	int		 num;       /* TXT_BULLET_NUM's number */
	enum txt_bullet	 bullet;
	enum txt_kind	 kind;
	const char	*why;       /* TXT_DROP: "site navigation", ... */
	bool		 end;       /* ends with sentence punctuation */
	bool		 furn;      /* a furniture phrase */
	bool		 footer;    /* a footer phrase */
	bool		 cookie;    /* holds a cookie word */
	bool		 link;      /* opens with a link phrase */
	bool		 date;      /* a date line */
	bool		 author;    /* a byline */
	bool		 label;     /* "Published", "From:" alone: value next */
	bool		 whole;     /* a byline without label (after one) */
	bool		 join;      /* hard-wrapped: next line continues it */
	bool		 first;     /* first line of its paragraph */
};

struct txt {
	struct txt_line	*l;
	int		 n;
	const struct bp_paste_phrases *ph;
	struct bp_meta	*meta;
	struct bp_diag	*diag;
	int		 title;     /* index of the title line, -1: none */
	int		 lead;      /* index of the lead (subtitle), -1: none */
	const char	*title_why;
	char		*title_text; /* its text (a breadcrumb's last part) */
	int		 wrap;      /* hard-wrap width in characters, 0: none */
};

/* txt.c: the rules, in order, on t's lines. */
void bp_txt_sort_lines(struct txt *t);
/* Whether a line reads as prose: a sentence, or long. */
bool bp_txt_is_prose(const struct txt_line *l);
/* A short unbulleted line that is no sentence: a list line or heading. */
bool bp_txt_is_short_line(const struct txt_line *l);
/* White space, zero-width space and BOM included. */
bool bp_txt_is_space(gunichar c);
/* Ends with . ! ? : ; or ..., closing quotes and brackets aside. */
bool bp_txt_ends_sentence(const char *s, size_t len);
/* Words (runs of non-space) in s. */
int bp_txt_count_words(const char *s, size_t len);
/* Mark l dropped as furniture of kind `why` (a static string). */
void bp_txt_drop(struct txt_line *l, const char *why);
/* The first line of prose from `from` on, or -1. */
int bp_txt_first_prose(const struct txt *t, int from);
/* The text of the paragraph at line i (wrapped lines joined); caller frees. */
char *bp_txt_group_text(const struct txt *t, int i);
/* The last line of the paragraph that starts at line i. */
int bp_txt_group_end(const struct txt *t, int i);

/*
 * txt_meta.c: the name in a byline line (caller frees; NULL: none);
 * dates, bylines and the lead into t->meta; repeated furniture dropped.
 */
char *bp_txt_byline(const struct txt_line *l,
    const struct bp_paste_phrases *ph);
void bp_txt_take_meta(struct txt *t);
void bp_txt_drop_repeats(struct txt *t);

/* txt_body.c: the notes, then the Markdown and its map into out. */
void bp_txt_give_notes(const struct txt *t);
void bp_txt_emit(const struct txt *t, struct bp_txt_result *out);

#endif /* BP_PARSE_TXT_LINES_H */
