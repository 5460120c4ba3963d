import CPCRE2
import Foundation

/// A compiled, JIT-compiled PCRE2 pattern working on UTF-8 bytes.
///
/// Compiled once, shared across threads; every thread matches with its own `MatchScratch`.
public final class Regex: @unchecked Sendable {
    /// Compiled on first use for patterns validated at build time; see `init(validated:...)`.
    var compiledCode: OpaquePointer?
    public let pattern: String
    public let caseless: Bool
    public let captureCount: Int
    /// Named groups and their numbers.
    public let groupNames: [String: Int]

    /// Compiles in UTF mode with Unicode properties, or (`unicode: false`) for bytes with
    /// ASCII classes only (see `compileASCII`).
    /// `\C` (one code unit, which can stop inside a character and so make a fix cut a
    /// character in two) is refused in every pattern: PCRE2_NEVER_BACKSLASH_C.
    static func compile(_ pattern: String, caseless: Bool, unicode: Bool = true) -> Result<OpaquePointer, RegexCompileError> {
        var options = UInt32(PCRE2_NEVER_BACKSLASH_C)
        if unicode { options |= UInt32(PCRE2_UTF | PCRE2_UCP) }
        if caseless { options |= UInt32(PCRE2_CASELESS) }
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let bytes = Array(pattern.utf8)
        let compiled = bytes.withUnsafeBufferPointer { buf in
            pcre2_compile_8(buf.baseAddress ?? UnsafePointer(bitPattern: 1), buf.count, options, &errorCode, &errorOffset, nil)
        }
        guard let compiled else { return .failure(RegexCompileError(offset: errorOffset, message: pcre2Message(errorCode))) }
        return .success(compiled)
    }



    /// PCRE2's serialized form of the compiled pattern, made at build time, so first use
    /// decodes instead of compiling. Used only if this PCRE2 accepts it.
    package let serialized: SerializedCode?

    /// A pattern already validated (at build time, for the built-in pack): compiled and
    /// JIT-compiled only when first matched, so start-up does no PCRE2 work at all.
    package init(validated pattern: String, caseless: Bool, captureCount: Int, groupNames: [String: Int], serialized: SerializedCode? = nil) {
        self.pattern = pattern
        self.caseless = caseless
        self.captureCount = captureCount
        self.groupNames = groupNames
        self.serialized = serialized
    }


