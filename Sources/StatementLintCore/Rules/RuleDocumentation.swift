import Foundation

/// Human documentation generated from a rule itself, so docs never drift from the data:
/// `statementlint explain` and the README's rule list both come from here.
public enum RuleDocumentation {
    public static func explain(_ r: Rule) -> String {
        var out = "\(r.qualifiedID) (\(r.severity.rawValue), \(r.kind.rawValue))\n\n"
        out += "Message:   \(r.message)\n"
        out += "Why:       \(r.rationale.trimmingCharactersInSetWhitespace())\n"
        out += "Source:    \(r.source)\n"
        if let why = r.severityReason { out += "Severity:  \(r.severity.rawValue), because \(why)\n" }
        if let link = r.link { out += "More:      \(link)\n" }
        if let element = r.element { out += "Element:   \(element) (\(Element.title(element) ?? ""))\n" }
        for n in r.notApplicable { out += "Not applicable when \(n.tag): \(n.why)\n" }
        if r.optIn { out += "Opt-in:    runs only with --enable \(r.id) or 'enable:' in .statementlint.yml\n" }
        switch r.check {
        case .forbid(_, let fix?):
            out += "Fix:       replace with \"\(fix.replace)\" (\(fix.safety.rawValue))\n"
        case .swap(let entries, let safety):
            out += "Fix (\(safety.rawValue)):\n"
            for e in entries { out += "  \(e.pattern.regex.pattern)  ->  \(e.replacement)\n" }
        case .require(_, let min, let first):
            out += "Requires:  at least \(min) mention\(min == 1 ? "" : "s")\(first ? " in the first paragraph" : "")\n"
        case .metric(let kind, let max):
            out += "Limit:     \(kind.rawValue) at most \(TextStatistics.format(max))\n"
        default: break
        }
        if !r.suggestions.isEmpty {
            out += "Instead:\n" + r.suggestions.map { "  - \($0)\n" }.joined()
        }
        if let advice = r.advice { out += "Advice:    \(advice)\n" }
        out += "\nFlagged:\n" + r.flagExamples.map { "  - \($0.text)" + ($0.fixed.map { "\n    fixed: \($0)" } ?? "") + "\n" }.joined()
        out += "Not flagged:\n" + r.passExamples.map { "  - \($0.text)\n" }.joined()
        out += "\nDefined in \(r.origin)\(r.isDefault ? " (built in)" : "")\n"
        return out
    }

    /// The README's rule list, in Markdown, grouped by category.
    public static func markdownIndex(_ rules: [Rule]) -> String {
        let examples = rules.reduce(0) { $0 + $1.flagExamples.count + $1.passExamples.count }
        let optIn = rules.filter(\.optIn)
        var out = "\(rules.count) rules, \(examples) examples; \(rules.filter { $0.element != nil }.count) check an element, "
        out += "\(optIn.count) are opt-in (\(optIn.map { "`\($0.id)`" }.joined(separator: ", ")))."
        out += " Severity counts: \(Severity.allCases.reversed().map { s in "\(rules.filter { $0.severity == s }.count) \(s.rawValue)" }.joined(separator: ", ")).\n\n"
        for category in Category.ruleCategories {
            let mine = rules.filter { $0.category == category }.sorted { $0.id < $1.id }
            guard !mine.isEmpty else { continue }
            out += "### \(category.rawValue) (\(mine.count))\n\n| rule | severity | kind | fix | what it checks |\n|---|---|---|---|---|\n"
            for r in mine {
                let fix = r.fixSafety?.rawValue ?? (r.suggestions.isEmpty ? (r.advice == nil ? "" : "advice") : "suggestions")
                let what = r.message.replacingOccurrences(of: "|", with: "\\|")
                    .replacingOccurrences(of: #"\$\{?[A-Za-z0-9_]+\}?"#, with: "…", options: .regularExpression)
                let id = "`\(r.id)`" + (r.optIn ? " (opt-in)" : "") + (r.element.map { " (\($0))" } ?? "")
                out += "| \(id) | \(r.severity.rawValue) | \(r.kind.rawValue) | \(fix) | \(what) |\n"
            }
            out += "\n"
        }
        return out
    }
}

