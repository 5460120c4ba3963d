import Foundation
import StatementLintMatching
import Yams

/// A problem in a rule file, with its place: `Rules/facts/x.yml:12:5: unknown key 'patern'`.
public struct RuleError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public let message: String

    public var description: String { "\(file):\(line):\(column): \(message)" }

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }
}

/// Reads rule files, validating them strictly: nothing unknown or mistyped is ignored.
public enum RuleLoader {
    static let commonKeys: Set<String> = [
        "id", "category", "severity", "kind", "message", "rationale", "source", "link",
        "ignorecase", "quotes", "fix", "suggestions", "advice", "examples", "opt-in", "severity-reason",
    ]

    /// Every `*.yml` / `*.yaml` file below `directory`, sorted by path.
    public static func ruleFiles(in directory: String) -> [String] {
        var out: [String] = []
        let base = URL(fileURLWithPath: directory)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
        for case let url as URL in walker where url.pathExtension == "yml" || url.pathExtension == "yaml" {
            // The statement contexts and the vocabulary, not rules (see `ContextLoader`, `Vocabulary`).
            if [ContextLoader.fileName, Vocabulary.fileName].contains(url.lastPathComponent)
                && url.deletingLastPathComponent().standardizedFileURL == base.standardizedFileURL { continue }
            let rel = String(url.path.dropFirst(base.path.count).drop(while: { $0 == "/" }))
            out.append((directory as NSString).appendingPathComponent(rel))
        }
        return out.sorted()
    }

