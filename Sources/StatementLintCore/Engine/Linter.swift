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
    /// The time, in seconds, the rules may take on one file together; 0 or nil: no limit.
    /// When it runs out, the rule running and the rules not yet run are skipped for that file
    /// (the rule running loses its findings there), and an error names them.
    public var timeLimit: Double? = Linter.defaultTimeLimit
    public static let defaultTimeLimit = 10.0
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
    /// `rules` as run: each with its patterns' literal numbers and gate rows (see `GatePlan`).
    let plans: [RulePlan]

    public init(rules: [Rule]) {
        self.rules = rules
        let plan = GatePlan(rules)
        maxCaptures = plan.maxCaptures
        scanner = plan.scanner
        literalSlots = plan.literalSlots
        plans = plan.rules
        asksContexts = rules.contains { !$0.notApplicable.isEmpty }
        knownNames = Linter.names(rules)
    }

    public func makeScratch() -> MatchScratch { MatchScratch(maxCaptures: max(maxCaptures, 9)) }

    /// Lints one document; findings come back sorted by position, then rule id.
    public func lint(_ doc: Document, scratch: MatchScratch) -> FileResult {
        var findings: [Finding] = []
        var errors: [FileError] = []
        var statement: [DetectedContext] = []
        var notApplicable: [NotApplicableElement] = []
        let deadline = timeLimit.map { $0 > 0 ? monotonicNanoseconds() &+ UInt64(min($0, 1e9) * 1e9) : .max } ?? .max
        var stopped: Int?
        doc.text.withUnsafeBufferPointer { text in
            var started = phases == nil ? 0 : monotonicNanoseconds()
            var context = StatementContexts.Lazy(doc: doc, text: text, pack: asksContexts ? contextPack : nil,
                                                 settings: statementSettings, user: userContexts, scratch: scratch)
            let subject = doc.subject(text)
            let gate = usePrefilter ? UnitGate(doc: doc, text: text, scanner: scanner, literalSlots: literalSlots, scratch: scratch) : nil
            if let phases { phases.add(.scan, since: started); started = monotonicNanoseconds() }
            // With timings, each rule's time and share of this thread's PCRE2 searches.
            var measured: [RuleTimings.Figures]? = timings.map { _ in [RuleTimings.Figures](repeating: .init(), count: rules.count) }
            for index in rules.indices {
                if deadline != .max && monotonicNanoseconds() > deadline { stopped = index; break }
                // When the prefilter rules out every pattern a rule can only report through, the
                // rule is not run at all.
                if let gate, !plans[index].mayReport.isEmpty, plans[index].mayReport.allSatisfy(gate.isEmpty(slot:)) { continue }
                let before = measured == nil ? nil : RuleTimings.Figures(now: scratch.stats)
                var ctx = CheckContext(doc: doc, subject: subject, scratch: scratch, plan: plans[index], gate: gate, deadline: deadline)
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
                    if error == .timeLimit { stopped = index; break }
                    errors.append(FileError(path: doc.path, message: "rule \(rules[index].qualifiedID) stopped: \(error.message); the rule's other findings for this file are dropped"))
                }
                if let before { measured![index].add(RuleTimings.Figures(now: scratch.stats), minus: before) }
            }
            if let stopped { errors.append(timeLimitError(doc.path, stoppedAt: stopped)) }
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

    /// The error for a file whose rules ran out of time at rule `index`: how many rules, and
    /// which (the first few), did not run to the end.
    func timeLimitError(_ path: String, stoppedAt index: Int) -> FileError {
        let left = rules[index...]
        let named = left.prefix(3).map(\.qualifiedID).joined(separator: ", ") + (left.count > 3 ? " and \(left.count - 3) more" : "")
        let limit = timeLimit.map { $0 == $0.rounded() ? String(Int($0)) : String($0) } ?? "?"
        return FileError(path: path, message: "time limit of \(limit) s per file reached: \(left.count) of \(rules.count) rules did not run to the end "
            + "(\(named)); their findings for this file are missing (raise the limit with --time-limit or 'time-limit:' in .statementlint.yml)")
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
