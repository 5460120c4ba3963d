import Foundation

/// File names that are not valid UTF-8. A Swift `String` cannot hold their bytes, so such a
/// name is shown, and carried through the run, in an escaped form: each byte that is not
/// UTF-8 as `\xHH` and a backslash as `\\` (`caf\xE9.txt`). The escaped name is usable: given
/// back to statementlint (or found by the run that printed it), it opens the file it names.
enum FilePaths {
    /// The name to show and carry for a path's bytes: the text itself when it is UTF-8.
    static func display(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var out = ""
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                if scalar == "\\" { out += "\\\\" } else { out.unicodeScalars.append(scalar) }
                offset += encoded.count
            case .error(let length):
                for b in bytes[offset..<offset + length] { out += "\\x" + String(b, radix: 16, uppercase: true).leftPadded(to: 2) }
                offset += length
            case .emptyInput:
                break loop
            }
        }
        return out
    }

    /// The bytes to open for a path as the run carries it: the path itself when it exists;
    /// else an escaped name's bytes; else the raw command-line argument it was decoded from
    /// (Swift replaces a command line's bad bytes with U+FFFD).
    static func bytes(_ path: String) -> [UInt8] {
        let literal = Array(path.utf8)
        if path.contains("\\x") || path.contains("\u{FFFD}") {
            var info = stat()
            if lstat(path, &info) == 0 { return literal }
            if let raw = unescape(path) { return raw }
            if let raw = rawArgument(path) { return raw }
        }
        return literal
    }

    /// An escaped name's bytes; nil unless it decodes to bytes that are not UTF-8 (only such
    /// names are ever escaped).
    static func unescape(_ path: String) -> [UInt8]? {
        let chars = Array(path.utf8)
        var out: [UInt8] = []
        var i = 0
        func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x41...0x46: return c - 0x41 + 10
            case 0x61...0x66: return c - 0x61 + 10
            default: return nil
            }
        }
        while i < chars.count {
            if chars[i] == 0x5C, i + 1 < chars.count {
                if chars[i + 1] == 0x5C { out.append(0x5C); i += 2; continue }
                if chars[i + 1] == 0x78, i + 3 < chars.count, let h = hex(chars[i + 2]), let l = hex(chars[i + 3]) {
                    out.append(h << 4 | l); i += 4; continue
                }
            }
            out.append(chars[i]); i += 1
        }
        return String(validating: out, as: UTF8.self) == nil ? out : nil
    }

    /// The command-line argument that decodes (with U+FFFD for bad bytes) to `path`, or a path
    /// starting with it, as its raw bytes.
    static func rawArgument(_ path: String) -> [UInt8]? {
        for i in 0..<Int(CommandLine.argc) {
            guard let arg = CommandLine.unsafeArgv[i] else { continue }
            let raw = Array(UnsafeBufferPointer(start: UnsafeRawPointer(arg).assumingMemoryBound(to: UInt8.self), count: strlen(arg)))
            guard String(validating: raw, as: UTF8.self) == nil else { continue }
            if String(decoding: raw, as: UTF8.self) == path { return raw }
        }
        return nil
    }

    /// A path's bytes as a C string, for the system calls.
    static func withCString<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
        (bytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { body($0) }
        }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
