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
