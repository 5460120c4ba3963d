import Foundation
import Yams

/// `.statementlint.yml`: an agency's settings, found from a checked file's directory upward.
/// Validated as strictly as rule files; every problem is `file:line:col: message`.
public struct Configuration: Sendable {
    public static let fileName = ".statementlint.yml"
    /// The largest configuration file read.
    static let maxFileSize = 1024 * 1024

    /// Where the file is; paths and globs in it are relative to its directory.
    public var path: String?
    public var directory: String
    public var useDefaultRules = true
    public var ruleDirectories: [String] = []
    public var only: [String] = []
    public var disable: [String] = []
    /// Opt-in rules to run.
    public var enable: [String] = []
    /// Rule id, category/id or category → severity; nil means off.
    public var severity: [(String, Severity?)] = []
    public var failLevel: Severity?
    public var minSeverity: Severity?
    /// Seconds the rules may take on one file (`time-limit:`; 0: no limit).
    public var timeLimit: Double?
    public var include: [Glob] = []
    public var exclude: [Glob] = []
    public var acceptTerms: [String] = []
    public var requireTerms: [String] = []
    public var overrides: [Override] = []
    /// What the statements are (`statement:`: kind, incident, jurisdiction), instead of
    /// detecting it from their text.
    public var statement: [String: String] = [:]
    /// `max-file-size`: the largest statement read, in bytes (nil: the default, 10 MB).
    public var maxFileSize: Int?
    /// Names of rules/categories the file mentions, with their places, checked once rules are loaded.
    var mentions: [(String, RuleError)] = []

    public struct Override: Sendable {
        public var files: [Glob]
        public var disable: [String]
        public var severity: [(String, Severity?)]
    }

    public init(directory: String) { self.directory = directory }

    // MARK: Discovery

    /// The nearest `.statementlint.yml` at or above `directory`.
    public static func find(from directory: String) -> String? {
        var dir = URL(fileURLWithPath: directory).standardizedFileURL.path
        while true {
            let candidate = (dir as NSString).appendingPathComponent(fileName)
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            let parent = (dir as NSString).deletingLastPathComponent
            if parent == dir || parent.isEmpty { return nil }
            dir = parent
        }
    }

    // MARK: Loading

    public static func load(path: String) -> Result<Configuration, RuleLoader.ErrorList> {
        // A regular file of at most 1 MB: a named pipe or a link to a device found above a
        // checked file must not hang the run or fill the memory.
        let data: Data
        switch readFile(path, limit: Configuration.maxFileSize) {
        case .success(let bytes): data = Data(bytes)
        case .failure(let error):
            let why = error.notRegular != nil ? error.message
                : error.tooLarge != nil ? "configuration file is larger than \(FileLimits.describe(Configuration.maxFileSize))" : "cannot read configuration file"
            return .failure(.init(errors: [RuleError(file: path, line: 0, column: 0, message: why)]))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(.init(errors: [RuleError(file: path, line: 1, column: 1, message: "configuration file is not valid UTF-8")]))
        }
        return parse(text: text, path: path)
    }

    static let keys: Set<String> = ["rules", "default-rules", "only", "disable", "enable", "severity", "fail-level", "min-severity",
                                    "include", "exclude", "vocabulary", "overrides", "statement", "time-limit", "max-file-size"]

