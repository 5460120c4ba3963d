import StatementLintMatching
import Foundation
import Yams

/// The elements a statement about a contentious incident should contain, by the ids the
/// labelled statements and the rule catalogue use. A `require` or `conditional` rule names
/// the element it checks with `element:`.
public enum Element {
    public static let all: [(id: String, title: String)] = [
        ("facts.date-time", "date and time of the incident"),
        ("facts.location", "where it happened"),
        ("facts.plain-action", "who used what force on whom, in plain words"),
        ("facts.force-type", "the kind of force used"),
        ("facts.officer-count", "how many officers were there or used force"),
        ("facts.injury-status", "who was hurt and how badly"),
        ("facts.camera-status", "whether cameras recorded it"),
        ("facts.camera-release-timeline", "when the video will be released"),
        ("facts.investigating-agency", "who is investigating"),
        ("facts.officer-status", "the officers' duty status"),
        ("facts.next-update", "when the next update will come"),
        ("facts.contact", "whom to contact"),
        ("facts.condolence", "sympathy for the person harmed"),
        ("facts.preliminary-caveat", "that the facts are preliminary"),
        ("facts.person-identification", "who the person harmed is, or why the name is withheld"),
        ("policy-response.immediate-actions", "what the agency is doing now"),
        ("policy-response.policy-training-review", "a review of policy and training"),
        ("policy-response.community-engagement", "how the agency will meet the community"),
        ("policy-response.family-liaison", "contact with the family"),
        ("accountability.admission", "a plain admission of what went wrong"),
    ]

    public static let ids: Set<String> = Set(all.map(\.id))

    public static func title(_ id: String) -> String? { all.first { $0.id == id }?.title }
}

/// When a rule's element cannot apply: the statement has context `tag` (detected from its
/// text or set by the user), for the reason `why`.
public struct NotApplicable: Sendable, Equatable {
    public let tag: String
    public let why: String
    /// Where `when:` is in the rule file (for errors found once contexts are known).
    public let line: Int
    public let column: Int
    public init(tag: String, why: String, line: Int = 1, column: Int = 1) {
        self.tag = tag; self.why = why; self.line = line; self.column = column
    }
}

/// Something that can be true of a statement as a whole: what kind of statement it is
/// (`kind:closing`), what happened (`incident:custody-death`), where (`jurisdiction:non-us`),
/// or an outcome (`outcome:no-one-hurt`). Detected when one of `patterns` matches the
/// statement and none of `unless` does; the first match is the evidence shown to the user.
public struct ContextTag: Sendable {
    public let name: String
    /// What the tag means, in a few words ("an outside agency's investigation release").
    public let means: String
    public let patterns: [Regex]
    public let unless: [Regex]
    /// For each pattern, then each `unless` pattern: the literal sets every match needs
    /// (lowercase, word-start marks removed; each set must have one literal in the text).
    /// Found once (by the build for the built-in pack), so a run does no pattern analysis.
    public let gates: [[[String]]]
    /// Statements of our own that have the context (`detect`) and that must not (`not`), run by
    /// `test-rules` like rules' examples.
    public let detectExamples: [String]
    public let notExamples: [String]

    public init(name: String, means: String, patterns: [Regex], unless: [Regex], gates: [[[String]]]? = nil,
                detectExamples: [String] = [], notExamples: [String] = []) {
        self.name = name; self.means = means; self.patterns = patterns; self.unless = unless
        self.gates = gates ?? (patterns + unless).map(ContextTag.literalSets)
        self.detectExamples = detectExamples; self.notExamples = notExamples
    }

    /// The literal sets every match of `regex` needs, as `gates` holds them.
    public static func literalSets(_ regex: Regex) -> [[String]] {
        (LiteralExtractor.requiredLiteralSets(regex.pattern) ?? []).map { set in
            set.map { String(decoding: $0.filter { $0 != LiteralExtractor.wordStart }, as: UTF8.self) }
        }.filter { !$0.contains { $0.isEmpty } }
    }

    /// "kind" of "kind:closing".
    public var dimension: String { ContextTag.split(name).dimension }
    public var value: String { ContextTag.split(name).value }

    /// "kind" and "closing" of "kind:closing": the one place a tag is taken apart.
    public static func split(_ tag: String) -> (dimension: String, value: String) {
        (String(tag.prefix { $0 != ":" }), String(tag.drop { $0 != ":" }.dropFirst()))
    }

    /// The dimensions a user may set, and their values: a statement has one value of each.
    public static let settable: [String] = ["kind", "incident", "jurisdiction"]
    public static let settableValues: [String: [String]] = [
        "kind": ["initial-release", "update", "chief-statement", "investigator-release", "closing"],
        "incident": ["shooting", "custody-death", "force", "pursuit", "protest", "raid"],
        "jurisdiction": ["us", "non-us", "uk", "ie", "ca", "au", "nz"],
    ]