    /// `vocabulary`: named pattern pieces (`{{officer}}`) the rules may use, besides those of the
    /// folder's own `vocabulary.yml` (which win).
    public static func load(directory: String, vocabulary: [String: String] = [:]) -> (rules: [Rule], errors: [RuleError]) {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            return ([], [RuleError(file: directory, line: 0, column: 0, message: "rule directory does not exist")])
        }
        var rules: [Rule] = []
        var errors: [RuleError] = []
        let own = Vocabulary.load(directory: directory)
        errors += own.errors
        let vocabulary = vocabulary.merging(own.pieces) { $1 }
        for path in ruleFiles(in: directory) {
            guard let data = FileManager.default.contents(atPath: path) else {
                errors.append(RuleError(file: path, line: 0, column: 0, message: "cannot read rule file"))
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                errors.append(RuleError(file: path, line: 1, column: 1, message: "rule file is not valid UTF-8"))
                continue
            }
            switch parse(text: text, path: path, isDefault: false, vocabulary: vocabulary) {
            case .success(let rule): rules.append(rule)
            case .failure(let list): errors.append(contentsOf: list.errors)
            }
        }
        return (rules, errors)
    }

    /// Errors that only show across files: duplicate ids.
    public static func checkDuplicates(_ rules: [Rule]) -> [RuleError] {
        var seen: [String: String] = [:]
        var errors: [RuleError] = []
        for rule in rules {
            if let first = seen[rule.id] {
                errors.append(RuleError(file: rule.origin, line: 1, column: 1, message: "duplicate rule id '\(rule.id)' (also defined in \(first))"))
            } else {
                seen[rule.id] = rule.origin
            }
        }
        return errors
    }

    public struct ErrorList: Error {
        public let errors: [RuleError]
        public init(errors: [RuleError]) { self.errors = errors }
    }

    /// Parses and validates one rule file.
    public static func parse(text: String, path: String, isDefault: Bool, vocabulary: [String: String] = [:]) -> Result<Rule, ErrorList> {
        var reader = NodeReader(file: path)
        reader.vocabulary = vocabulary
        let root: Node
        do {
            guard let node = try BoundedYAML.compose(text) else {
                return .failure(ErrorList(errors: [RuleError(file: path, line: 1, column: 1, message: "rule file is empty")]))
            }
            root = node
        } catch let error as YamlError {
            return .failure(ErrorList(errors: [reader.yamlError(error)]))
        } catch {
            return .failure(ErrorList(errors: [RuleError(loading: error, file: path)]))
        }
        let rule = build(root, path: path, isDefault: isDefault, reader: &reader)
        if let rule, reader.errors.isEmpty { return .success(rule) }
        return .failure(ErrorList(errors: reader.errors))
    }

    static func build(_ root: Node, path: String, isDefault: Bool, reader r: inout NodeReader) -> Rule? {
        guard let map = r.mapping(root, what: "a rule file") else { return nil }
        let kindName = r.string(map, "kind") ?? "forbid"
        guard let kind = RuleKind(rawValue: kindName) else {
            r.fail(map["kind"]!, "unknown kind '\(kindName)' (expected one of \(RuleKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            return nil
        }
        let allowed = commonKeys.union(kindKeys[kind]!)
        let allKindKeys = kindKeys.values.reduce(Set<String>()) { $0.union($1) }
        for (key, _) in map.pairs {
            let name = key.string ?? ""
            if !allowed.contains(name) {
                if allKindKeys.contains(name) {
                    r.fail(key, "key '\(name)' does not apply to kind '\(kind.rawValue)'")
                } else if let guess = closest(name, in: allowed) {
                    r.fail(key, "unknown key '\(name)' (did you mean '\(guess)'?)")
                } else {
                    r.fail(key, "unknown key '\(name)'")
                }
            }
        }

        let fileName = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let folder = ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent
        let id = r.requiredString(map, "id")
        if let id, id != fileName { r.fail(map["id"]!, "id '\(id)' does not match the file name '\(fileName)'") }
        if let id, id.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression) == nil {
            r.fail(map["id"]!, "id '\(id)' must be lowercase words joined by '-'")
        }
        var category: Category? = r.requiredEnum(map, "category")
        if category == .statementlint {
            r.fail(map["category"]!, "'category' must be one of \(Category.names.joined(separator: ", ")) (found 'statementlint', which is reserved for the tool's own findings)")
            category = nil
        }
        if let category, category.rawValue != folder {
            r.fail(map["category"]!, "category '\(category.rawValue)' does not match the folder '\(folder)'")
        }
        let severity: Severity? = r.requiredEnum(map, "severity")
        // Prose fields lose the trailing line break a YAML block scalar (`>`, `|`) leaves.
        func prose(_ s: String?) -> String? { s.map { $0.trimmingCharactersInSetWhitespace() } }
        let message = prose(r.requiredString(map, "message"))
        let rationale = prose(r.requiredString(map, "rationale"))
        let source = prose(r.requiredString(map, "source"))
        let link = prose(r.string(map, "link"))
        let ignorecase = r.bool(map, "ignorecase") ?? true
        let quotes: QuoteMode = r.optionalEnum(map, "quotes") ?? ((kind == .forbid || kind == .swap) ? .skip : .include)
        let scope: Scope = r.optionalEnum(map, "scope") ?? .sentence
        let suggestions = (r.stringList(map, "suggestions") ?? []).map { $0.trimmingCharactersInSetWhitespace() }
        let advice = prose(r.string(map, "advice"))

        var fix: FixTemplate?
        if let fixNode = map["fix"] {
            if kind != .forbid {
                r.fail(fixNode, "'fix' applies to kind 'forbid' only (swap rules give their replacements in 'swap')")
            } else if let fmap = r.mapping(fixNode, what: "'fix'") {
                r.onlyKeys(fmap, ["replace", "safety"], in: "fix")
                if let replace = r.requiredString(fmap, "replace", in: "fix") {
                    fix = FixTemplate(replace: replace, safety: r.optionalEnum(fmap, "safety") ?? .review)
                }
            }
        }

        var exceptions: [Exception] = []
        if let node = map["exceptions"], let seq = r.sequence(node, what: "'exceptions'") {
            for item in seq {
                if item.scalar != nil {
                    if let p = r.pattern(item, ignorecase: ignorecase) { exceptions.append(Exception(pattern: p, area: nil)) }
                } else if let emap = r.mapping(item, what: "an exception") {
                    r.onlyKeys(emap, ["pattern", "in"], in: "exception")
                    let area: ContextArea? = r.optionalEnum(emap, "in")
                    if let pnode = emap["pattern"] {
                        if let p = r.pattern(pnode, ignorecase: ignorecase) { exceptions.append(Exception(pattern: p, area: area)) }
                    } else {
                        r.fail(item, "exception is missing 'pattern'")
                    }
                }
            }
        }

        let check = checkOfKind(kind, map, root: root, ignorecase: ignorecase, fix: fix, reader: &r)

        var flags: [RuleExample] = [], passes: [RuleExample] = []
        if let enode = map["examples"] {
            if let emap = r.mapping(enode, what: "'examples'") {
                r.onlyKeys(emap, ["flag", "pass"], in: "examples")
                flags = r.examples(emap["flag"], key: "flag")
                passes = r.examples(emap["pass"], key: "pass")
                if emap["flag"] == nil || flags.isEmpty && r.errors.isEmpty { r.fail(enode, "examples.flag needs at least one example that must trigger the rule") }
                if emap["pass"] == nil || passes.isEmpty && r.errors.isEmpty { r.fail(enode, "examples.pass needs at least one example that must not trigger the rule") }
            }
        } else {
            r.fail(root, "missing required key 'examples' (a rule needs flag and pass examples)")
        }

        var element: String?
        if let node = map["element"], let e = r.string(map, "element") {
            if Element.ids.contains(e) { element = e } else {
                r.fail(node, "unknown element '\(e)' (expected one of \(Element.all.map(\.id).joined(separator: ", ")))")
            }
        }
        var notApplicable: [NotApplicable] = []
        if let node = map["not-applicable"], let seq = r.sequence(node, what: "'not-applicable'") {
            for item in seq {
                guard let m = r.mapping(item, what: "a not-applicable entry") else { continue }
                r.onlyKeys(m, ["when", "why"], in: "not-applicable")
                guard let tag = r.requiredString(m, "when", in: "not-applicable"), let why = r.requiredString(m, "why", in: "not-applicable") else { continue }
                if tag.range(of: ContextTag.namePattern, options: .regularExpression) == nil {
                    r.fail(m["when"]!, "'when' must name a statement context such as 'kind:closing' (found '\(tag)')")
                }
                let mark = m["when"]?.mark
                notApplicable.append(NotApplicable(tag: tag, why: why.trimmingCharactersInSetWhitespace(), line: mark?.line ?? 1, column: mark?.column ?? 1))
            }
        }

        guard let id, let category, let severity, let message, let rationale, let source, let check, r.errors.isEmpty else { return nil }
        return Rule(
            id: id, category: category, severity: severity, message: message, rationale: rationale, source: source,
            link: link, check: check, quotes: quotes, scope: scope, exceptions: exceptions, suggestions: suggestions,
            advice: advice, flagExamples: flags, passExamples: passes, origin: path, isDefault: isDefault,
            element: element, notApplicable: notApplicable, optIn: r.bool(map, "opt-in") ?? false,
            severityReason: prose(r.string(map, "severity-reason")), firstOnly: r.optionalEnum(map, "first-only"))
    }

    /// The allowed key nearest to a misspelt one, when it is close enough to be a typo.
    package static func closest(_ name: String, in candidates: Set<String>) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var prev = Array(0...b.count)
            for i in 1...max(a.count, 1) where !a.isEmpty {
                var cur = [i] + Array(repeating: 0, count: b.count)
                for j in 1...max(b.count, 1) where !b.isEmpty {
                    cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                }
                prev = cur
            }
            return prev[b.count]
        }
        let best = candidates.sorted().map { ($0, distance(Array(name), Array($0))) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= max(1, name.count / 3) else { return nil }
        return best.0
    }
}
