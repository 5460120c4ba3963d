import Foundation

/// `--timings`: the time of each phase and the slowest rules, for standard error.
struct TimingsReport {
    let session: LintSession
    let files: Int
    let workers: Int
    /// Whether the report was rendered on the workers (then it is a phase of its own).
    let renderedAhead: Bool
    let startUp: UInt64
    let checking: UInt64

    var text: String {
        func ms(_ ns: UInt64) -> String { String(format: "%.1f ms", Double(ns) / 1e6) }
        var lines = ["timings: start-up and rule loading \(ms(startUp)), checking \(files) file\(files == 1 ? "" : "s") \(ms(checking)) (wall, \(workers) job\(workers == 1 ? "" : "s"))"]
        if let phases = session.phases {
            let shown = PhaseTimings.Phase.allCases.filter { $0 != .report || renderedAhead }
            lines.append("phases (summed over threads): " + shown.map { "\($0.name) \(ms(phases.total($0)))" }.joined(separator: ", "))
            let s = phases.searches
            lines.append("PCRE2 searches (within rules): \(s.searches) in \(ms(s.foundNanoseconds + s.noneNanoseconds)); "
                         + "\(s.found) found a match (\(ms(s.foundNanoseconds))), \(s.searches - s.found) found none (\(ms(s.noneNanoseconds)))")
        }
        for t in session.timings {
            lines.append("rules: \(ms(t.total)) in all (summed over threads); slowest:")
            for e in t.slowest(10) {
                let s = e.figures
                var work = s.looks == 0 ? "no pattern searches" : "\(s.looks) pattern search\(s.looks == 1 ? "" : "es"), \(s.emptyLooks) found nothing (\(ms(s.emptyNanoseconds)))"
                if s.exceptionLooks > 0 { work += "; \(s.exceptionLooks) exception search\(s.exceptionLooks == 1 ? "" : "es") (\(ms(s.exceptionNanoseconds)))" }
                let time = ms(s.nanoseconds)
                lines.append("  \(time)\(String(repeating: " ", count: max(1, 11 - time.count)))\(e.id): \(work)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
