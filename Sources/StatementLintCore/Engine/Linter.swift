import Foundation

/// Runs a rule set over documents. Compiled once; `lint` may be called from many threads,
/// each with its own `MatchScratch`.
public final class Linter: @unchecked Sendable {
    public let rules: [Rule]
    /// Largest capture count of any pattern, so one scratch serves every rule.
    public let maxCaptures: Int
    /// Skip patterns whose required literals are absent from the text. Never changes results.
    public var usePrefilter = true
    /// Report suppressions that silence nothing.
    public var reportUnusedSuppressions = false

    /// Finds every literal the rules' patterns require, in one pass over a document.
    let scanner: LiteralScanner

    public init(rules: [Rule]) {
        var literals: [[UInt8]] = []
        var index: [[UInt8]: Int32] = [:]
        func ids(_ p: Pattern) -> Pattern {
            guard let lits = p.requiredLiterals else { return p }
            var q = p
            q.literalIDs = lits.map { lit in
                if let id = index[lit] { return id }
                literals.append(lit)
                index[lit] = Int32(literals.count - 1)
                return Int32(literals.count - 1)
            }
            return q
        }
        self.rules = rules.map { $0.mapPatterns(ids) }
        scanner = LiteralScanner(literals)
        var most = 0
        for rule in rules {
            for p in rule.allPatterns { most = max(most, p.regex.captureCount) }
        }
        maxCaptures = most
    }

    public func makeScratch() -> MatchScratch { MatchScratch(maxCaptures: max(maxCaptures, 9)) }

    /// Lints one document; findings come back sorted by position, then rule id.
    public func lint(_ doc: Document, scratch: MatchScratch) -> FileResult {
        var findings: [Finding] = []
        var errors: [FileError] = []
        doc.text.withUnsafeBufferPointer { text in
            let present = usePrefilter ? scanner.scan(text) : nil
            for rule in rules {
                var ctx = CheckContext(doc: doc, text: text, scratch: scratch, rule: rule, present: present)
                do throws(RegexMatchError) {
                    try ctx.run()
                    findings.append(contentsOf: ctx.findings)
                } catch {
                    errors.append(FileError(path: doc.path, message: "rule \(rule.qualifiedID) stopped: \(error.message); the rule's other findings for this file are dropped"))
                }
            }
        }
        SuppressionResolver.apply(&findings, doc: doc, rules: rules, reportUnused: reportUnusedSuppressions)
        findings.sort {
            if $0.range.lowerBound != $1.range.lowerBound { return $0.range.lowerBound < $1.range.lowerBound }
            if $0.range.upperBound != $1.range.upperBound { return $0.range.upperBound < $1.range.upperBound }
            return $0.qualifiedID < $1.qualifiedID
        }
        return FileResult(path: doc.path, findings: findings, errors: errors, document: doc)
    }

    /// Convenience for tests and single documents.
    public func lint(_ doc: Document) -> FileResult { lint(doc, scratch: makeScratch()) }
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

    var allPatterns: [Pattern] {
        var out: [Pattern] = exceptions.map(\.pattern)
        switch check {
        case .forbid(let p, _), .require(let p, _, _): out += p
        case .swap(let entries, _): out += entries.map(\.pattern)
        case .conditional(let i, let t): out += i + t
        case .metric: break
        }
        return out
    }
}

