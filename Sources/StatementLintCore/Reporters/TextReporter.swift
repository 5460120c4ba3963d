/// For people at a terminal: `path:line:col: severity: message [category/id]`, the source
/// line with the span underlined, fixes and advice, then the five-principle checklist.
struct TextReporter: RendersFilesAlone {
    public static let identifier = "text"
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

    public mutating func render(_ file: FileResult) -> String { report(file) }
    func renderAlone(_ file: FileResult) -> [UInt8] { Array(report(file).utf8) }

    /// Errors, then warnings, each with its place and the line cut around the span; then the
    /// checklist of the five principles with what is missing (once per file, one line each);
    /// then suggestions, one line per rule unless `verbose`.
    func report(_ result: FileResult) -> String {
        var out = ""
        // The file's name and everything taken from its text reach the terminal escaped.
        let path = TerminalSafe.escape(result.path)
        if context.quiet {
            // No checklist follows, so a missing element's advice is shown with it.
            // Files that could not be checked are reported on standard error already.
            for f in result.findings where f.suppression == nil && f.severity >= result.failLevel { out += finding(f, result, path: path, advice: true) }
            return out
        }
        let shown = result.findings.filter { $0.suppression == nil }
        let located = shown.filter { !Checklist.listsAsMissing($0) }
        for severity in [Severity.error, .warning] {
            for f in located where f.severity == severity { out += finding(f, result, path: path) }
        }
        for e in result.errors { out += "\(path): \(paint("error", "1;31")): \(TerminalSafe.escape(e.message))\n" }
        if result.document != nil && (result.errors.isEmpty || !result.findings.isEmpty) { out += checklist(result, path: path) }
        let suggestions = located.filter { $0.severity == .suggestion }
        if context.verbose {
            for f in suggestions { out += finding(f, result, path: path) }
        } else {
            // One line per rule: its first finding, and where the others are.
            var order: [String] = []
            var byRule: [String: [Finding]] = [:]
            for f in suggestions {
                if byRule[f.qualifiedID] == nil { order.append(f.qualifiedID) }
                byRule[f.qualifiedID, default: []].append(f)
            }
            for id in order {
                let list = byRule[id]!
                let f = list[0]
                var line = "\(paint("\(path):\(f.start.line):\(f.start.column)", "1")): \(severityLabel(.suggestion)): \(TerminalSafe.escape(f.message))"
                if list.count > 1 {
                    let more = list.dropFirst().prefix(6).map { "\($0.start.line):\($0.start.column)" }.joined(separator: ", ")
                    line += " (also at \(more)\(list.count > 7 ? ", …" : ""))"
                }
                out += line + " \(paint("[\(id)]", "2"))\n"
            }
            if !order.isEmpty { out += "  (--verbose shows each suggestion in full)\n" }
        }
        // A blank line ends each checked file's report.
        if result.document != nil && !out.isEmpty { out += "\n" }
        return out
    }

