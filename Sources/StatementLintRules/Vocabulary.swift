import StatementLintMatching
import Foundation
import Yams

/// Named pattern pieces shared by rules: `vocabulary.yml` in a rule folder maps a name to a
/// PCRE2 fragment, and a pattern writes `{{name}}` where the fragment belongs. The loader puts
/// `(?:fragment)` in its place before compiling, so a word list several rules need ("officer",
/// "deputy", "trooper", "constable", "garda"…) is kept once and widened once.
public enum Vocabulary {
    public static let fileName = "vocabulary.yml"

    public struct Problem: Error { public let message: String }

    /// `pattern` with every `{{name}}` replaced; a name the vocabulary lacks is an error.
    public static func expand(_ pattern: String, _ vocabulary: [String: String]) -> Result<String, Problem> {
        guard pattern.contains("{{") else { return .success(pattern) }
        var out = ""
        var rest = Substring(pattern)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                return .failure(Problem(message: "'{{' without '}}' in a pattern (a vocabulary name is written {{name}})"))
            }
            let name = String(rest[open.upperBound..<close.lowerBound])
            guard let piece = vocabulary[name] else {
                let known = vocabulary.keys.sorted().joined(separator: ", ")
                return .failure(Problem(message: "unknown vocabulary name '{{\(name)}}' (known: \(known.isEmpty ? "none" : known))"))
            }
            out += "(?:\(piece))"
            rest = rest[close.upperBound...]
        }
        return .success(out + rest)
    }

    /// `vocabulary.yml` directly inside `directory`, if there is one: `vocabulary: {name: fragment}`.
    public static func load(directory: String) -> (pieces: [String: String], errors: [RuleError]) {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: path) else { return ([:], []) }
        guard let text = String(data: data, encoding: .utf8) else { return ([:], [RuleError(file: path, line: 1, column: 1, message: "vocabulary file is not valid UTF-8")]) }
        return parse(text: text, path: path)
    }

    public static func parse(text: String, path: String) -> (pieces: [String: String], errors: [RuleError]) {
        var r = NodeReader(file: path)
        let root: Node
        do {
            guard let node = try BoundedYAML.compose(text) else { return ([:], [RuleError(file: path, line: 1, column: 1, message: "vocabulary file is empty")]) }
            root = node
        } catch let error as YamlError {
            return ([:], [r.yamlError(error)])
        } catch {
            return ([:], [RuleError(loading: error, file: path)])
        }
        guard let map = r.mapping(root, what: "a vocabulary file") else { return ([:], r.errors) }
        r.onlyKeys(map, ["vocabulary"], in: "vocabulary file")
        guard let node = map["vocabulary"], let pieces = r.mapping(node, what: "'vocabulary'") else {
            if map["vocabulary"] == nil { r.fail(root, "missing required key 'vocabulary'") }
            return ([:], r.errors)
        }
        var out: [String: String] = [:]
        for (k, v) in pieces.pairs {
            guard let name = r.scalarString(k, what: "a vocabulary name"), let piece = r.scalarString(v, what: "a vocabulary piece") else { continue }
            if name.range(of: "^[a-z][a-z0-9]*(-[a-z0-9]+)*$", options: .regularExpression) == nil {
                r.fail(k, "vocabulary name '\(name)' must be lowercase words joined by '-'"); continue
            }
            if piece.contains("{{") { r.fail(v, "a vocabulary piece cannot use another ('{{' in '\(name)')"); continue }
            do { _ = try Regex(piece, caseless: true) } catch {
                r.fail(v, "vocabulary piece '\(name)' does not compile at offset \(error.offset): \(error.message)"); continue
            }
            out[name] = piece
        }
        return (out, r.errors)
    }
}
