import Foundation
@testable import StatementLintCore

/// The package's root folder (for Samples/ and Rules/).
let packageRootURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A minimal valid rule body; tests override or append keys.
func ruleYAML(id: String = "sample-rule", category: String = "accountability", kind: String? = nil, body: String,
              examples: String = "examples:\n  flag:\n    - \"x\"\n  pass:\n    - \"y\"\n") -> String {
    var out = "id: \(id)\ncategory: \(category)\nseverity: warning\n"
    if let kind { out += "kind: \(kind)\n" }
    out += "message: \"Found '$0'.\"\nrationale: Because.\nsource: Tests.\n"
    out += body.hasSuffix("\n") ? body : body + "\n"
    out += examples
    return out
}

/// Parses a rule as if it were `Rules/<category>/<id>.yml`.
func parseRule(_ yaml: String, path: String = "Rules/accountability/sample-rule.yml") -> Result<Rule, RuleLoader.ErrorList> {
    RuleLoader.parse(text: yaml, path: path, isDefault: false)
}

func rule(_ yaml: String, path: String = "Rules/accountability/sample-rule.yml") throws -> Rule {
    switch parseRule(yaml, path: path) {
    case .success(let r): return r
    case .failure(let e): throw e
    }
}

func errors(_ yaml: String, path: String = "Rules/accountability/sample-rule.yml") -> [String] {
    switch parseRule(yaml, path: path) {
    case .success: return []
    case .failure(let e): return e.errors.map(\.description)
    }
}

/// Runs one rule over `text` and returns the findings' matched texts.
func run(_ r: Rule, _ text: String) -> [Finding] {
    Linter(rules: [r]).lint(Document(path: "t.txt", string: text)).findings
}
