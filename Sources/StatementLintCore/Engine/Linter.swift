import Foundation

/// Runs a rule set over documents. Compiled once; `lint` may be called from many threads,
/// each with its own `MatchScratch`.
public final class Linter: @unchecked Sendable {
    public let rules: [Rule]
    /// Largest capture count of any pattern, so one scratch serves every rule.
    public let maxCaptures: Int
    /// Run each pattern only on the units (sentences, paragraphs) holding one of its required
    /// literals. Never changes results; off, every unit is searched.
    public var usePrefilter = true
    /// Report suppressions that silence nothing.
    public var reportUnusedSuppressions = false
    /// When set, every rule's time is added up here (`--timings`).
    public var timings: RuleTimings?
    /// When set, the time of the scan, the rules and the ordering is added up here.
    public var phases: PhaseTimings?
    /// What a statement can be found to be (`Rules/contexts.yml`), and what the user says it is
    /// (dimension → value: `kind` → `closing`), which replaces detection for that dimension.
    public var contexts: [ContextTag] = embeddedContexts {
        didSet {
            userContexts = StatementContexts.settings(statementSettings, tags: contexts)
            gatedContexts = nil
        }
    }
    /// Whether any rule names a statement context (decided once, not per statement).
    let asksContexts: Bool
    /// `contexts` with their literal gates and scanner, made when a statement first asks for one.
    private var gatedContexts: ContextPack?
    private let gateLock = NSLock()
    var contextPack: ContextPack {
        gateLock.lock(); defer { gateLock.unlock() }
        if let gatedContexts { return gatedContexts }
        let made = ContextPack(contexts)
        gatedContexts = made
        return made
    }
    public var statementSettings: [String: String] = [:] {
        didSet { userContexts = StatementContexts.settings(statementSettings, tags: contexts) }
    }
    /// `statementSettings` as contexts, made once.
    private var userContexts: [DetectedContext] = []
    /// The names a suppression may use: every loaded rule's, running or not (`LintSession`
    /// sets every rule it loaded, opt-in and disabled ones included).
    public var knownNames: Set<String>
    public func knowRules(_ all: [Rule]) { knownNames = Linter.names(all) }
    static func names(_ rules: [Rule]) -> Set<String> { Set(rules.flatMap { [$0.id, $0.qualifiedID, $0.category.rawValue] }) }

    /// Finds every literal the rules' patterns require, in one pass over a document.
    let scanner: LiteralScanner
    /// Which patterns require each literal.
    let literalSlots: LiteralSlots
    /// Per rule, the slots of the patterns without whose match it reports nothing (empty when
    /// that is not known): see `init`.
    let mayReport: [[Int32]]
    /// `rules`, each held by reference for the checks (see `CheckContext.rule`).
    private let boxes: [RuleBox]

