/// Derives from a PCRE2 pattern sets of literals such that every match contains at least one
/// literal of each set (lowercase ASCII), so the engine can skip the pattern on text missing
/// any set. Conservative by construction: anything it does not fully understand yields nil
/// (no prefilter), never a wrong set.
package enum LiteralExtractor {
    /// A literal set is used only when the expected share of text positions where one of its
    /// literals starts (see `cost`) is below this: sets of very short or very common strings
    /// would select nearly every sentence and only add work. It admits one common word
    /// (0.3, or 0.6 for two letters) but not a single letter (1) nor two common short words.
    /// Measured in instructions over 200 corpus files with the whole pack: limit 0.5 → 886 M,
    /// 1.0 → 818 M, 2.0 → 998 M; 1.0 only for sets without short or common literals → 849 M.
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
    /// each once, cheapest first, within `maximumSets` and `costLimit`. (A stricter limit for
    /// the sets after the first, 0.1 or 0.35, scanned fewer occurrences of common words but
    /// searched more sentences: slower over the corpus.)
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
        // short common word as a word (0.3), no longer also as a letter pair. Measured over
        // 1,000 corpus files: 2,883 M instructions without marks, 2,817 M with these prices;
        // pricing marked literals as unmarked ones was worse than no marks at all.
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

    /// What a piece of pattern guarantees. `literals`: one of these strings occurs in every
    /// match (nil: nothing known). `exact`: every string the piece can match, when that is a
    /// small finite set of ASCII strings (lowercased), so neighbours can be joined to it.
    struct Info {
        var literals: [[UInt8]]?
        var exact: [[UInt8]]? = nil
        /// Other literal sets that every match also requires (one literal of each).
        var also: [[[UInt8]]] = []
    }

    struct Parser {
        let p: [UInt8]
        var i = 0
        init(_ p: [UInt8]) { self.p = p }
        var atEnd: Bool { i >= p.count }

        /// alternation := concatenation ('|' concatenation)*
        mutating func parseAlternation() -> Info? {
            var branches: [Info] = []
            guard let first = parseConcatenation() else { return nil }
            branches.append(first)
            while i < p.count && p[i] == UInt8(ascii: "|") {
                i += 1
                guard let next = parseConcatenation() else { return nil }
                branches.append(next)
            }
            if branches.count == 1 { return branches[0] }
            var all: [[UInt8]]? = []
            var exact: [[UInt8]]? = []
            for b in branches {
                if let l = b.literals, all != nil { all! += l } else { all = nil }
                if let e = b.exact, exact != nil, exact!.count + e.count <= LiteralExtractor.maximumExact { exact! += e } else { exact = nil }
            }
            return Info(literals: all, exact: exact.map { Array(Set($0)) })
        }

        enum Atom {
            case char(UInt8)      // one ASCII literal byte (lowercased)
            case opaque           // matches something we do not track (class, dot, non-ASCII)
            case nonWord          // one character that is never a word character (\s, \W, \h, \v, \R)
            case boundary         // \b
            case zeroWidth        // assertion: matches no text
            case group(Info)
        }

        /// concatenation := (atom quantifier?)*
        ///
        /// Adjacent exact pieces are joined (their cross product) into longer literals; every
        /// joined run and every required group is a candidate set, and the cheapest is kept.
        mutating func parseConcatenation() -> Info? {
            var candidates: [[[UInt8]]] = []
            var run: [[UInt8]] = [[]]
            var allExact = true
            func endRun() {
                if !(run.count == 1 && run[0].isEmpty) { candidates.append(run) }
                run = [[]]
            }
            while i < p.count && p[i] != UInt8(ascii: "|") && p[i] != UInt8(ascii: ")") {
                guard let atom = parseAtom() else { return nil }
                guard let (minimum, maximum) = parseQuantifier() else { return nil }
                var exact: [[UInt8]]?
                var required: [[UInt8]]?
                switch atom {
                case .char(let c): exact = [[c]]
                case .opaque, .nonWord: exact = nil
                case .zeroWidth: exact = [[]]
                // Kept only before a word character (see `canonical`).
                case .boundary: exact = minimum == 1 && maximum == 1 ? [[LiteralExtractor.wordStart]] : [[]]
                case .group(let info): exact = info.exact; required = info.literals
                }
                var repeated: [[UInt8]]? = nil
                if let e = exact {
                    if minimum == 1 && maximum == 1 { repeated = e }
                    else if minimum == 0 && maximum == 1 { repeated = e + [[]] }
                }
                if let r = repeated {
                    if run.count * r.count > LiteralExtractor.maximumExact { endRun(); allExact = false }
                    var joined: [[UInt8]] = []
                    for a in run { for b in r { joined.append(a + b) } }
                    run = Array(Set(joined))
                } else {
                    endRun()
                    allExact = false
                    if minimum >= 1 {
                        if let required { candidates.append(required) } else if let exact { candidates.append(exact) }
                        if case .group(let info) = atom { candidates += info.also }
                        // After a character that is never a word character, a word character starts a word.
                        if case .nonWord = atom { run = [[LiteralExtractor.wordStart]] }
                    }
                }
            }
            let exact = allExact ? run : nil
            endRun()
            let ranked = candidates.enumerated().sorted { x, y in
                let ca = LiteralExtractor.cost(x.element), cb = LiteralExtractor.cost(y.element)
                return ca != cb ? ca < cb : x.element.count != y.element.count ? x.element.count < y.element.count : x.offset < y.offset
            }.map(\.element)
            return Info(literals: ranked.first, exact: exact, also: Array(ranked.dropFirst()))
        }

        /// Returns (min, max) repetitions; max -1 means unbounded.
        mutating func parseQuantifier() -> (Int, Int)? {
            guard i < p.count else { return (1, 1) }
            var q: (Int, Int)
            switch p[i] {
            case UInt8(ascii: "?"): q = (0, 1); i += 1
            case UInt8(ascii: "*"): q = (0, -1); i += 1
            case UInt8(ascii: "+"): q = (1, -1); i += 1
            case UInt8(ascii: "{"):
                var j = i + 1
                var lo = 0, hi = -1, digits = 0
                while j < p.count, p[j] >= 0x30, p[j] <= 0x39 { lo = lo * 10 + Int(p[j] - 0x30); j += 1; digits += 1 }
                if j < p.count && p[j] == UInt8(ascii: "}") && digits > 0 { hi = lo; j += 1 }
                else if j < p.count && p[j] == UInt8(ascii: ",") {
                    j += 1
                    var hdigits = 0, h = 0
                    while j < p.count, p[j] >= 0x30, p[j] <= 0x39 { h = h * 10 + Int(p[j] - 0x30); j += 1; hdigits += 1 }
                    guard j < p.count && p[j] == UInt8(ascii: "}") else { return (1, 1) } // a literal "{"
                    j += 1
                    if digits == 0 { lo = 0 }
                    hi = hdigits > 0 ? h : -1
                } else { return (1, 1) } // not a quantifier: "{" is literal, parsed next
                i = j
                q = (lo, hi)
            default: return (1, 1)
            }
            if i < p.count && (p[i] == UInt8(ascii: "?") || p[i] == UInt8(ascii: "+")) { i += 1 } // lazy / possessive
            return q
        }

        mutating func parseAtom() -> Atom? {
            let c = p[i]
            switch c {
            case UInt8(ascii: "("):
                i += 1
                var lookaround = false
                if i < p.count && p[i] == UInt8(ascii: "?") {
                    i += 1
                    guard i < p.count else { return nil }
                    switch p[i] {
                    case UInt8(ascii: ":"), UInt8(ascii: ">"), UInt8(ascii: "|"): i += 1
                    case UInt8(ascii: "="), UInt8(ascii: "!"): i += 1; lookaround = true
                    case UInt8(ascii: "<"):
                        i += 1
                        if i < p.count && (p[i] == UInt8(ascii: "=") || p[i] == UInt8(ascii: "!")) { i += 1; lookaround = true }
                        else { while i < p.count && p[i] != UInt8(ascii: ">") { i += 1 }; i += 1 } // named group
                    case UInt8(ascii: "P"):
                        i += 1
                        guard i < p.count, p[i] == UInt8(ascii: "<") else { return nil }
                        while i < p.count && p[i] != UInt8(ascii: ">") { i += 1 }
                        i += 1
                    case UInt8(ascii: "'"):
                        i += 1
                        while i < p.count && p[i] != UInt8(ascii: "'") { i += 1 }
                        i += 1
                    default:
                        // Inline options such as (?i) or (?i:...): flags change case folding only,
                        // which lowercase comparison already covers.
                        var j = i
                        while j < p.count, (p[j] >= 0x61 && p[j] <= 0x7A) || p[j] == UInt8(ascii: "-") || p[j] == UInt8(ascii: "^") { j += 1 }
                        // Extended mode, however combined ((?ix), (?sx:…)), makes white space
                        // insignificant: the literals would be wrong.
                        guard j < p.count, !p[i..<j].contains(UInt8(ascii: "x")) else { return nil }
                        if p[j] == UInt8(ascii: ")") { i = j + 1; return .zeroWidth }
                        guard p[j] == UInt8(ascii: ":") else { return nil }
                        i = j + 1
                    }
                }
                guard let inner = parseAlternation(), i < p.count, p[i] == UInt8(ascii: ")") else { return nil }
                i += 1
                return lookaround ? .zeroWidth : .group(inner)
            case UInt8(ascii: "["):
                guard let end = LiteralExtractor.classEnd(p, i) else { return nil }
                defer { i = end }
                // A letter's two cases (`[Tt]`) is that letter to the case-blind scanner.
                if end - i == 4 {
                    let a = p[i + 1], b = p[i + 2]
                    if a != b, a | 0x20 == b | 0x20, a | 0x20 >= 0x61, a | 0x20 <= 0x7A { return .char(a | 0x20) }
                }
                return .opaque
            case UInt8(ascii: "."): i += 1; return .opaque
            case UInt8(ascii: "^"), UInt8(ascii: "$"): i += 1; return .zeroWidth
            case UInt8(ascii: "\\"):
                guard i + 1 < p.count else { return nil }
                let e = p[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "b"): return .boundary
                case UInt8(ascii: "B"), UInt8(ascii: "A"), UInt8(ascii: "z"), UInt8(ascii: "Z"), UInt8(ascii: "G"), UInt8(ascii: "K"):
                    return .zeroWidth
                case UInt8(ascii: "W"), UInt8(ascii: "s"), UInt8(ascii: "h"), UInt8(ascii: "v"), UInt8(ascii: "R"):
                    return .nonWord
                case UInt8(ascii: "N") where i < p.count && p[i] == UInt8(ascii: "{"):
                    return nil // \N{U+hh}: a code point
                case UInt8(ascii: "w"), UInt8(ascii: "S"), UInt8(ascii: "d"), UInt8(ascii: "D"),
                     UInt8(ascii: "H"), UInt8(ascii: "V"), UInt8(ascii: "N"),
                     UInt8(ascii: "X"), UInt8(ascii: "C"):
                    return .opaque
                case UInt8(ascii: "p"), UInt8(ascii: "P"):
                    if i < p.count && p[i] == UInt8(ascii: "{") { while i < p.count && p[i] != UInt8(ascii: "}") { i += 1 }; i += 1 } else { i += 1 }
                    return .opaque
                case UInt8(ascii: "x"), UInt8(ascii: "o"), UInt8(ascii: "c"), UInt8(ascii: "e"), UInt8(ascii: "g"), UInt8(ascii: "k"), UInt8(ascii: "E"):
                    return nil // code points, back-references, controls: give up on the whole pattern
                case UInt8(ascii: "t"): return .char(0x09)
                case UInt8(ascii: "n"): return .char(0x0A)
                case UInt8(ascii: "r"): return .char(0x0D)
                case UInt8(ascii: "f"): return .char(0x0C)
                case UInt8(ascii: "a"): return .char(0x07)
                case 0x30...0x39: return nil // back-reference or octal
                default:
                    if (e >= 0x41 && e <= 0x5A) || (e >= 0x61 && e <= 0x7A) { return nil } // an escape we do not know
                    return e < 0x80 ? .char(e) : .opaque // punctuation: never changes case
                }
            default:
                if c >= 0x80 {
                    // A non-ASCII character: case folding may involve other characters; skip it whole.
                    i += 1
                    while i < p.count && p[i] & 0xC0 == 0x80 { i += 1 }
                    return .opaque
                }
                i += 1
                return .char(c >= 0x41 && c <= 0x5A ? c | 0x20 : c)
            }
        }
    }
}

