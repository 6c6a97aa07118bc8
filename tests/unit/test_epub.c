/*
 * Unit tests for the EPUB writer's escaping and safety checks (epub/escape.c).
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "epub/epub.h"
#include "harness.h"

static char *
esc(const char *s, gssize len)
{
	GString	*out = g_string_new(NULL);

	bp_epub_escape(out, s, len);
	return g_string_free(out, FALSE);
}

static char *
css(const char *s)
{
	GString	*out = g_string_new(NULL);

	bp_epub_css_string(out, s);
	return g_string_free(out, FALSE);
}

static char *
xml_id(const char *s)
{
	GString	*out = g_string_new("a1-");

	bp_epub_xml_id(out, s);
	return g_string_free(out, FALSE);
}

/* Check an SVG; returns the reason it was refused (caller frees), or NULL
 * and the bytes that go in through *kept. */
static char *
svg(const char *text, char **kept)
{
	unsigned char	*out;
	size_t		 len = 0;
	char		*why = NULL;

	out = bp_epub_svg_check((const unsigned char *)text, strlen(text), &len,
	    &why);
	if (kept != NULL)
		*kept = out != NULL ? g_strndup((char *)out, len) : NULL;
	g_free(out);
	return why;
}

static void
check_href(const char *url, const char *want)
{
	char	*got = bp_epub_link_href(url);

	CHECK_STR(got, want, "link href of \"%s\"", url);
	g_free(got);
}

static void
check_svg_refused(const char *label, const char *text, const char *words)
{
	char	*why = svg(text, NULL);

	CHECK(why != NULL && strstr(why, words) != NULL,
	    "SVG refused: %s (\"%s\")", label, why != NULL ? why : "accepted");
	g_free(why);
}