    /// Why `key: value` is not a valid setting, or nil when it is.
    public static func settingProblem(key: String, value: String) -> String? {
        guard let values = settableValues[key] else {
            return "unknown statement setting '\(key)' (expected one of \(settable.joined(separator: ", ")))"
        }
        if values.contains(value) { return nil }
        let guess = RuleLoader.closest(value, in: Set(values)).map { "; did you mean '\($0)'?" } ?? ""
        return "'\(key)' must be one of \(values.joined(separator: ", ")) (found '\(value)'\(guess))"
    }

    /// The tags a setting gives the statement: `dimension:value`, and for any jurisdiction but
    /// the US also `jurisdiction:non-us`.
    public static func tags(setting dimension: String, to value: String) -> [String] {
        var out = ["\(dimension):\(value)"]
        if dimension == "jurisdiction" && value != "us" && value != "non-us" { out.append("jurisdiction:non-us") }
        return out
    }

    static let namePattern = "^[a-z]+:[a-z0-9]+(-[a-z0-9]+)*$"
}

/// Reads `contexts.yml` from a rule folder: the statement contexts rules may name in
/// `not-applicable`.
public enum ContextLoader {
    public static let fileName = "contexts.yml"

    public static func parse(text: String, path: String, vocabulary: [String: String] = [:]) -> (tags: [ContextTag], errors: [RuleError]) {
        var r = NodeReader(file: path)
        r.vocabulary = vocabulary
        let root: Node
        do {
            guard let node = try BoundedYAML.compose(text) else { return ([], [RuleError(file: path, line: 1, column: 1, message: "contexts file is empty")]) }
            root = node
        } catch let error as YamlError {
            return ([], [r.yamlError(error)])
        } catch {
            return ([], [RuleError(loading: error, file: path)])
        }
        var tags: [ContextTag] = []
        guard let map = r.mapping(root, what: "a contexts file") else { return ([], r.errors) }
        r.onlyKeys(map, ["contexts"], in: "contexts file")
        guard let node = map["contexts"], let seq = r.sequence(node, what: "'contexts'") else {
            if map["contexts"] == nil { r.fail(root, "missing required key 'contexts'") }
            return ([], r.errors)
        }
        var seen: Set<String> = []
        for item in seq {
            guard let m = r.mapping(item, what: "a context") else { continue }
            r.onlyKeys(m, ["tag", "means", "patterns", "unless", "examples"], in: "context")
            guard let name = r.requiredString(m, "tag", in: "context"), let means = r.requiredString(m, "means", in: "context") else { continue }
            if name.range(of: ContextTag.namePattern, options: .regularExpression) == nil {
                r.fail(m["tag"]!, "tag '\(name)' must be 'dimension:value' in lowercase words joined by '-'")
            }
            if !seen.insert(name).inserted { r.fail(m["tag"]!, "tag '\(name)' is defined twice") }
            guard let pnode = m["patterns"] else { r.fail(item, "missing required key 'patterns' in 'context'"); continue }
            let patterns = r.patternList(pnode, ignorecase: true).map(\.regex)
            let unless = m["unless"].map { r.patternList($0, ignorecase: true).map(\.regex) } ?? []
            var detect: [String] = [], not: [String] = []
            if let enode = m["examples"], let em = r.mapping(enode, what: "a context's 'examples'") {
                r.onlyKeys(em, ["detect", "not"], in: "examples")
                detect = r.stringList(em, "detect") ?? []
                not = r.stringList(em, "not") ?? []
            }
            if detect.isEmpty || not.isEmpty { r.fail(item, "context '\(name)' needs examples with at least one 'detect' and one 'not' statement") }
            tags.append(ContextTag(name: name, means: means.trimmingCharactersInSetWhitespace(), patterns: patterns, unless: unless,
                                   detectExamples: detect, notExamples: not))
        }
        return (tags, r.errors)
    }

    /// `contexts.yml` directly inside `directory`, if there is one.
    public static func load(directory: String, vocabulary: [String: String] = [:]) -> (tags: [ContextTag], errors: [RuleError]) {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: path) else { return ([], []) }
        guard let text = String(data: data, encoding: .utf8) else { return ([], [RuleError(file: path, line: 1, column: 1, message: "contexts file is not valid UTF-8")]) }
        // The folder's own vocabulary (its errors are reported with the rules').
        return parse(text: text, path: path, vocabulary: vocabulary.merging(Vocabulary.load(directory: directory).pieces) { $1 })
    }

    /// Errors for rules whose `not-applicable` names a tag no contexts file defines.
    public static func checkTags(_ rules: [Rule], known: [ContextTag]) -> [RuleError] {
        let names = Set(known.map(\.name))
        var errors: [RuleError] = []
        for rule in rules {
            for n in rule.notApplicable where !names.contains(n.tag) {
                // A value a user can set ("kind:update") needs no detector.
                let (dimension, value) = ContextTag.split(n.tag)
                if ContextTag.settableValues[dimension]?.contains(value) == true { continue }
                errors.append(RuleError(file: rule.origin, line: n.line, column: n.column, message: "not-applicable names the unknown context '\(n.tag)' (known: \(names.sorted().joined(separator: ", ")))"))
            }
        }
        return errors
    }
}
