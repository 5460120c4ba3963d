// The rule model and the matching layer are part of the core library's API.
@_exported import StatementLintMatching
@_exported import StatementLintRules
