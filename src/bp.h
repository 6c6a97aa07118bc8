/*
 * briefpack: shared types and module entry points. The pipeline is
 * load (parse/) -> document model (model/) -> writers (pdf/, epub/).
 * SPDX-License-Identifier: MIT
 */
#ifndef BP_H
#define BP_H

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

#define BP_VERSION "0.1.0"

/* Limits: each is reported with a diagnostic when exceeded. */
#define BP_MAX_INPUT_BYTES   (16u * 1024u * 1024u) /* one article or manifest */
#define BP_MAX_DEPTH         128    /* block nesting (lists, quotes) */
#define BP_MAX_TABLE_COLS    64     /* columns kept; more are cut with a warning */
#define BP_MAX_IMAGE_BYTES   (32u * 1024u * 1024u)
#define BP_MAX_IMAGE_PIXELS  (64u * 1024u * 1024u)
#define BP_MAX_COPIES        999    /* numbered copies of one output */
/* What cmark-gfm would build, bounded on the text first (parse/bound.c). */
#define BP_MAX_TABLE_CELLS   250000u    /* table cells per article, rows padded */
#define BP_MAX_NEST_WORK     100000000u /* containers walked: blank lines, deep text */
#define BP_MAX_EMPH_RUNS     100000u    /* runs of * _ ~ in one paragraph */
#define BP_MAX_STRIKE_RUNS   20000u     /* runs of ~ in one paragraph */
#define BP_MAX_BRACKET_WORK  100000000u /* open "![" at each ']', one paragraph */
#define BP_MAX_HTML_SCAN     1000000000u /* bytes after unclosed "<?", one paragraph */
#define BP_MAX_SPAN_WORK     30000000000ull /* links, code, emphasis x bytes, one paragraph */
#define BP_MAX_NOTE_WORK     100000000u /* note references x (them and spans), one paragraph */
#define BP_MAX_TABLE_SCAN    1000000000u /* ns cmark-gfm spends parsing table rows */
#define BP_MAX_AUTOLINK_WORK 500000000u /* bytes scanned for autolinks */
#define BP_MAX_REF_COPY      (64u * 1024u * 1024u) /* link definition bytes x uses */
#define BP_MAX_ID_WORK       10000000u  /* tries to make heading ids unique */
#define BP_MAX_NOBREAK_WORK  1000000000u /* unbreakable runs' lengths squared, summed */
#define BP_MAX_INLINE_DEPTH  32         /* emphasis and links in each other */

/* ------------------------------------------------------------------ */
/* Diagnostics (diag.c)                                                */

enum bp_severity {
	BP_NOTE,
	BP_WARNING,
	BP_ERROR,
	BP_SEVERITY__MAX
};

/* Receives one finished message; file may be NULL, line 0 means "no line". */
typedef void (*bp_diag_fn)(void *data, enum bp_severity sev, const char *file,
    int line, int col, const char *msg);

/*
 * The sink passed down the pipeline. `file` is the path as the user gave it
 * and labels messages that do not name their own file. Counters count what
 * was reported since the last bp_diag_reset_counts().
 */
struct bp_diag {
	const char	*file;
	bp_diag_fn	 fn;       /* NULL: print GCC-style to stderr */
	void		*data;
	bool		 quiet;    /* drop notes and warnings from stderr */
	int		 verbose;  /* print notes when > 0 */
	unsigned	 warnings;
	unsigned	 errors;
};

/* Report at `file` (NULL: diag->file), line and column (0: unknown). */
void bp_diag_at(struct bp_diag *, const char *file, enum bp_severity, int line,
    int col, const char *fmt, ...) G_GNUC_PRINTF(6, 7);
/* Report against diag->file. */
void bp_diag(struct bp_diag *, enum bp_severity, int line, int col,
    const char *fmt, ...) G_GNUC_PRINTF(5, 6);
void bp_diag_reset_counts(struct bp_diag *);
/*
 * The default printer: msg in GCC's form on stderr, honouring quiet and
 * verbose. A custom diag->fn may call it after recording the message.
 */
void bp_diag_print(const struct bp_diag *, enum bp_severity, const char *file,
    int line, int col, const char *msg);
/* Show text as a status line at the foot of stderr (NULL: remove it). */
void bp_diag_status(const char *text);
/*
 * A sink that keeps its messages (a worker thread's, say) in *kept, a new
 * array the caller frees; bp_diag_replay gives them to another sink, in
 * the order they came.
 */
void bp_diag_keep(struct bp_diag *, GPtrArray **kept);
void bp_diag_replay(GPtrArray *kept, struct bp_diag *to);
/* A diag->fn that drops every message. */
void bp_diag_drop_fn(void *, enum bp_severity, const char *, int, int,
    const char *);

/* ------------------------------------------------------------------ */
/* Utilities (util.c)                                                  */

/*
 * Read a whole file (or standard input for "-") into a NUL-terminated
 * buffer. Refuses files over `max` bytes. Caller frees *out with g_free.
 * Reports to diag and returns false on failure.
 */
bool bp_util_read_file(const char *path, size_t max, struct bp_diag *,
    char **out, size_t *out_len);

/*
 * Check that buf is valid UTF-8 without NUL bytes. On failure reports
 * "file:line:col: invalid UTF-8" (or NUL byte) and returns false.
 * `first_line` is the line number of buf's first byte in its file.
 */
bool bp_util_check_text(const char *buf, size_t len, int first_line,
    struct bp_diag *);

/*
 * Resolve `rel` against the folder of `base_file` (which may be NULL:
 * the current folder). Returns a newly allocated path (caller frees) or
 * NULL when rel is absolute or leaves base's folder tree and
 * allow_outside is false. Does not touch the file system.
 */
char *bp_util_resolve(const char *base_file, const char *rel,
    bool allow_outside);

/*
 * Atomic output: a temporary file in path's folder (unnamed where the
 * file system allows, so a killed process leaves nothing behind). Write
 * through bp_util_out_fd; bp_util_out_commit renames it into place;
 * bp_util_out_abort throws it away. Both free `o`.
 */
struct bp_out;
struct bp_out *bp_util_out_open(const char *path, struct bp_diag *);
/* The temporary file's descriptor (owned by o; do not close it). */
int bp_util_out_fd(const struct bp_out *);
/*
 * Write all of data, retrying short writes. The first failure (its
 * errno) is kept in o: later writes do nothing, bp_util_out_commit
 * reports it and refuses to name the file. Returns false once failed.
 */