    public init(rules: [Rule]) {
        var gated: [(slot: Int32, unit: Scope, literals: [Int32])] = []
        var slots: Int32 = 0
        var conjunctions: [(slot: Int32, with: [Int32])] = []
        // The built-in pack's literals are numbered, their scanner built and their gate rows
        // assigned at build time. All are used as they are when every gated pattern comes
        // from that one pack (none added, any removed), gated on the units the pack assumed:
        // a rule's scope for the patterns that find matches, sentences for exceptions (see
        // `CheckContext.cannotMatch(_:in:sentence:)`).
        var pack: LiteralPack? = nil
        var packOnly = true
        var most = 0
        // One pass: the pack's rows are collected while checking that they can be used.
        for rule in rules {
            rule.forEachPattern { p, exception in
                most = max(most, p.regex.captureCount)
                guard packOnly, p.hasRequiredLiterals else { return }
                // The pattern must also still carry the pack's numbers: rules taken from a
                // linter that renumbered them (one with rules from elsewhere) are renumbered again.
                guard let packed = p.packed, packed.pack.scanner != nil, pack == nil || pack === packed.pack,
                      packed.unit == (exception ? .sentence : rule.scope),
                      p.slot == packed.slot, p.literalIDs == packed.required else { packOnly = false; return }
                pack = packed.pack
                gated.append((packed.slot, packed.unit, packed.required))
                // Each further required set has a row of its own, and-ed into the pattern's row.
                var also: [Int32] = []
                for (i, set) in packed.also.enumerated() {
                    let row = packed.slot + 1 + Int32(i)
                    also.append(row)
                    gated.append((row, packed.unit, set))
                }
                if !also.isEmpty { conjunctions.append((packed.slot, also)) }
            }
        }
        maxCaptures = most
        let literalCount: Int
        if packOnly, let pack, let packScanner = pack.scanner {
            self.rules = rules
            slots = Int32(pack.slotCount)
            literalCount = pack.literalCount
            scanner = packScanner
        } else {
            gated = []
            conjunctions = []
            var unit = Scope.sentence
            var numbering = LiteralNumbering()
            func ids(_ p: Pattern) -> Pattern {
                var q = p
                q.slot = slots
                slots += 1
                // Branches are gated on the same units as the whole pattern.
                q.branches = p.branches.map(ids)
                guard let lits = p.requiredLiterals else { return q }
                q.literalIDs = lits.map { numbering.id($0) }
                gated.append((q.slot, unit, q.literalIDs!))
                var also: [Int32] = []
                for set in p.alsoRequired {
                    also.append(slots)
                    gated.append((slots, unit, set.map { numbering.id($0) }))
                    slots += 1
                }
                if !also.isEmpty { conjunctions.append((q.slot, also)) }
                return q
            }
            self.rules = rules.map { rule in
                unit = rule.scope
                var r = rule.mapMatchPatterns(ids)
                unit = .sentence
                r.exceptions = r.exceptions.map { Exception(pattern: ids($0.pattern), area: $0.area) }
                return r
            }
            literalCount = numbering.literals.count
            scanner = LiteralScanner(numbering.literals)
        }
        // When the prefilter rules out every pattern a rule can only report through, the rule
        // is not run at all.
        mayReport = self.rules.map { rule in
            guard let triggers = rule.triggerPatterns else { return [] }
            var slots: [Int32] = []
            for t in triggers {
                guard let s = t.gateSlots else { return [] }
                slots += s
            }
            return slots
        }
        boxes = self.rules.map(RuleBox.init)
        asksContexts = self.rules.contains { !$0.notApplicable.isEmpty }
        knownNames = Linter.names(self.rules)
        literalSlots = LiteralSlots(slotCount: Int(slots), literalCount: literalCount, patterns: gated, conjunctions: conjunctions)
    }

    public func makeScratch() -> MatchScratch { MatchScratch(maxCaptures: max(maxCaptures, 9)) }

