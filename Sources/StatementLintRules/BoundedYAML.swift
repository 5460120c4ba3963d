import CYaml
import Yams

/// YAML read with a bound on what aliases can expand to.
///
/// A few hundred bytes of nested anchors and aliases (a "billion laughs" file) describe a tree
/// of billions of nodes; Yams expands aliases by value and hashes mapping keys, so such a file
/// used as a key hangs the loader, and as a value hangs whatever walks it. Rule, context,
/// vocabulary and configuration files are small: before composing, one streaming pass over the
/// parser's events counts the nodes the document stands for, aliases expanded, and refuses a
/// file over `maxNodes`. The pass is linear in the file: an alias adds its anchor's size
/// without being walked.
package enum BoundedYAML {
    /// Far above any real rule or configuration file (the largest default rule has a few
    /// hundred nodes), far below what takes noticeable time to walk.
    package static let maxNodes = 100_000

    package struct LimitError: Error, CustomStringConvertible {
        package let line: Int
        package let column: Int
        package var description: String {
            "YAML aliases expand this file to more than \(BoundedYAML.maxNodes) nodes; write the values out instead of nesting anchors"
        }
    }

    /// `Yams.compose` after the expansion check (syntax errors are left to Yams, which reports them).
    package static func compose(_ text: String) throws -> Node? {
        if let error = check(text) { throw error }
        return try Yams.compose(yaml: text, Resolver.basic)
    }

    /// The place of the first event that takes the expanded size over the bound, if any.
    package static func check(_ text: String) -> LimitError? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> LimitError? in
            guard let base = buffer.baseAddress else { return nil }
            yaml_parser_set_input_string(&parser, base, buffer.count)
            var anchors: [String: Int] = [:]
            // Open collections: their anchor and their size so far (themselves included).
            var open: [(anchor: String?, size: Int)] = []
            // Every node the document stands for so far, aliases expanded.
            var expanded = 0
            func add(_ n: Int) {
                expanded = min(expanded &+ n, Int.max / 2)
                if !open.isEmpty { open[open.count - 1].size = min(open[open.count - 1].size &+ n, Int.max / 2) }
            }
            func name(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
                p.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
            }
            while true {
                var event = yaml_event_t()
                // A syntax error: stop here and let Yams report it with its own message.
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                let mark = event.start_mark
                switch event.type {
                case YAML_SCALAR_EVENT:
                    if let a = name(event.data.scalar.anchor) { anchors[a] = 1 }
                    add(1)
                case YAML_SEQUENCE_START_EVENT:
                    add(1)
                    open.append((name(event.data.sequence_start.anchor), 1))
                case YAML_MAPPING_START_EVENT:
                    add(1)
                    open.append((name(event.data.mapping_start.anchor), 1))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    // Already counted in `expanded`; the enclosing collection grows by it.
                    guard let done = open.popLast() else { return nil }
                    if let a = done.anchor { anchors[a] = done.size }
                    if !open.isEmpty { open[open.count - 1].size = min(open[open.count - 1].size &+ done.size &- 1, Int.max / 2) }
                case YAML_ALIAS_EVENT:
                    add(name(event.data.alias.anchor).flatMap { anchors[$0] } ?? 1)
                case YAML_STREAM_END_EVENT:
                    return nil
                default:
                    break
                }
                if expanded > maxNodes {
                    return LimitError(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
                }
            }
        }
    }
}

extension RuleError {
    /// A failure to read a YAML file that is not a Yams syntax error: the expansion bound
    /// (with its place) or anything else (at the file's start).
    package init(loading error: any Error, file: String) {
        if let limit = error as? BoundedYAML.LimitError {
            self.init(file: file, line: limit.line, column: limit.column, message: limit.description)
        } else {
            self.init(file: file, line: 1, column: 1, message: "\(error)")
        }
    }
}