int
main(void)
{
	char	*s, *kept = NULL, *why;

	/* XML escaping: markup characters, and characters XML forbids. */
	s = esc("<a href=\"x\">Aker & Sønner's</a>", -1);
	CHECK_STR(s, "&lt;a href=&quot;x&quot;&gt;Aker &amp; Sønner&apos;s&lt;/a&gt;",
	    "escape: markup characters");
	g_free(s);
	s = esc("a\001b\013c\014d\177e\tf\ng\xc2\x85h\xef\xbf\xbei\xef\xbf\xbfj", -1);
	CHECK_STR(s, "abcde\tf\nghij", "escape: control characters, U+FFFE and "
	    "U+FFFF dropped; tab and newline kept");
	g_free(s);
	s = esc("ok\xff\xfe end", -1);
	CHECK(g_utf8_validate(s, -1, NULL) && strstr(s, "end") != NULL,
	    "escape: invalid UTF-8 repaired, not passed on");
	g_free(s);
	s = esc("abcdef", 3);
	CHECK_STR(s, "abc", "escape: a length is honoured");
	g_free(s);

	/* Links: the allowlist and the encoding. */
	check_href("https://www.example.org/a?b=1&c=2#x", "https://www.example.org/a?b=1&c=2#x");
	check_href("HTTP://example.org/", "http://example.org/");
	check_href("mailto:post@example.org", "mailto:post@example.org");
	check_href("ftp://ftp.example.org/f.txt", "ftp://ftp.example.org/f.txt");
	check_href("https://example.org/a b", "https://example.org/a%20b");
	check_href("https://example.org/x#a#b", "https://example.org/x#a%23b");
	check_href("https://example.org/%zz%41", "https://example.org/%25zz%41");
	check_href("https://example.org/\"><script>", "https://example.org/%22%3E%3Cscript%3E");
	check_href("https://blåbær.no/æ", "https://xn--blbr-roah.no/%C3%A6");
	check_href("https://user@example.org:8080/p", "https://user@example.org:8080/p");
	check_href("https://[::1]/p", "https://[::1]/p");
	check_href("javascript:alert(1)", NULL);
	check_href("JavaScript:alert(1)", NULL);
	check_href(" javascript:alert(1)", NULL);
	check_href("java\tscript:alert(1)", NULL);
	check_href("vbscript:msgbox(1)", NULL);
	check_href("data:text/html;base64,PHNjcmlwdD4=", NULL);
	check_href("file:///etc/passwd", NULL);
	check_href("other.md", NULL);
	check_href("/etc/passwd", NULL);
	check_href("#heading", NULL);
	check_href("https:example.org", NULL);
	check_href("https://", NULL);
	check_href("https://exa_mple.org/", NULL);
	check_href("https://example.org:80x/", NULL);
	check_href("mailto:", NULL);
	check_href("", NULL);

	/* CSS strings and XML ids. */
	s = css("Noto \"Serif\"\\</style>\n");
	CHECK_STR(s, "\"Noto \\\"Serif\\\"\\\\\\3c /style\\3e \\a \"",
	    "CSS string: quotes, backslash, angle brackets and newline escaped");
	g_free(s);
	s = xml_id("-ærlig-2026_x.y²½ªµ中文 𝒜!\"<--²-end");
	CHECK_STR(s, "a1-ærlig-2026_x.y中文-end", "XML id: letters, digits, - _ . "
	    "kept, runs of - squashed; the rest dropped");
	g_free(s);

	/* SVG: what is refused. */
	check_svg_refused("script", "<svg xmlns=\"http://www.w3.org/2000/svg\">"
	    "<script>alert(1)</script></svg>", "<script>");
	check_svg_refused("prefixed script", "<svg:svg xmlns:svg=\"http://www.w3.org/"
	    "2000/svg\"><svg:script>x</svg:script></svg:svg>", "script");
	check_svg_refused("onload", "<svg onload=\"alert(1)\"/>", "event handler");
	check_svg_refused("ONCLICK in a child", "<svg><rect ONCLICK=\"x\"/></svg>",
	    "event handler");
	check_svg_refused("foreignObject", "<svg><foreignObject><p>x</p>"
	    "</foreignObject></svg>", "foreignObject");
	check_svg_refused("entity", "<!DOCTYPE svg [<!ENTITY x SYSTEM "
	    "\"file:///etc/passwd\">]><svg>&x;</svg>", "DOCTYPE");
	check_svg_refused("undeclared entity", "<svg>&x;</svg>", "well-formed");
	check_svg_refused("javascript link", "<svg><a xlink:href=\"javascript:"
	    "alert(1)\"><rect/></a></svg>", "refers to");
	check_svg_refused("external image", "<svg><image href=\"http://example.org/"
	    "x.png\"/></svg>", "refers to");
	check_svg_refused("other file", "<svg><use href=\"other.svg#a\"/></svg>",
	    "refers to");
	check_svg_refused("SVG in a data URI", "<svg><image href=\"data:image/"
	    "svg+xml;base64,PHN2Zz4=\"/></svg>", "refers to");
	check_svg_refused("animated href", "<svg><a><set attributeName=\"href\" "
	    "to=\"x\"/></a></svg>", "animates");
	check_svg_refused("javascript in any value", "<svg><a><animate values="
	    "\"java script:alert(1)\"/></a></svg>", "unsafe value");
	check_svg_refused("style @import", "<svg><style>@import url(x.css);"
	    "</style></svg>", "style sheet");
	check_svg_refused("style url", "<svg><style><![CDATA[rect { fill: "
	    "url('http://x/y#z') }]]></style></svg>", "style sheet");
	check_svg_refused("url() in an attribute", "<svg><rect fill=\"url("
	    "http://x/p.svg#g)\"/></svg>", "unsafe value");
	check_svg_refused("xml-stylesheet", "<?xml-stylesheet href=\"x.css\"?>"
	    "<svg/>", "processing instruction");
	check_svg_refused("not svg", "<html><body/></html>", "not an SVG");
	check_svg_refused("not well-formed", "<svg><rect></svg>", "well-formed");
	check_svg_refused("empty", "", "well-formed");

	/* SVG: what goes in, a harmless DOCTYPE left out. */
	why = svg("\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC "
	    "\"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/"
	    "DTD/svg11.dtd\">\n<!-- c -->\n<svg xmlns=\"http://www.w3.org/2000/"
	    "svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><defs>"
	    "<linearGradient id=\"g\"/></defs><rect fill=\"url(#g)\" "
	    "style=\"fill: url( '#g' )\"/><use xlink:href=\"#g\"/><image "
	    "href=\"data:image/png;base64,iVBORw0KGgo=\"/><style>rect "
	    "{ opacity: 0.5 }</style></svg>", &kept);
	CHECK(why == NULL, "SVG accepted: fragments, raster data URIs, plain CSS "
	    "(%s)", why != NULL ? why : "ok");
	CHECK(kept != NULL && strstr(kept, "DOCTYPE") == NULL &&
	    strstr(kept, "<svg") != NULL && strncmp(kept, "<?xml", 5) == 0,
	    "SVG accepted: its DOCTYPE and byte order mark are left out");
	g_free(why);
	g_free(kept);

	return HARNESS_EXIT();
}
