/// A JSON value whose objects keep their keys in the order written, so machine output has
/// a stable, readable key order.
public indirect enum JSON: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func == (a: JSON, b: JSON) -> Bool { a.serialized() == b.serialized() }

    public static func optional(_ s: String?) -> JSON { s.map(JSON.string) ?? .null }

    /// Serialises with two-space indentation (`pretty`) or on one line.
    public func serialized(pretty: Bool = true) -> String {
        var out = ""
        write(into: &out, indent: pretty ? 0 : -1)
        return out
    }

    /// Appends to `out`; `indent` is the current depth, or -1 for one line.
    func write(into out: inout String, indent: Int) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1024)
        write(into: &bytes, indent: indent)
        out += String(decoding: bytes, as: UTF8.self)
    }

    // Output is built as UTF-8 bytes: reports over an archive are large, and byte appends
    // are many times faster than String appends.
    func write(into out: inout [UInt8], indent: Int) {
        var writer = JSONWriter(indent: indent)
        write(to: &writer)
        out += writer.bytes
    }

    func write(to w: inout JSONWriter) {
        switch self {
        case .null: w.null()
        case .bool(let b): w.bool(b)
        case .int(let i): w.int(i)
        case .double(let d): w.double(d)
        case .string(let s): w.string(s)
        case .array(let items):
            w.beginArray()
            for item in items { item.write(to: &w) }
            w.endArray()
        case .object(let pairs):
            w.beginObject()
            for (k, v) in pairs { w.key(escaping: k); v.write(to: &w) }
            w.endObject()
        }
    }

    static func escape(_ s: String, into out: ByteBuffer) {
        var s = s
        s.withUTF8 { escape($0, into: out) }
    }

    /// Appends `bytes` as a JSON string. Most text needs no escaping: it is checked eight
    /// bytes at a time and plain runs are copied at once.
    static func escape(_ bytes: UnsafeBufferPointer<UInt8>, into out: ByteBuffer) {
        out.append(0x22)
        guard let base = bytes.baseAddress else { out.append(0x22); return }
        let n = bytes.count
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        // Whether any byte of `x` is below `k` (k ≤ 128); exact as a yes/no answer.
        @inline(__always) func below(_ x: UInt64, _ k: UInt64) -> Bool { (x &- k &* ones) & ~x & high != 0 }
        var plain = 0, i = 0
        while i < n {
            if i &+ 8 <= n {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                // No control character, no quote (w ^ 0x22 has no zero byte), no backslash.
                if !below(w, 0x20) && !below(w ^ (0x22 &* ones), 1) && !below(w ^ (0x5C &* ones), 1) { i &+= 8; continue }
            }
            let stop = min(i &+ 8, n)
            while i < stop {
                let b = base[i]
                if b < 0x20 || b == 0x22 || b == 0x5C {
                    out.append(base + plain, count: i - plain)
                    plain = i &+ 1
                    switch b {
                    case 0x22: out.append(0x5C); out.append(0x22)
                    case 0x5C: out.append(0x5C); out.append(0x5C)
                    case 0x0A: out.append(0x5C); out.append(0x6E)
                    case 0x0D: out.append(0x5C); out.append(0x72)
                    case 0x09: out.append(0x5C); out.append(0x74)
                    default:
                        let hex: StaticString = "0123456789abcdef"
                        let digits = hex.utf8Start
                        for c in [0x5C, 0x75, 0x30, 0x30, digits[Int(b >> 4)], digits[Int(b & 0xF)]] { out.append(c) }
                    }
                }
                i &+= 1
            }
        }
        out.append(base + plain, count: n - plain)
        out.append(0x22)
    }
}

/// A growable byte buffer for output: appends are a capacity check and a copy, with none of
/// an array's per-call uniqueness and growth bookkeeping (reports append millions of pieces).
final class ByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    private func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }

    @inline(__always) func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always) func append(_ bytes: UnsafePointer<UInt8>, count n: Int) {
        if count + n > capacity { grow(to: count + n) }
        (base + count).update(from: bytes, count: n)
        count += n
    }

    func append(_ text: StaticString) { append(text.utf8Start, count: text.utf8CodeUnitCount) }

    func append(_ text: String) {
        var text = text
        text.withUTF8 { if let b = $0.baseAddress { append(b, count: $0.count) } }
    }

    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }
    var string: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }
}

/// Streams JSON as UTF-8 bytes in the layout `JSON.serialized` uses (two-space indentation
/// when `indent` ≥ 0, one line when it is -1), without building a tree first.
struct JSONWriter {
    let out: ByteBuffer
    var bytes: [UInt8] { out.bytes }
    private let pretty: Bool
    private var depth: Int
    /// The open containers as bit stacks (bit `i` is container `i`, outermost first): whether
    /// it is an array, and whether it has a member yet. Reports nest far less than 64 deep.
    private var level = 0
    private var arrays: UInt64 = 0
    private var started: UInt64 = 0

