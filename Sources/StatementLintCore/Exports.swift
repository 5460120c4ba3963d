// The rule model and PCRE2 wrapper are part of the core library's API.
@_exported import StatementLintRules