    public static func parse(text: String, path: String) -> Result<Configuration, RuleLoader.ErrorList> {
        var r = NodeReader(file: path)
        let directory = (URL(fileURLWithPath: path).standardizedFileURL.path as NSString).deletingLastPathComponent
        var config = Configuration(directory: directory)
        config.path = path
        let root: Node
        do {
            guard let node = try BoundedYAML.compose(text) else { return .success(config) } // an empty file is all defaults
            root = node
        } catch let error as YamlError {
            return .failure(.init(errors: [r.yamlError(error)]))
        } catch {
            return .failure(.init(errors: [RuleError(loading: error, file: path)]))
        }
        guard let map = r.mapping(root, what: "the configuration") else { return .failure(.init(errors: r.errors)) }
        for (key, _) in map.pairs {
            let name = key.string ?? ""
            if !keys.contains(name) {
                r.fail(key, "unknown key '\(name)'" + (RuleLoader.closest(name, in: keys).map { " (did you mean '\($0)'?)" } ?? ""))
            }
        }
        func names(_ m: KeyedMapping, _ key: String) -> [String] {
            guard let node = m[key] else { return [] }
            guard case .sequence(let seq) = node else { r.fail(node, "'\(key)' must be a list"); return [] }
            var out: [String] = []
            for item in seq {
                if let s = r.scalarString(item, what: "each entry of '\(key)'") {
                    out.append(s)
                    config.mentions.append((s, RuleError(file: path, line: item.mark?.line ?? 1, column: item.mark?.column ?? 1,
                                                         message: "no rule or category named '\(s)' (see 'statementlint rules')")))
                }
            }
            return out
        }
        func severities(_ m: KeyedMapping) -> [(String, Severity?)] {
            guard let node = m["severity"] else { return [] }
            guard let sm = r.mapping(node, what: "'severity'") else { return [] }
            var out: [(String, Severity?)] = []
            for (k, v) in sm.pairs {
                guard let name = r.scalarString(k, what: "a rule id"), let value = r.scalarString(v, what: "a severity") else { continue }
                config.mentions.append((name, RuleError(file: path, line: k.mark?.line ?? 1, column: k.mark?.column ?? 1,
                                                        message: "no rule or category named '\(name)' (see 'statementlint rules')")))
                if value == "off" { out.append((name, nil)) } else if let s = Severity(rawValue: value) { out.append((name, s)) } else {
                    r.fail(v, "severity must be one of error, warning, suggestion, off (found '\(value)')")
                }
            }
            return out
        }
        func globs(_ m: KeyedMapping, _ key: String) -> [Glob] {
            guard let node = m[key] else { return [] }
            guard case .sequence(let seq) = node else { r.fail(node, "'\(key)' must be a list of glob patterns"); return [] }
            return seq.compactMap { item in r.scalarString(item, what: "a glob").map { Glob($0, relativeTo: directory) } }
        }
        func strings(_ m: KeyedMapping, _ key: String) -> [String] {
            guard let node = m[key] else { return [] }
            guard case .sequence(let seq) = node else { r.fail(node, "'\(key)' must be a list"); return [] }
            return seq.compactMap { r.scalarString($0, what: "each entry of '\(key)'") }
        }

        config.ruleDirectories = strings(map, "rules").map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: directory + "/")).standardizedFileURL.path }
        config.useDefaultRules = r.bool(map, "default-rules") ?? true
        config.only = names(map, "only")
        config.disable = names(map, "disable")
        config.enable = names(map, "enable")
        config.severity = severities(map)
        config.failLevel = r.optionalEnum(map, "fail-level")
        config.minSeverity = r.optionalEnum(map, "min-severity")
        if let node = map["time-limit"] {
            if case .scalar(let v) = node, let seconds = Double(v.string), seconds.isFinite, seconds >= 0 { config.timeLimit = seconds } else {
                r.fail(node, "'time-limit' must be a number of seconds (0: no limit)")
            }
        }
        if let size = r.string(map, "max-file-size") {
            if let bytes = FileSize.parse(size) { config.maxFileSize = bytes } else { r.fail(map["max-file-size"]!, "'max-file-size' must be " + FileSize.problem(size)) }
        }
        config.include = globs(map, "include")
        config.exclude = globs(map, "exclude")
        if let node = map["statement"], let sm = r.mapping(node, what: "'statement'") {
            r.onlyKeys(sm, Set(ContextTag.settable), in: "statement")
            for key in ContextTag.settable {
                guard let v = r.string(sm, key) else { continue }
                if let problem = ContextTag.settingProblem(key: key, value: v) { r.fail(sm[key]!, problem) } else { config.statement[key] = v }
            }
        }
        if let node = map["vocabulary"], let vm = r.mapping(node, what: "'vocabulary'") {
            r.onlyKeys(vm, ["accept", "require"], in: "vocabulary")
            config.acceptTerms = strings(vm, "accept")
            config.requireTerms = strings(vm, "require")
        }
        if let node = map["overrides"], let seq = r.sequence(node, what: "'overrides'") {
            for item in seq {
                guard let om = r.mapping(item, what: "an override") else { continue }
                r.onlyKeys(om, ["files", "disable", "severity"], in: "overrides")
                let files = globs(om, "files")
                if om["files"] == nil { r.fail(item, "an override needs 'files' (glob patterns)") }
                config.overrides.append(Override(files: files, disable: names(om, "disable"), severity: severities(om)))
            }
        }
        return r.errors.isEmpty ? .success(config) : .failure(.init(errors: r.errors))
    }

    /// Names the file mentions that match no loaded rule or category.
    func unknownNames(in rules: [Rule]) -> [RuleError] {
        mentions.filter { name, _ in
            !rules.contains { $0.isNamed(name) }
        }.map(\.1)
    }

    // MARK: Applying

    /// Whether a file found while walking a directory is checked.
    func includes(_ path: String) -> Bool {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        if exclude.contains(where: { $0.matches(absolute) }) { return false }
        return include.isEmpty || include.contains { $0.matches(absolute) }
    }

    /// Applies severities, per-path overrides and the vocabulary to one file's findings.
    func adjust(_ findings: inout [Finding], path: String, doc: Document?) {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var disabled: [String] = []
        var levels = severity
        for o in overrides where o.files.contains(where: { $0.matches(absolute) }) {
            disabled += o.disable
            levels += o.severity
        }
        findings.removeAll { f in f.category != .statementlint && disabled.contains(where: f.isNamed) }
        var kept: [Finding] = []
        for var f in findings {
            // Later entries win; a rule id is more specific than its category, whatever the order.
            var chosen: Severity?? = nil
            for (name, level) in levels where name == f.category.rawValue { chosen = .some(level) }
            for (name, level) in levels where name == f.ruleID || name == f.qualifiedID { chosen = .some(level) }
            if let chosen {
                guard let level = chosen else { continue }
                f.severity = level
            }
            kept.append(f)
        }
        findings = kept
        guard let doc else { return }
        if !acceptTerms.isEmpty {
            let accepted = acceptTerms.flatMap { doc.originalRanges(ofCaseInsensitive: $0) }
            findings.removeAll { f in !f.documentLevel && f.category != .statementlint && accepted.contains { $0.overlaps(f.range) } }
        }
        for term in requireTerms where doc.originalRanges(ofCaseInsensitive: term).isEmpty {
            let at = doc.bomLength
            let pos = doc.position(ofOriginal: at)
            findings.append(Finding(ruleID: "vocabulary-required", ruleKind: .require, category: .statementlint, severity: .warning,
                                    message: "The statement does not use '\(term)', which this agency's configuration requires.",
                                    range: at..<at, start: pos, end: pos, matchedText: "", sentence: nil, fix: nil, suggestions: [],
                                    advice: "Use '\(term)' (set in \(self.path ?? Configuration.fileName), vocabulary.require).",
                                    documentLevel: true, suppression: nil))
        }
    }
}

/// A path pattern: `*` within a folder, `**` across folders, `?` one character. A pattern
/// without `/` matches the file name anywhere below the configuration's folder.
public struct Glob: @unchecked Sendable {
    public let pattern: String
    let regex: NSRegularExpression?

    public init(_ pattern: String, relativeTo directory: String) {
        self.pattern = pattern
        var body = ""
        let chars = Array(pattern)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "*" && i + 1 < chars.count && chars[i + 1] == "*" {
                i += 2
                if i < chars.count && chars[i] == "/" { body += "(?:.*/)?"; i += 1 } else { body += ".*" }
                continue
            }
            switch c {
            case "*": body += "[^/]*"
            case "?": body += "[^/]"
            default: body += "\\Q\(c)\\E"
            }
            i += 1
        }
        let base = "\\Q\(directory.hasSuffix("/") ? directory : directory + "/")\\E"
        let prefix = pattern.contains("/") ? base : base + "(?:.*/)?"
        regex = try? NSRegularExpression(pattern: "^" + prefix + body + "$")
    }

    public func matches(_ absolutePath: String) -> Bool {
        guard let regex else { return false }
        return regex.firstMatch(in: absolutePath, range: NSRange(absolutePath.startIndex..., in: absolutePath)) != nil
    }
}