    /// `capacity`: the bytes expected, so the buffer need not grow (and copy) on the way.
    init(indent: Int, capacity: Int = 4096) {
        out = ByteBuffer(capacity: capacity)
        pretty = indent >= 0
        depth = max(0, indent)
    }

    /// A line break and two spaces per level, sliced from one constant.
    private static let breaks: StaticString = "\n                                                                                                                                "

    private mutating func newline() {
        guard pretty else { return }
        let n = 1 + 2 * depth
        if n <= JSONWriter.breaks.utf8CodeUnitCount {
            out.append(JSONWriter.breaks.utf8Start, count: n)
        } else {
            out.append(0x0A)
            for _ in 1..<n { out.append(0x20) }
        }
    }

    /// Comma and line break before the next member of the innermost container.
    private mutating func nextMember() {
        guard level > 0 else { return }
        let bit = UInt64(1) << UInt64(level - 1)
        if started & bit != 0 { out.append(0x2C) }
        started |= bit
        newline()
    }

    /// Before a value: array members are separated here, object members in `key`.
    private mutating func beforeValue() { if level > 0 && arrays & (UInt64(1) << UInt64(level - 1)) != 0 { nextMember() } }

    private mutating func push(array: Bool) {
        precondition(level < 64, "JSON nested more than 64 deep")
        let bit = UInt64(1) << UInt64(level)
        if array { arrays |= bit } else { arrays &= ~bit }
        started &= ~bit
        level += 1
    }

    mutating func key(escaping k: String) {
        nextMember()
        JSON.escape(k, into: out)
        out.append(0x3A)
        if pretty { out.append(0x20) }
    }

    /// A key written in the source: plain ASCII with nothing to escape, copied as it is.
    mutating func key(_ k: StaticString) {
        nextMember()
        out.append(0x22)
        out.append(k.utf8Start, count: k.utf8CodeUnitCount)
        let colon: StaticString = "\": "
        out.append(colon.utf8Start, count: pretty ? 3 : 2)
    }

    /// The depth to begin a writer at whose output is copied here as one value (`raw`):
    /// the current depth, or -1 for one line.
    var layout: Int { pretty ? depth : -1 }

    /// A value written by another writer begun at `layout`, copied as it is.
    mutating func raw(_ bytes: [UInt8]) {
        beforeValue()
        bytes.withUnsafeBufferPointer { if let b = $0.baseAddress { out.append(b, count: $0.count) } }
    }

    mutating func beginObject() { beforeValue(); out.append(0x7B); push(array: false); depth += 1 }
    mutating func beginArray() { beforeValue(); out.append(0x5B); push(array: true); depth += 1 }
    mutating func endObject() { close(0x7D) }
    mutating func endArray() { close(0x5D) }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        level -= 1
        if started & (UInt64(1) << UInt64(level)) != 0 { newline() }
        out.append(bracket)
    }

    mutating func null() { beforeValue(); out.append("null" as StaticString) }
    mutating func bool(_ b: Bool) { beforeValue(); out.append(b ? "true" as StaticString : "false") }
    mutating func int(_ i: Int) {
        beforeValue()
        // Digits straight into the output, most significant first.
        if i < 0 { out.append(0x2D) }
        var m = i.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0) // up to 20 digits, one per byte
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[count] = 0x30 + UInt8(m % 10)
                m /= 10
                count += 1
            } while m > 0
            for j in stride(from: count - 1, through: 0, by: -1) { out.append(d[j]) }
        }
    }
    mutating func double(_ d: Double) { beforeValue(); out.append(d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)) }
    mutating func string(_ s: String) { beforeValue(); JSON.escape(s, into: out) }

    /// The string `a`, the ASCII byte `separator`, then `b` (a rule's qualified id), with no
    /// String made for the whole when neither part needs escaping.
    mutating func string(joining a: String, _ separator: UInt8, _ b: String) {
        func plain(_ s: String) -> Bool { s.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != 0x22 && $0 != 0x5C } }
        guard plain(a), plain(b), separator >= 0x20, separator < 0x80, separator != 0x22, separator != 0x5C else {
            string(a + String(UnicodeScalar(separator)) + b)
            return
        }
        beforeValue()
        out.append(0x22); out.append(a); out.append(separator); out.append(b); out.append(0x22)
    }
    mutating func string(_ s: String?) { if let s { string(s) } else { null() } }
}
