// Rules hold patterns made by the matching layer; its types are part of the rule model's API.
@_exported import StatementLintMatching
