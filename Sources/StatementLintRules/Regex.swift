import CPCRE2
import Foundation

/// A pattern that PCRE2 refused to compile.
public struct RegexCompileError: Error, Equatable, Sendable {
    /// Offset (in bytes of the pattern) where PCRE2 stopped.
    public let offset: Int
    /// PCRE2's own message.
    public let message: String
    public init(offset: Int, message: String) { self.offset = offset; self.message = message }
}

/// A match that PCRE2 gave up on: a runaway pattern, or an internal error.
public struct RegexMatchError: Error, Equatable, Sendable {
    public let code: Int32
    package init(code: Int32) { self.code = code }
    public var message: String { pcre2Message(code) }
    /// True when a resource limit (match, depth or JIT stack) stopped the match.
    public var isLimit: Bool {
        code == PCRE2_ERROR_MATCHLIMIT || code == PCRE2_ERROR_DEPTHLIMIT || code == PCRE2_ERROR_JIT_STACKLIMIT
    }
}

func pcre2Message(_ code: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 256)
    let n = pcre2_get_error_message_8(code, &buffer, buffer.count)
    return n > 0 ? String(decoding: buffer[0..<Int(n)], as: UTF8.self) : "PCRE2 error \(code)"
}

/// A compiled, JIT-compiled PCRE2 pattern working on UTF-8 bytes.
///
/// Compiled once, shared across threads; every thread matches with its own `MatchScratch`.
public final class Regex: @unchecked Sendable {
    /// Compiled on first use for patterns validated at build time; see `init(validated:...)`.
    private var compiledCode: OpaquePointer?
    public let pattern: String
    public let caseless: Bool
    public let captureCount: Int
    /// Named groups and their numbers.
    public let groupNames: [String: Int]

