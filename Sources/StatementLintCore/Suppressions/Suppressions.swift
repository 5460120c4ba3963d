import Foundation

/// An inline directive in a statement that silences findings, always with a reason:
///
///     <!-- statementlint-disable demonizing/known-to-police quoting the court record -->
///     ...
///     <!-- statementlint-enable demonizing/known-to-police -->
///     <!-- statementlint-disable-next-line shots-were-fired the family's own words -->
///
/// Plain-text drafts may write the same on a line of its own starting with `#` or `//`:
/// `# statementlint-disable-next-line shots-were-fired the family's own words`.
/// Targets are rule ids, `category/id`, category names or `all`, separated by commas, spaces
/// or both; the reason starts at the first word that names no loaded rule, or after `:`,
/// `--` or `—` (see `read`).
public struct SuppressionDirective: Sendable, Equatable {
    public enum Kind: String, Sendable { case disable, enable, disableNextLine = "disable-next-line" }
    public let kind: Kind
    /// The words after the directive's keyword: targets, then the reason.
    public let words: [String]
    /// 1-based line of the directive.
    public let line: Int
    /// Original byte range of the directive's line (without the line ending).
    public let range: Range<Int>

    /// The directive's targets and reason, once the loaded rules are known.
    public struct Reading: Equatable {
        public var targets: [String] = []
        public var reason: String?
        /// A word after the targets that looks like a rule id but names no loaded rule: a
        /// mistyped second target, or the reason's first word. Reported, never guessed.
        public var ambiguous: String?
    }

    /// Splits the words into targets and reason. The first word (with any comma-joined ones)
    /// is always a target, and so is a word joined to the one before by a comma. A further
    /// word after a space is a target when it names a loaded rule or category (`isKnown`) and
    /// has a `-` or `/` in it: a single word such as `all` or `facts` may just as well begin
    /// the reason, so it joins the targets only after a comma. A word ending in `:`, or a
    /// lone `:`, `--`, `-` or `—`, ends the targets.
    public func read(isKnown: (String) -> Bool) -> Reading {
        var reading = Reading()
        var i = 0
        var continues = true  // the next word is a target whatever it names (first word, or after a comma)
        while i < words.count {
            var word = Substring(words[i])
            if SuppressionDirective.separators.contains(String(word)) { i += 1; break }
            var ends = false
            if word.hasSuffix(":") { word = word.dropLast(); ends = true }
            let parts = word.split(separator: ",", omittingEmptySubsequences: false)
            let named = parts.filter { !$0.isEmpty }.map(String.init)
            guard continues || word.hasPrefix(",")
                    || (!named.isEmpty && named.allSatisfy { isKnown($0) && SuppressionDirective.looksLikeID($0) }) else { break }
            reading.targets += named
            continues = word.hasSuffix(",")
            i += 1
            if ends { break }
        }
        var rest = Array(words[i...])
        if let first = rest.first, !reading.targets.isEmpty, i > 0, !SuppressionDirective.separators.contains(words[i - 1]),
           !words[i - 1].hasSuffix(":"), SuppressionDirective.looksLikeID(first) {
            reading.ambiguous = first
        }
        for lead in SuppressionDirective.separators where rest.first?.hasPrefix(lead) == true {
            let stripped = rest[0].dropFirst(lead.count)
            if stripped.isEmpty { rest.removeFirst() } else { rest[0] = String(stripped) }
            break
        }
        let reason = rest.joined(separator: " ")
        reading.reason = reason.isEmpty ? nil : reason
        return reading
    }

    static let separators = ["--", ":", "—", "-"]

    /// Lowercase words joined by hyphens, or with a `/`: how rule ids and `category/id` look.
    static func looksLikeID(_ word: String) -> Bool {
        let allowed = word.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2F }
        return allowed && (word.contains("-") || word.contains("/")) && !word.hasPrefix("-") && !word.hasSuffix("-")
    }
}

enum SuppressionScanner {
    static let keyword = Array("statementlint-".utf8)

    /// Whether "statementlint-" occurs in `bytes`. Each hyphen (far rarer in prose than the
    /// keyword's first letter) is found with the C library's `memchr`, which skips through
    /// the text much faster than a byte-by-byte loop, and the bytes before it are compared
    /// (this runs over every file).
    static func containsKeyword(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { hay in
            let n = keyword.count
            guard let base = hay.baseAddress, hay.count >= n else { return false }
            var at = n - 1
            while at < hay.count, let found = memchr(base + at, 0x2D, hay.count - at) {
                let end = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                var k = n - 2
                while k >= 0 && hay[end - (n - 1) + k] == keyword[k] { k -= 1 }
                if k < 0 { return true }
                at = end + 1
            }
            return false
        }
    }