    /// One finding in full: place, message, the line around the span, fix and suggestions.
    func finding(_ f: Finding, _ result: FileResult, path: String, advice showAdvice: Bool = false) -> String {
        var out = "\(paint("\(path):\(f.start.line):\(f.start.column)", "1")): \(severityLabel(f.severity)): \(TerminalSafe.escape(f.message)) \(paint("[\(f.qualifiedID)]", "2"))\n"
        if !f.documentLevel, let doc = result.document {
            let gutter = String(f.start.line)
            let pad = String(repeating: " ", count: gutter.count)
            let (window, startCol, endCol, cutBefore, cutAfter) = TextReporter.excerpt(f, doc)
            let head = cutBefore ? "…" : "", tail = cutAfter ? "…" : ""
            var lineText = ""
            for u in window {
                if TerminalSafe.isControl(u) { lineText += TerminalSafe.escaped(u) } else { lineText.unicodeScalars.append(u) }
            }
            out += " \(gutter) | \(head)\(lineText)\(tail)\n"
            // Underline in terminal cells: wide characters (emoji, CJK) take two.
            let lead = (head.isEmpty ? "" : " ") + window[..<startCol].map { $0 == "\t" ? "\t" : String(repeating: " ", count: TextReporter.shownCells($0)) }.joined()
            let width = max(1, window[startCol..<max(startCol, endCol)].reduce(0) { $0 + TextReporter.shownCells($1) })
            out += " \(pad) | \(lead)\(paint(String(repeating: "^", count: width), "1;32"))\n"
        }
        if let fix = f.fix {
            let verb = fix.replacement.isEmpty ? "delete \"\(f.matchedText)\"" : "replace with \"\(fix.replacement)\""
            out += "  fix (\(fix.safety.rawValue)): \(TerminalSafe.escape(verb))\n"
        }
        for s in f.suggestions { out += "  suggest: \(TerminalSafe.escape(s))\n" }
        if let advice = f.advice, showAdvice || context.verbose || !f.isMissingElement { out += "  advice: \(TerminalSafe.escape(advice))\n" }
        return out
    }

    /// The part of a finding's line to show: its scalars, where the span starts and ends in
    /// them, and whether the line is cut before and after. A line up to `longLine` scalars is
    /// shown whole; a longer one is cut to `context` scalars either side of the span, between
    /// words where one is near.
    static func excerpt(_ f: Finding, _ doc: Document) -> (window: [Unicode.Scalar], start: Int, end: Int, cutBefore: Bool, cutAfter: Bool) {
        let line = doc.lineRange(f.start.line)
        // Over 4 × `longLine` bytes a line has more than `longLine` scalars, and only the bytes
        // around the span are decoded: the work per finding does not grow with the line.
        guard line.count > 4 * longLine else {
            let scalars = Array(doc.lineText(f.start.line).unicodeScalars)
            let startCol = min(f.start.column - 1, scalars.count)
            let endCol = f.end.line == f.start.line ? min(f.end.column - 1, scalars.count) : scalars.count
            guard scalars.count > longLine else { return (scalars, startCol, endCol, false, false) }
            return cut(scalars[...], start: startCol, end: endCol, cutBefore: startCol > context,
                       cutAfter: max(endCol, startCol + 1) + context < scalars.count)
        }
        return doc.original.withUnsafeBufferPointer { o in
            func back(_ at: Int, _ n: Int) -> Int {
                var i = at, k = 0
                while i > line.lowerBound && k < n {
                    i -= 1
                    while i > line.lowerBound && o[i] & 0xC0 == 0x80 { i -= 1 }
                    k += 1
                }
                return i
            }
            func forward(_ at: Int, _ n: Int) -> Int {
                var i = at, k = 0
                while i < line.upperBound && k < n {
                    i += 1
                    while i < line.upperBound && o[i] & 0xC0 == 0x80 { i += 1 }
                    k += 1
                }
                return i
            }
            let startByte = min(max(f.range.lowerBound, line.lowerBound), line.upperBound)
            let endByte = f.end.line == f.start.line ? min(max(f.range.upperBound, startByte), line.upperBound) : line.upperBound
            let from = back(startByte, context)
            let to = forward(max(endByte, forward(startByte, 1)), context)
            var scalars: [Unicode.Scalar] = []
            scalars.reserveCapacity(to - from)
            for u in String(decoding: UnsafeBufferPointer(rebasing: o[from..<to]), as: UTF8.self).unicodeScalars { scalars.append(u) }
            let startCol = Document.scalarCount(o, from..<startByte)
            let endCol = Document.scalarCount(o, from..<endByte)
            return cut(scalars[...], start: startCol, end: endCol, cutBefore: from > line.lowerBound, cutAfter: to < line.upperBound)
        }
    }

