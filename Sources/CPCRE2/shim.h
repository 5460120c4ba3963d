#ifndef STATEMENTLINT_CPCRE2_SHIM_H
#define STATEMENTLINT_CPCRE2_SHIM_H
// PCRE2 needs the code unit width before its header; statementlint works on UTF-8 bytes.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

// Macros Swift cannot import as constants.
static inline size_t cpcre2_unset(void) { return PCRE2_UNSET; }
#endif