    /// Finds directive lines in `bytes` and blanks them in `matchBytes` (same length), so a
    /// directive's own words never trigger a rule.
    static func scan(_ bytes: [UInt8], blanking matchBytes: inout [UInt8]) -> [SuppressionDirective] {
        var out: [SuppressionDirective] = []
        // Cheap test first: most statements have no directive at all.
        guard containsKeyword(bytes) else { return [] }
        var lineStart = 0
        var line = 1
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var contentEnd = lineEnd
            if contentEnd > lineStart && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let text = String(decoding: bytes[lineStart..<contentEnd], as: UTF8.self)
            if text.contains("statementlint-"), let d = parse(text, line: line, range: lineStart..<contentEnd) {
                out.append(d)
                for i in lineStart..<contentEnd { matchBytes[i] = 0x20 }
            }
            lineStart = lineEnd + 1
            line += 1
        }
        return out
    }

    static func parse(_ rawLine: String, line: Int, range: Range<Int>) -> SuppressionDirective? {
        var s = Substring(rawLine.trimmingCharactersInSetWhitespace())
        if s.hasPrefix("\u{FEFF}") { s = s.dropFirst() }
        if s.hasPrefix("<!--") && s.hasSuffix("-->") {
            s = s.dropFirst(4).dropLast(3)
        } else if s.hasPrefix("//") {
            s = s.dropFirst(2)
        } else if s.hasPrefix("#") {
            s = s.dropFirst(1)
        } else {
            return nil
        }
        let words = s.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let head = words.first, head.hasPrefix("statementlint-"),
              let kind = SuppressionDirective.Kind(rawValue: String(head.dropFirst("statementlint-".count))) else { return nil }
        return SuppressionDirective(kind: kind, words: Array(words.dropFirst()), line: line, range: range)
    }
}

/// Applies a document's directives to its findings: suppressed findings stay in the result,
/// marked with the directive's reason, and problems with directives become findings of
/// their own (category `statementlint`).
enum SuppressionResolver {
    /// `known`: the names (ids, `category/id`, categories) of every loaded rule, running or not:
    /// a suppression of an opt-in or disabled rule is not an error.
    static func apply(_ findings: inout [Finding], doc: Document, known names: Set<String>, reportUnused: Bool) {
        let directives = doc.suppressions
        guard !directives.isEmpty else { return }
        func matches(_ target: String, _ f: Finding) -> Bool {
            target == "all" || f.isNamed(target)
        }
        func known(_ target: String) -> Bool {
            target == "all" || names.contains(target)
        }
        let readings = directives.map { $0.read(isKnown: known) }
        var meta: [Finding] = []
        var used = Array(repeating: false, count: directives.count)

        // Regions: (directive index, first line, last line) for each target.
        struct Region { let directive: Int; let target: String; let from: Int; var to: Int }
        var regions: [Region] = []
        var open: [Region] = []
        let lastLine = doc.lineCount
        for (i, d) in directives.enumerated() {
            let targets = readings[i].targets
            switch d.kind {
            case .disable:
                for t in targets { open.append(Region(directive: i, target: t, from: d.line + 1, to: lastLine)) }
            case .enable:
                let closing = targets.isEmpty ? open : open.filter { r in targets.contains(r.target) }
                for var r in closing { r.to = d.line - 1; regions.append(r) }
                open.removeAll { r in targets.isEmpty || targets.contains(r.target) }
                used[i] = true
            case .disableNextLine:
                var next = d.line + 1
                while next <= lastLine && doc.lineText(next).allSatisfy(\.isWhitespace) { next += 1 }
                for t in targets { regions.append(Region(directive: i, target: t, from: next, to: next)) }
            }
        }
        regions += open

        for i in findings.indices {
            let f = findings[i]
            for r in regions where matches(r.target, f) {
                // A finding about the whole statement is silenced by a `disable` anywhere.
                let covers = f.documentLevel ? directives[r.directive].kind == .disable : (r.from...max(r.from, r.to)).contains(f.start.line) && r.to >= r.from
                if covers {
                    findings[i].suppression = readings[r.directive].reason ?? "no reason given"
                    used[r.directive] = true
                    break
                }
            }
        }

        for (i, d) in directives.enumerated() {
            let start = doc.position(ofOriginal: d.range.lowerBound)
            let end = doc.position(ofOriginal: d.range.upperBound)
            func report(_ id: String, _ severity: Severity, _ message: String, advice: String? = nil) {
                meta.append(Finding(ruleID: id, ruleKind: .forbid, category: .statementlint, severity: severity, message: message,
                                    range: d.range, start: start, end: end, matchedText: doc.originalString(d.range), sentence: nil,
                                    fix: nil, suggestions: [], advice: advice, documentLevel: false, suppression: nil))
            }
            let reading = readings[i]
            if d.kind != .enable && reading.targets.isEmpty {
                report("suppression-without-target", .error, "This statementlint-\(d.kind.rawValue) names no rule, so it silences nothing.",
                       advice: "Name the rule id, category/id or category after the directive, then the reason.")
            }
            for t in reading.targets where !known(t) {
                report("unknown-rule-in-suppression", .error, "No rule or category named '\(t)' is loaded, so this suppression silences nothing.",
                       advice: "Check the id with 'statementlint rules'.")
            }
            // A hyphenated word of the reason ("first-hand") is fine; one a letter or two from a
            // rule id is probably a misspelt id.
            if let word = reading.ambiguous, RuleLoader.closest(word, in: names) != nil {
                report("ambiguous-suppression", .error,
                       "'\(word)' looks like a rule id but names no loaded rule, so it is read as the start of the reason.",
                       advice: "If it is a rule, check its id with 'statementlint rules'; if the reason starts there, put ':' before it: "
                           + "'statementlint-\(d.kind.rawValue) \(reading.targets.joined(separator: " ")): \(word) …'.")
            }
            if d.kind != .enable && reading.reason == nil && !reading.targets.isEmpty {
                report("suppression-without-reason", .warning, "This suppression gives no reason.",
                       advice: "Say why the finding does not apply, after the rule id: e.g. 'statementlint-disable-next-line \(reading.targets[0]) quoting the family's statement'.")
            }
            if reportUnused && !used[i] && d.kind != .enable && reading.targets.allSatisfy(known) && !reading.targets.isEmpty {
                report("unused-suppression", .warning, "This suppression no longer silences any finding.", advice: "Remove it.")
            }
        }
        findings += meta
    }
}
