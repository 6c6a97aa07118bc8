/*
 * XMP metadata for the finishing step: the packet the catalog's
 * /Metadata stream holds, with its XML escaping.
 * SPDX-License-Identifier: MIT
 */
#include <string.h>

#include "pdf/archive.h"

static void xml_text(GString *out, const char *s);
static void alt_prop(GString *out, const char *name, const char *value);
static void add_pdfua_schema(GString *out);

/*
 * s as XML character data: & < > " ' escaped; bytes XML 1.0 cannot
 * hold at all (C0 controls but tab and newlines) left out. The model's
 * text is valid UTF-8 already.
 */
static void
xml_text(GString *out, const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		switch (*s) {
		case '&':
			g_string_append(out, "&amp;");
			break;
		case '<':
			g_string_append(out, "&lt;");
			break;
		case '>':
			g_string_append(out, "&gt;");
			break;
		case '"':
			g_string_append(out, "&quot;");
			break;
		case '\'':
			g_string_append(out, "&apos;");
			break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\t' ||
			    *s == '\n' || *s == '\r')
				g_string_append_c(out, *s);
			break;
		}
	}
}

/* A language alternative with its default only (dc:title, dc:description). */
static void
alt_prop(GString *out, const char *name, const char *value)
{
	g_string_append_printf(out, "   <%s><rdf:Alt><rdf:li xml:lang=\""
	    "x-default\">", name);
	xml_text(out, value);
	g_string_append_printf(out, "</rdf:li></rdf:Alt></%s>\n", name);
}

/*
 * PDF/A (ISO 19005-2, 6.6.2.3.1) accepts XMP properties outside the XMP
 * specification's own schemas only with a description of their schema
 * in the file: pdfuaid is one (ISO 14289-1, 5).
 */
static void
add_pdfua_schema(GString *out)
{
	g_string_append(out,
	    "  <rdf:Description rdf:about=\"\"\n"
	    "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
	    "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
	    "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
	    "   <pdfaExtension:schemas>\n"
	    "    <rdf:Bag>\n"
	    "     <rdf:li rdf:parseType=\"Resource\">\n"
	    "      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema"
	    "</pdfaSchema:schema>\n"
	    "      <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/"
	    "</pdfaSchema:namespaceURI>\n"
	    "      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
	    "      <pdfaSchema:property>\n"
	    "       <rdf:Seq>\n"
	    "        <rdf:li rdf:parseType=\"Resource\">\n"
	    "         <pdfaProperty:name>part</pdfaProperty:name>\n"
	    "         <pdfaProperty:valueType>Integer"
	    "</pdfaProperty:valueType>\n"
	    "         <pdfaProperty:category>internal"
	    "</pdfaProperty:category>\n"
	    "         <pdfaProperty:description>Indicates, which part of ISO "
	    "14289 standard is followed</pdfaProperty:description>\n"
	    "        </rdf:li>\n"
	    "       </rdf:Seq>\n"
	    "      </pdfaSchema:property>\n"
	    "     </rdf:li>\n"
	    "    </rdf:Bag>\n"
	    "   </pdfaExtension:schemas>\n"
	    "  </rdf:Description>\n");
}

char *
bp_xmp_make(const struct bp_xmp *x)
{
	GString		*out = g_string_new(NULL);
	const char	*level = NULL;

	if ((x->claimed & BP_PDF_STD_A2A) != 0)
		level = "A";
	else if ((x->claimed & BP_PDF_STD_A2U) != 0)
		level = "U";
	else if ((x->claimed & BP_PDF_STD_A2B) != 0)
		level = "B";
	/* The packet header's id is XMP's fixed one; its BOM is UTF-8. */
	g_string_append(out,
	    "<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
	if (level != NULL)
		g_string_append_printf(out,
		    "  <rdf:Description rdf:about=\"\"\n"
		    "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
		    "   <pdfaid:part>2</pdfaid:part>\n"
		    "   <pdfaid:conformance>%s</pdfaid:conformance>\n"
		    "  </rdf:Description>\n", level);
	if ((x->claimed & BP_PDF_STD_UA1) != 0) {
		g_string_append(out,
		    "  <rdf:Description rdf:about=\"\"\n"
		    "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
		    "   <pdfuaid:part>1</pdfuaid:part>\n"
		    "  </rdf:Description>\n");
		if (level != NULL)
			add_pdfua_schema(out);
	}

	/*
	 * Dublin Core. dc:creator holds Info's Author as one entry: PDF/A
	 * readers (PDFBox Preflight, veraPDF for PDF/A-1) compare Author
	 * with a creator list of exactly one item.
	 */
	g_string_append(out,
	    "  <rdf:Description rdf:about=\"\"\n"
	    "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	    "   <dc:format>application/pdf</dc:format>\n");
	alt_prop(out, "dc:title", x->title);
	if (x->author != NULL && *x->author != '\0') {
		g_string_append(out, "   <dc:creator><rdf:Seq><rdf:li>");
		xml_text(out, x->author);
		g_string_append(out, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	if (x->subject != NULL && *x->subject != '\0')
		alt_prop(out, "dc:description", x->subject);
	/*
	 * The protective marking and the exemption from public access:
	 * dc:rights is Dublin Core's own, so PDF/A needs no schema for it.
	 */
	if (x->rights != NULL && *x->rights != '\0')
		alt_prop(out, "dc:rights", x->rights);
	if (x->lang != NULL && *x->lang != '\0') {
		g_string_append(out, "   <dc:language><rdf:Bag><rdf:li>");
		xml_text(out, x->lang);
		g_string_append(out, "</rdf:li></rdf:Bag></dc:language>\n");
	}
	g_string_append(out, "  </rdf:Description>\n");

	/* Adobe PDF and XMP basic: the same values as Info. */
	g_string_append(out,
	    "  <rdf:Description rdf:about=\"\"\n"
	    "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
	    "   <pdf:Producer>");
	xml_text(out, x->producer);
	g_string_append(out, "</pdf:Producer>\n");
	if (x->keywords != NULL && *x->keywords != '\0') {
		g_string_append(out, "   <pdf:Keywords>");
		xml_text(out, x->keywords);
		g_string_append(out, "</pdf:Keywords>\n");
	}
	g_string_append(out,
	    "  </rdf:Description>\n"
	    "  <rdf:Description rdf:about=\"\"\n"
	    "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
	    "   <xmp:CreatorTool>");
	xml_text(out, x->creator);
	g_string_append_printf(out, "</xmp:CreatorTool>\n"
	    "   <xmp:CreateDate>%s</xmp:CreateDate>\n"
	    "   <xmp:ModifyDate>%s</xmp:ModifyDate>\n"
	    "   <xmp:MetadataDate>%s</xmp:MetadataDate>\n"
	    "  </rdf:Description>\n"
	    " </rdf:RDF>\n"
	    "</x:xmpmeta>\n"
	    "<?xpacket end=\"w\"?>", x->date, x->date, x->date);
	return g_string_free(out, FALSE);
}
