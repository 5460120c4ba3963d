extension Regex {
    /// Whether a match may be empty, read from the pattern's syntax (PCRE2 has no such
    /// information: its minimum length counts what a look-ahead needs). Conservative: what
    /// cannot be decided (a back-reference, recursion, a condition, extended mode) counts as
    /// possibly empty. Assertions take no text: `(?=officer)` and `\b` may match empty.
    /// Used to refuse fixes on such patterns, which would insert their text on every run.
    public var mayMatchEmpty: Bool { Regex.mayMatchEmpty(pattern) }

    package static func mayMatchEmpty(_ pattern: String) -> Bool {
        var parser = NullableParser(Array(pattern.utf8))
        let nullable = parser.alternation()
        return nullable || parser.undecided
    }
}

/// Reads a pattern's syntax for `Regex.mayMatchEmpty`.
private struct NullableParser {
    let p: [UInt8]
    var i = 0
    /// Set when something is met whose emptiness is not worked out.
    var undecided = false
    init(_ p: [UInt8]) { self.p = p }

    func at(_ k: Int) -> UInt8 { k < p.count ? p[k] : 0 }
    func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// alternation := concatenation ('|' concatenation)*: empty if any branch may be.
    mutating func alternation() -> Bool {
        var nullable = concatenation()
        while i < p.count && p[i] == UInt8(ascii: "|") {
            i += 1
            if concatenation() { nullable = true }
        }
        return nullable
    }

    /// concatenation := (atom quantifier?)*: empty if every item may be.
    mutating func concatenation() -> Bool {
        var nullable = true
        while i < p.count && p[i] != UInt8(ascii: "|") && p[i] != UInt8(ascii: ")") {
            let atom = self.atom()
            let minimum = quantifierMinimum()
            if !(atom || minimum == 0) { nullable = false }
        }
        return nullable
    }

    /// The smallest count a quantifier after an atom allows (1 when there is none).
    mutating func quantifierMinimum() -> Int {
        var minimum = 1
        switch at(i) {
        case UInt8(ascii: "?"), UInt8(ascii: "*"): minimum = 0; i += 1
        case UInt8(ascii: "+"): i += 1
        case UInt8(ascii: "{"):
            // {n}, {n,}, {n,m} and {,m}; anything else is a literal "{".
            var k = i + 1
            var digits = 0
            var n = 0
            while isDigit(at(k)) { n = min(n * 10 + Int(at(k) - 0x30), 1 << 20); k += 1; digits += 1 }
            var ok = false
            if at(k) == UInt8(ascii: "}") { ok = digits > 0 } else if at(k) == UInt8(ascii: ",") {
                k += 1
                var upper = 0
                while isDigit(at(k)) { k += 1; upper += 1 }
                ok = at(k) == UInt8(ascii: "}") && (digits > 0 || upper > 0)
            }
            guard ok else { return 1 }
            i = k + 1
            minimum = n
        default: return 1
        }
        if at(i) == UInt8(ascii: "?") || at(i) == UInt8(ascii: "+") { i += 1 }
        return minimum
    }

    /// One atom; true when it may match empty text.
    mutating func atom() -> Bool {
        let c = p[i]
        switch c {
        case UInt8(ascii: "^"), UInt8(ascii: "$"):
            i += 1
            return true
        case UInt8(ascii: "["):
            guard let end = LiteralExtractor.classEnd(p, i) else { undecided = true; i = p.count; return true }
            i = end
            return false
        case UInt8(ascii: "\\"):
            return escape()
        case UInt8(ascii: "("):
            return group()
        default:
            i += 1
            return false
        }
    }

