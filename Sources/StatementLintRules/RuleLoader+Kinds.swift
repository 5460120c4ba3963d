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
            check = .forbid(patterns: patternOrPatterns(), fix: fix)
        case .swap:
            var entries: [SwapEntry] = []
            if let node = map["swap"] {
                if let smap = r.mapping(node, what: "'swap'") {
                    if smap.count == 0 { r.fail(node, "'swap' is empty") }
                    for (k, v) in smap.pairs {
                        guard let replacement = r.scalarString(v, what: "a replacement") else { continue }
                        if let p = r.pattern(k, ignorecase: ignorecase) { entries.append(SwapEntry(pattern: p, replacement: replacement)) }
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
}
