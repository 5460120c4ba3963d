#ifndef STATEMENTLINT_CPCRE2_SHIM_H
#define STATEMENTLINT_CPCRE2_SHIM_H
// PCRE2 needs the code unit width before its header; statementlint works on UTF-8 bytes.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

// Macros Swift cannot import as constants.
static inline size_t cpcre2_unset(void) { return PCRE2_UNSET; }

// A flag read on every match without a lock: set once a pattern is compiled and JIT-compiled.
static inline int cpcre2_flag_load(const int *flag) { return __atomic_load_n(flag, __ATOMIC_ACQUIRE); }
static inline void cpcre2_flag_store(int *flag, int value) { __atomic_store_n(flag, value, __ATOMIC_RELEASE); }
#endif
