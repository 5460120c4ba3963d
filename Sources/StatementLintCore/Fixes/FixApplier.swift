/// Applies fixes to a file's bytes. Overlapping fixes are resolved deterministically: fixes
/// are taken in order of start offset (then end, then rule id) and one that overlaps an
/// already-taken fix is skipped and returned, so the caller can report it.
enum FixApplier {
    struct Outcome {
        public let bytes: [UInt8]
        public let applied: [Finding]
        public let skipped: [Finding]
    }

    static func apply(_ findings: [Finding], to bytes: [UInt8], safeOnly: Bool) -> Outcome {
        let candidates = findings.filter { f in
            guard let fix = f.fix, f.suppression == nil else { return false }
            return !safeOnly || fix.safety == .safe
        }.sorted { a, b in
            let x = a.fix!.range, y = b.fix!.range
            if x.lowerBound != y.lowerBound { return x.lowerBound < y.lowerBound }
            if x.upperBound != y.upperBound { return x.upperBound < y.upperBound }
            return a.qualifiedID < b.qualifiedID
        }
        var taken: [Finding] = []
        var skipped: [Finding] = []
        var lastEnd = -1
        for f in candidates {
            let r = f.fix!.range
            // Two insertions at one point, or any overlap, conflict.
            if r.lowerBound < lastEnd || (r.isEmpty && r.lowerBound == lastEnd) || (taken.last.map { $0.fix!.range == r } ?? false) {
                skipped.append(f)
                continue
            }
            // A fix that changes nothing is not an edit.
            if Array(bytes[r]) == Array(f.fix!.replacement.utf8) { continue }
            taken.append(f)
            lastEnd = r.upperBound
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var at = 0
        for f in taken {
            let r = f.fix!.range
            out.append(contentsOf: bytes[at..<r.lowerBound])
            out.append(contentsOf: f.fix!.replacement.utf8)
            at = r.upperBound
        }
        out.append(contentsOf: bytes[at...])
        return Outcome(bytes: out, applied: taken, skipped: skipped)
    }
}
