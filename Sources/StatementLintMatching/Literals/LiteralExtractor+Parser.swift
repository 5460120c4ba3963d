extension LiteralExtractor {

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
