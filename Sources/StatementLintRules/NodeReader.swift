import Foundation
import StatementLintMatching
import Yams

/// Typed access to a YAML node tree that records every problem with its line and column.
package struct NodeReader {
    package let file: String
    package var errors: [RuleError] = []
    /// Named pieces `{{name}}` in patterns stand for (see `Vocabulary`).
    package var vocabulary: [String: String] = [:]

    package init(file: String) { self.file = file }

    package mutating func fail(_ node: Node, _ message: String) {
        let mark = node.mark
        errors.append(RuleError(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message))
    }

    package func yamlError(_ error: YamlError) -> RuleError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return RuleError(file: file, line: mark.line, column: mark.column, message: "YAML syntax error: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return RuleError(file: file, line: context.mark.line, column: context.mark.column, message: "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))")
        default:
            return RuleError(file: file, line: 1, column: 1, message: "YAML error: \(error)")
        }
    }

    package mutating func mapping(_ node: Node, what: String) -> KeyedMapping? {
        if case .mapping(let m) = node { return KeyedMapping(m, node: node) }
        fail(node, "\(what) must be a mapping of keys to values")
        return nil
    }

    package mutating func sequence(_ node: Node, what: String) -> Node.Sequence? {
        if case .sequence(let s) = node { return s }
        fail(node, "\(what) must be a list")
        return nil
    }

    package mutating func onlyKeys(_ map: KeyedMapping, _ keys: Set<String>, in context: String) {
        for (k, _) in map.pairs where !keys.contains(k.string ?? "") {
            fail(k, "unknown key '\(k.string ?? "?")' in '\(context)' (expected \(keys.sorted().joined(separator: ", ")))")
        }
    }

    package mutating func scalarString(_ node: Node, what: String) -> String? {
        if case .scalar(let s) = node { return s.string }
        fail(node, "\(what) must be a string")
        return nil
    }

    package mutating func string(_ map: KeyedMapping, _ key: String) -> String? {
        guard let node = map[key] else { return nil }
        guard case .scalar(let s) = node else { fail(node, "'\(key)' must be a string"); return nil }
        if s.style == .plain && (s.string == "~" || s.string == "null" || s.string.isEmpty) {
            fail(node, "'\(key)' must not be empty")
            return nil
        }
        return s.string
    }

    package mutating func requiredString(_ map: KeyedMapping, _ key: String, in context: String? = nil) -> String? {
        guard map[key] != nil else {
            errors.append(RuleError(file: file, line: map.node.mark?.line ?? 1, column: map.node.mark?.column ?? 1,
                                    message: "missing required key '\(key)'" + (context.map { " in '\($0)'" } ?? "")))
            return nil
        }
        return string(map, key)
    }

    package mutating func bool(_ map: KeyedMapping, _ key: String) -> Bool? {
        guard let node = map[key] else { return nil }
        if case .scalar(let s) = node {
            switch s.string { case "true": return true; case "false": return false; default: break }
        }
        fail(node, "'\(key)' must be true or false")
        return nil
    }

    package mutating func int(_ node: Node) -> Int? {
        if case .scalar(let s) = node, let v = Int(s.string) { return v }
        fail(node, "must be a whole number")
        return nil
    }

    package mutating func optionalEnum<E: RawRepresentable & CaseIterableByName>(_ map: KeyedMapping, _ key: String) -> E? where E.RawValue == String {
        guard let node = map[key], let value = string(map, key) else { return nil }
        if let e = E(rawValue: value) { return e }
        fail(node, "'\(key)' must be one of \(E.names.joined(separator: ", ")) (found '\(value)')")
        return nil
    }

    package mutating func requiredEnum<E: RawRepresentable & CaseIterableByName>(_ map: KeyedMapping, _ key: String) -> E? where E.RawValue == String {
        guard map[key] != nil else {
            errors.append(RuleError(file: file, line: 1, column: 1, message: "missing required key '\(key)'"))
            return nil
        }
        return optionalEnum(map, key)
    }

    package mutating func stringList(_ map: KeyedMapping, _ key: String) -> [String]? {
        guard let node = map[key] else { return nil }
        guard let seq = sequence(node, what: "'\(key)'") else { return nil }
        return seq.compactMap { scalarString($0, what: "each entry of '\(key)'") }
    }

    package mutating func pattern(_ node: Node, ignorecase: Bool) -> Pattern? {
        guard let written = scalarString(node, what: "a pattern") else { return nil }
        if written.isEmpty { fail(node, "pattern is empty"); return nil }
        let text: String
        switch Vocabulary.expand(written, vocabulary) {
        case .success(let expanded): text = expanded
        case .failure(let problem): fail(node, problem.message); return nil
        }
        do {
            return Pattern(regex: try Regex(text, caseless: ignorecase))
        } catch {
            fail(node, "pattern does not compile at offset \(error.offset): \(error.message)")
            return nil
        }
    }

    /// A pattern or a list of patterns.
    package mutating func patternList(_ node: Node, ignorecase: Bool) -> [Pattern] {
        if case .sequence(let seq) = node {
            if seq.count == 0 { fail(node, "pattern list is empty") }
            return seq.compactMap { pattern($0, ignorecase: ignorecase) }
        }
        return pattern(node, ignorecase: ignorecase).map { [$0] } ?? []
    }

    package mutating func examples(_ node: Node?, key: String) -> [RuleExample] {
        guard let node else { return [] }
        guard let seq = sequence(node, what: "examples.\(key)") else { return [] }
        var out: [RuleExample] = []
        for item in seq {
            let line = item.mark?.line ?? 0
            if case .scalar(let s) = item {
                out.append(RuleExample(text: s.string, fixed: nil, line: line))
            } else if key == "flag", let m = mapping(item, what: "an example") {
                onlyKeys(m, ["text", "fixed"], in: "examples.flag")
                if let text = requiredString(m, "text", in: "example") {
                    out.append(RuleExample(text: text, fixed: string(m, "fixed"), line: line))
                }
            } else if key == "pass" {
                fail(item, "a pass example must be a string")
            }
        }
        return out
    }
}

package protocol CaseIterableByName { static var names: [String] { get } }
extension CaseIterableByName where Self: CaseIterable & RawRepresentable, RawValue == String {
    package static var names: [String] { allCases.map(\.rawValue) }
}
extension Category: CaseIterableByName {
    package static var names: [String] { ruleCategories.map(\.rawValue) }
}
extension Severity: CaseIterableByName {}
extension FixSafety: CaseIterableByName {}
extension QuoteMode: CaseIterableByName {}
extension Scope: CaseIterableByName {}
extension ContextArea: CaseIterableByName {}
extension MetricKind: CaseIterableByName {}
extension FirstOnly: CaseIterableByName {}

/// A YAML mapping indexed by its string keys once, so lookups do not go through Yams'
/// tag resolution (which made loading the rule pack slow).
package struct KeyedMapping {
    package let node: Node
    package let pairs: [(key: Node, value: Node)]
    private let index: [String: Int]

    package init(_ mapping: Node.Mapping, node: Node) {
        self.node = node
        pairs = mapping.map { ($0.key, $0.value) }
        var index: [String: Int] = [:]
        for (i, pair) in pairs.enumerated() {
            if case .scalar(let s) = pair.key, index[s.string] == nil { index[s.string] = i }
        }
        self.index = index
    }

    package subscript(_ key: String) -> Node? { index[key].map { pairs[$0].value } }
    package var count: Int { pairs.count }
}

extension String {
    package func trimmingCharactersInSetWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
