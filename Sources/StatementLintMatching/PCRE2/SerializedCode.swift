import CPCRE2
import Foundation

extension Regex {
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
    static func decode(_ serialized: SerializedCode) -> OpaquePointer? {
        guard let bytes = serialized.bytes() else { return nil }
        var code: OpaquePointer? = nil
        let rc = bytes.withUnsafeBufferPointer { pcre2_serialize_decode_8(&code, 1, $0.baseAddress, nil) }
        return rc == 1 ? code : nil
    }
}

/// PCRE2's serialized form of one compiled pattern (`pcre2_serialize_encode`), made at build
/// time. Every pattern's form begins with the same bytes (a header and PCRE2's character
/// tables, over 1,100 bytes), so a pack keeps that part once, in a `SerializedPrefix`, and
/// each pattern only the rest (base64).
package struct SerializedCode: Sendable {
    package let prefix: SerializedPrefix
    package let rest: String
    package init(prefix: SerializedPrefix, rest: String) { self.prefix = prefix; self.rest = rest }

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
package final class SerializedPrefix: Sendable {
    let bytes: [UInt8]?
    package init(base64: String) { bytes = Regex.base64Decode(base64) }
}
