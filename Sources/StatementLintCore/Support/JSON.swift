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
        swap(&writer.out, &out)
        write(to: &writer)
        swap(&writer.out, &out)
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
            for (k, v) in pairs { w.key(k); v.write(to: &w) }
            w.endObject()
        }
    }

    static func escape(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { bytes in
            // Most text needs no escaping: copy runs of plain bytes at once.
            var plain = 0
            for (i, b) in bytes.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain..<i]))
                plain = i + 1
                switch b {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x0A: out.append(0x5C); out.append(0x6E)
                case 0x0D: out.append(0x5C); out.append(0x72)
                case 0x09: out.append(0x5C); out.append(0x74)
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    out += [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]]
                default: break
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain...]))
        }
        out.append(0x22)
    }
}

/// Streams JSON as UTF-8 bytes in the layout `JSON.serialized` uses (two-space indentation
/// when `indent` ≥ 0, one line when it is -1), without building a tree first.
struct JSONWriter {
    var out: [UInt8] = []
    private let pretty: Bool
    private var depth: Int
    /// One entry per open container: whether it is an array, and whether it is still empty.
    private var open: [(array: Bool, empty: Bool)] = []

    init(indent: Int) {
        pretty = indent >= 0
        depth = max(0, indent)
    }

    private mutating func newline() {
        guard pretty else { return }
        out.append(0x0A)
        for _ in 0..<depth { out.append(0x20); out.append(0x20) }
    }

    /// Comma and line break before the next member of the innermost container.
    private mutating func nextMember() {
        guard let last = open.last else { return }
        if !last.empty { out.append(0x2C) }
        open[open.count - 1].empty = false
        newline()
    }

    /// Before a value: array members are separated here, object members in `key`.
    private mutating func beforeValue() { if open.last?.array == true { nextMember() } }

    mutating func key(_ k: String) {
        nextMember()
        JSON.escape(k, into: &out)
        out.append(0x3A)
        if pretty { out.append(0x20) }
    }

    mutating func beginObject() { beforeValue(); out.append(0x7B); open.append((false, true)); depth += 1 }
    mutating func beginArray() { beforeValue(); out.append(0x5B); open.append((true, true)); depth += 1 }
    mutating func endObject() { close(0x7D) }
    mutating func endArray() { close(0x5D) }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        if !open.removeLast().empty { newline() }
        out.append(bracket)
    }

    mutating func null() { beforeValue(); out += "null".utf8 }
    mutating func bool(_ b: Bool) { beforeValue(); out += (b ? "true" : "false").utf8 }
    mutating func int(_ i: Int) { beforeValue(); out += String(i).utf8 }
    mutating func double(_ d: Double) { beforeValue(); out += (d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)).utf8 }
    mutating func string(_ s: String) { beforeValue(); JSON.escape(s, into: &out) }
    mutating func string(_ s: String?) { if let s { string(s) } else { null() } }
}
