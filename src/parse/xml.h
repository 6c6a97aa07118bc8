/*
 * libxml2, loaded when first needed (bp_util_lib_load): the HTML and
 * Word readers include this instead of <libxml/...>. Every call below
 * goes through bp_xml; bp_parse_init_libxml (convert.h) loads it before
 * a reader's first call. A function not listed here is an undefined
 * symbol at link time: add it to the list.
 * SPDX-License-Identifier: MIT
 */
#ifndef BP_PARSE_XML_H
#define BP_PARSE_XML_H

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>

#include "bp.h"

/* xmlFree is a variable (a function pointer): its address is taken. */
#define BP_XML_FUNCS(X) \
	X(xmlInitParser) \
	X(htmlNewParserCtxt) \
	X(htmlCtxtReadMemory) \
	X(htmlFreeParserCtxt) \
	X(xmlNewParserCtxt) \
	X(xmlCtxtReadMemory) \
	X(xmlFreeParserCtxt) \
	X(xmlFreeDoc) \
	X(xmlDocGetRootElement) \
	X(xmlGetLineNo) \
	X(xmlGetProp) \
	X(xmlHasProp) \
	X(xmlNodeGetContent) \
	X(xmlBuildURI) \
	X(xmlFree)

struct bp_xml_api {
	BP_XML_FUNCS(BP_LIB_PTR)
};
extern struct bp_xml_api bp_xml;

#define xmlInitParser (bp_xml.xmlInitParser)
#define htmlNewParserCtxt (bp_xml.htmlNewParserCtxt)
#define htmlCtxtReadMemory (bp_xml.htmlCtxtReadMemory)
#define htmlFreeParserCtxt (bp_xml.htmlFreeParserCtxt)
#define xmlNewParserCtxt (bp_xml.xmlNewParserCtxt)
#define xmlCtxtReadMemory (bp_xml.xmlCtxtReadMemory)
#define xmlFreeParserCtxt (bp_xml.xmlFreeParserCtxt)
#define xmlFreeDoc (bp_xml.xmlFreeDoc)
#define xmlDocGetRootElement (bp_xml.xmlDocGetRootElement)
#define xmlGetLineNo (bp_xml.xmlGetLineNo)
#define xmlGetProp (bp_xml.xmlGetProp)
#define xmlHasProp (bp_xml.xmlHasProp)
#define xmlNodeGetContent (bp_xml.xmlNodeGetContent)
#define xmlBuildURI (bp_xml.xmlBuildURI)
#define xmlFree (*bp_xml.xmlFree)

#endif /* BP_PARSE_XML_H */
