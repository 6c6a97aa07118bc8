/*
 * libqpdf, loaded when first needed (bp_util_lib_load): the finishing
 * step includes this (through archive.h) instead of <qpdf/qpdf-c.h>.
 * Every call below goes through bp_qpdf; bp_qpdf_load before the first
 * (qpdf_init). bp_pdf_write, when it will finish a file, starts loading
 * it on a thread of its own (bp_qpdf_preload) while the articles are
 * laid out. A function not listed here is an undefined symbol at
 * link time: add it to the list.
 * SPDX-License-Identifier: MIT
 */
#ifndef BP_PDF_QPDF_H
#define BP_PDF_QPDF_H

#include <qpdf/qpdf-c.h>

#include "bp.h"

#define BP_QPDF_FUNCS(X) \
	X(qpdf_check_pdf) \
	X(qpdf_cleanup) \
	X(qpdf_find_page_by_oh) \
	X(qpdf_get_buffer) \
	X(qpdf_get_buffer_length) \
	X(qpdf_get_error) \
	X(qpdf_get_error_full_text) \
	X(qpdf_get_num_pages) \
	X(qpdf_get_object_by_id) \
	X(qpdf_get_page_n) \
	X(qpdf_get_root) \
	X(qpdf_get_trailer) \
	X(qpdf_has_error) \
	X(qpdf_init) \
	X(qpdf_init_write_memory) \
	X(qpdf_make_indirect_object) \
	X(qpdf_more_warnings) \
	X(qpdf_next_warning) \
	X(qpdf_oh_append_item) \
	X(qpdf_oh_begin_dict_key_iter) \
	X(qpdf_oh_dict_more_keys) \
	X(qpdf_oh_dict_next_key) \
	X(qpdf_oh_get_array_item) \
	X(qpdf_oh_get_array_n_items) \
	X(qpdf_oh_get_binary_string_value) \
	X(qpdf_oh_get_dict) \
	X(qpdf_oh_get_int_value_as_int) \
	X(qpdf_oh_get_key) \
	X(qpdf_oh_get_name) \
	X(qpdf_oh_get_object_id) \
	X(qpdf_oh_get_page_content_data) \
	X(qpdf_oh_get_stream_data) \
	X(qpdf_oh_get_utf8_value) \
	X(qpdf_oh_has_key) \
	X(qpdf_oh_is_array) \
	X(qpdf_oh_is_dictionary) \
	X(qpdf_oh_is_name) \
	X(qpdf_oh_is_name_and_equals) \
	X(qpdf_oh_is_null) \
	X(qpdf_oh_is_stream) \
	X(qpdf_oh_is_string) \
	X(qpdf_oh_new_array) \
	X(qpdf_oh_new_bool) \
	X(qpdf_oh_new_dictionary) \
	X(qpdf_oh_new_integer) \
	X(qpdf_oh_new_name) \
	X(qpdf_oh_new_null) \
	X(qpdf_oh_new_stream) \
	X(qpdf_oh_new_string) \
	X(qpdf_oh_new_unicode_string) \
	X(qpdf_oh_release) \
	X(qpdf_oh_release_all) \
	X(qpdf_oh_remove_key) \
	X(qpdf_oh_replace_key) \
	X(qpdf_oh_replace_stream_data) \
	X(qpdf_oh_unparse) \
	X(qpdf_oh_unparse_resolved) \
	X(qpdf_read_memory) \
	X(qpdf_set_compress_streams) \
	X(qpdf_set_decode_level) \
	X(qpdf_set_deterministic_ID) \
	X(qpdf_set_newline_before_endstream) \
	X(qpdf_set_object_stream_mode) \
	X(qpdf_set_qdf_mode) \
	X(qpdf_set_suppress_warnings) \
	X(qpdf_silence_errors) \
	X(qpdf_write)

struct bp_qpdf_api {
	BP_QPDF_FUNCS(BP_LIB_PTR)
};
extern struct bp_qpdf_api bp_qpdf;

/* Load libqpdf (once); false with *why when it can't be. */
bool bp_qpdf_load(const char **why);
/* Start loading it on a thread; bp_qpdf_settle waits for that thread. */
void bp_qpdf_preload(void);
void bp_qpdf_settle(void);

