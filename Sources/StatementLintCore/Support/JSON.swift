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
        let pretty = indent >= 0
        func newline(_ depth: Int) {
            guard pretty else { return }
            out.append(0x0A)
            for _ in 0..<depth { out.append(0x20); out.append(0x20) }
        }
        switch self {
        case .null: out += "null".utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .int(let i): out += String(i).utf8
        case .double(let d): out += (d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)).utf8
        case .string(let s): JSON.escape(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]".utf8; return }
            out.append(0x5B)
            for (i, item) in items.enumerated() {
                newline(indent + 1)
                item.write(into: &out, indent: pretty ? indent + 1 : -1)
                if i < items.count - 1 { out.append(0x2C) }
            }
            newline(indent)
            out.append(0x5D)
        case .object(let pairs):
            if pairs.isEmpty { out += "{}".utf8; return }
            out.append(0x7B)
            for (i, (k, v)) in pairs.enumerated() {
                newline(indent + 1)
                JSON.escape(k, into: &out)
                out.append(0x3A)
                if pretty { out.append(0x20) }
                v.write(into: &out, indent: pretty ? indent + 1 : -1)
                if i < pairs.count - 1 { out.append(0x2C) }
            }
            newline(indent)
            out.append(0x7D)
        }
    }

    static func escape(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { bytes in
            for b in bytes {
                switch b {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x0A: out.append(0x5C); out.append(0x6E)
                case 0x0D: out.append(0x5C); out.append(0x72)
                case 0x09: out.append(0x5C); out.append(0x74)
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    out += [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]]
                default: out.append(b)
                }
            }
        }
        out.append(0x22)
    }
}
