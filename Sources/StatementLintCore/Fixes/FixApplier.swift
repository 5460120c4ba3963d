/// Applies fixes to a file's bytes. Overlapping fixes are resolved deterministically: fixes
/// are taken in order of start offset (then end, then rule id) and one that overlaps an
/// already-taken fix is skipped and returned, so the caller can report it.
enum FixApplier {
    struct Outcome {
        public let bytes: [UInt8]
        public let applied: [Finding]
        public let skipped: [Finding]
        /// Fixes not applied because they would remove, add or split a line break their
        /// replacement does not (a swap matching across a line end would join two lines).
        public let lineBreaks: [Finding]
    }

    /// The line breaks in `bytes`, in order: CRLF, LF or a lone CR.
    static func lineBreaks<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        var out: [UInt8] = []
        var previousCR = false
        for b in bytes {
            if b == 0x0A { if previousCR { out[out.count - 1] = 0 } else { out.append(0x0A) } } // 0: CRLF
            else if b == 0x0D { out.append(0x0D) }
            previousCR = b == 0x0D
        }
        return out
    }

    /// Whether replacing `bytes[range]` with `replacement` keeps every line break as it is:
    /// the range does not start or end between the CR and LF of a CRLF, and the replacement
    /// has the same breaks, in the same order, as the text it replaces.
    static func keepsLineBreaks(_ range: Range<Int>, in bytes: [UInt8], replacement: String) -> Bool {
        func insideCRLF(_ at: Int) -> Bool { at > 0 && at < bytes.count && bytes[at - 1] == 0x0D && bytes[at] == 0x0A }
        if insideCRLF(range.lowerBound) || insideCRLF(range.upperBound) { return false }
        return lineBreaks(bytes[range]) == lineBreaks(replacement.utf8)
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
        var lineBreaks: [Finding] = []
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
            if !keepsLineBreaks(r, in: bytes, replacement: f.fix!.replacement) { lineBreaks.append(f); continue }
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
        return Outcome(bytes: out, applied: taken, skipped: skipped, lineBreaks: lineBreaks)
    }
}