    /// Compiles in UTF mode with Unicode properties, or (`unicode: false`) for bytes with
    /// ASCII classes only (see `compileASCII`).
    static func compile(_ pattern: String, caseless: Bool, unicode: Bool = true) -> Result<OpaquePointer, RegexCompileError> {
        var options = unicode ? UInt32(PCRE2_UTF | PCRE2_UCP) : 0
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

    /// The same pattern compiled without UTF and Unicode properties, for text that is all
    /// ASCII (see `asciiCode`); nil when the pattern does not qualify or it failed to compile.
    static func compileASCII(_ pattern: String, caseless: Bool) -> OpaquePointer? {
        guard asciiEquivalent(pattern), case .success(let code) = compile(pattern, caseless: caseless, unicode: false) else { return nil }
        return code
    }

    /// Whether the pattern, compiled without UTF and UCP, finds exactly the same matches in
    /// all-ASCII text. On ASCII characters the two modes agree: `\w`, `\d`, `\s`, `\b`, the
    /// POSIX classes and case folding classify every ASCII character alike, and a character is
    /// one byte. They differ only on non-ASCII characters, which such a text does not have and
    /// the pattern must not name either: it is all ASCII, and uses none of the escapes that
    /// stand for code points or Unicode properties (`\x{…}`, `\o{…}`, `\N{…}`, `\p`, `\P`,
    /// `\X`, `\C`), nor a leading option verb such as `(*UTF)` or `(*UCP)`. Nor the POSIX
    /// classes `[:upper:]` and `[:lower:]`: with UCP, PCRE2 10.42 reads them as `\p{Lu}` and
    /// `\p{Ll}`, which caseless matching does not widen, while without it they match either
    /// case. Nor, with a look-behind, a subroutine call or recursion, whose look-behinds can
    /// reach further back than `asciiReach` counts. (A search that hits the match or depth
    /// limit may stop at another point in either form; below the limits they agree.)
    package static func asciiEquivalent(_ pattern: String) -> Bool {
        let p = Array(pattern.utf8)
        guard p.allSatisfy({ $0 < 0x80 }), count("(*", in: p) == 0, count("upper:]", in: p) == 0, count("lower:]", in: p) == 0 else { return false }
        if lookbehinds(p) > 0 {
            for call in ["(?R", "(?0", "(?1", "(?2", "(?3", "(?4", "(?5", "(?6", "(?7", "(?8", "(?9", "(?+", "(?-0", "(?-1", "(?-2", "(?-3",
                         "(?-4", "(?-5", "(?-6", "(?-7", "(?-8", "(?-9", "(?&", "(?P>", "\\g<", "\\g'"] as [StaticString] where count(call, in: p) > 0 {
                return false
            }
        }
        var i = 0
        while i < p.count {
            if p[i] == UInt8(ascii: "\\"), i + 1 < p.count {
                switch p[i + 1] {
                case UInt8(ascii: "p"), UInt8(ascii: "P"), UInt8(ascii: "X"), UInt8(ascii: "C"): return false
                case UInt8(ascii: "x"), UInt8(ascii: "o"), UInt8(ascii: "N"):
                    if i + 2 < p.count && p[i + 2] == UInt8(ascii: "{") { return false }
                default: break
                }
                i += 2
            } else {
                i += 1
            }
        }
        return true
    }

    /// How many look-behind assertions the pattern opens (an upper bound: a `(?<=` inside a
    /// class or after a backslash counts too).
    static func lookbehinds(_ p: [UInt8]) -> Int { count("(?<=", in: p) + count("(?<!", in: p) }

    /// Occurrences of the ASCII string `needle` in `p` (byte comparison: these run for every
    /// busy pattern, and Foundation's string search cost more than compiling it).
    static func count(_ needle: StaticString, in p: [UInt8]) -> Int {
        let n = needle.utf8CodeUnitCount, bytes = needle.utf8Start
        guard n > 0, p.count >= n else { return 0 }
        var found = 0
        for i in 0...(p.count - n) where p[i] == bytes[0] {
            var k = 1
            while k < n && p[i + k] == bytes[k] { k += 1 }
            if k == n { found += 1 }
        }
        return found
    }

    /// PCRE2's serialized form of the compiled pattern, made at build time, so first use
    /// decodes instead of compiling. Used only if this PCRE2 accepts it.
    package let serialized: SerializedCode?

    /// A pattern already validated (at build time, for the built-in pack): compiled and
    /// JIT-compiled only when first matched, so start-up does no PCRE2 work at all.
    public init(validated pattern: String, caseless: Bool, captureCount: Int, groupNames: [String: Int], serialized: SerializedCode? = nil) {
        self.pattern = pattern
        self.caseless = caseless
        self.captureCount = captureCount
        self.groupNames = groupNames
        self.serialized = serialized
    }

    /// The compiled pattern in PCRE2's serialized form (tied to this PCRE2 build).
    package func serializedForm() -> [UInt8]? {
        guard let compiledCode else { return nil }
        var code: OpaquePointer? = compiledCode
        var bytes: UnsafeMutablePointer<UInt8>? = nil
        var size: Int = 0
        let rc = pcre2_serialize_encode_8(&code, 1, &bytes, &size, nil)
        guard rc == 1, let bytes else { return nil }
        defer { pcre2_serialize_free_8(bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: size))
    }

    /// Decodes `serialized`; nil when this PCRE2 rejects it (another version or build).
    private static func decode(_ serialized: SerializedCode) -> OpaquePointer? {
        guard let bytes = serialized.bytes() else { return nil }
        var code: OpaquePointer? = nil
        let rc = bytes.withUnsafeBufferPointer { pcre2_serialize_decode_8(&code, 1, $0.baseAddress, nil) }
        return rc == 1 ? code : nil
    }

    /// Standard base64 (with padding) to bytes; nil on anything else. Foundation's decoder
    /// is several times slower, and this runs for every pattern a first statement uses.
    package static func base64Decode(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { t -> [UInt8]? in
            guard t.count % 4 == 0 else { return nil }
            var pad = 0
            if t.count >= 4 { pad = t[t.count - 1] == 0x3D ? (t[t.count - 2] == 0x3D ? 2 : 1) : 0 }
            let size = t.count / 4 * 3 - pad
            var ok = true
            let out = [UInt8](unsafeUninitializedCapacity: size) { out, count in
                base64Values.withUnsafeBufferPointer { values in
                    // Whole groups of four digits; the last group (which may be padded) after.
                    let quads = t.count / 4
                    var i = 0, o = 0, bad: UInt8 = 0
                    for _ in 0..<max(0, quads - 1) {
                        let a = values[Int(t[i])], b = values[Int(t[i &+ 1])], c = values[Int(t[i &+ 2])], d = values[Int(t[i &+ 3])]
                        bad |= a | b | c | d
                        let quad = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                        out[o] = UInt8(truncatingIfNeeded: quad >> 16)
                        out[o &+ 1] = UInt8(truncatingIfNeeded: quad >> 8)
                        out[o &+ 2] = UInt8(truncatingIfNeeded: quad)
                        i &+= 4; o &+= 3
                    }
                    if quads > 0 {
                        let a = values[Int(t[i])], b = values[Int(t[i + 1])]
                        let c = pad == 2 ? 0 : values[Int(t[i + 2])]
                        let d = pad >= 1 ? 0 : values[Int(t[i + 3])]
                        bad |= a | b | c | d
                        let quad = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                        out[o] = UInt8(truncatingIfNeeded: quad >> 16)
                        if o + 1 < size { out[o + 1] = UInt8(truncatingIfNeeded: quad >> 8) }
                        if o + 2 < size { out[o + 2] = UInt8(truncatingIfNeeded: quad) }
                    }
                    ok = bad & 0x40 == 0
                }
                count = ok ? size : 0
            }
            return ok ? out : nil
        }
    }

    /// Each byte's 6-bit base64 value; 0x40 marks bytes that are not base64 digits.
    private static let base64Values: [UInt8] = {
        var v = [UInt8](repeating: 0x40, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() { v[Int(c)] = UInt8(i) }
        return v
    }()

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
    /// searches: it costs far
    /// more than one search (tens to hundreds of microseconds), so one statement is checked
    /// faster with the interpreter, while the interpreter, several times slower per byte, must
    /// not run long over an archive. 2 KB, measured in instructions with callgrind, keeps the
    /// one-statement run as cheap as with no JIT at all, and costs a 100-file run 6% more than
    /// JIT-compiling at first use (the old limit of 200 searches cost 85% more).
    package static let jitAfterBytes = 2048
    /// Off: never make or use `asciiCode` (tests compare the two).
    package var useASCIICode = true
    private let readyLock = NSLock()
    private var bytesSearched = 0
    /// Set (with release ordering) once the code is final: 2 when it is JIT code, 1 when the
    /// platform has no JIT. Read without a lock, so threads matching the same pattern never
    /// wait on each other.
    private let ready: UnsafeMutablePointer<Int32> = {
        let p = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        p.initialize(to: 0)
        return p
    }()

    /// The pattern JIT-compiled for all-ASCII text (see `asciiEquivalent`), made with the
    /// JIT code and set before `ready` is: searches over ASCII text use it. Searching in
    /// PCRE2's UTF and Unicode-property modes costs more, and most sentences are ASCII once
    /// typographic quotes are folded: over the 10,000-statement corpus, the PCRE2 searches
    /// took 1.66 s instead of 1.96 s (`--timings`, sums over threads, two runs each).
    private var asciiCode: OpaquePointer?
    /// How far before its start a search may look, in bytes of ASCII text: PCRE2's longest
    /// look-behind (which counts `\b`) and one more character for a `\b` or `^` at its start,
    /// once per look-behind the pattern opens, since nested ones add up; plus one. The text
    /// from there to the end must be ASCII for `asciiCode`.
    private var asciiReach = Int.max

    /// Compiles and JIT-compiles `asciiCode`; only while holding `readyLock`, before `ready` is set.
    private func makeASCIICode() {
        guard asciiCode == nil, let code = Regex.compileASCII(pattern, caseless: caseless) else { return }
        var count: UInt32 = 0, lookbehind: UInt32 = 0, utfLookbehind: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_MAXLOOKBEHIND), &lookbehind)
        pcre2_pattern_info_8(compiledCode, UInt32(PCRE2_INFO_MAXLOOKBEHIND), &utfLookbehind)
        guard Int(count) == captureCount, pcre2_jit_compile_8(code, UInt32(PCRE2_JIT_COMPLETE)) == 0 else {
            pcre2_code_free_8(code)
            return
        }
        asciiReach = Swift.max(1, Regex.lookbehinds(Array(pattern.utf8))) * (Int(Swift.max(lookbehind, utfLookbehind)) + 1) + 1
        asciiCode = code
    }

