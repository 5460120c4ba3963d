import Foundation

/// Findings recorded when a team adopts statementlint on an existing archive. Entries match
/// on file, rule and matched text (not line numbers), so they survive edits above them; a
/// count per entry means a second, new occurrence of the same phrase is still reported.
struct Baseline: Sendable, Equatable {
    public struct Key: Hashable, Sendable, Comparable {
        public let path: String
        public let rule: String
        public let text: String

        public static func < (a: Key, b: Key) -> Bool { (a.path, a.rule, a.text) < (b.path, b.rule, b.text) }
    }

    public private(set) var counts: [Key: Int] = [:]

    public init() {}

    static func key(_ path: String, _ f: Finding) -> Key {
        // Folded so a curly/straight quote change or spacing does not make an old finding new.
        let text = f.matchedText.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            .replacingOccurrences(of: "’", with: "'").replacingOccurrences(of: "“", with: "\"").replacingOccurrences(of: "”", with: "\"")
        return Key(path: path, rule: f.qualifiedID, text: text)
    }

    public mutating func record(_ path: String, _ findings: [Finding]) {
        for f in findings where f.suppression == nil { counts[Baseline.key(path, f), default: 0] += 1 }
    }

    /// Marks findings already in the baseline as suppressed ("baseline"), up to each entry's count.
    public func apply(_ path: String, _ findings: inout [Finding]) {
        var remaining: [Key: Int] = [:]
        for i in findings.indices where findings[i].suppression == nil {
            let key = Baseline.key(path, findings[i])
            let left = remaining[key] ?? counts[key] ?? 0
            if left > 0 {
                findings[i].suppression = "in baseline"
                remaining[key] = left - 1
            }
        }
    }

    public func serialized() -> String {
        let entries = counts.keys.sorted().map { k in
            JSON.object([("path", .string(k.path)), ("rule", .string(k.rule)), ("text", .string(k.text)), ("count", .int(counts[k]!))])
        }
        return JSON.object([("schemaVersion", .int(1)), ("tool", .string("statementlint")), ("entries", .array(entries))]).serialized() + "\n"
    }

    public enum LoadError: Error, Equatable { case invalid(String) }

    public static func parse(_ data: Data) throws(LoadError) -> Baseline {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw .invalid("not a JSON object") }
        guard object["schemaVersion"] as? Int == 1 else { throw .invalid("unknown schemaVersion (expected 1)") }
        guard let entries = object["entries"] as? [[String: Any]] else { throw .invalid("missing 'entries' list") }
        var b = Baseline()
        for (i, e) in entries.enumerated() {
            guard let path = e["path"] as? String, let rule = e["rule"] as? String, let text = e["text"] as? String,
                  let count = e["count"] as? Int, count > 0 else { throw .invalid("entry \(i + 1) needs path, rule, text and a positive count") }
            b.counts[Key(path: path, rule: rule, text: text), default: 0] += count
        }
        return b
    }
}

extension Baseline {
    /// Paths in a baseline are relative to the working directory, without "./".
    static func normalizedPath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        var p = URL(fileURLWithPath: path).standardizedFileURL.path
        if p.hasPrefix(cwd + "/") { p = String(p.dropFirst(cwd.count + 1)) }
        return p
    }
}
