/// Derives from a PCRE2 pattern sets of literals such that every match contains at least one
/// literal of each set (lowercase ASCII), so the engine can skip the pattern on text missing
/// any set. Conservative by construction: anything it does not fully understand yields nil
/// (no prefilter), never a wrong set.
package enum LiteralExtractor {
    /// A literal set is used only when the expected share of text positions where one of its
    /// literals starts (see `cost`) is below this: sets of very short or very common strings
    /// would select nearly every sentence and only add work. It admits one common word
    /// (0.3, or 0.6 for two letters) but not a single letter (1) nor two common short words.
    /// (How the figure was chosen: docs/performance.md.)
    static let costLimit = 1.0
    /// Exact sets (all strings a piece can match) larger than this are not tracked.
    static let maximumExact = 64

    /// At most this many literal sets gate one pattern (a unit must hold one literal of each).
    static let maximumSets = 3

    /// Literal sets every match must contain one literal of each of, cheapest first (at most
    /// `maximumSets`, each costing less than `costLimit`); nil when there is none. Requiring all of
    /// them is exact and far more selective than one: "on medical leave" needs "leave" and
    /// "medical", and "paid administrative leave" has only the first.
    package static func requiredLiteralSets(_ pattern: String) -> [[[UInt8]]]? {
        if pattern.contains("(?x") || pattern.contains("(?#") || pattern.contains("(*") || pattern.contains("\\Q") { return nil }
        if pattern.utf8.contains(wordStart) { return nil }
        var parser = Parser(Array(pattern.utf8))
        guard let node = parser.parseAlternation(), parser.atEnd, let best = node.literals else { return nil }
        return choose([best] + node.also)
    }

    /// The sets to gate on among `candidates` (each required of every match): cleaned,
    /// each once, cheapest first, within `maximumSets` and `costLimit`.
    package static func choose(_ candidates: [[[UInt8]]]) -> [[[UInt8]]]? {
        var seen = Set<[[UInt8]]>()
        let ranked = candidates
            .compactMap { set -> [[UInt8]]? in
                // A set with an empty literal (one that was only a word-start mark) guarantees nothing.
                let clean = set.map(canonical)
                return clean.contains(where: \.isEmpty) ? nil : clean
            }
            .map { Array(Set($0)).sorted { $0.lexicographicallyPrecedes($1) } }
            .filter { seen.insert($0).inserted }
            .sorted { cost($0) != cost($1) ? cost($0) < cost($1) : $0.count < $1.count }
        var sets: [[[UInt8]]] = []
        for set in ranked where sets.count < maximumSets && cost(set) < costLimit {
            sets.append(set)
        }
        return sets.isEmpty ? nil : sets
    }

    /// The branches of a pattern that is an alternation at its top level (`a|b|c`), in order,
    /// when searching with each branch on its own finds exactly the alternation's matches:
    /// no group captures (removing a branch would renumber groups), and nothing refers across
    /// branches or changes how later branches are read (back-references, subroutine calls,
    /// recursion, conditionals, verbs, option settings such as `(?i)` that carry into the
    /// following branches, `\K`, `\G`). nil otherwise, or when there is only one branch.
    package static func topLevelBranches(_ pattern: String) -> [String]? {
        let p = Array(pattern.utf8)
        var branches: [String] = []
        var depth = 0, start = 0, i = 0
        func byte(_ k: Int) -> UInt8 { k < p.count ? p[k] : 0 }
        while i < p.count {
            switch p[i] {
            case UInt8(ascii: "\\"):
                let e = byte(i + 1)
                // Back-references (\1, \g, \k), \K, \G, \Q…\E and code points are not split.
                if (e >= 0x30 && e <= 0x39) || [UInt8(ascii: "g"), UInt8(ascii: "k"), UInt8(ascii: "K"), UInt8(ascii: "G"),
                                                  UInt8(ascii: "Q"), UInt8(ascii: "E"), UInt8(ascii: "x"), UInt8(ascii: "o"),
                                                  UInt8(ascii: "c"), UInt8(ascii: "N")].contains(e) { return nil }
                i += 2
            case UInt8(ascii: "["):
                guard let end = classEnd(p, i) else { return nil }
                i = end
            case UInt8(ascii: "("):
                let n = byte(i + 1)
                guard n == UInt8(ascii: "?") else { return nil } // a capturing group, or a verb (*…)
                let k = byte(i + 2)
                switch k {
                case UInt8(ascii: ":"), UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "!"): break
                case UInt8(ascii: "<") where byte(i + 3) == UInt8(ascii: "=") || byte(i + 3) == UInt8(ascii: "!"): break
                default:
                    // Scoped options (?i:…) are fine; bare settings (?i), named groups, (?|…),
                    // (?R), (?1), (?&…), (?P…), (?(…) and comments are not.
                    var j = i + 2
                    while j < p.count, (p[j] >= 0x61 && p[j] <= 0x7A) || (p[j] >= 0x41 && p[j] <= 0x5A) || p[j] == UInt8(ascii: "-") || p[j] == UInt8(ascii: "^") { j += 1 }
                    guard j > i + 2, byte(j) == UInt8(ascii: ":"), !p[(i + 2)..<j].contains(UInt8(ascii: "x")) else { return nil }
                }
                depth += 1
                i += 2
            case UInt8(ascii: ")"):
                depth -= 1
                guard depth >= 0 else { return nil }
                i += 1
            case UInt8(ascii: "|") where depth == 0:
                branches.append(String(decoding: p[start..<i], as: UTF8.self))
                i += 1
                start = i
            default:
                i += 1
            }
        }
        guard depth == 0, !branches.isEmpty else { return nil }
        branches.append(String(decoding: p[start..<p.count], as: UTF8.self))
        return branches.contains(where: \.isEmpty) ? nil : branches
    }

    /// The index just past the character class that opens at `p[start]` (`[`), counting `]`
    /// as its first member, escapes and POSIX classes such as `[:alpha:]`; nil when it never
    /// closes.
    static func classEnd(_ p: [UInt8], _ start: Int) -> Int? {
        var i = start + 1
        if i < p.count && p[i] == UInt8(ascii: "^") { i += 1 }
        if i < p.count && p[i] == UInt8(ascii: "]") { i += 1 }
        while i < p.count && p[i] != UInt8(ascii: "]") {
            if p[i] == UInt8(ascii: "\\") { i += 1 }
            else if p[i] == UInt8(ascii: "["), i + 1 < p.count, p[i + 1] == UInt8(ascii: ":") {
                while i < p.count && !(p[i] == UInt8(ascii: "]") && p[i - 1] == UInt8(ascii: ":")) { i += 1 }
            }
            i += 1
        }
        return i < p.count ? i + 1 : nil
    }

    /// First in a literal: "this literal starts a word". Its first byte is an ASCII word
    /// character (letter, digit or `_`) and the text byte before it is not one (or there is
    /// none). `\b` before a word character, and `\s`, `\W`, `\h`, `\v` or `\R` (each at
    /// least once) before one, imply it. The scanner checks it at each occurrence (see
    /// `LiteralScanner`), so "at" in `\bat\b` no longer selects every sentence with "that"
    /// or "state". Conservative: a non-ASCII letter before counts as not a word character,
    /// though PCRE2's `\b` (with UCP) takes it for one.
    package static let wordStart: UInt8 = 0x01

    /// Whether `b` is an ASCII word character (`\w` in every mode of PCRE2).
    @inline(__always) package static func isASCIIWord(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F
    }

    /// `literal` with a word-start mark only where it is checked: first, before a word
    /// character. A mark inside adds nothing the literal's own bytes do not say, or (between
    /// two word characters) could never hold, and is dropped: requiring less is always safe.
    package static func canonical(_ literal: [UInt8]) -> [UInt8] {
        var out = literal.filter { $0 != wordStart }
        if literal.first == wordStart, let first = out.first, isASCIIWord(first) { out.insert(wordStart, at: 0) }
        return out
    }

    /// Words so frequent in statements that requiring one of them filters almost nothing.
    static let commonWords: Set<[UInt8]> = Set([
        // Two-letter words are also frequent letter pairs inside other words ("on" in "information").
        "an", "am", "as", "at", "be", "by", "do", "he", "if", "in", "is", "it", "me", "my", "no", "of", "on", "or",
        "so", "to", "up", "us", "we",
        "the", "and", "was", "were", "for", "are", "his", "her", "has", "had", "have", "not", "with", "that",
        "this", "you", "all", "but", "our", "out", "one", "its", "who", "him", "she", "they", "from", "said",
        "been", "will", "which", "their", "there", "when", "what", "into", "after", "about", "officer", "police",
    ].map { Array($0.utf8) })

    /// A rough estimate of how often a literal occurs: short strings are common, and a few
    /// whole words are very common. Used to choose among the literal sets a pattern requires.
    static func cost(_ literal: [UInt8]) -> Double {
        // A literal that must start a word occurs far less often than the same letters
        // anywhere ("at" is in "that", "state", "treatment"): priced as half as common, and a
        // short common word as a word (0.3), not as a letter pair (see docs/performance.md).
        if literal.contains(wordStart) {
            let bare = literal.filter { $0 != wordStart }
            guard !bare.isEmpty else { return 1 }
            return commonWords.contains(bare) ? Swift.min(cost(bare), 0.3) : cost(bare) * 0.5
        }
        var trimmed = literal[...]
        while let f = trimmed.first, f == 0x20 { trimmed = trimmed.dropFirst() }
        while let l = trimmed.last, l == 0x20 { trimmed = trimmed.dropLast() }
        let base: Double
        switch literal.count {
        case 0, 1: base = 1
        case 2: base = 0.2
        case 3: base = 0.03
        case 4: base = 0.006
        default: base = 0.002
        }
        guard commonWords.contains(Array(trimmed)) else { return base }
        return max(base, trimmed.count <= 2 ? 0.6 : 0.3)
    }

    static func cost(_ set: [[UInt8]]) -> Double { set.reduce(0) { $0 + cost($1) } }
}