    /// Lints one document; findings come back sorted by position, then rule id.
    public func lint(_ doc: Document, scratch: MatchScratch) -> FileResult {
        var findings: [Finding] = []
        var errors: [FileError] = []
        var statement: [DetectedContext] = []
        var notApplicable: [NotApplicableElement] = []
        doc.text.withUnsafeBufferPointer { text in
            var started = phases == nil ? 0 : monotonicNanoseconds()
            var context = StatementContexts.Lazy(doc: doc, text: text, pack: asksContexts ? contextPack : nil,
                                                 settings: statementSettings, user: userContexts, scratch: scratch)
            let gate = usePrefilter ? UnitGate(doc: doc, text: text, scanner: scanner, literalSlots: literalSlots, scratch: scratch) : nil
            if let phases { phases.add(.scan, since: started); started = monotonicNanoseconds() }
            // With timings, each rule's time and share of this thread's PCRE2 searches.
            var measured: [RuleTimings.Figures]? = timings.map { _ in [RuleTimings.Figures](repeating: .init(), count: rules.count) }
            for index in rules.indices {
                if let gate, !mayReport[index].isEmpty, mayReport[index].allSatisfy(gate.isEmpty(slot:)) { continue }
                let before = measured == nil ? nil : RuleTimings.Figures(now: scratch.stats)
                var ctx = CheckContext(doc: doc, text: text, scratch: scratch, rule: boxes[index], gate: gate)
                do throws(RegexMatchError) {
                    try ctx.run()
                    if let mode = rules[index].firstOnly { ctx.findings = Linter.first(ctx.findings, mode) }
                    // A rule whose element cannot apply to this statement reports nothing, and the
                    // checklist lists the element. Contexts are looked for only here, when a rule
                    // would report something, so a statement's other contexts cost nothing.
                    // (Their time is the asking rule's, under --timings.)
                    if !ctx.findings.isEmpty, !rules[index].notApplicable.isEmpty, let reason = context.reason(rules[index]) {
                        if rules[index].element != nil { notApplicable.append(reason) }
                        ctx.findings.removeAll()
                    }
                    findings.append(contentsOf: ctx.findings)
                } catch {
                    errors.append(FileError(path: doc.path, message: "rule \(rules[index].qualifiedID) stopped: \(error.message); the rule's other findings for this file are dropped"))
                }
                if let before { measured![index].add(RuleTimings.Figures(now: scratch.stats), minus: before) }
            }
            if let measured { timings?.add(measured) }
            statement = context.found.sorted { $0.tag < $1.tag }
            phases?.add(.rules, since: started)
        }
        let ordering = phases == nil ? 0 : monotonicNanoseconds()
        defer { phases?.add(.ordering, since: ordering) }
        SuppressionResolver.apply(&findings, doc: doc, known: knownNames, reportUnused: reportUnusedSuppressions)
        findings.sort {
            if $0.range.lowerBound != $1.range.lowerBound { return $0.range.lowerBound < $1.range.lowerBound }
            if $0.range.upperBound != $1.range.upperBound { return $0.range.upperBound < $1.range.upperBound }
            // Ordered as the qualified ids "category/id" are: no category's name begins another's.
            if $0.category != $1.category { return $0.category.rawValue < $1.category.rawValue }
            return $0.ruleID < $1.ruleID
        }
        var result = FileResult(path: doc.path, findings: findings, errors: errors, document: doc)
        result.statement = statement
        result.notApplicable = notApplicable
        return result
    }

    /// The first finding in the text, or the first of each matched text (compared without case).
    static func first(_ findings: [Finding], _ mode: FirstOnly) -> [Finding] {
        guard findings.count > 1 else { return findings }
        let ordered = findings.sorted { $0.range.lowerBound < $1.range.lowerBound }
        switch mode {
        case .statement: return [ordered[0]]
        case .text:
            var seen = Set<String>()
            return ordered.filter { seen.insert($0.matchedText.lowercased()).inserted }
        }
    }

    /// Convenience for tests and single documents.
    public func lint(_ doc: Document) -> FileResult { lint(doc, scratch: makeScratch()) }
}

extension Pattern {
    /// Gate rows that between them mark every unit the pattern can match in: its own, or
    /// else (when the whole pattern requires no literal) its branches'; nil when neither.
    var gateSlots: [Int32]? {
        if literalIDs != nil { return [slot] }
        return branches.isEmpty ? nil : branches.map(\.slot)
    }
}

extension Rule {
    /// The patterns that produce findings or count elements (not exceptions).
    public var matchPatterns: [Pattern] {
        switch check {
        case .forbid(let p, _), .require(let p, _, _): return p
        case .swap(let entries, _): return entries.map(\.pattern)
        case .conditional(let i, let t): return i + t
        case .metric: return []
        }
    }

    /// The patterns without a match of which the rule reports nothing (nil: a `require` or
    /// `metric` rule, which reports what is missing or measured).
    var triggerPatterns: [Pattern]? {
        switch check {
        case .forbid(let p, _): return p
        case .swap(let entries, _): return entries.map(\.pattern)
        case .conditional(let ifs, _): return ifs
        case .require, .metric: return nil
        }
    }

    /// Every pattern of the rule (exceptions' too), without branches.
    var allPatterns: [Pattern] {
        var out: [Pattern] = []
        forEachPattern(branches: false) { p, _ in out.append(p) }
        return out
    }
}
