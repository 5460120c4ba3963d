extension Regex {
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

}
