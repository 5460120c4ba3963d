/// Little-endian arrays of fixed-width integers, each after its count.
struct ByteWriter {
    var bytes: [UInt8] = []
    mutating func int(_ v: Int) { append(Int64(v)) }
    mutating func append<T: FixedWidthInteger>(_ v: T) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }
    mutating func array<T: FixedWidthInteger>(_ a: [T]) {
        int(a.count)
        for v in a { append(v) }
    }
}

/// Reads what `ByteWriter` wrote; nil (and no crash) on anything short or malformed.
struct ByteReader {
    let bytes: [UInt8]
    var offset = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    var atEnd: Bool { offset == bytes.count }

    mutating func value<T: FixedWidthInteger>(_: T.Type = T.self) -> T? {
        let size = MemoryLayout<T>.size
        guard bytes.count - offset >= size else { return nil }
        var v = T.zero
        withUnsafeMutableBytes(of: &v) { dst in
            bytes.withUnsafeBytes { dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + size])) }
        }
        offset += size
        return T(littleEndian: v)
    }

    mutating func int() -> Int? {
        guard let v = value(Int64.self), v >= 0, v <= Int32.max else { return nil }
        return Int(v)
    }

    mutating func array<T: FixedWidthInteger>() -> [T]? {
        let size = MemoryLayout<T>.size
        guard let count = int(), (bytes.count - offset) / size >= count else { return nil }
        let start = offset
        offset += count * size
        return [T](unsafeUninitializedCapacity: count) { out, n in
            bytes.withUnsafeBytes { src in
                UnsafeMutableRawBufferPointer(out).copyMemory(from: UnsafeRawBufferPointer(rebasing: src[start..<start + count * size]))
            }
            if 1.littleEndian != 1 { for i in 0..<count { out[i] = T(littleEndian: out[i]) } }
            n = count
        }
    }
}
