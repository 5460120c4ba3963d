/// One rule running over one document: the shared machinery every check kind uses
/// (matching with quotes and exceptions, building findings and messages). Which units are
/// searched and how (the literal gate, split patterns) is in UnitSearch.swift.
struct CheckContext {
    let doc: Document
    /// The document's text as searches see it (made once per document).
    let subject: Subject
    var text: UnsafeBufferPointer<UInt8> { subject.bytes }
    let scratch: MatchScratch
    /// The rule and its patterns as this linter gates them (held by reference).
    let plan: RulePlan
    var rule: Rule { _read { yield plan.rule } }
    /// Sentences holding each pattern's literals (nil: prefilter off, every sentence is searched).
    let gate: UnitGate?
    var findings: [Finding] = []

    /// Answers of exceptions looked for in the whole statement (see `isExcepted`); nil when
    /// the rule has no exception looked for there.
    let exceptionMemo: ExceptionMemo?

    /// When the file's time runs out (`monotonicNanoseconds`; `.max`: never): searches stop
    /// there with `RegexMatchError.timeLimit`.
    let deadline: UInt64

    init(doc: Document, subject: Subject, scratch: MatchScratch, plan: RulePlan, gate: UnitGate?, deadline: UInt64 = .max) {
        self.deadline = deadline
        self.doc = doc
        self.subject = subject
        self.scratch = scratch
        self.plan = plan
        self.gate = gate
        exceptionMemo = plan.rule.exceptions.contains { $0.area != .match && $0.area != .before && $0.area != .after } ? ExceptionMemo() : nil
    }

    mutating func run() throws(RegexMatchError) {
        // Each kind's patterns, as gated, are `plan.matchPatterns` in the order the check lists them.
        switch rule.check {
        case .forbid(_, let fix): try runForbid(patterns: plan.matchPatterns, fix: fix)
        case .swap(let entries, let safety): try runSwap(entries: entries, patterns: plan.matchPatterns, safety: safety)
        case .require(_, let min, let first): try runRequire(patterns: plan.matchPatterns, min: min, firstParagraphOnly: first)
        case .conditional(let ifs, _):
            try runConditional(ifPatterns: plan.matchPatterns[..<ifs.count], thenPatterns: plan.matchPatterns[ifs.count...])
        case .metric(let kind, let max): runMetric(kind, max: max)
        }
    }

    /// Matches of `pattern` that survive the rule's quote mode and exceptions, as
    /// (text range, group text ranges, group names), in text order.
    ///
    /// A pattern matches within one unit of the rule's scope (by default a sentence): each
    /// unit is searched on its own, text before it staying visible to look-behind and `\b`
    /// and the search stopping at its end. With the prefilter on, only units holding one of
    /// the pattern's literals are searched, which by construction finds the same matches.
    /// `units` limits the search to the first units (for `within: first-paragraph`).
    func matches(_ pattern: GatedPattern, applyExceptions: Bool = true, units limit: Int? = nil) throws(RegexMatchError) -> [(Range<Int>, [Range<Int>?], [String: Int])] {
        var out: [(Range<Int>, [Range<Int>?], [String: Int])] = []
        try forEachMatch(pattern, applyExceptions: applyExceptions, units: limit) { out.append(($0, $1, $2)); return true }
        return out
    }

