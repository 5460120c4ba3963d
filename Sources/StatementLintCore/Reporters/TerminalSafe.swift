/// Text from a statement (or a file name) on its way to a terminal: control characters are
/// shown escaped, so a file cannot move the cursor, change colours or retitle the window
/// through text, line or github output. Tab and line feed stay as they are; C0 controls
/// (including ESC and CR) and DEL are written `\x1b`, C1 controls `\u009b`. JSON and SARIF
/// escape them already.
enum TerminalSafe {
    /// Whether `u` is written escaped.
    @inline(__always) static func isControl(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return (v < 0x20 && v != 0x09 && v != 0x0A) || (v >= 0x7F && v <= 0x9F)
    }

    /// `\x1b` for a C0 control or DEL, `\u009b` for a C1 control.
    static func escaped(_ u: Unicode.Scalar) -> String {
        let v = u.value
        let hex = String(v, radix: 16)
        return v < 0x80 ? "\\x" + (hex.count == 1 ? "0" : "") + hex : "\\u00" + hex
    }

    /// `s` with its control characters escaped; `s` itself when it has none (the common case,
    /// told from its bytes).
    static func escape(_ s: String) -> String {
        var clean = true
        var copy = s
        copy.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                // C1 controls are U+0080–U+009F: 0xC2 0x80…0x9F in UTF-8.
                if (b < 0x20 && b != 0x09 && b != 0x0A) || b == 0x7F || (b == 0xC2 && i + 1 < bytes.count && bytes[i + 1] <= 0x9F) {
                    clean = false
                    return
                }
                i += 1
            }
        }
        if clean { return s }
        var out = ""
        for u in s.unicodeScalars {
            if isControl(u) { out += escaped(u) } else { out.unicodeScalars.append(u) }
        }
        return out
    }
}
