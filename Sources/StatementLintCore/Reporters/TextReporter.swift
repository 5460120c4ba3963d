/// For people at a terminal: `path:line:col: severity: message [category/id]`, the source
/// line with the span underlined, fixes and advice, then the five-principle checklist.
public struct TextReporter: Reporter {
    let context: ReportContext

    public init(context: ReportContext) { self.context = context }

    func paint(_ s: String, _ code: String) -> String { context.color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    func severityLabel(_ s: Severity) -> String {
        switch s {
        case .error: return paint("error", "1;31")
        case .warning: return paint("warning", "1;33")
        case .suggestion: return paint("suggestion", "1;36")
        }
    }

    public mutating func begin() -> String { "" }

    public mutating func file(_ result: FileResult) -> String { result.rendered.map { String(decoding: $0, as: UTF8.self) } ?? render(result)! }
    public mutating func file(_ result: FileResult, into out: inout [UInt8]) { out.append(contentsOf: result.rendered ?? renderBytes(result)!) }

    public func render(_ result: FileResult) -> String? {
        var out = ""
        for f in result.findings where f.suppression == nil {
            out += "\(paint("\(result.path):\(f.start.line):\(f.start.column)", "1")): \(severityLabel(f.severity)): \(f.message) \(paint("[\(f.qualifiedID)]", "2"))\n"
            if !f.documentLevel, let doc = result.document {
                let lineText = doc.lineText(f.start.line)
                let gutter = String(f.start.line)
                let pad = String(repeating: " ", count: gutter.count)
                out += " \(gutter) | \(lineText)\n"
                // Underline in terminal cells: wide characters (emoji, CJK) take two.
                let scalars = Array(lineText.unicodeScalars)
                let startCol = min(f.start.column - 1, scalars.count)
                let endCol = f.end.line == f.start.line ? min(f.end.column - 1, scalars.count) : scalars.count
                let lead = scalars[..<startCol].map { $0 == "\t" ? "\t" : String(repeating: " ", count: TextReporter.cells($0)) }.joined()
                let width = max(1, scalars[startCol..<max(startCol, endCol)].reduce(0) { $0 + TextReporter.cells($1) })
                out += " \(pad) | \(lead)\(paint(String(repeating: "^", count: width), "1;32"))\n"
            }
            if let fix = f.fix {
                let verb = fix.replacement.isEmpty ? "delete \"\(f.matchedText)\"" : "replace with \"\(fix.replacement)\""
                out += "  fix (\(fix.safety.rawValue)): \(verb)\n"
            }
            for s in f.suggestions { out += "  suggest: \(s)\n" }
            if let advice = f.advice { out += "  advice: \(advice)\n" }
        }
        for e in result.errors { out += "\(result.path): \(paint("error", "1;31")): \(e.message)\n" }
        if result.document != nil && (result.errors.isEmpty || !result.findings.isEmpty) {
            out += "checklist for \(result.path):\n"
            for item in Checklist.evaluate(result.findings, threshold: result.failLevel) {
                if item.ok {
                    out += "  \(paint("OK", "32"))  \(item.title)\n"
                } else {
                    var line = "  \(paint("!!", "31"))  \(item.title): \(item.findings) finding\(item.findings == 1 ? "" : "s")"
                    if !item.missing.isEmpty { line += "; missing: " + item.missing.joined(separator: ", ") }
                    out += line + "\n"
                }
            }
            out += "\n"
        }
        return out
    }

    /// Terminal cells a scalar takes: 0 for combining marks and joiners, 2 for wide ones.
    static func cells(_ u: Unicode.Scalar) -> Int {
        let v = u.value
        if v >= 0x20 && v < 0x7F { return 1 } // printable ASCII: no Unicode property lookups
        if u.properties.generalCategory == .nonspacingMark || v == 0x200D || (0xFE00...0xFE0F).contains(v) { return 0 }
        if u.properties.isEmojiPresentation { return 2 }
        switch v {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default: return 1
        }
    }

    public mutating func end(_ summary: RunSummary) -> String {
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var parts = [count(summary.counts[.error] ?? 0, "error"), count(summary.counts[.warning] ?? 0, "warning"),
                     count(summary.counts[.suggestion] ?? 0, "suggestion")]
        if summary.suppressed > 0 { parts.append("\(summary.suppressed) suppressed") }
        var line = "\(count(summary.files, "file")) checked: " + parts.joined(separator: ", ")
        if summary.incompleteFiles > 0 { line += "; \(count(summary.incompleteFiles, "file")) only partly checked" }
        if summary.unreadableFiles > 0 { line += "; \(count(summary.unreadableFiles, "file")) not checked" }
        return line + "\n"
    }
}