    /// Calls `body` with each match `matches` would return, in the same order, until `body`
    /// returns false: checks that need only the first few matches (`require`, `conditional`)
    /// stop searching there.
    func forEachMatch(_ pattern: GatedPattern, applyExceptions: Bool = true, units limit: Int? = nil,
                      _ body: (Range<Int>, [Range<Int>?], [String: Int]) -> Bool) throws(RegexMatchError) {
        let limit = limit ?? unitCount
        let filter = rule.quotes == .skip || (applyExceptions && !rule.exceptions.isEmpty)
        var found: [(Range<Int>, [Range<Int>?])] = []
        // One unit at a time: its matches are collected first, because exceptions are matched
        // with the same scratch space the unit's search is using.
        func search(_ u: Int) throws(RegexMatchError) -> Bool {
            try checkTime()
            // Without exceptions to match, nothing else needs the scratch space: the matches go
            // to `body` as they are found, so a check that needs only the first stops there.
            if !(applyExceptions && !rule.exceptions.isEmpty) {
                return try searchUnit(pattern, u) { range, groups in
                    if rule.quotes == .skip && doc.isQuoted(range.lowerBound) { return true }
                    return body(range, groups, pattern.regex.groupNames)
                }
            }
            try searchUnit(pattern, u, into: &found)
            for (range, groups) in found {
                try checkTime()
                if filter {
                    if rule.quotes == .skip && doc.isQuoted(range.lowerBound) { continue }
                    if applyExceptions, try isExcepted(range) { continue }
                }
                if !body(range, groups, pattern.regex.groupNames) { return false }
            }
            return true
        }
        if let gate, pattern.literalIDs != nil {
            for u in gate.units(slot: pattern.slot, below: limit) { if try !search(u) { return } }
        } else {
            for u in 0..<limit { if try !search(u) { return } }
        }
    }

    /// Throws `RegexMatchError.timeLimit` once the file's time has run out.
    @inline(__always) func checkTime() throws(RegexMatchError) {
        if deadline != .max && monotonicNanoseconds() > deadline { throw .timeLimit }
    }

    /// Whether one of the rule's exceptions matches around `range`.
    func isExcepted(_ range: Range<Int>) throws(RegexMatchError) -> Bool {
        guard !rule.exceptions.isEmpty else { return false }
        let sentence = doc.sentenceIndex(at: range.lowerBound)
        let exceptions = rule.exceptions
        for index in exceptions.indices {
            let area = exceptions[index].area
            guard let searched = self.area(area, around: range, sentence: sentence), !(searched.isEmpty && area != .match) else { continue }
            let pattern = plan.exceptions[index]
            if cannotMatch(pattern, in: area, sentence: sentence) { continue }
            // The statement, a paragraph or a sentence is the same area for every match in it:
            // whether the exception is there is looked for once per area (the answer depends
            // on the pattern and the area alone).
            let memo = area != .match && area != .before && area != .after ? exceptionMemo : nil
            if let known = memo?.answer(index, searched) {
                if known { return true }
                continue
            }
            let found = try exceptionMatches(pattern, area: area, in: searched, sentence: sentence)
            memo?.record(index, searched, found)
            if found { return true }
        }
        return false
    }

    /// Whether exception `pattern`, looked for in `area` (of kind `kind`) around a match in
    /// sentence `sentence`, matches there.
    func exceptionMatches(_ pattern: GatedPattern, area kind: ContextArea?, in area: Range<Int>, sentence: Int?) throws(RegexMatchError) -> Bool {
        // Every search for an exception comes through here; `--timings` counts them apart.
        let stats = scratch.stats
        stats?.lookingForExceptions = true
        defer { stats?.lookingForExceptions = false }
        // The area is searched as a text of its own: `^` and `$` mark its ends.
        let slice = subject.area(area)
        let all = slice.whole
        if gate != nil, !pattern.branches.isEmpty {
            // A split pattern matches where one of its branches does.
            for b in pattern.branches where !cannotMatch(b, in: kind, sentence: sentence) {
                if try b.regex.firstMatch(in: slice, all, scratch: scratch) != nil { return true }
            }
            return false
        }
        return try pattern.regex.firstMatch(in: slice, all, scratch: scratch) != nil
    }

