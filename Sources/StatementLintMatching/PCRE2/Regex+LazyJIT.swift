import CPCRE2
import Foundation

extension Regex {

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
}