/// Aho–Corasick over lowercase ASCII: finds which of many literals occur in a text in one
/// pass. Built over byte classes (only bytes that occur in some literal get a column), from
/// literals cut to a short prefix: a prefix of a required literal is still required, and a
/// smaller automaton builds faster. See `Automaton` for its layout.
package final class LiteralScanner: @unchecked Sendable {
    static let prefixLength = 8
    private let classOf: [UInt8]
    private let classes: Int
    /// The automaton in 16-bit states when they fit (nearly always), else in 32-bit ones.
    private let small: Automaton<UInt16>?
    private let large: Automaton<Int32>?
    private let outputStart: [Int32]    // per state: range into outputIDs
    private let outputIDs: [Int32]
    package let literalCount: Int
    /// Length of each literal as scanned (cut to `prefixLength`; a word-start mark is not scanned).
    package let scannedLength: [Int32]
    /// 1 for a literal that must start a word (see `LiteralExtractor.wordStart`): an occurrence
    /// after an ASCII word character is not reported.
    private let startsWord: [UInt8]

    package init(_ literals: [[UInt8]]) {
        literalCount = literals.count
        let canonical = literals.map(LiteralExtractor.canonical)
        startsWord = canonical.map { $0.first == LiteralExtractor.wordStart ? 1 : 0 }
        let cut = canonical.map { lit in
            lit.filter { $0 != LiteralExtractor.wordStart }.prefix(LiteralScanner.prefixLength).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        }
        scannedLength = cut.map { Int32($0.count) }
        var classOf = [UInt8](repeating: 0, count: 256)
        var next: UInt8 = 1
        for lit in cut { for b in lit where classOf[Int(b)] == 0 { classOf[Int(b)] = next; next += 1 } }
        // Upper-case letters share their lower-case class, so the scan needs no case mapping.
        for b in 0x41...0x5A { classOf[b] = classOf[b | 0x20] }
        let k = Int(next)
        // This runs at every start-up, so it is built in three cheap steps: a sparse trie
        // (children as sibling lists), its nodes numbered breadth-first, then the automaton's
        // rows in that order (see `Automaton.init`).
        var firstChild: [Int32] = [-1], nextSibling: [Int32] = [-1], label: [UInt8] = [0], firstOutput: [Int32] = [-1]
        var outputLiteral: [Int32] = [], nextOutput: [Int32] = []
        let capacity = 1 + cut.reduce(0) { $0 + $1.count }
        firstChild.reserveCapacity(capacity); nextSibling.reserveCapacity(capacity); label.reserveCapacity(capacity)
        firstOutput.reserveCapacity(capacity)
        for (id, lit) in cut.enumerated() {
            var s: Int32 = 0
            for b in lit {
                let c = classOf[Int(b)]
                var child = firstChild[Int(s)]
                while child >= 0 && label[Int(child)] != c { child = nextSibling[Int(child)] }
                if child < 0 {
                    child = Int32(label.count)
                    label.append(c); firstChild.append(-1); firstOutput.append(-1)
                    nextSibling.append(firstChild[Int(s)])
                    firstChild[Int(s)] = child
                }
                s = child
            }
            outputLiteral.append(Int32(id)); nextOutput.append(firstOutput[Int(s)]); firstOutput[Int(s)] = Int32(outputLiteral.count - 1)
        }
        let states = label.count
        // Breadth-first numbering: the shallow states, where the scan spends nearly all its
        // time, sit together at the front of the table and stay in cache.
        var order: [Int32] = [0]
        order.reserveCapacity(states)
        var head = 0
        while head < order.count {
            var child = firstChild[Int(order[head])]
            while child >= 0 { order.append(child); child = nextSibling[Int(child)] }
            head += 1
        }
        var number = [Int32](repeating: 0, count: states)
        for (n, o) in order.enumerated() { number[Int(o)] = Int32(n) }
        var starts = [Int32](repeating: 0, count: states + 1)
        var ids: [Int32] = []
        let trie = Trie(firstChild: firstChild, nextSibling: nextSibling, label: label, firstOutput: firstOutput,
                        outputLiteral: outputLiteral, nextOutput: nextOutput, order: order, number: number)
        // Only one table is built: 16-bit entries when the states fit (half the memory, more
        // of it in cache).
        if states <= Int(UInt16.max >> 1) {
            small = Automaton(UInt16.self, trie, classes: k, starts: &starts, ids: &ids)
            large = nil
        } else {
            large = Automaton(Int32.self, trie, classes: k, starts: &starts, ids: &ids)
            small = nil
        }
        self.classOf = classOf
        self.classes = k
        self.outputStart = starts
        self.outputIDs = ids
    }

    /// The scanner in a byte form (`init?(serialized:)` reads it back), so a pack's scanner
    /// can be built at build time instead of at every start-up.
    package func serialized() -> [UInt8] {
        var out = ByteWriter()
        out.array(classOf); out.int(classes); out.int(literalCount)
        out.array(outputStart); out.array(outputIDs); out.array(scannedLength); out.array(startsWord)
        if let small { out.int(16); small.write(to: &out) } else { out.int(32); large!.write(to: &out) }
        return out.bytes
    }

    /// Reads `serialized()`'s form back; nil if it is not one (never trusted blindly: every
    /// index the scan follows is checked here once).
    package init?(serialized bytes: [UInt8]) {
        var r = ByteReader(bytes)
        guard let classOf: [UInt8] = r.array(), classOf.count == 256, let classes = r.int(), let literalCount = r.int(),
              let outputStart: [Int32] = r.array(), let outputIDs: [Int32] = r.array(), let scannedLength: [Int32] = r.array(),
              let startsWord: [UInt8] = r.array(), startsWord.count == literalCount, startsWord.allSatisfy({ $0 <= 1 }),
              let width = r.int() else { return nil }
        self.classOf = classOf; self.classes = classes; self.literalCount = literalCount
        self.outputStart = outputStart; self.outputIDs = outputIDs; self.scannedLength = scannedLength; self.startsWord = startsWord
        switch width {
        case 16: small = Automaton<UInt16>(&r, classes: classes); large = nil; guard let small, small.states + 1 == outputStart.count else { return nil }
        case 32: large = Automaton<Int32>(&r, classes: classes); small = nil; guard let large, large.states + 1 == outputStart.count else { return nil }
        default: return nil
        }
        guard r.atEnd, scannedLength.count == literalCount, classOf.allSatisfy({ Int($0) < classes }),
              outputStart.first == 0, outputStart.last.map(Int.init) == outputIDs.count,
              zip(outputStart, outputStart.dropFirst()).allSatisfy({ $0 <= $1 }),
              outputIDs.allSatisfy({ $0 >= 0 && Int($0) < literalCount }) else { return nil }
    }

    /// The sparse trie of the literals, its nodes listed breadth-first (`order`) and numbered
    /// in that order (`number`).
    private struct Trie {
        let firstChild: [Int32], nextSibling: [Int32], label: [UInt8], firstOutput: [Int32]
        let outputLiteral: [Int32], nextOutput: [Int32], order: [Int32], number: [Int32]
    }

    /// The scanning automaton. States are numbered breadth-first, so the shallow ones, where
    /// the scan spends nearly all its time, come first: those have dense rows (one next state
    /// per byte class) that stay in cache. Deeper states list only their trie children and
    /// fall back along failure links, which always lead to shallower states; a full table for
    /// them would be several times larger than the cache and the scan would wait on memory.
    /// The top bit of a stored next state flags a state with outputs.
    private struct Automaton<T: FixedWidthInteger> {
        static var denseLimit: Int { 384 }
        let classes: Int
        let denseCount: Int
        let dense: [T]            // denseCount * classes
        let sparseStart: [Int32]  // per deep state: its children in sparseClass/sparseNext
        let sparseClass: [UInt8]
        let sparseNext: [T]
        let deepFail: [T]

        init(_: T.Type, _ trie: Trie, classes k: Int, starts: inout [Int32], ids: inout [Int32]) {
            let states = trie.order.count
            let flag = (T.max >> 1) + 1
            var fail = [Int32](repeating: 0, count: states) // by new number
            // Dense rows, in breadth-first order. Each row starts as a copy of its failure
            // state's row, which is shallower and so already complete; the node's own children
            // then override it. A deep state's failure is found the way the scan moves: its own
            // child, or else its failure state's transition. Also lists each state's outputs:
            // its own literals, then its failure state's (already listed).
            let denseCount = min(states, Automaton.denseLimit)
            var row = [T](repeating: 0, count: denseCount * k)
            func delta(_ s: Int, _ c: UInt8) -> Int32 {
                var t = s
                while t >= denseCount {
                    var child = trie.firstChild[Int(trie.order[t])]
                    while child >= 0 {
                        if trie.label[Int(child)] == c { return trie.number[Int(child)] }
                        child = trie.nextSibling[Int(child)]
                    }
                    t = Int(fail[t])
                }
                return Int32(truncatingIfNeeded: row[t &* k &+ Int(c)])
            }
            for n in 0..<states {
                let o = Int(trie.order[n]), base = n &* k
                if n > 0 && n < denseCount {
                    let f = Int(fail[n]) &* k
                    for c in 0..<k { row[base &+ c] = row[f &+ c] }
                }
                var child = trie.firstChild[o]
                while child >= 0 {
                    let c = trie.label[Int(child)], m = Int(trie.number[Int(child)])
                    fail[m] = n == 0 ? 0 : delta(Int(fail[n]), c)
                    if n < denseCount { row[base &+ Int(c)] = T(truncatingIfNeeded: m) }
                    child = trie.nextSibling[Int(child)]
                }
                starts[n] = Int32(ids.count)
                var out = trie.firstOutput[o]
                while out >= 0 { ids.append(trie.outputLiteral[Int(out)]); out = trie.nextOutput[Int(out)] }
                if n > 0 { let f = Int(fail[n]); for j in Int(starts[f])..<Int(starts[f + 1]) { ids.append(ids[j]) } }
            }
            starts[states] = Int32(ids.count)
            func flagged(_ e: T) -> T { starts[Int(e)] != starts[Int(e) + 1] ? e | flag : e }
            let dense = row.map(flagged)
            var sparseStart: [Int32] = [0], sparseClass: [UInt8] = [], sparseNext: [T] = [], deepFail: [T] = []
            for n in denseCount..<states {
                var child = trie.firstChild[Int(trie.order[n])]
                while child >= 0 {
                    sparseClass.append(trie.label[Int(child)])
                    sparseNext.append(flagged(T(truncatingIfNeeded: trie.number[Int(child)])))
                    child = trie.nextSibling[Int(child)]
                }
                sparseStart.append(Int32(sparseClass.count))
                deepFail.append(T(truncatingIfNeeded: fail[n]))
            }
            self.classes = k
            self.denseCount = denseCount
            self.dense = dense
            self.sparseStart = sparseStart
            self.sparseClass = sparseClass
            self.sparseNext = sparseNext
            self.deepFail = deepFail
        }

        var states: Int { denseCount + deepFail.count }

        func write(to out: inout ByteWriter) {
            out.int(denseCount); out.array(dense); out.array(sparseStart); out.array(sparseClass); out.array(sparseNext); out.array(deepFail)
        }

        /// Reads `write(to:)`'s form; nil unless every state and class it names is in range.
        init?(_ r: inout ByteReader, classes k: Int) {
            guard let denseCount = r.int(), let dense: [T] = r.array(), let sparseStart: [Int32] = r.array(),
                  let sparseClass: [UInt8] = r.array(), let sparseNext: [T] = r.array(), let deepFail: [T] = r.array() else { return nil }
            let states = denseCount + deepFail.count, mask = T.max >> 1
            guard k > 0, dense.count == denseCount * k, sparseStart.count == deepFail.count + 1, sparseStart.first == 0,
                  sparseStart.last.map(Int.init) == sparseClass.count, sparseNext.count == sparseClass.count,
                  zip(sparseStart, sparseStart.dropFirst()).allSatisfy({ $0 <= $1 }),
                  sparseClass.allSatisfy({ Int($0) < k }),
                  (dense + sparseNext).allSatisfy({ $0 >= 0 && Int($0 & mask) < states }),
                  // A failure link leads to a shallower state, so falling back always ends.
                  deepFail.enumerated().allSatisfy({ $0.element >= 0 && Int($0.element) < denseCount + $0.offset })
            else { return nil }
            self.classes = k; self.denseCount = denseCount; self.dense = dense
            self.sparseStart = sparseStart; self.sparseClass = sparseClass; self.sparseNext = sparseNext; self.deepFail = deepFail
        }

        func run(_ text: UnsafeBufferPointer<UInt8>, _ classOf: UnsafeBufferPointer<UInt8>, _ starts: UnsafeBufferPointer<Int32>,
                 _ ids: UnsafeBufferPointer<Int32>, _ scannedLength: UnsafeBufferPointer<Int32>, _ startsWord: UnsafeBufferPointer<UInt8>,
                 _ body: (Int32, Int) -> Void) {
            let k = classes, denseCount = self.denseCount, mask = T.max >> 1
            dense.withUnsafeBufferPointer { dense in
                sparseStart.withUnsafeBufferPointer { sparseStart in
                    sparseClass.withUnsafeBufferPointer { sparseClass in
                        sparseNext.withUnsafeBufferPointer { sparseNext in
                            deepFail.withUnsafeBufferPointer { deepFail in
                                var s = 0
                                var i = 0
                                for b in text {
                                    i &+= 1
                                    let c = classOf[Int(b)]
                                    var entry: T
                                    if s < denseCount {
                                        entry = dense[s &* k &+ Int(c)]
                                    } else {
                                        // A deep state: its own child on this class, or else its failure state's
                                        // transition, until a dense state answers.
                                        var t = s
                                        entry = 0
                                        while true {
                                            if t < denseCount { entry = dense[t &* k &+ Int(c)]; break }
                                            let d = t &- denseCount
                                            var found = false
                                            for j in Int(sparseStart[d])..<Int(sparseStart[d &+ 1]) where sparseClass[j] == c {
                                                entry = sparseNext[j]; found = true; break
                                            }
                                            if found { break }
                                            t = Int(deepFail[d])
                                        }
                                    }
                                    s = Int(entry & mask)
                                    if entry > mask {
                                        for j in Int(starts[s])..<Int(starts[s &+ 1]) {
                                            let id = ids[j]
                                            if startsWord[Int(id)] != 0 {
                                                // Only where a word starts: not after an ASCII word character.
                                                let begin = i &- Int(scannedLength[Int(id)])
                                                if begin > 0 && LiteralExtractor.isASCIIWord(text[begin &- 1]) { continue }
                                            }
                                            body(id, i)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Calls `body(literal, end)` for every occurrence of every literal, in order of `end`
    /// (the offset just past the occurrence's last scanned byte).
    package func forEachOccurrence(_ text: UnsafeBufferPointer<UInt8>, _ body: (Int32, Int) -> Void) {
        classOf.withUnsafeBufferPointer { classOf in
            outputStart.withUnsafeBufferPointer { starts in
                outputIDs.withUnsafeBufferPointer { ids in
                    scannedLength.withUnsafeBufferPointer { lengths in
                        startsWord.withUnsafeBufferPointer { starting in
                            if let small { small.run(text, classOf, starts, ids, lengths, starting, body) } else { large!.run(text, classOf, starts, ids, lengths, starting, body) }
                        }
                    }
                }
            }
        }
    }
}

/// Little-endian arrays of fixed-width integers, each after its count.
struct ByteWriter {
    var bytes: [UInt8] = []
    mutating func int(_ v: Int) { append(Int64(v)) }
    mutating func append<T: FixedWidthInteger>(_ v: T) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }
    mutating func array<T: FixedWidthInteger>(_ a: [T]) {
        int(a.count)
        for v in a { append(v) }
    }
}

/// Reads what `ByteWriter` wrote; nil (and no crash) on anything short or malformed.
struct ByteReader {
    let bytes: [UInt8]
    var offset = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    var atEnd: Bool { offset == bytes.count }

    mutating func value<T: FixedWidthInteger>(_: T.Type = T.self) -> T? {
        let size = MemoryLayout<T>.size
        guard bytes.count - offset >= size else { return nil }
        var v = T.zero
        withUnsafeMutableBytes(of: &v) { dst in
            bytes.withUnsafeBytes { dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + size])) }
        }
        offset += size
        return T(littleEndian: v)
    }

    mutating func int() -> Int? {
        guard let v = value(Int64.self), v >= 0, v <= Int32.max else { return nil }
        return Int(v)
    }

    mutating func array<T: FixedWidthInteger>() -> [T]? {
        let size = MemoryLayout<T>.size
        guard let count = int(), (bytes.count - offset) / size >= count else { return nil }
        let start = offset
        offset += count * size
        return [T](unsafeUninitializedCapacity: count) { out, n in
            bytes.withUnsafeBytes { src in
                UnsafeMutableRawBufferPointer(out).copyMemory(from: UnsafeRawBufferPointer(rebasing: src[start..<start + count * size]))
            }
            if 1.littleEndian != 1 { for i in 0..<count { out[i] = T(littleEndian: out[i]) } }
            n = count
        }
    }
}
