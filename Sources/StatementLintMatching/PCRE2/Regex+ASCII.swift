import CPCRE2
import Foundation

extension Regex {
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


    /// Compiles and JIT-compiles `asciiCode`; only while holding `readyLock`, before `ready` is set.
    func makeASCIICode() {
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
    @inline(__always) func code(searching bytes: Int, from: Int, asciiFrom: Int) -> (code: OpaquePointer, jit: Bool) {
        let chosen = code(searching: bytes)
        if chosen.jit, let asciiCode, asciiFrom <= Swift.max(0, from &- asciiReach) { return (asciiCode, true) }
        return chosen
    }

    /// Whether searches over ASCII text now use the ASCII code (tests).
    package var usesASCIICode: Bool { cpcre2_flag_load(ready) == 2 && asciiCode != nil }

    /// Whether a search from `from`, over text that is ASCII from `asciiFrom` on, would use
    /// the ASCII code now (tests: the boundary of `asciiReach`).
    package func wouldUseASCIICode(from: Int, asciiFrom: Int) -> Bool {
        code(searching: 0, from: from, asciiFrom: asciiFrom).code == asciiCode
    }
}