bool bp_util_out_write(struct bp_out *, const void *data, size_t len);
/* Whether a write to o has failed. */
bool bp_util_out_failed(const struct bp_out *);
/*
 * Check every step (earlier writes, fsync, close), then rename into
 * place and sync the folder; on failure report "PATH: cannot write:
 * CAUSE", remove the temporary file and return false.
 */
bool bp_util_out_commit(struct bp_out *, struct bp_diag *);
void bp_util_out_abort(struct bp_out *);
/* Remove named temporary files now (from a signal handler). */
void bp_util_out_cleanup(void);

/* Whether paths a and b name one existing file (device and inode). */
bool bp_util_is_same_file(const char *a, const char *b);

/* Seconds since the epoch from SOURCE_DATE_EPOCH, else the current time. */
gint64 bp_util_build_time(void);

/*
 * A library loaded when first needed (dlopen), not at start-up: loading
 * librsvg, libxml2 and libqpdf takes longer than a short article's whole
 * layout, and most runs need one of them or none. The module that owns
 * the library lists its functions once (an X-macro), and its header
 * sends every call through a table of pointers, the functions' own types
 * (__typeof__). bp_util_lib_load opens the library by its SONAME (the
 * Makefile reads it from the one linked against) and fills the table,
 * all or nothing, once per process and thread-safe; the library stays
 * loaded. false with *why (kept, do not free) when it can't be loaded.
 * bp_util_lib_preload starts the loading on a thread of its own, so it
 * overlaps the work before the first use; bp_util_lib_load waits for it.
 */