    /// The code for a search that may read `subject[from..<end]`, where the text from
    /// `asciiFrom` on is known to be ASCII: the ASCII code when it exists and covers it.
    @inline(__always) private func code(searching bytes: Int, from: Int, asciiFrom: Int) -> (code: OpaquePointer, jit: Bool) {
        let chosen = code(searching: bytes)
        if chosen.jit, let asciiCode, asciiFrom <= Swift.max(0, from &- asciiReach) { return (asciiCode, true) }
        return chosen
    }

    /// The compiled code (JIT-compiled once the pattern has proved busy), and whether it is
    /// JIT code, which `pcre2_jit_match` runs without `pcre2_match`'s checks and dispatch.
    @inline(__always) func code(searching bytes: Int) -> (code: OpaquePointer, jit: Bool) {
        let state = cpcre2_flag_load(ready)
        if state != 0 { return (compiledCode!, state == 2) }
        readyLock.lock()
        defer { readyLock.unlock() }
        // Until `ready` is set (under this lock), the code is the interpreter's.
        if cpcre2_flag_load(ready) == 0 {
            if compiledCode == nil, let serialized, let decoded = Regex.decode(serialized) {
                // A capture count that differs would mean the blob is not this pattern's: compile instead.
                var count: UInt32 = 0
                pcre2_pattern_info_8(decoded, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
                if Int(count) == captureCount { compiledCode = decoded } else { pcre2_code_free_8(decoded) }
            }
            if compiledCode == nil {
                switch Regex.compile(pattern, caseless: caseless) {
                case .success(let c): compiledCode = c
                case .failure(let e): fatalError("built-in pattern \(pattern) no longer compiles: \(e.message)")
                }
            }
            // Decided on the bytes searched before this search: one long search (a whole
            // statement, for a document-scope rule or a statement context) runs in the
            // interpreter, and only a pattern that keeps searching is JIT-compiled.
            let before = bytesSearched
            bytesSearched += bytes
            if before >= Regex.jitAfterBytes {
                // JIT is an accelerator: if the platform lacks it, the interpreter gives the same results.
                let jitted = pcre2_jit_compile_8(compiledCode, UInt32(PCRE2_JIT_COMPLETE)) == 0
                if jitted && useASCIICode { makeASCIICode() }
                cpcre2_flag_store(ready, jitted ? 2 : 1)
                return (compiledCode!, jitted)
            }
        }
        return (compiledCode!, cpcre2_flag_load(ready) == 2)
    }

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

    /// Whether searches over ASCII text now use the ASCII code (tests).
    package var usesASCIICode: Bool { cpcre2_flag_load(ready) == 2 && asciiCode != nil }

    /// Whether a search from `from`, over text that is ASCII from `asciiFrom` on, would use
    /// the ASCII code now (tests: the boundary of `asciiReach`).
    package func wouldUseASCIICode(from: Int, asciiFrom: Int) -> Bool {
        code(searching: 0, from: from, asciiFrom: asciiFrom).code == asciiCode
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

public func monotonicNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// PCRE2 searches one thread made (`--timings`): how many found a match, and the time spent
/// in those and in the others. Time in searches that find nothing is at most what a sharper
/// prefilter could save (the search after a unit's last match finds nothing too); time in
/// those that find one is what the rules need.
public final class SearchStats: @unchecked Sendable {
    public internal(set) var searches = 0
    public internal(set) var found = 0
    public internal(set) var foundNanoseconds: UInt64 = 0
    public internal(set) var noneNanoseconds: UInt64 = 0
    /// Set while a rule looks for its exceptions: those searches are counted apart below.
    public var lookingForExceptions = false
    /// Pattern searches counted per look (one `forEachMatch` call: a unit, or the rest of one,
    /// searched for its matches, however many PCRE2 searches that takes); `emptyLooks` found
    /// no match at all, and `emptyNanoseconds` is their time: the units a sharper prefilter
    /// would not have searched. (Not exceptions.)
    public internal(set) var looks = 0
    public internal(set) var emptyLooks = 0
    public internal(set) var emptyNanoseconds: UInt64 = 0
    /// Looks for exceptions, and all their time.
    public internal(set) var exceptionLooks = 0
    public internal(set) var exceptionNanoseconds: UInt64 = 0
    public init() {}
}

/// Per-thread matching state: match data, limits and a JIT stack. Not shareable across threads.
public final class MatchScratch {
    let matchData: OpaquePointer
    let context: OpaquePointer
    let jitStack: OpaquePointer?
    /// Set to count and time every search made with this scratch.
    public var stats: SearchStats?
    /// Working space the engine's literal gate reuses from one document to the next; all
    /// zero whenever it is not in use.
    package var gateMarks: [UInt64] = []

    /// Limits keep a pathological pattern on hostile text from running away.
    public static let defaultMatchLimit: UInt32 = 2_000_000
    public static let defaultDepthLimit: UInt32 = 20_000

    public init(maxCaptures: Int = 32, matchLimit: UInt32 = MatchScratch.defaultMatchLimit, depthLimit: UInt32 = MatchScratch.defaultDepthLimit) {
        matchData = pcre2_match_data_create_8(UInt32(maxCaptures + 1), nil)!
        context = pcre2_match_context_create_8(nil)!
        pcre2_set_match_limit_8(context, matchLimit)
        pcre2_set_depth_limit_8(context, depthLimit)
        jitStack = pcre2_jit_stack_create_8(32 * 1024, 1024 * 1024, nil)
        if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }
}

/// PCRE2's serialized form of one compiled pattern (`pcre2_serialize_encode`), made at build
/// time. Every pattern's form begins with the same bytes (a header and PCRE2's character
/// tables, over 1,100 bytes), so a pack keeps that part once, in a `SerializedPrefix`, and
/// each pattern only the rest (base64).
public struct SerializedCode: Sendable {
    public let prefix: SerializedPrefix
    public let rest: String
    public init(prefix: SerializedPrefix, rest: String) { self.prefix = prefix; self.rest = rest }

    /// The whole serialized form; nil if either part is not valid base64, or if the form
    /// is not one code block of exactly its stated size (see `isWhole`).
    package func bytes() -> [UInt8]? {
        guard let head = prefix.bytes, let tail = Regex.base64Decode(rest) else { return nil }
        let form = head + tail
        return SerializedCode.isWhole(form) ? form : nil
    }

    /// `pcre2_serialize_decode` takes no length: it trusts the block size written inside
    /// the data and copies that many bytes. So before decoding, the form must be a 16-byte
    /// header for one code, the 1,088 bytes of character tables, then one code block whose
    /// size field (a 64-bit word at byte 72 of the block, in PCRE2 10.3x and 10.4x) is the
    /// rest of the data exactly. Anything else, from a damaged blob or a PCRE2 laid out
    /// differently, is not decoded: the pattern is compiled from its source instead.
    package static func isWhole(_ form: [UInt8]) -> Bool {
        let header = 16, tables = 1_088, sizeField = header + tables + 72
        guard MemoryLayout<Int>.size == 8, form.count >= sizeField + 8 else { return false }
        // PCRE2 writes these fields in the machine's own byte order.
        return form.withUnsafeBytes { raw in
            raw.loadUnaligned(fromByteOffset: 12, as: UInt32.self) == 1
                && raw.loadUnaligned(fromByteOffset: sizeField, as: UInt64.self) == UInt64(form.count - header - tables)
        }
    }

    /// The longest start all of `forms` share (empty for none), for `SerializedPrefix`.
    package static func sharedPrefix(_ forms: [[UInt8]]) -> [UInt8] {
        guard var prefix = forms.first else { return [] }
        for form in forms.dropFirst() {
            var n = 0
            while n < prefix.count && n < form.count && prefix[n] == form[n] { n += 1 }
            prefix.removeLast(prefix.count - n)
        }
        return prefix
    }
}

/// The start every serialized pattern of a pack shares; decoded once.
public final class SerializedPrefix: Sendable {
    let bytes: [UInt8]?
    public init(base64: String) { bytes = Regex.base64Decode(base64) }
}