    /// An escape: assertions and back-references may be empty; `\Q…\E` when it quotes nothing.
    mutating func escape() -> Bool {
        let e = at(i + 1)
        i += 2
        switch e {
        case UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "A"), UInt8(ascii: "z"), UInt8(ascii: "Z"),
             UInt8(ascii: "G"), UInt8(ascii: "K"), UInt8(ascii: "E"):
            return true
        case UInt8(ascii: "Q"):
            let start = i
            while i < p.count && !(p[i] == UInt8(ascii: "\\") && at(i + 1) == UInt8(ascii: "E")) { i += 1 }
            let empty = i == start
            if i < p.count { i += 2 }
            return empty
        case UInt8(ascii: "g"), UInt8(ascii: "k"), UInt8(ascii: "1")...UInt8(ascii: "9"):
            // A back-reference (or a subroutine call): as empty as its group, not worked out.
            if at(i) == UInt8(ascii: "{") || at(i) == UInt8(ascii: "<") || at(i) == UInt8(ascii: "'") {
                while i < p.count && p[i] != UInt8(ascii: "}") && p[i] != UInt8(ascii: ">") && p[i] != UInt8(ascii: "'") { i += 1 }
                i += 1
            } else {
                while isDigit(at(i)) || at(i) == UInt8(ascii: "-") { i += 1 }
            }
            undecided = true
            return true
        case UInt8(ascii: "p"), UInt8(ascii: "P"), UInt8(ascii: "x"), UInt8(ascii: "o"), UInt8(ascii: "N"):
            // \p{…}, \x{…}, \o{…}, \N{U+…}: one character.
            if at(i) == UInt8(ascii: "{") {
                while i < p.count && p[i] != UInt8(ascii: "}") { i += 1 }
                i += 1
            } else if e == UInt8(ascii: "x") {
                while i < p.count, isHex(p[i]) { i += 1 }
            } else if e != UInt8(ascii: "N") { i += 1 }
            return false
        case UInt8(ascii: "c"):
            i += 1
            return false
        default:
            // Character types and escaped characters (\w, \d, \s, \R, \X, \., \0…): one or more characters.
            return false
        }
    }

    func isHex(_ b: UInt8) -> Bool { isDigit(b) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x66) }

    /// A group, from its "(": assertions, option settings, comments and verbs take no text;
    /// a plain, named, atomic or non-capturing group is as empty as its content.
    mutating func group() -> Bool {
        i += 1
        if at(i) == UInt8(ascii: "*") {
            // (*VERB) or (*positive_lookahead:…): no text.
            skipToClose()
            return true
        }
        var assertion = false
        if at(i) == UInt8(ascii: "?") {
            let k = at(i + 1)
            switch k {
            case UInt8(ascii: "="), UInt8(ascii: "!"):
                assertion = true; i += 2
            case UInt8(ascii: "<") where at(i + 2) == UInt8(ascii: "=") || at(i + 2) == UInt8(ascii: "!"):
                assertion = true; i += 3
            case UInt8(ascii: "#"):
                while i < p.count && p[i] != UInt8(ascii: ")") { i += 1 }
                i += 1
                return true
            case UInt8(ascii: ":"), UInt8(ascii: ">"), UInt8(ascii: "|"):
                i += 2
            case UInt8(ascii: "<"), UInt8(ascii: "'"), UInt8(ascii: "P"):
                // A named group: (?<name>…), (?'name'…), (?P<name>…); (?P=name) and (?P>name) refer.
                if k == UInt8(ascii: "P") && at(i + 2) != UInt8(ascii: "<") { return skipUndecided() }
                let close = k == UInt8(ascii: "'") ? UInt8(ascii: "'") : UInt8(ascii: ">")
                i += k == UInt8(ascii: "P") ? 3 : 2
                while i < p.count && p[i] != close { i += 1 }
                i += 1
            default:
                // Options: (?i) sets them for what follows (no text), (?i:…) for a group.
                var k2 = i + 1
                while at(k2) != 0, (at(k2) >= 0x61 && at(k2) <= 0x7A) || (at(k2) >= 0x41 && at(k2) <= 0x5A) || at(k2) == UInt8(ascii: "-")
                      || at(k2) == UInt8(ascii: "^") {
                    if at(k2) == UInt8(ascii: "x") { undecided = true }
                    k2 += 1
                }
                if k2 > i + 1, at(k2) == UInt8(ascii: ")") { i = k2 + 1; return true }
                if k2 > i + 1, at(k2) == UInt8(ascii: ":") { i = k2 + 1; break }
                // Recursion, conditions, callouts and the rest: not worked out.
                return skipUndecided()
            }
        }
        let content = alternation()
        if at(i) == UInt8(ascii: ")") { i += 1 } else { undecided = true }
        return assertion || content
    }

    /// Skips a group not worked out, to its closing parenthesis.
    mutating func skipUndecided() -> Bool {
        undecided = true
        skipToClose()
        return true
    }

    /// Moves past the parenthesis closing the group `i` is in (escapes skipped, nested groups counted).
    mutating func skipToClose() {
        var depth = 1
        while i < p.count && depth > 0 {
            if p[i] == UInt8(ascii: "\\") { i += 2; continue }
            if p[i] == UInt8(ascii: "(") { depth += 1 } else if p[i] == UInt8(ascii: ")") { depth -= 1 }
            i += 1
        }
    }
}