struct bp_lib {
	const char		*soname;
	const char *const	*names;   /* n symbols */
	size_t			 n;
	void			*api;     /* n function pointers, in that order */
	gsize			 once;
	char			*error;
	GThread			*preload;
	GMutex			 lock;    /* for preload */
};
#define BP_LIB_PTR(f)  __typeof__(f) *f;
#define BP_LIB_NAME(f) #f,
/* The static struct bp_lib var for table (a struct of pointers), FUNCS. */
#define BP_LIB_DEFINE(var, so, FUNCS, table) \
	static const char *const var##_names[] = { FUNCS(BP_LIB_NAME) }; \
	static struct bp_lib var = { .soname = so, .names = var##_names, \
	    .n = G_N_ELEMENTS(var##_names), .api = &(table) }; \
	_Static_assert(sizeof(table) == G_N_ELEMENTS(var##_names) * \
	    sizeof(void *), #table " holds one pointer per name"); \
	_Static_assert(sizeof(so) > 1, "no SONAME for " #var " (make)")
bool bp_util_lib_load(struct bp_lib *, const char **why);
void bp_util_lib_preload(struct bp_lib *);
/* Wait for a preload to end (before exit: dlopen must not be cut off). */
void bp_util_lib_settle(struct bp_lib *);

/*
 * The word for a count in an English message: one when n is 1, else many
 * ("1 article", "3 articles"). Returns one of its arguments.
 */
const char *bp_util_plural(long n, const char *one, const char *many);

/* ------------------------------------------------------------------ */
/* YAML (yaml.c): libyaml loading for metadata and styles              */

/* More YAML nodes than this in one document is an error (and bounds work). */
#define BP_YAML_MAX_NODES    10000

/* How bp_yaml_load words two messages (manifests and styles differ). */
#define BP_YAML_SHOW_BYTE    0x1u /* reader errors name the byte: "(#x1B)" */
#define BP_YAML_OOM_NO_LINE  0x2u /* out of memory at line 0, not first_line */

/* libyaml's yaml_document_t and yaml_node_t, for files that include yaml.h. */
struct yaml_document_s;
struct yaml_node_s;
/*
 * Load the first YAML document of text (len bytes, the first on file line
 * first_line) into doc. A first pass over the events counts nodes, so a
 * document over BP_YAML_MAX_NODES is refused before anything is built;
 * aliases are counted, never expanded; a second document is a warning.
 * Errors name the line and column. *have_doc says whether the caller must
 * free doc with yaml_document_delete(). Returns false after an error.
 */
bool bp_yaml_load(const char *text, size_t len, int first_line,
    unsigned flags, struct bp_diag *, struct yaml_document_s *doc,
    bool *have_doc);
/* No value: NULL, a plain "", "~", "null", "Null" or "NULL", or !!null. */
bool bp_yaml_node_is_null(const struct yaml_node_s *);
/*
 * The text of a scalar of any tag (owned by the document), or NULL for a
 * null value, a non-scalar, or a scalar with an escaped NUL (it cannot be
 * a C string).
 */
const char *bp_yaml_node_text(const struct yaml_node_s *);
/* true/false/yes/no in any case into *out; false for anything else. */
bool bp_yaml_parse_bool(const char *s, bool *out);

/* ------------------------------------------------------------------ */
/* Report (report.c): --report FILE.json; every function is thread-safe */

struct bp_article;
struct bp_pack;
struct bp_write_result;
struct bp_report;
struct bp_report *bp_report_new(void);
void bp_report_free(struct bp_report *);
/*
 * The run the report describes: its command line (argv as given, before
 * options were parsed; copied) and its real start time (microseconds
 * since the epoch, g_get_real_time()).
 */
void bp_report_set_run(struct bp_report *, char *const *argv,
    gint64 started);
/* Record one diagnostic (call from a diag->fn sink). */
void bp_report_message(struct bp_report *, enum bp_severity, const char *file,
    int line, int col, const char *msg);
/*
 * Record an article as loaded (or failed) and how long it took; `order`
 * is its place among the inputs (the report lists them in that order).
 */
void bp_report_input(struct bp_report *, int order, const struct bp_article *,
    double seconds);
/*
 * Record an output of `format` made from pack's articles. A failed
 * output's reason is the first error reported against its path.
 */
void bp_report_output(struct bp_report *, int order, const char *path,
    const char *format, const struct bp_pack *, bool ok,
    const struct bp_write_result *, double seconds);
/*
 * Record an output of `format` at path that is left from an earlier run
 * (status "stale"): art, which it would have been made from, failed.
 */
void bp_report_stale(struct bp_report *, int order, const char *path,
    const char *format, const struct bp_article *);
/* Write the report as JSON at path (atomically). */
bool bp_report_write(struct bp_report *, const char *path, int exit_status,
    double elapsed, struct bp_diag *);

/* ------------------------------------------------------------------ */
/* Document model (model/doc.c)                                        */

enum bp_node_type {
	/* blocks */
	BP_NODE_DOCUMENT,      /* an article's body */
	BP_NODE_PARA,
	BP_NODE_HEADING,
	BP_NODE_QUOTE,
	BP_NODE_LIST,
	BP_NODE_ITEM,
	BP_NODE_CODE_BLOCK,    /* text: the code, info: the info string */
	BP_NODE_HTML_BLOCK,    /* text: raw HTML, shown as literal text */
	BP_NODE_RULE,
	BP_NODE_TABLE,
	BP_NODE_TABLE_ROW,
	BP_NODE_TABLE_CELL,
	BP_NODE_FOOTNOTE_DEF,  /* children: the note's blocks */
	/* inlines */
	BP_NODE_TEXT,
	BP_NODE_SOFTBREAK,
	BP_NODE_LINEBREAK,
	BP_NODE_CODE,
	BP_NODE_HTML_INLINE,   /* text: raw HTML, shown as literal text */
	BP_NODE_EMPH,
	BP_NODE_STRONG,
	BP_NODE_STRIKE,
	BP_NODE_LINK,
	BP_NODE_IMAGE,         /* children: alt text */
	BP_NODE_FOOTNOTE_REF,
	BP_NODE__MAX
};

enum bp_align {
	BP_ALIGN_NONE,
	BP_ALIGN_LEFT,
	BP_ALIGN_CENTER,
	BP_ALIGN_RIGHT,
	BP_ALIGN__MAX
};

/* How an ordered list numbers its items (HTML's and Word's styles). */
enum bp_list_style {
	BP_LIST_STYLE_DECIMAL,       /* 1. 2. 3. */
	BP_LIST_STYLE_LOWER_ALPHA,   /* a. b. ... z. aa. */
	BP_LIST_STYLE_UPPER_ALPHA,   /* A. B. */
	BP_LIST_STYLE_LOWER_ROMAN,   /* i. ii. iii. */
	BP_LIST_STYLE_UPPER_ROMAN,   /* I. II. */
	BP_LIST_STYLE__MAX
};

enum bp_task {
	BP_TASK_NONE,
	BP_TASK_OPEN,
	BP_TASK_DONE,
	BP_TASK__MAX
};

enum bp_image_kind {
	BP_IMAGE_UNKNOWN,
	BP_IMAGE_PNG,
	BP_IMAGE_JPEG,
	BP_IMAGE_GIF,
	BP_IMAGE_SVG,
	BP_IMAGE_WEBP,
	BP_IMAGE_KIND__MAX
};

/*
 * An image file read by the loader. `data` is NULL when the file could
 * not be used; `problem` then says why (already reported as a warning).
 * Writers decode `data` themselves.
 */
struct bp_image {
	char		*key;      /* the loader's: path, else the URL */
	char		*path;     /* resolved path, NULL for refused URLs */
	unsigned char	*data;
	size_t		 len;
	enum bp_image_kind kind;
	char		*problem;
};

/* One node of an article's tree. All strings live in the article arena. */
struct bp_node {
	enum bp_node_type type;
	int		 line, col;        /* Markdown source position (file lines) */
	struct bp_node	*parent, *first, *last, *prev, *next;
	const char	*text;             /* literal text where the type has one */
	union {
		struct { int level; const char *id; } heading;
		struct { bool ordered; int start; bool tight; char delim;
		    enum bp_list_style style; } list;
		struct { enum bp_task task; } item;
		struct { const char *info; } code;
		/* LINK and IMAGE: url as written; IMAGE also its loaded file */
		struct { const char *url; const char *title;
		    struct bp_image *image; } link;
		struct { int ncols; enum bp_align *align; } table;
		struct { bool header; } row;
		struct { enum bp_align align; } cell;
		/* FOOTNOTE_DEF and FOOTNOTE_REF: number within the article */
		struct { int num; const char *label; const char *id; } fn;
	} u;
};

/* A calendar date; y == 0 when unset. */
struct bp_date {
	int	 y, m, d;
};

/*
 * Metadata of an article (front matter) or of a pack (manifest, -M).
 * All strings are g_malloc'd and owned; lists are NULL-terminated
 * g_strv arrays. `*_line` fields hold the YAML line of each key (0: unset)
 * so later checks can point at them.
 */
struct bp_meta {
	char		*title;
	char		*subtitle;
	char	       **authors;
	char		*date_text;       /* as written */
	struct bp_date	 date;
	char		*lang;            /* BCP 47, lower-cased language part */
	char		*source;
	char		*abstract;
	char	       **keywords;
	char		*classification;
	char		*exempt;          /* legal basis of exemption from public
	                                   * access: "offl. § 15 første ledd" */
	int		 exempt_line;     /* its YAML line (0: unset, or -M) */
	char	       **distribution;    /* pack only: holders of numbered
	                                   * copies, in copy order (NULL: none) */
	char		*organisation;    /* pack only */
	char		*style;           /* pack only: style name or path */
	bool		 smart;           /* smart punctuation (front matter "smart") */
	bool		 smart_set;
};

/*
 * What an article's own text says about its language (model/lang.c):
 * `lang` is the guess, "" when the guesser could not tell (too few
 * words, or two languages too close); `best` and `runner` are the two
 * likeliest either way, for the note that says so.
 */
struct bp_lang_guess {
	bool		 done;            /* the text was looked at */
	char		 lang[8];         /* "nb", or "": could not tell */
	char		 best[8], runner[8];
	int		 words;           /* words of the text in the profiles */
	double		 margin;          /* best's lead: ln(likelihood ratio) */
};

struct bp_lang_profiles;
struct bp_arena;
/* How articles are read. */
struct bp_load_opts {
	bool		 allow_outside;   /* --allow-outside given */
	bool		 smart;           /* smart punctuation by default */
	const char	*lang;            /* the manifest's or -M lang, or NULL */
	/* Guess the language of articles without one (NULL: do not). */
	const struct bp_lang_profiles *langs;
	const char	*datadir;         /* holds data/paste/ (NULL: default) */
};

/*
 * Where an article's body comes from again after it was let go: the
 * loader (parse/) installs one and keeps what it holds private; the
 * model calls it from bp_article_body_acquire and _release. `make`
 * parses the body into its article again (quietly: its messages were
 * given at loading) and returns false when it cannot (out of memory);
 * `drop` lets the body go (bp_article_let_go); `free` frees the source.
 */
struct bp_body_source {
	bool	(*make)(struct bp_body_source *);
	void	(*drop)(struct bp_body_source *);
	void	(*free)(struct bp_body_source *);
};

/*
 * One article: its metadata, body tree and footnotes. Writers read the
 * body (body, notes, nnotes) only between bp_article_body_acquire and
 * bp_article_body_release: whether it is kept in between or parsed again
 * is the model's business.
 */
struct bp_article {
	char		*path;       /* as the user gave it ("-" for stdin) */
	char		*name;       /* file name without folder and .md */
	char		*id;         /* unique in the pack: "a1", "a2", ... */
	struct bp_meta	 meta;
	/*
	 * The language everything in the article is made in (quotes,
	 * hyphenation, words, lang attributes), decided once by
	 * bp_pack_fill_defaults: its own lang, else the manifest's or -M
	 * lang, else guessed from its text (`guess`), else the pack's. NULL
	 * before that (loading uses meta.lang, then bp_load_opts.lang, then
	 * "en").
	 */
	char		*lang;
	struct bp_lang_guess guess;  /* from its text, when it has no lang
	                              * and the pack none (made at loading) */
	struct bp_node	*body;       /* NULL when failed or let go */
	struct bp_node **notes;      /* footnote definitions, in number order */
	int		 nnotes;
	GPtrArray	*images;     /* struct bp_image *, owned; kept when the
	                              * body is let go, so a second parse finds
	                              * them without reading the disk */
	struct bp_arena	*arena;
	struct bp_body_source *source; /* owned; NULL: the body is kept */
	bool		 failed;     /* rejected: `error` says why */
	char		*error;
	unsigned	 warnings;
	unsigned	 missing_images;  /* images that could not be read */
};

/* A pack: its metadata and articles, in order. */
struct bp_pack {
	char		*path;       /* manifest path, NULL when built from files */
	struct bp_meta	 meta;
	GPtrArray	*articles;   /* struct bp_article *, owned */
	/*
	 * Manifest entries that cannot be articles (missing, unreadable, a
	 * folder, a manifest): path -> why (g_free'd strings), already
	 * reported at the entry's line. The loaders make each a failed
	 * article without reading it. NULL when there are none.
	 */
	GHashTable	*refused;
};

struct bp_article *bp_article_new(const char *path);
void bp_article_free(struct bp_article *);
/*
 * Let the article's body go (its tree and notes; metadata and images
 * stay) when it has a source to make it again; else do nothing. Takes
 * ownership of source (NULL: only lets go, when a source is set).
 */
void bp_article_let_go(struct bp_article *, struct bp_body_source *source);
/*
 * The article's body, made again from its source when it was let go. A
 * failed article, or one whose body cannot be made again (reported to
 * diag at the article), has none: returns false. Pair every call with
 * bp_article_body_release. One thread at a time per article.
 */
bool bp_article_body_acquire(const struct bp_article *, struct bp_diag *);
/* Done with the body: it may be let go until it is acquired again. */
void bp_article_body_release(const struct bp_article *);
/*
 * Why an article has no body to show, for the page that says so: the
 * reason it was rejected, or that it could not be made again. Static or
 * owned by the article.
 */
const char *bp_article_why_missing(const struct bp_article *);
struct bp_pack *bp_pack_new(void);
void bp_pack_free(struct bp_pack *);
void bp_meta_clear(struct bp_meta *);
struct bp_style;
/*
 * Pack metadata nobody set comes from the articles (a single article
 * lends its title, subtitle, authors, date and summary; the first lends
 * its language, its own or guessed), the folder name, and the clock
 * (SOURCE_DATE_EPOCH) for the date. A pack without its own
 * marking takes the highest of its articles' markings, ranked by
 * style->markings (NULL style: none is known); markings the style does
 * not rank, and articles marked above the pack's own marking, are
 * warnings to diag (may be NULL). Then each article's language is decided
 * (struct bp_article, lang), with a note for each guess used or not made.
 */
void bp_pack_fill_defaults(struct bp_pack *, const char *folder,
    const struct bp_style *, struct bp_diag *);

/*
 * Does the pack get a contents page (the PDF prints it, the EPUB reads
 * it in order)? toc is the command line's: 1 --toc, 0 --no-toc, -1 the
 * style's "toc" key, whose -1 means "two or more articles".
 */
bool bp_pack_has_contents(const struct bp_pack *, const struct bp_style *,
    int toc);
/*
 * Does the pack get a cover page (the PDF prints it, with its blank back
 * when a duplex pack needs one)? cover is the command line's: 1
 * --cover, 0 --no-cover, -1 the style's "cover" key, whose -1 means "two
 * or more articles": a one-article pack is a memo.
 */
bool bp_pack_has_cover(const struct bp_pack *, const struct bp_style *,
    int cover);

/* Copy string s (len bytes, or strlen when len < 0) into the article arena. */
const char *bp_article_strdup(struct bp_article *, const char *s, gssize len);
/* n zeroed bytes owned by the article's arena. */
void *bp_article_alloc(struct bp_article *, size_t n);
/* A zeroed node owned by the article's arena. */
struct bp_node *bp_node_new(struct bp_article *, enum bp_node_type, int line,
    int col);
void bp_node_append(struct bp_node *parent, struct bp_node *child);
const char *bp_node_type_name(enum bp_node_type);
/* Concatenated text of all TEXT/CODE descendants (soft breaks as spaces). */
char *bp_node_plain_text(const struct bp_node *);

/*
 * A walk over a node and everything under it, in document order, without
 * recursion (model/iter.c), as cmark's cmark_iter: a container gives an
 * ENTER event, then its children's, then an EXIT event; a leaf (text,
 * breaks, code, raw HTML, rule, note reference) gives ENTER only. After
 * the root's EXIT (or a leaf root's ENTER) comes DONE, and DONE again.
 *
 *	bp_iter_init(&it, root);
 *	while ((ev = bp_iter_next(&it)) != BP_EVENT_DONE) ... it.node ...
 */
enum bp_event {
	BP_EVENT_NONE,
	BP_EVENT_ENTER,
	BP_EVENT_EXIT,
	BP_EVENT_DONE,
	BP_EVENT__MAX
};

struct bp_iter {
	const struct bp_node	*root;
	const struct bp_node	*node;    /* the event's node */
	enum bp_event		 event;
	int			 depth;   /* of node below root (root: 0) */
	bool			 skip;    /* bp_iter_skip: exit next */
};

void bp_iter_init(struct bp_iter *, const struct bp_node *root);
enum bp_event bp_iter_next(struct bp_iter *);
/*
 * After an ENTER: skip the node's children; a container's EXIT comes
 * next. A leaf has no children and no EXIT, so this does nothing there.
 */
void bp_iter_skip(struct bp_iter *);

/* Write a readable dump of the pack (tests, --dump=model). Caller frees. */
char *bp_pack_dump(const struct bp_pack *);

/*
 * Printed pages (model/pages.c): where each page of the PDF begins, in
 * the model's terms, as plain data. The PDF layout fills it; the EPUB
 * writer puts its page-break markers and page-list there. A place in an
 * article is a node, counted in bp_iter order over the article's body
 * (an ENTER event each, the body itself 0; the same count on every
 * parse), and a byte offset into that node's text (TEXT, CODE,
 * CODE_BLOCK, HTML_BLOCK, HTML_INLINE; 0 for the others); or one of:
 */
#define BP_AT_START  (-1)   /* before the article's title block */
#define BP_AT_END    (-2)   /* after its body, before its notes */

enum bp_page_doc {
	BP_PAGE_DOC_COVER,       /* the cover page */
	BP_PAGE_DOC_CONTENTS,    /* the contents (the EPUB's nav) */
	BP_PAGE_DOC_ARTICLE,     /* an article: article, node, offset */
	BP_PAGE_DOC__MAX
};

/*
 * One printed page. A blank page takes the place of the page after it,
 * so consecutive pages may begin at the same place.
 */
struct bp_page_start {
	char		 label[16];  /* as the footer prints it ({page}) and
	                              * viewers show it (no /PageLabels) */
	enum bp_page_doc doc;
	int		 article;    /* index in pack->articles */
	int		 node;       /* >= 0, BP_AT_START or BP_AT_END */
	int		 offset;
};

/* The printed pages of a pack, in order. */
struct bp_pages {
	GArray		*starts;     /* struct bp_page_start */
	char		*edition;    /* the printed edition in words (the
	                              * EPUB's dc:source); owned */
};

struct bp_pages *bp_pages_new(void);
void bp_pages_free(struct bp_pages *);
/*
 * Number body's nodes as struct bp_page_start counts them: a new table
 * of node -> GINT_TO_POINTER(number + 1), which the caller destroys.
 */
GHashTable *bp_pages_index_nodes(const struct bp_node *body);

/*
 * What an article's title block shows, in order (model/title.c): title,
 * subtitle, byline (by + authors, date), source, summary. Words are in
 * the article's language; a NULL member is not shown. Strings point into
 * the article or are static, but for authors and date, which
 * bp_title_block_clear frees.
 */
struct bp_title_block {
	const char	*title;
	const char	*subtitle;
	const char	*by;              /* "By", with authors */
	char		*authors;         /* "A, B" */
	char		*date;            /* written out: "27. november 2026" */
	const char	*source_label;    /* "Source", with source */
	const char	*source;
	const char	*summary_label;   /* "Summary", with summary */
	const char	*summary;
};

void bp_title_block_init(struct bp_title_block *, const struct bp_article *);
void bp_title_block_clear(struct bp_title_block *);

/* ------------------------------------------------------------------ */
/* Language guessing (model/lang.c)                                    */

#define BP_LANG_MAX 16  /* languages profiled at most */

/*
 * The language profiles in datadir/data/lang/ (one LANG.txt each: words
 * and word endings with their counts per million words). Reports a
 * warning and returns NULL when there are fewer than two usable ones.
 * Caller frees with bp_lang_free.
 */
struct bp_lang_profiles *bp_lang_load(const char *datadir, struct bp_diag *);
void bp_lang_free(struct bp_lang_profiles *);
/* How many languages lp knows, and the code of the k-th ("nb"). */
int bp_lang_get_count(const struct bp_lang_profiles *);
const char *bp_lang_get_code(const struct bp_lang_profiles *, int k);
/*
 * Guess the language of UTF-8 text into *out (cleared first). Returns
 * whether it could tell: out->lang is then set; else out->lang is "" and
 * out->best, ->runner, ->words and ->margin say why.
 */
bool bp_lang_guess_text(const struct bp_lang_profiles *, const char *text,
    struct bp_lang_guess *out);
/*
 * bp_lang_guess_text on an article's own words: title, subtitle, summary,
 * body and notes, leaving out code, raw HTML and addresses shown as link
 * text. The body must be there (the loader calls it before letting it go).
 */
bool bp_lang_guess_article(const struct bp_lang_profiles *,
    const struct bp_article *, struct bp_lang_guess *out);
/* Why a guess that could not tell did not ("too few words ..."). Caller frees. */
char *bp_lang_guess_why(const struct bp_lang_guess *);

/* ------------------------------------------------------------------ */
/* Localisation (model/l10n.c)                                         */

enum bp_word {
	BP_W_PAGE_OF,        /* "Side %d av %d" */
	BP_W_CONTENTS,
	BP_W_BLANK_PAGE,
	BP_W_ARTICLES_ONE,   /* "1 artikkel" */
	BP_W_ARTICLES_MANY,  /* "%d artikler" */
	BP_W_SUMMARY,
	BP_W_NOTES,
	BP_W_SOURCE,
	BP_W_BY,
	BP_W_IMAGE_MISSING,
	BP_W_ARTICLE_FAILED,
	BP_W_TASK_DONE,      /* a task box's label: "Oppgave utført" */
	BP_W_EXEMPT,         /* "Unntatt offentlighet, jf." (the basis follows) */
	BP_W_COPY_OF,        /* "Eksemplar %d av %d" */
	BP_W_DISTRIBUTION,   /* the distribution page's title */
	BP_W_COPY_NO,        /* its column heads: "Eksemplar nr." */
	BP_W_HOLDER,         /* "Mottaker" */
	BP_W__MAX
};

/* The word in language `lang` (falls back to English). Static string. */
const char *bp_l10n_word(const char *lang, enum bp_word);
/* The word with its %d slots filled by a, then b. Caller frees. */
char *bp_l10n_format(const char *lang, enum bp_word, int a, int b);
/* "27. november 2026" / "27 November 2026". Caller frees. */
char *bp_l10n_date(const char *lang, const struct bp_date *);
/* Canonical lower-case primary language: "nb" for no/nb-NO, "en", ... */
const char *bp_l10n_primary(const char *lang, char buf[8]);

/* ------------------------------------------------------------------ */
/* Official documents (model/office.c): exemption, numbered copies     */

/*
 * "Unntatt offentlighet, jf. BASIS" in lang (nb, nn, en, sv, da, de; else
 * English). NULL when basis is NULL or "". Caller frees.
 */
char *bp_office_exempt_line(const char *lang, const char *basis);
/*
 * The legal basis of the pack as a whole (cover, metadata): its own,
 * else its articles' distinct ones joined by "; ", else NULL. Caller
 * frees.
 */
char *bp_pack_get_exempt(const struct bp_pack *);
/*
 * The exemption line a page shows: on a page of article art, the
 * article's own (in its language), else the pack's own; on a page of the
 * whole pack (art NULL: cover, contents), bp_pack_get_exempt's. NULL:
 * none. Caller frees.
 */
char *bp_pack_get_page_exempt(const struct bp_pack *,
    const struct bp_article *art);
/*
 * The rights statement of the metadata (PDF XMP dc:rights, the EPUB's
 * dc:rights): "BEGRENSET. Unntatt offentlighet, jf. offl. § 15 første
 * ledd", either part alone, or NULL. Caller frees.
 */
char *bp_pack_get_rights(const struct bp_pack *);
/*
 * Numbered copies: copies_opt (--copies; 0: not given), else as many as
 * the distribution list names, else 0 (one output, unnumbered).
 */
int bp_pack_get_copies(const struct bp_pack *, int copies_opt);
/*
 * Whether --copies agrees with the distribution list (when both are
 * given, they must name as many copies); else reports why, false.
 */
bool bp_pack_check_copies(const struct bp_pack *, int copies_opt,
    struct bp_diag *);
/* The holder of copy k (from 1) from the distribution list, or NULL. */
const char *bp_pack_get_holder(const struct bp_pack *, int k);
/*
 * What copy k of n carries on every page, in the pack's language:
 * "Eksemplar 2 av 5", with " · HOLDER" when the list names one. NULL
 * when k or n is below 1. Caller frees.
 */
char *bp_pack_copy_words(const struct bp_pack *, int k, int n);
/* Copy k's file: "out/pack.pdf", 2 -> "out/pack-2.pdf". Caller frees. */
char *bp_office_copy_path(const char *path, int k);
/*
 * The distribution page as an article of its own (id "distribution",
 * not in the pack): a title and a table of the n copies and their
 * holders, in the pack's language, with the pack's exemption. NULL when
 * the pack has no distribution list (numbers alone tell nothing).
 * Caller frees with bp_article_free.
 */
struct bp_article *bp_pack_distribution_article(const struct bp_pack *,
    int n);

/* ------------------------------------------------------------------ */
/* Image limits (model/image.c): the loader's and the writers' rules   */

/*
 * Whether a raster image of w x h pixels has more than
 * BP_MAX_IMAGE_PIXELS: checked from the file's header at load, and by
 * each writer's decoder before it allocates the pixels.
 */
bool bp_image_is_too_large(guint64 w_px, guint64 h_px);

/* librsvg's RsvgHandle, for files that include librsvg/rsvg.h. */
struct _RsvgHandle;
/*
 * An SVG's natural size in CSS pixels: librsvg's at 96 dpi (which this
 * sets on h), else its viewBox. Returns false when it has no usable
 * size (none, or over a million pixels a side): the loader refuses such
 * an SVG, and the PDF writer could not scale it.
 */
bool bp_image_get_svg_size(struct _RsvgHandle *h, double *w_px,
    double *h_px);

/* ------------------------------------------------------------------ */
/* Style (style/: style.c loads, keys.c, values.c, markings.c)        */

struct bp_rgb {
	double	 r, g, b;
};

enum bp_start {
	BP_START_CONTINUE,   /* articles follow each other */
	BP_START_PAGE,       /* new page */
	BP_START_RIGHT,      /* new right-hand (odd) page */
	BP_START__MAX
};

/* A protective marking the style knows, and its rank (0 lowest). */
struct bp_marking {
	char		*name;            /* as written in the style */
	int		 rank;
};

/* Lengths are in PostScript points. */
struct bp_style {
	char		*name;
	char		*path;            /* file it was loaded from */
	double		 page_w, page_h;
	double		 margin_top, margin_bottom, margin_inner, margin_outer;
	bool		 duplex;
	char		*font_body, *font_heading, *font_mono;
	double		 size_body, size_small, size_code, size_table;
	double		 size_table_min;
	double		 size_title, size_h[6];
	double		 leading;          /* line height / font size */
	double		 para_space;       /* between blocks */
	bool		 justify, hyphenate;
	int		 widows, orphans;
	struct bp_rgb	 color_text, color_heading, color_accent, color_link;
	struct bp_rgb	 color_marking, color_rule, color_shade;
	char		*header[3];        /* left, centre, right templates */
	char		*footer[3];
	int		 cover;            /* -1 auto (2+ articles), 0 off, 1 on */
	int		 toc;              /* -1 auto (2+ articles), 0 off, 1 on */
	enum bp_start	 article_start;
	bool		 epub_embed_fonts;
	/*
	 * "markings": protective markings from lowest to highest; names of
	 * one rank are equal ("BEGRENSET" and "RESTRICTED"). Compared
	 * without regard to case.
	 */
	struct bp_marking *markings;
	int		 nmarkings;
	unsigned	 pdf_standard;     /* pdf.standard: BP_PDF_STD_* bits */
};

/*
 * Load style `name_or_path`: a path when it contains '/' or ends in .yaml/
 * .yml, else styles/<name>.yaml under `datadir`. Starts from built-in
 * defaults, so a style file need only set what it changes. Unknown keys
 * are warnings; bad values and unreadable files are errors (NULL).
 * Caller frees with bp_style_free.
 */
struct bp_style *bp_style_load(const char *name_or_path, const char *datadir,
    struct bp_diag *);
struct bp_style *bp_style_new_default(void);
void bp_style_free(struct bp_style *);

/*
 * Parse a length ("20mm", "1.5cm", "1in", "12pt", "12") to points
 * (style/values.c).
 */
bool bp_style_parse_length(const char *s, double *out_pt);

/*
 * The standards a PDF is made to and claims (--pdf-standard, style key
 * pdf.standard): at most one PDF/A-2 level, with or without PDF/UA-1.
 * No bit: Cairo's PDF as it is, unfinished.
 */
#define BP_PDF_STD_A2A       0x1u   /* PDF/A-2a: tagged, Unicode text */
#define BP_PDF_STD_A2B       0x2u   /* PDF/A-2b: appearance only */
#define BP_PDF_STD_A2U       0x4u   /* PDF/A-2u: appearance, Unicode text */
#define BP_PDF_STD_UA1       0x8u   /* PDF/UA-1: tagged, accessible */
#define BP_PDF_STD_A2        (BP_PDF_STD_A2A | BP_PDF_STD_A2B | BP_PDF_STD_A2U)
#define BP_PDF_STD_DEFAULT   (BP_PDF_STD_A2A | BP_PDF_STD_UA1)
/* What --pdf-standard and pdf.standard take, for their messages. */
#define BP_PDF_STD_WANT \
	"a comma-separated list of a-2a, a-2b, a-2u and ua-1 (at most one " \
	"a-2 level), or none"
/*
 * "a-2a,ua-1", "a-2b", "ua-1", "none" (any case, spaces around commas
 * allowed) into BP_PDF_STD_* bits (style/values.c). Returns false,
 * leaving *out alone, for an unknown word, two a-2 levels, "none" with
 * another word, or an empty list.
 */
bool bp_style_parse_pdf_standard(const char *s, unsigned *out);
/* "PDF/A-2a + PDF/UA-1", "none": the bits in words (style/values.c). */
void bp_style_get_pdf_standard_name(unsigned bits, char *buf, size_t size);

/*
 * What a header or footer template may hold, written "{page}": checked
 * when a style is read, filled in by the PDF writer.
 */
enum bp_placeholder {
	BP_PLACEHOLDER_PACK_TITLE,       /* {pack-title} */
	BP_PLACEHOLDER_PACK_SUBTITLE,    /* {pack-subtitle} */
	BP_PLACEHOLDER_ARTICLE_TITLE,    /* {article-title}: the page's */
	BP_PLACEHOLDER_DATE,             /* {date}: the pack's, localised */
	BP_PLACEHOLDER_ORGANISATION,     /* {organisation} */
	BP_PLACEHOLDER_CLASSIFICATION,   /* {classification} */
	BP_PLACEHOLDER_PAGE,             /* {page}: its number */
	BP_PLACEHOLDER_PAGES,            /* {pages}: how many in all */
	BP_PLACEHOLDER_PAGE_OF,          /* {page-of}: "Page 3 of 12" */
	BP_PLACEHOLDER__MAX
};

/*
 * The placeholder called name (without its braces), or
 * BP_PLACEHOLDER__MAX when there is none (style/style.c).
 */
enum bp_placeholder bp_style_get_placeholder(const char *name);
/* The name of placeholder p, without braces (a static string). */
const char *bp_style_get_placeholder_name(enum bp_placeholder p);

/* ------------------------------------------------------------------ */
/* PDF writer (pdf/)                                                   */

struct bp_pdf_opts {
	const char	*datadir;    /* holds fonts/ */
	int		 toc;        /* -1 auto, 0 off, 1 on */
	int		 cover;      /* -1 the style's, 0 off, 1 on */
	int		 jobs;       /* threads laying out articles (< 2: one) */
	int		 standard;   /* BP_PDF_STD_* bits; -1: the style's */
	int		 copies;     /* --copies N (0: as many as the pack's
	                              * distribution list names, else none) */
};

/*
 * The two writers' contract: options (datadir set) and style are
 * required; options are read when the writer is made, style and diag are
 * kept and must outlive it; a result pointer may be NULL. Both
 * write atomically (a temporary file renamed into place), read the pack
 * without changing it, and take each article's body from the model
 * (bp_article_body_acquire).
 */

/* What a writer produced, for the exit status and the report. */
struct bp_write_result {
	int	 pages;          /* PDF pages (0 for EPUB) */
	int	 placeholders;   /* images replaced by a placeholder */
	int	 failed_articles;/* articles shown as a "could not be included" page */
	int	 copies;         /* numbered copies asked for (0: one file, as
	                          * named); bp_office_copy_path names them */
	int	 copies_written; /* of those, written (1 to copies_written) */
};

struct bp_pdf;
/*
 * A PDF writer with its fonts loaded (fonts/ under opts->datadir through a
 * private fontconfig configuration). Returns NULL after reporting.
 * Caller frees with bp_pdf_free.
 */
struct bp_pdf *bp_pdf_new(const struct bp_pdf_opts *, const struct bp_style *,
    struct bp_diag *);
/*
 * Lay out and write the pack as a PDF at path (atomically: a temporary
 * file renamed into place). With path NULL, print the page layout to
 * standard output instead. Returns false after reporting; fills *res.
 */
bool bp_pdf_write(struct bp_pdf *, const struct bp_pack *, const char *path,
    struct bp_write_result *res);
/*
 * Lay the pack out into pages as bp_pdf_write does, without painting or
 * writing anything, for an EPUB's page-list when no PDF is written.
 * Quiet: the layout's messages are the PDF's, and are dropped. Returns
 * false when it could not (bp_pdf_get_pages then gives NULL).
 */
bool bp_pdf_paginate(struct bp_pdf *, const struct bp_pack *);
/*
 * Where each page of the last pack written or paginated begins (NULL:
 * none yet). Owned by the writer: valid until its next write, paginate
 * or bp_pdf_free.
 */
const struct bp_pages *bp_pdf_get_pages(const struct bp_pdf *);
void bp_pdf_free(struct bp_pdf *);

/* ------------------------------------------------------------------ */
/* EPUB writer (epub/)                                                 */

struct bp_epub_opts {
	const char	*datadir;    /* holds fonts/ */
	int		 toc;        /* -1 auto, 0 off, 1 on: the contents are
				        read in order (else only navigation) */
};

struct bp_epub;
/*
 * An EPUB 3 writer for style: reads the bundled fonts the style uses
 * (fonts/ under opts->datadir) when the style embeds fonts. Keeps style
 * and diag, which must outlive it. Returns NULL after reporting. Caller
 * frees with bp_epub_free.
 */
struct bp_epub *bp_epub_new(const struct bp_epub_opts *,
    const struct bp_style *, struct bp_diag *);
/*
 * Write the pack as an EPUB 3 file at path (atomically: a temporary file
 * renamed into place): a cover page, navigation, one XHTML file per
 * article, CSS from the style, images and fonts. Images that are missing
 * or refused become placeholders, counted in res->placeholders. Returns
 * false after reporting; fills *res.
 */
bool bp_epub_write(struct bp_epub *, const struct bp_pack *, const char *path,
    struct bp_write_result *res);
/*
 * The printed pages of the pack the next bp_epub_write is given (from
 * bp_pdf_get_pages; borrowed, must outlive that write; NULL: none): the
 * EPUB then gets page-break markers, a page-list and its source.
 */
void bp_epub_set_pages(struct bp_epub *, const struct bp_pages *);
void bp_epub_free(struct bp_epub *);

/* ------------------------------------------------------------------ */
/* Markdown writer (md/; the reader is bp_md_* in parse/)              */

struct bp_mdw;
/*
 * A Markdown writer (-o x.md, --each -f md). Keeps diag, which must
 * outlive it. Caller frees with bp_mdw_free.
 */
struct bp_mdw *bp_mdw_new(struct bp_diag *);
/*
 * Write the pack's one article at path (atomically) as CommonMark + GFM
 * with YAML front matter of its metadata and decided language, which
 * briefpack reads back into the same model. Image addresses are made
 * relative to path's folder. A pack of more or fewer articles, or a
 * failed article, is an error. Returns false after reporting; fills
 * *res (res->failed_articles: the article had no body).
 */
bool bp_mdw_write(struct bp_mdw *, const struct bp_pack *, const char *path,
    struct bp_write_result *res);
void bp_mdw_free(struct bp_mdw *);

/* ------------------------------------------------------------------ */
/* Inputs (inputs.c)                                                   */

/*
 * Expand the command line's inputs (NULL-terminated) into article paths
 * appended to paths (g_free'd strings), in order: "-" as it is, a
 * folder's *.md and *.markdown files in name order (the rest noted as
 * skipped), a manifest's entries (bp_meta_load_manifest into pack; only
 * one may be given), anything else as an article. Returns false after an
 * error that stops the run.
 */
bool bp_inputs_gather(char *const *inputs, const struct bp_load_opts *,
    struct bp_pack *, GPtrArray *paths, struct bp_diag *);
/*
 * The folder the pack is named after: the only input, when it is a
 * folder and no manifest was read. Points into inputs; NULL otherwise.
 */
const char *bp_inputs_folder(char *const *inputs, const struct bp_pack *);
/*
 * Without -o, a manifest's outputs sit beside it: "pack.yaml" and ext
 * ".pdf" give "pack.pdf". Caller frees; NULL when there is no manifest.
 */
char *bp_inputs_default_output(const struct bp_pack *, const char *ext);

/* ------------------------------------------------------------------ */
/* Batch work (batch.c)                                                */

struct bp_batch_opts {
	const char		*datadir;   /* fonts/ and styles/ */
	const struct bp_style	*style;
	struct bp_load_opts	 load;
	int			 toc;       /* -1 auto, 0 off, 1 on */
	int			 cover;     /* -1 the style's, 0 off, 1 on */
	const char		*outdir;    /* --each: NULL = beside each article */
	bool			 pdf, epub; /* --each: formats to write */
	bool			 md;        /* --each: Markdown too (-f md) */
	int			 jobs;      /* worker threads (>= 1) */
	struct bp_report	*report;    /* NULL: no report */
	bool			 progress;  /* status line on stderr */
	char		       **meta;      /* -M KEY=VALUE for each pack */
	int			 pdf_standard; /* BP_PDF_STD_* bits; -1: the
					        * style's */
	bool			 no_page_list; /* EPUB: no printed page
					        * numbers (--no-page-list) */
};

/*
 * Load the articles at paths into pack (ids a1, a2, ... in path order),
 * on o->jobs threads; pack->refused entries become failed articles
 * without being read. Messages reach diag in path order, whatever
 * order the threads finish in.
 */
bool bp_batch_load(const struct bp_batch_opts *, GPtrArray *paths,
    struct bp_pack *, struct bp_diag *);
/*
 * What a run made of its inputs, for its exit status and closing line.
 * The first four are named in that line; the last two only count.
 */
struct bp_tally {
	int	 failed_articles;  /* rejected articles */
	int	 placeholders;     /* images replaced by a placeholder */
	int	 failed_outputs;   /* outputs that could not be written */
	int	 stale;            /* --each: earlier outputs kept, now stale */
	int	 article_errors;   /* other failures of an article: errors in
				    * the inputs, images the loader could not
				    * use (--each), an article an output left
				    * out (--each) */
	int	 usage_errors;     /* bad option, unusable manifest or style,
				    * output names, writers not made, I/O */
};

/* A run's exit status. */
enum bp_exit {
	BP_EXIT_OK = 0,        /* everything written as asked */
	BP_EXIT_ARTICLE = 1,   /* an article rejected or an image replaced */
	BP_EXIT_USAGE = 2,     /* bad option, unusable manifest or style, I/O */
	BP_EXIT__MAX
};

/*
 * The exit status a run's tally calls for: BP_EXIT_USAGE after a usage
 * error or an output not written; else BP_EXIT_ARTICLE after a rejected
 * article, a placeholder, a stale output or another article error; else
 * BP_EXIT_OK.
 */
enum bp_exit bp_batch_get_exit(const struct bp_tally *);

/*
 * --each: one output per article and format, on o->jobs threads with a
 * set of writers each. Each article's pack starts from base's settings
 * (a manifest's and -M's classification, organisation, lang, style and
 * smart; then every -M), and base's refused entries fail without being
 * read. Output names are checked for collisions before anything is
 * written; a missing --outdir is created. Messages reach diag in input
 * order. Adds what became of each article and output to *tally (may be
 * NULL), from which bp_batch_get_exit() gives the exit status.
 */
void bp_batch_each(const struct bp_batch_opts *, GPtrArray *paths,
    const struct bp_pack *base, struct bp_diag *, struct bp_tally *tally);
/*
 * Before an EPUB of pack is written: hand epub the printed pages for
 * its page-list (bp_epub_set_pages), those of the PDF pdf has just
 * written of this pack (have_pdf), else of a pagination made now without
 * its messages (the PDF's, not the EPUB's). None when that fails.
 */
void bp_batch_give_pages(struct bp_pdf *, const struct bp_pack *,
    bool have_pdf, struct bp_epub *);

#endif /* BP_H */
