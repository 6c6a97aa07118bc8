/*
 * Bounded YAML loading with libyaml for metadata (parse/) and styles
 * (style/): a node cap, aliases never expanded, errors at line and column.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include <yaml.h>

#include "bp.h"

static void report_oom(int first_line, unsigned flags, struct bp_diag *diag);
static void report_yaml_error(const yaml_parser_t *parser, const char *text,
    size_t len, int first_line, unsigned flags, struct bp_diag *diag);
static bool check_bounds(const char *text, size_t len, int first_line,
    unsigned flags, struct bp_diag *diag);

/* Out of memory: at first_line, or at no line under BP_YAML_OOM_NO_LINE. */
static void
report_oom(int first_line, unsigned flags, struct bp_diag *diag)
{
	bp_diag(diag, BP_ERROR, (flags & BP_YAML_OOM_NO_LINE) != 0 ? 0 :
	    first_line, 0, "YAML: out of memory");
}

/*
 * Report libyaml's problem at its file line (first_line = YAML line 0);
 * a reader error names the byte under BP_YAML_SHOW_BYTE.
 */
static void
report_yaml_error(const yaml_parser_t *parser, const char *text, size_t len,
    int first_line, unsigned flags, struct bp_diag *diag)
{
	const char	*p, *line_start = text, *stop;
	int		 line, col;

	if (parser->error == YAML_MEMORY_ERROR) {
		report_oom(first_line, flags, diag);
		return;
	}

	/* Reader errors carry a byte offset, the others a mark. */
	if (parser->error == YAML_READER_ERROR) {
		stop = text + (parser->problem_offset < len ?
		    parser->problem_offset : len);
		line = first_line;
		for (p = text; p < stop; p++)
			if (*p == '\n') {
				line++;
				line_start = p + 1;
			}
		col = (int)g_utf8_strlen(line_start, stop - line_start) + 1;
		if ((flags & BP_YAML_SHOW_BYTE) != 0 &&
		    parser->problem_value != -1)
			bp_diag(diag, BP_ERROR, line, col,
			    "YAML: %s (#x%X)", parser->problem,
			    (unsigned)parser->problem_value);
		else
			bp_diag(diag, BP_ERROR, line, col, "YAML: %s",
			    parser->problem);
		return;
	}
	line = (int)parser->problem_mark.line + first_line;
	col = (int)parser->problem_mark.column + 1;
	if (parser->context != NULL)
		bp_diag(diag, BP_ERROR, line, col, "YAML: %s %s",
		    parser->problem != NULL ? parser->problem : "error",
		    parser->context);
	else
		bp_diag(diag, BP_ERROR, line, col, "YAML: %s",
		    parser->problem != NULL ? parser->problem : "error");
}

/*
 * The first pass: count the nodes of the first document from its events,
 * building nothing, so a huge document is refused before it is built.
 * A second document is a warning. Returns false after an error.
 */
static bool
check_bounds(const char *text, size_t len, int first_line, unsigned flags,
    struct bp_diag *diag)
{
	yaml_parser_t	 parser;
	yaml_event_t	 ev;
	bool		 parser_live = false, done = false, ok = false;
	size_t		 nodes = 0;
	int		 docs = 0;

	if (!yaml_parser_initialize(&parser)) {
		report_oom(first_line, flags, diag);
		goto out;
	}
	parser_live = true;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text,
	    len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			report_yaml_error(&parser, text, len, first_line, flags,
			    diag);
			goto out;
		}
		switch (ev.type) {
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				bp_diag(diag, BP_WARNING,
				    (int)ev.start_mark.line + first_line, 0,
				    "only the first YAML document is read");
				done = true;
			}
			break;
		case YAML_SCALAR_EVENT:
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
		case YAML_ALIAS_EVENT:
			if (++nodes > BP_YAML_MAX_NODES) {
				bp_diag(diag, BP_ERROR,
				    (int)ev.start_mark.line + first_line, 0,
				    "YAML: more than %d nodes; refusing to "
				    "read further", BP_YAML_MAX_NODES);
				yaml_event_delete(&ev);
				goto out;
			}
			break;
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	ok = true;
out:
	if (parser_live)
		yaml_parser_delete(&parser);
	return ok;
}

bool
bp_yaml_load(const char *text, size_t len, int first_line, unsigned flags,
    struct bp_diag *diag, yaml_document_t *doc, bool *have_doc)
{
	yaml_parser_t	 parser;
	bool		 parser_live = false, ok = false;

	*have_doc = false;
	if (!check_bounds(text, len, first_line, flags, diag))
		goto out;

	/* Second pass: the same text, now known to be small and valid. */
	if (!yaml_parser_initialize(&parser)) {
		report_oom(first_line, flags, diag);
		goto out;
	}
	parser_live = true;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text,
	    len);
	if (!yaml_parser_load(&parser, doc)) {
		report_yaml_error(&parser, text, len, first_line, flags, diag);
		goto out;
	}
	*have_doc = true;
	ok = true;
out:
	if (parser_live)
		yaml_parser_delete(&parser);
	return ok;
}

bool
bp_yaml_node_is_null(const yaml_node_t *n)
{
	const char	*v;

	if (n == NULL)
		return true;
	if (n->type != YAML_SCALAR_NODE)
		return false;
	if (n->tag != NULL &&
	    strcmp((const char *)n->tag, YAML_NULL_TAG) == 0)
		return true;
	if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	v = (const char *)n->data.scalar.value;
	return *v == '\0' || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 ||
	    strcmp(v, "Null") == 0 || strcmp(v, "NULL") == 0;
}

const char *
bp_yaml_node_text(const yaml_node_t *n)
{
	const char	*v;

	if (n == NULL || n->type != YAML_SCALAR_NODE || bp_yaml_node_is_null(n))
		return NULL;
	v = (const char *)n->data.scalar.value;
	if (strlen(v) != n->data.scalar.length)
		return NULL;
	return v;
}

bool
bp_yaml_parse_bool(const char *s, bool *out)
{
	if (g_ascii_strcasecmp(s, "true") == 0 ||
	    g_ascii_strcasecmp(s, "yes") == 0) {
		*out = true;
		return true;
	}
	if (g_ascii_strcasecmp(s, "false") == 0 ||
	    g_ascii_strcasecmp(s, "no") == 0) {
		*out = false;
		return true;
	}
	return false;
}
