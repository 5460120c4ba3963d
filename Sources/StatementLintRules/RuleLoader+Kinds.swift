import StatementLintMatching
import Yams

/// What each kind of rule adds to the common keys: its own keys and how they are read into a
/// `Check`. (The engine's side of a kind is in StatementLintCore/Engine/Checks/.)
extension RuleLoader {
    static let kindKeys: [RuleKind: Set<String>] = [
        .forbid: ["pattern", "patterns", "exceptions", "scope", "not-applicable", "first-only"],
        .swap: ["swap", "safety", "exceptions", "scope", "not-applicable", "first-only"],
        .require: ["pattern", "patterns", "min", "within", "scope", "element", "not-applicable"],
        .conditional: ["if", "then", "exceptions", "scope", "element", "not-applicable"],
        .metric: ["metric", "max"],
    ]

    /// The check of a rule of `kind` read from `map`; nil (with errors recorded) when it is incomplete.
    static func checkOfKind(_ kind: RuleKind, _ map: KeyedMapping, root: Node, ignorecase: Bool, fix: FixTemplate?,
                            reader r: inout NodeReader) -> Check? {
        func patterns(_ key: String) -> [Pattern]? {
            guard let node = map[key] else { return nil }
            return r.patternList(node, ignorecase: ignorecase)
        }
        func patternOrPatterns() -> [Pattern] {
            if map["pattern"] != nil && map["patterns"] != nil {
                r.fail(map["patterns"]!, "give either 'pattern' or 'patterns', not both")
            }
            if let p = patterns("pattern") ?? patterns("patterns") { return p }
            r.fail(root, "missing required key 'pattern' or 'patterns'")
            return []
        }

        var check: Check?
        switch kind {
        case .forbid:
            let found = patternOrPatterns()
            if let fix {
                // The error points at the replacement (or the 'fix' key when it is not a mapping).
                let fixNode = map["fix"]
                let at = fixNode?["replace"] ?? fixNode ?? root
                for p in found { checkFix(fix.replace, of: p, pattern: at, replacement: at, reader: &r) }
            }
            check = .forbid(patterns: found, fix: fix)
        case .swap:
            var entries: [SwapEntry] = []
            if let node = map["swap"] {
                if let smap = r.mapping(node, what: "'swap'") {
                    if smap.count == 0 { r.fail(node, "'swap' is empty") }
                    for (k, v) in smap.pairs {
                        guard let replacement = r.scalarString(v, what: "a replacement") else { continue }
                        if let p = r.pattern(k, ignorecase: ignorecase) {
                            checkFix(replacement, of: p, pattern: k, replacement: v, reader: &r)
                            entries.append(SwapEntry(pattern: p, replacement: replacement))
                        }
                    }
                }
            } else {
                r.fail(root, "missing required key 'swap'")
            }
            check = .swap(entries: entries, safety: r.optionalEnum(map, "safety") ?? .review)
        case .require:
            var min = 1
            if let node = map["min"] {
                if let v = r.int(node) {
                    if v < 1 { r.fail(node, "'min' must be at least 1") } else { min = v }
                }
            }
            var firstParagraph = false
            if let node = map["within"], let w = r.scalarString(node, what: "'within'") {
                switch w {
                case "first-paragraph": firstParagraph = true
                case "document": firstParagraph = false
                default: r.fail(node, "'within' must be one of first-paragraph, document (found '\(w)')")
                }
            }
            check = .require(patterns: patternOrPatterns(), min: min, firstParagraphOnly: firstParagraph)
        case .conditional:
            let ifs = patterns("if")
            let thens = patterns("then")
            if ifs == nil { r.fail(root, "missing required key 'if'") }
            if thens == nil { r.fail(root, "missing required key 'then'") }
            check = .conditional(ifPatterns: ifs ?? [], thenPatterns: thens ?? [])
        case .metric:
            let metric: MetricKind? = r.requiredEnum(map, "metric")
            var max: Double?
            if let node = map["max"] {
                if let s = node.scalar, let v = Double(s.string) { max = v } else { r.fail(node, "'max' must be a number") }
            } else {
                r.fail(root, "missing required key 'max'")
            }
            if let metric, let max { check = .metric(metric, max: max) }
        }
        return check
    }

    /// A fix must converge and write only what it means to: its pattern may not match empty
    /// text (an insertion at a place that stays there, made again on every run), and its
    /// replacement may name only groups the pattern has (`$N`, `${N}`, `${name}`; anything
    /// else was written out literally).
    static func checkFix(_ replacement: String, of p: Pattern, pattern patternNode: Node, replacement replacementNode: Node,
                         reader r: inout NodeReader) {
        let regex = p.regex
        if regex.mayMatchEmpty {
            r.fail(patternNode, "a fix's pattern must not match empty text ('\(regex.pattern)' can): the fix would insert its text again on every run")
        }
        for reference in groupReferences(replacement) {
            switch reference {
            case .number(let n) where n > regex.captureCount:
                let has = regex.captureCount == 0 ? "no groups" : regex.captureCount == 1 ? "1 group" : "\(regex.captureCount) groups"
                r.fail(replacementNode, "the replacement refers to group $\(n), but the pattern has \(has)")
            case .name(let name) where regex.groupNames[name] == nil:
                r.fail(replacementNode, "the replacement refers to group '${\(name)}', which the pattern does not have")
            default: break
            }
        }
    }

    enum GroupReference: Equatable { case number(Int), name(String) }

    /// The groups a replacement names, read the way the engine expands it (CheckContext.expand):
    /// `$` and one digit, or `${…}` holding a number or a name; any other `$` stands for itself.
    static func groupReferences(_ template: String) -> [GroupReference] {
        let t = Array(template.utf8)
        var out: [GroupReference] = []
        var i = 0
        while i < t.count {
            guard t[i] == 0x24, i + 1 < t.count else { i += 1; continue }
            let n = t[i + 1]
            if n >= 0x30 && n <= 0x39 { out.append(.number(Int(n - 0x30))); i += 2; continue }
            if n == 0x7B, let close = t[(i + 2)...].firstIndex(of: 0x7D) {
                let name = String(decoding: t[(i + 2)..<close], as: UTF8.self)
                out.append(Int(name).map { .number($0) } ?? .name(name))
                i = close + 1
                continue
            }
            i += 1
        }
        return out
    }
}
