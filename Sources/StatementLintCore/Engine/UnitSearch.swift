import CPCRE2

/// Searching one rule's patterns in one document: which units a pattern is searched in (with
/// the literal gate on, only those holding its literals), and the search of one unit, split
/// patterns included. What a match means (quotes, exceptions, findings) is CheckContext's.
extension CheckContext {
    /// Whether the prefilter proves `pattern` cannot match anywhere in this document.
    func cannotMatch(_ pattern: GatedPattern) -> Bool {
        guard let gate else { return false }
        guard let ids = pattern.literalIDs else {
            return !pattern.branches.isEmpty && pattern.branches.allSatisfy(cannotMatch)
        }
        for id in ids where gate.present[Int(id)] { return false }
        return true
    }

    /// The units a pattern of this rule matches within: its scope's sentences or paragraphs,
    /// or the whole text.
    func unitRange(_ u: Int) -> Range<Int> {
        switch rule.scope {
        case .sentence: return doc.sentences[u]
        case .paragraph: return doc.paragraphs[u]
        case .document: return 0..<text.count
        }
    }

    var unitCount: Int {
        switch rule.scope {
        case .sentence: return doc.sentences.count
        case .paragraph: return doc.paragraphs.count
        case .document: return 1
        }
    }

    /// The matches of `pattern` in unit `u` (range and groups), in order, into `found`
    /// (emptied first).
    func searchUnit(_ pattern: GatedPattern, _ u: Int, into found: inout [(Range<Int>, [Range<Int>?])]) throws(RegexMatchError) {
        found.removeAll(keepingCapacity: true)
        _ = try searchUnit(pattern, u) { found.append(($0, $1)); return true }
    }

    /// Calls `body` with each match of `pattern` in unit `u` (range and groups), in order,
    /// while it returns true; false when `body` stopped the search. `body` runs while the
    /// search holds the scratch space, so it must not search itself.
    func searchUnit(_ pattern: GatedPattern, _ u: Int, _ body: (Range<Int>, [Range<Int>?]) -> Bool) throws(RegexMatchError) -> Bool {
        var going = true
        if let gate, !pattern.branches.isEmpty {
            try searchBranches(pattern.branches, unit: u, gate: gate) { going = body($0, [$0]); return going }
        } else {
            try pattern.regex.forEachMatch(in: subject, subject.span(unitRange(u)), scratch: scratch) { m in
                going = body(m.range, m.groups)
                return going
            }
        }
        return going
    }

    /// The matches of a split pattern (see `Pattern.branches`) in unit `u`, in order, found
    /// with only the branches whose literals the unit holds; a branch without them cannot
    /// match there. The alternation takes, at the leftmost place where any branch matches,
    /// the first branch (in pattern order) that matches there, then goes on after that
    /// match. So each candidate branch's next match is kept; the earliest wins, ties go to
    /// the earlier branch, and a branch is searched again only once the search has passed
    /// the start of its kept match. Every branch requires a literal, so no match is empty.
    func searchBranches(_ branches: [GatedPattern], unit u: Int, gate: UnitGate, _ body: (Range<Int>) -> Bool) throws(RegexMatchError) {
        let unit = subject.span(unitRange(u))
        var candidates: [Int] = []
        for (i, b) in branches.enumerated() where gate.contains(slot: b.slot, unit: u) { candidates.append(i) }
        if candidates.count == 1 {
            try branches[candidates[0]].regex.forEachMatch(in: subject, unit, scratch: scratch) { body($0.range) }
            return
        }
        // Each candidate's next match from `position`: -1 (not searched yet) or Int.max (none) as starts.
        var start = [Int](repeating: -1, count: candidates.count), end = start
        var position = unit.range.lowerBound
        while true {
            var best = -1
            for k in candidates.indices {
                if start[k] < position {
                    if let r = try branches[candidates[k]].regex.firstMatch(in: subject, unit.from(position), scratch: scratch) {
                        // Every branch requires a non-empty literal, so this cannot happen; were
                        // it to, the search would not move on.
                        guard !r.isEmpty else { throw RegexMatchError(code: PCRE2_ERROR_INTERNAL) }
                        start[k] = r.lowerBound
                        end[k] = r.upperBound
                    } else {
                        start[k] = Int.max
                    }
                }
                if start[k] != Int.max && (best < 0 || start[k] < start[best]) { best = k }
            }
            guard best >= 0 else { return }
            if !body(start[best]..<end[best]) { return }
            position = end[best]
        }
    }

    /// Whether the prefilter proves exception `pattern` cannot match in the given area around
    /// a match starting in sentence `sentence`. When the rule matches within sentences, the
    /// sentence areas lie inside one sentence, which must hold one of the pattern's literals;
    /// otherwise the literals must occur somewhere in the document.
    func cannotMatch(_ pattern: GatedPattern, in area: ContextArea?, sentence: Int?) -> Bool {
        guard let gate, pattern.literalIDs != nil else { return false }
        guard let sentence, rule.scope == .sentence else { return cannotMatch(pattern) }
        switch area ?? .sentence {
        case .sentence, .before, .after, .match: return !gate.contains(slot: pattern.slot, unit: sentence)
        case .previousSentence: return sentence == 0 || !gate.contains(slot: pattern.slot, unit: sentence - 1)
        case .nextSentence: return sentence + 1 >= doc.sentences.count || !gate.contains(slot: pattern.slot, unit: sentence + 1)
        case .paragraph, .document: return cannotMatch(pattern)
        }
    }
}