    /// Compiles now, so a bad pattern is reported where it is loaded.
    public init(_ pattern: String, caseless: Bool = false) throws(RegexCompileError) {
        self.pattern = pattern
        self.caseless = caseless
        serialized = nil
        let compiled: OpaquePointer
        switch Regex.compile(pattern, caseless: caseless) {
        case .success(let c): compiled = c
        case .failure(let e): throw e
        }
        compiledCode = compiled

        var count: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        captureCount = Int(count)

        var names: [String: Int] = [:]
        var nameCount: UInt32 = 0, entrySize: UInt32 = 0
        var table: UnsafePointer<UInt8>? = nil
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_NAMECOUNT), &nameCount)
        if nameCount > 0 {
            pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &entrySize)
            pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_NAMETABLE), &table)
            if let table {
                for i in 0..<Int(nameCount) {
                    let entry = table + i * Int(entrySize)
                    let number = Int(entry[0]) << 8 | Int(entry[1])
                    names[String(cString: entry + 2)] = number
                }
            }
        }
        groupNames = names
    }

    deinit {
        if let compiledCode { pcre2_code_free_8(compiledCode) }
        if let asciiCode { pcre2_code_free_8(asciiCode) }
        ready.deallocate()
    }

    /// JIT compilation waits until a pattern has searched `jitAfterBytes` bytes in earlier
    /// searches (see `code(searching:)`); the figure is explained in docs/performance.md.
    package static let jitAfterBytes = 2048
    /// Off: never make or use `asciiCode` (tests compare the two).
    package var useASCIICode = true
    let readyLock = NSLock()
    var bytesSearched = 0
    /// Set (with release ordering) once the code is final: 2 when it is JIT code, 1 when the
    /// platform has no JIT. Read without a lock, so threads matching the same pattern never
    /// wait on each other.
    let ready: UnsafeMutablePointer<Int32> = {
        let p = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        p.initialize(to: 0)
        return p
    }()

    /// The pattern JIT-compiled for all-ASCII text (see `asciiEquivalent`), made with the
    /// JIT code and set before `ready` is: searches over ASCII text use it (PCRE2's UTF and
    /// Unicode-property modes cost more; see docs/performance.md).
    var asciiCode: OpaquePointer?
    /// How far before its start a search may look, in bytes of ASCII text: PCRE2's longest
    /// look-behind (which counts `\b`) and one more character for a `\b` or `^` at its start,
    /// once per look-behind the pattern opens, since nested ones add up; plus one. The text
    /// from there to the end must be ASCII for `asciiCode`.
    var asciiReach = Int.max

    /// Calls `body` for every non-overlapping match in `subject[range]`, left to right.
    /// Text before `range` is visible to look-behind and `\b`. Return `false` to stop early.
    /// Empty matches are allowed and the search still advances. `asciiFrom`: an offset from
    /// which `subject` is all ASCII up to the end of `range`, when the caller knows one (the
    /// search may then use the pattern's ASCII code, which finds the same matches faster).
    public func forEachMatch(
        in subject: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil, scratch: MatchScratch, asciiFrom: Int = .max,
        _ body: (Match) -> Bool
    ) throws(RegexMatchError) {
        let range = range ?? 0..<subject.count
        let (code, jit) = self.code(searching: range.count + 1, from: range.lowerBound, asciiFrom: asciiFrom)
        guard let base = subject.baseAddress ?? UnsafePointer(bitPattern: 1) else { return }
        var start = range.lowerBound
        var options: UInt32 = UInt32(PCRE2_NO_UTF_CHECK)
        var firstSearch = true
        while start <= range.upperBound {
            // PCRE2's JIT does not support PCRE2_ANCHORED given at match time (`pcre2_match`
            // runs such a search with the interpreter), so that search goes to `pcre2_match`.
            @inline(__always) func search() -> Int32 {
                jit && options & UInt32(PCRE2_ANCHORED) == 0
                    ? pcre2_jit_match_8(code, base, range.upperBound, start, options, scratch.matchData, scratch.context)
                    : pcre2_match_8(code, base, range.upperBound, start, options, scratch.matchData, scratch.context)
            }
            let rc: Int32
            if let stats = scratch.stats {
                let started = monotonicNanoseconds()
                rc = search()
                let spent = monotonicNanoseconds() - started
                stats.searches += 1
                if rc >= 0 { stats.found += 1; stats.foundNanoseconds += spent } else { stats.noneNanoseconds += spent }
                if stats.lookingForExceptions {
                    if firstSearch { stats.exceptionLooks += 1 }
                    stats.exceptionNanoseconds += spent
                } else if firstSearch {
                    stats.looks += 1
                    if rc < 0 { stats.emptyLooks += 1; stats.emptyNanoseconds += spent }
                }
                firstSearch = false
            } else {
                rc = search()
            }
            if rc == PCRE2_ERROR_NOMATCH {
                if options & UInt32(PCRE2_NOTEMPTY_ATSTART) != 0 {
                    // The empty match at `start` had no non-empty alternative: step one character on.
                    options = UInt32(PCRE2_NO_UTF_CHECK)
                    start += 1
                    while start < range.upperBound, subject[start] & 0xC0 == 0x80 { start += 1 }
                    continue
                }
                return
            }
            if rc < 0 { throw RegexMatchError(code: rc) }
            let ov = pcre2_get_ovector_pointer_8(scratch.matchData)!
            let match = Match(ovector: ov, pairs: min(Int(pcre2_get_ovector_count_8(scratch.matchData)), captureCount + 1))
            if !body(match) { return }
            let end = ov[1]
            if end == ov[0] {
                // Empty match: try for a non-empty one at the same place before moving on.
                options = UInt32(PCRE2_NO_UTF_CHECK | PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED)
                if end == range.upperBound { return }
            } else {
                options = UInt32(PCRE2_NO_UTF_CHECK)
            }
            start = end
        }
    }

    /// All matches as byte ranges.
    public func matches(in subject: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil, scratch: MatchScratch, asciiFrom: Int = .max) throws(RegexMatchError) -> [Range<Int>] {
        var out: [Range<Int>] = []
        try forEachMatch(in: subject, range: range, scratch: scratch, asciiFrom: asciiFrom) { out.append($0.range); return true }
        return out
    }

    /// Whether the pattern matches anywhere in `subject[range]`.
    public func firstMatch(in subject: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil, scratch: MatchScratch, asciiFrom: Int = .max) throws(RegexMatchError) -> Range<Int>? {
        var found: Range<Int>?
        try forEachMatch(in: subject, range: range, scratch: scratch, asciiFrom: asciiFrom) { found = $0.range; return false }
        return found
    }

}

/// One match: the whole range and its groups, valid only inside the callback.
public struct Match {
    let ovector: UnsafeMutablePointer<Int>
    let pairs: Int

    public var range: Range<Int> { ovector[0]..<ovector[1] }

    /// Byte range of group `i`, or nil when the group did not take part.
    public func group(_ i: Int) -> Range<Int>? {
        guard i >= 0, i < pairs else { return nil }
        let s = ovector[2 * i], e = ovector[2 * i + 1]
        return s == cpcre2_unset() ? nil : s..<e
    }

    public var groups: [Range<Int>?] { (0..<pairs).map(group) }
}