#define qpdf_check_pdf (bp_qpdf.qpdf_check_pdf)
#define qpdf_cleanup (bp_qpdf.qpdf_cleanup)
#define qpdf_find_page_by_oh (bp_qpdf.qpdf_find_page_by_oh)
#define qpdf_get_buffer (bp_qpdf.qpdf_get_buffer)
#define qpdf_get_buffer_length (bp_qpdf.qpdf_get_buffer_length)
#define qpdf_get_error (bp_qpdf.qpdf_get_error)
#define qpdf_get_error_full_text (bp_qpdf.qpdf_get_error_full_text)
#define qpdf_get_num_pages (bp_qpdf.qpdf_get_num_pages)
#define qpdf_get_object_by_id (bp_qpdf.qpdf_get_object_by_id)
#define qpdf_get_page_n (bp_qpdf.qpdf_get_page_n)
#define qpdf_get_root (bp_qpdf.qpdf_get_root)
#define qpdf_get_trailer (bp_qpdf.qpdf_get_trailer)
#define qpdf_has_error (bp_qpdf.qpdf_has_error)
#define qpdf_init (bp_qpdf.qpdf_init)
#define qpdf_init_write_memory (bp_qpdf.qpdf_init_write_memory)
#define qpdf_make_indirect_object (bp_qpdf.qpdf_make_indirect_object)
#define qpdf_more_warnings (bp_qpdf.qpdf_more_warnings)
#define qpdf_next_warning (bp_qpdf.qpdf_next_warning)
#define qpdf_oh_append_item (bp_qpdf.qpdf_oh_append_item)
#define qpdf_oh_begin_dict_key_iter (bp_qpdf.qpdf_oh_begin_dict_key_iter)
#define qpdf_oh_dict_more_keys (bp_qpdf.qpdf_oh_dict_more_keys)
#define qpdf_oh_dict_next_key (bp_qpdf.qpdf_oh_dict_next_key)
#define qpdf_oh_get_array_item (bp_qpdf.qpdf_oh_get_array_item)
#define qpdf_oh_get_array_n_items (bp_qpdf.qpdf_oh_get_array_n_items)
#define qpdf_oh_get_binary_string_value \
	(bp_qpdf.qpdf_oh_get_binary_string_value)
#define qpdf_oh_get_dict (bp_qpdf.qpdf_oh_get_dict)
#define qpdf_oh_get_int_value_as_int (bp_qpdf.qpdf_oh_get_int_value_as_int)
#define qpdf_oh_get_key (bp_qpdf.qpdf_oh_get_key)
#define qpdf_oh_get_name (bp_qpdf.qpdf_oh_get_name)
#define qpdf_oh_get_object_id (bp_qpdf.qpdf_oh_get_object_id)
#define qpdf_oh_get_page_content_data (bp_qpdf.qpdf_oh_get_page_content_data)
#define qpdf_oh_get_stream_data (bp_qpdf.qpdf_oh_get_stream_data)
#define qpdf_oh_get_utf8_value (bp_qpdf.qpdf_oh_get_utf8_value)
#define qpdf_oh_has_key (bp_qpdf.qpdf_oh_has_key)
#define qpdf_oh_is_array (bp_qpdf.qpdf_oh_is_array)
#define qpdf_oh_is_dictionary (bp_qpdf.qpdf_oh_is_dictionary)
#define qpdf_oh_is_name (bp_qpdf.qpdf_oh_is_name)
#define qpdf_oh_is_name_and_equals (bp_qpdf.qpdf_oh_is_name_and_equals)
#define qpdf_oh_is_null (bp_qpdf.qpdf_oh_is_null)
#define qpdf_oh_is_stream (bp_qpdf.qpdf_oh_is_stream)
#define qpdf_oh_is_string (bp_qpdf.qpdf_oh_is_string)
#define qpdf_oh_new_array (bp_qpdf.qpdf_oh_new_array)
#define qpdf_oh_new_bool (bp_qpdf.qpdf_oh_new_bool)
#define qpdf_oh_new_dictionary (bp_qpdf.qpdf_oh_new_dictionary)
#define qpdf_oh_new_integer (bp_qpdf.qpdf_oh_new_integer)
#define qpdf_oh_new_name (bp_qpdf.qpdf_oh_new_name)
#define qpdf_oh_new_null (bp_qpdf.qpdf_oh_new_null)
#define qpdf_oh_new_stream (bp_qpdf.qpdf_oh_new_stream)
#define qpdf_oh_new_string (bp_qpdf.qpdf_oh_new_string)
#define qpdf_oh_new_unicode_string (bp_qpdf.qpdf_oh_new_unicode_string)
#define qpdf_oh_release (bp_qpdf.qpdf_oh_release)
#define qpdf_oh_release_all (bp_qpdf.qpdf_oh_release_all)
#define qpdf_oh_remove_key (bp_qpdf.qpdf_oh_remove_key)
#define qpdf_oh_replace_key (bp_qpdf.qpdf_oh_replace_key)
#define qpdf_oh_replace_stream_data (bp_qpdf.qpdf_oh_replace_stream_data)
#define qpdf_oh_unparse (bp_qpdf.qpdf_oh_unparse)
#define qpdf_oh_unparse_resolved (bp_qpdf.qpdf_oh_unparse_resolved)
#define qpdf_read_memory (bp_qpdf.qpdf_read_memory)
#define qpdf_set_compress_streams (bp_qpdf.qpdf_set_compress_streams)
#define qpdf_set_decode_level (bp_qpdf.qpdf_set_decode_level)
#define qpdf_set_deterministic_ID (bp_qpdf.qpdf_set_deterministic_ID)
#define qpdf_set_newline_before_endstream \
	(bp_qpdf.qpdf_set_newline_before_endstream)
#define qpdf_set_object_stream_mode (bp_qpdf.qpdf_set_object_stream_mode)
#define qpdf_set_qdf_mode (bp_qpdf.qpdf_set_qdf_mode)
#define qpdf_set_suppress_warnings (bp_qpdf.qpdf_set_suppress_warnings)
#define qpdf_silence_errors (bp_qpdf.qpdf_silence_errors)
#define qpdf_write (bp_qpdf.qpdf_write)

#endif /* BP_PDF_QPDF_H */
