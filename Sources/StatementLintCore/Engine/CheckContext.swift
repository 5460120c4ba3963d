/// One rule running over one document: the shared machinery every check kind uses
/// (matching with quotes and exceptions, building findings and messages).
struct CheckContext {
    let doc: Document
    let text: UnsafeBufferPointer<UInt8>
    let scratch: MatchScratch
    let rule: Rule
    /// Which of the linter's literals occur in the document (nil: prefilter off).
    let present: [Bool]?
    var findings: [Finding] = []

    init(doc: Document, text: UnsafeBufferPointer<UInt8>, scratch: MatchScratch, rule: Rule, present: [Bool]?) {
        self.doc = doc
        self.text = text
        self.scratch = scratch
        self.rule = rule
        self.present = present
    }

    mutating func run() throws(RegexMatchError) {
        switch rule.check {
        case .forbid(let patterns, let fix): try runForbid(patterns: patterns, fix: fix)
        case .swap(let entries, let safety): try runSwap(entries: entries, safety: safety)
        case .require(let patterns, let min, let first): try runRequire(patterns: patterns, min: min, firstParagraphOnly: first)
        case .conditional(let ifs, let thens): try runConditional(ifPatterns: ifs, thenPatterns: thens)
        case .metric(let kind, let max): runMetric(kind, max: max)
        }
    }

    /// Whether the prefilter proves `pattern` cannot match this document.
    func cannotMatch(_ pattern: Pattern) -> Bool {
        guard let ids = pattern.literalIDs, let present else { return false }
        for id in ids where present[Int(id)] { return false }
        return true
    }

    /// Matches of `pattern` that survive the rule's quote mode and exceptions, as
    /// (text range, group text ranges).
    func matches(_ pattern: Pattern, applyExceptions: Bool = true) throws(RegexMatchError) -> [(Range<Int>, [Range<Int>?], [String: Int])] {
        if cannotMatch(pattern) { return [] }
        var out: [(Range<Int>, [Range<Int>?], [String: Int])] = []
        try pattern.regex.forEachMatch(in: text, scratch: scratch) { m in
            out.append((m.range, m.groups, pattern.regex.groupNames))
            return true
        }
        var kept: [(Range<Int>, [Range<Int>?], [String: Int])] = []
        for m in out {
            if rule.quotes == .skip && doc.isQuoted(m.0.lowerBound) { continue }
            if applyExceptions, try isExcepted(m.0) { continue }
            kept.append(m)
        }
        return kept
    }

    /// Whether one of the rule's exceptions matches around `range`.
    func isExcepted(_ range: Range<Int>) throws(RegexMatchError) -> Bool {
        guard !rule.exceptions.isEmpty else { return false }
        for exception in rule.exceptions {
            guard let area = self.area(exception.area, around: range), !(area.isEmpty && exception.area != .match) else { continue }
            if cannotMatch(exception.pattern) { continue }
            // The area is searched as a text of its own: `^` and `$` mark its ends.
            let slice = UnsafeBufferPointer(rebasing: text[area])
            if try exception.pattern.regex.firstMatch(in: slice, scratch: scratch) != nil { return true }
        }
        return false
    }

    func area(_ area: ContextArea?, around range: Range<Int>) -> Range<Int>? {
        let sentenceIndex = doc.sentenceIndex(at: range.lowerBound)
        let sentence = sentenceIndex.map { doc.sentences[$0] } ?? (0..<text.count)
        let resolved: ContextArea
        if let area { resolved = area } else {
            switch rule.scope {
            case .sentence: resolved = .sentence
            case .paragraph: resolved = .paragraph
            case .document: resolved = .document
            }
        }
        switch resolved {
        case .sentence: return min(sentence.lowerBound, range.lowerBound)..<max(sentence.upperBound, range.upperBound)
        case .before: return min(sentence.lowerBound, range.lowerBound)..<range.lowerBound
        case .after: return range.upperBound..<max(range.upperBound, sentence.upperBound)
        case .previousSentence:
            guard let i = sentenceIndex, i > 0, doc.sentenceParagraph[i - 1] == doc.sentenceParagraph[i] else { return nil }
            return doc.sentences[i - 1]
        case .nextSentence:
            guard let i = sentenceIndex, i + 1 < doc.sentences.count, doc.sentenceParagraph[i + 1] == doc.sentenceParagraph[i] else { return nil }
            return doc.sentences[i + 1]
        case .paragraph:
            guard let p = doc.paragraphIndex(at: range.lowerBound) else { return 0..<text.count }
            return min(doc.paragraphs[p].lowerBound, range.lowerBound)..<max(doc.paragraphs[p].upperBound, range.upperBound)
        case .document: return 0..<text.count
        case .match: return range
        }
    }

    // MARK: Building findings

    /// Expands `$0`, `$1`…`$9`, `${name}` and the extra `${key}` values in a template.
    func expand(_ template: String, groups: [Range<Int>?], names: [String: Int], extra: [String: String] = [:]) -> String {
        guard template.contains("$") else { return template }
        func group(_ i: Int) -> String {
            guard i < groups.count, let r = groups[i] else { return "" }
            return doc.originalString(doc.originalRange(r))
        }
        var out = ""
        var chars = Array(template)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "$", i + 1 < chars.count {
                let n = chars[i + 1]
                if let d = n.wholeNumberValue, n.isASCII {
                    out += group(d); i += 2; continue
                }
                if n == "{", let close = chars[(i + 2)...].firstIndex(of: "}") {
                    let name = String(chars[(i + 2)..<close])
                    if let v = extra[name] { out += v } else if let g = names[name] { out += group(g) } else if let d = Int(name) { out += group(d) } else { out += "${\(name)}" }
                    i = close + 1
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return out
    }

    mutating func report(_ range: Range<Int>, groups: [Range<Int>?] = [], names: [String: Int] = [:], fix: (String, FixSafety)? = nil, extra: [String: String] = [:]) {
        let original = doc.originalRange(range)
        var values = extra
        if let fix { values["replacement"] = fix.0 }
        let groups = groups.isEmpty ? [range] : groups
        let sentence = doc.sentenceIndex(at: range.lowerBound).map { doc.originalString(doc.originalRange(doc.sentences[$0])) }
        findings.append(Finding(
            ruleID: rule.id, ruleKind: rule.kind, category: rule.category, severity: rule.severity,
            message: expand(rule.message, groups: groups, names: names, extra: values),
            range: original,
            start: doc.position(ofOriginal: original.lowerBound),
            end: doc.position(ofOriginal: original.upperBound),
            matchedText: doc.originalString(original),
            sentence: sentence,
            fix: fix.map { Fix(range: original, replacement: $0.0, safety: $0.1) },
            suggestions: rule.suggestions.map { expand($0, groups: groups, names: names, extra: values) },
            advice: rule.advice.map { expand($0, groups: groups, names: names, extra: values) },
            documentLevel: false, suppression: nil))
    }

    /// A finding about the statement as a whole, placed at its first character.
    mutating func reportDocument(extra: [String: String] = [:]) {
        let at = doc.bomLength
        let pos = doc.position(ofOriginal: at)
        findings.append(Finding(
            ruleID: rule.id, ruleKind: rule.kind, category: rule.category, severity: rule.severity,
            message: expand(rule.message, groups: [], names: [:], extra: extra),
            range: at..<at, start: pos, end: pos, matchedText: "", sentence: nil, fix: nil,
            suggestions: rule.suggestions.map { expand($0, groups: [], names: [:], extra: extra) },
            advice: rule.advice.map { expand($0, groups: [], names: [:], extra: extra) },
            documentLevel: true, suppression: nil))
    }
}
