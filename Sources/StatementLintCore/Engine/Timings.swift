import Foundation

/// Time spent in each phase of checking, added up across threads (`--timings`), and the
/// PCRE2 searches of every thread's scratch.
public final class PhaseTimings: @unchecked Sendable {
    public enum Phase: Int, CaseIterable, Sendable {
        case reading, document, scan, rules, ordering, report
        public var name: String {
            switch self {
            case .reading: return "reading files"
            case .document: return "document model"
            case .scan: return "literal scan"
            case .rules: return "rules"
            case .ordering: return "suppressions and order"
            case .report: return "report"
            }
        }
    }
    private let lock = NSLock()
    private var totals = [UInt64](repeating: 0, count: Phase.allCases.count)
    private var stats: [SearchStats] = []

    public init() {}

    public func add(_ phase: Phase, since started: UInt64) {
        let spent = monotonicNanoseconds() - started
        lock.lock(); totals[phase.rawValue] += spent; lock.unlock()
    }

    public func total(_ phase: Phase) -> UInt64 { lock.lock(); defer { lock.unlock() }; return totals[phase.rawValue] }

    /// Counts this scratch's searches from now on.
    public func watch(_ scratch: MatchScratch) {
        let s = SearchStats()
        scratch.stats = s
        lock.lock(); stats.append(s); lock.unlock()
    }

    /// Every watched scratch's searches added up (read once the workers are done).
    public var searches: (searches: Int, found: Int, foundNanoseconds: UInt64, noneNanoseconds: UInt64) {
        lock.lock(); defer { lock.unlock() }
        return stats.reduce((0, 0, 0, 0)) { ($0.0 + $1.searches, $0.1 + $1.found, $0.2 + $1.foundNanoseconds, $0.3 + $1.noneNanoseconds) }
    }
}

/// Time spent in each rule over a run, and its PCRE2 searches, added up across threads.
public final class RuleTimings: @unchecked Sendable {
    /// One rule's figures: its time, its pattern looks (a unit, or the rest of one, searched
    /// for its matches; see `SearchStats`), those that found nothing and their time (units a
    /// sharper prefilter would skip), and its looks for exceptions with their time. As a
    /// reading (`init(now:)`), the running totals of the clock and of one thread's searches.
    public struct Figures: Equatable, Sendable {
        public var nanoseconds: UInt64 = 0
        public var looks = 0
        public var emptyLooks = 0
        public var emptyNanoseconds: UInt64 = 0
        public var exceptionLooks = 0
        public var exceptionNanoseconds: UInt64 = 0
        init() {}
        init(now s: SearchStats?) {
            nanoseconds = monotonicNanoseconds()
            guard let s else { return }
            looks = s.looks; emptyLooks = s.emptyLooks; emptyNanoseconds = s.emptyNanoseconds
            exceptionLooks = s.exceptionLooks; exceptionNanoseconds = s.exceptionNanoseconds
        }
        mutating func add(_ after: Figures, minus before: Figures) {
            nanoseconds += after.nanoseconds - before.nanoseconds
            looks += after.looks - before.looks
            emptyLooks += after.emptyLooks - before.emptyLooks
            emptyNanoseconds += after.emptyNanoseconds - before.emptyNanoseconds
            exceptionLooks += after.exceptionLooks - before.exceptionLooks
            exceptionNanoseconds += after.exceptionNanoseconds - before.exceptionNanoseconds
        }
    }

    private let lock = NSLock()
    private var figures: [Figures]
    public let rules: [Rule]

    public init(rules: [Rule]) {
        self.rules = rules
        figures = [Figures](repeating: Figures(), count: rules.count)
    }

    func add(_ measured: [Figures]) {
        lock.lock()
        for i in measured.indices { figures[i].add(measured[i], minus: Figures()) }
        lock.unlock()
    }

    /// The slowest rules first: (qualified id, figures).
    public func slowest(_ count: Int) -> [(id: String, figures: Figures)] {
        lock.lock(); defer { lock.unlock() }
        return rules.indices.sorted { figures[$0].nanoseconds > figures[$1].nanoseconds }.prefix(count).map {
            (rules[$0].qualifiedID, figures[$0])
        }
    }

    public var total: UInt64 { lock.lock(); defer { lock.unlock() }; return figures.reduce(0) { $0 + $1.nanoseconds } }
}