    /// The text an exception in `area` is looked for in, around a match at `range` whose
    /// first byte lies in sentence `sentenceIndex`.
    func area(_ area: ContextArea?, around range: Range<Int>, sentence sentenceIndex: Int?) -> Range<Int>? {
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
    /// Works on UTF-8 bytes: this runs for every message, suggestion and fix of every finding.
    func expand(_ template: String, groups: [Range<Int>?], names: [String: Int], extra: [String: String] = [:]) -> String {
        // Most messages and advice have no "$": the rule's own string is shared, not copied.
        var template = template
        guard template.withUTF8({ $0.contains(0x24) }) else { return template }
        return template.withUTF8 { t -> String in
            var out: [UInt8] = []
            out.reserveCapacity(t.count + 64)
            func group(_ i: Int) {
                guard i < groups.count, let r = groups[i] else { return }
                out.append(contentsOf: doc.original[doc.originalRange(r)])
            }
            var i = 0
            while i < t.count {
                // The text up to the next "$" is copied whole.
                var next = i
                while next < t.count && t[next] != 0x24 { next += 1 }
                if next > i { out.append(contentsOf: UnsafeBufferPointer(rebasing: t[i..<next])) }
                i = next
                guard i < t.count else { break }
                if i + 1 < t.count {
                    let n = t[i + 1]
                    if n >= 0x30 && n <= 0x39 { group(Int(n - 0x30)); i += 2; continue }
                    if n == 0x7B, let close = t[(i + 2)...].firstIndex(of: 0x7D) {
                        let name = String(decoding: UnsafeBufferPointer(rebasing: t[(i + 2)..<close]), as: UTF8.self)
                        if let v = extra[name] { out.append(contentsOf: v.utf8) }
                        else if let g = names[name] { group(g) }
                        else if let d = Int(name) { group(d) }
                        else { out.append(contentsOf: "${\(name)}".utf8) }
                        i = close + 1
                        continue
                    }
                }
                // A "$" that starts nothing stands for itself.
                out.append(0x24)
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    mutating func report(_ range: Range<Int>, groups: [Range<Int>?] = [], names: [String: Int] = [:], fix: (String, FixSafety)? = nil, extra: [String: String] = [:]) {
        let original = doc.originalRange(range)
        var values = extra
        if let fix { values["replacement"] = fix.0 }
        let groups = groups.isEmpty ? [range] : groups
        let sentence = doc.sentenceIndex(at: range.lowerBound).map { doc.sentenceText($0, around: original) }
        let positions = doc.positions(ofOriginal: original)
        findings.append(Finding(
            ruleID: rule.id, ruleKind: rule.kind, category: rule.category, severity: rule.severity,
            message: expand(rule.message, groups: groups, names: names, extra: values),
            range: original,
            start: positions.start,
            end: positions.end,
            matchedText: doc.originalString(original),
            sentence: sentence,
            fix: fix.map { Fix(range: original, replacement: $0.0, safety: $0.1) },
            suggestions: rule.suggestions.map { expand($0, groups: groups, names: names, extra: values) },
            advice: rule.advice.map { expand($0, groups: groups, names: names, extra: values) },
            documentLevel: false, suppression: nil, element: rule.element))
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
            documentLevel: true, suppression: nil, element: rule.element))
    }
}

extension RegexMatchError {
    /// Not PCRE2's: the file's time limit ran out (see `Linter.timeLimit`).
    static let timeLimit = RegexMatchError(code: -0x7FFF_0001)
}

/// Whether each exception (by its index in the rule) is in the area it was last looked for
/// in, for one rule over one document. Matches come in text order, so the areas of one
/// paragraph's or sentence's matches follow one another.
final class ExceptionMemo {
    private var known: [(index: Int, area: Range<Int>, found: Bool)] = []
    func answer(_ index: Int, _ area: Range<Int>) -> Bool? {
        for k in known where k.index == index { return k.area == area ? k.found : nil }
        return nil
    }
    func record(_ index: Int, _ area: Range<Int>, _ found: Bool) {
        if let i = known.firstIndex(where: { $0.index == index }) { known[i] = (index, area, found) } else { known.append((index, area, found)) }
    }
}