    /// `excerpt` for a long line: `scalars` holds the span and up to `context` scalars either
    /// side of it (`start`, `end` are offsets in it), `cutBefore`/`cutAfter` whether the line
    /// goes on beyond them. Moves each cut to a space among the 20 scalars nearest it.
    static func cut(_ scalars: ArraySlice<Unicode.Scalar>, start startCol: Int, end endCol: Int, cutBefore: Bool, cutAfter: Bool)
        -> (window: [Unicode.Scalar], start: Int, end: Int, cutBefore: Bool, cutAfter: Bool) {
        let base = scalars.startIndex
        var from = cutBefore ? max(0, startCol - context) : 0
        var to = cutAfter ? min(scalars.count, max(endCol, startCol + 1) + context) : scalars.count
        if cutBefore, let space = scalars[(base + from)..<(base + startCol)].prefix(20).firstIndex(of: " ") { from = space - base + 1 }
        if cutAfter, let space = scalars[(base + max(endCol, from))..<(base + to)].suffix(20).lastIndex(of: " ") { to = space - base }
        let window = Array(scalars[(base + from)..<(base + to)])
        return (window, startCol - from, min(endCol - from, window.count), cutBefore, cutAfter)
    }

    /// Terminal cells a scalar of the file takes as shown (a control character escaped).
    static func shownCells(_ u: Unicode.Scalar) -> Int {
        TerminalSafe.isControl(u) ? TerminalSafe.escaped(u).unicodeScalars.count : cells(u)
    }

    /// The five principles: OK, or how many findings and, one line each, what is missing
    /// and what cannot apply.
    func checklist(_ result: FileResult, path: String) -> String {
        var out = "checklist for \(path):\n"
        let missing = result.findings.filter { $0.suppression == nil && $0.isMissingElement }
        for item in Checklist.evaluate(result.findings, notApplicable: result.notApplicable, threshold: .suggestion) {
            if item.ok {
                out += "  \(paint("OK", "32"))  \(item.title)\n"
            } else {
                out += "  \(paint("!!", "31"))  \(item.title): \(item.findings) finding\(item.findings == 1 ? "" : "s")\n"
            }
            for f in missing where item.missing.contains(f.qualifiedID) {
                let what = f.element.flatMap(Element.title) ?? f.message
                let place = f.documentLevel ? "" : " (line \(f.start.line))"
                let severity = f.severity == .suggestion ? "" : ", \(f.severity.rawValue)"
                out += "        missing: \(TerminalSafe.escape(what))\(place) \(paint("[\(f.qualifiedID)\(severity)]", "2"))\n"
                if context.verbose, let advice = f.advice { out += "          \(TerminalSafe.escape(advice))\n" }
            }
            for n in item.notApplicable {
                let what = n.element.flatMap(Element.title) ?? n.rule
                let evidence = n.context.evidence.map { " (\"\(TerminalSafe.escape($0))\")" } ?? " (set by you)"
                out += "        not applicable: \(what): \(n.why)\(evidence)\n"
            }
        }
        let kinds = result.statement.filter { ContextTag.settable.contains($0.dimension) }
        if !kinds.isEmpty {
            out += "  statement: " + kinds.map { $0.tag + ($0.evidence.map { " (from \"\(TerminalSafe.escape($0))\")" } ?? " (as set)") }.joined(separator: ", ") + "\n"
            if let detected = kinds.first(where: { !$0.setByUser }) {
                let example = ContextTag.settableValues[detected.dimension]?.first { $0 != detected.value } ?? "…"
                out += "    (if that is wrong, set it: --statement \(detected.dimension)=\(example), or 'statement:' in .statementlint.yml)\n"
            }
        }
        return out
    }

    /// Scalars of a long line shown on each side of a span; a line up to `longLine` scalars is shown whole.
    static let context = 60
    static let longLine = 160

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

    public mutating func finish(_ summary: RunSummary) -> String { summaryLine(summary) }

    /// `3 files checked: 1 error, …`; nothing when `quiet` and the run passes.
    func summaryLine(_ summary: RunSummary) -> String {
        if context.quiet && summary.exitCode == 0 { return "" }
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
