/// Which rules run: the default pack and extra directories, narrowed by `--only` and
/// `--disable` (rule ids, `category/id`, or category names).
public struct RuleSelection: Sendable {
    public var useDefaultRules = true
    public var ruleDirectories: [String] = []
    public var only: [String] = []
    public var disable: [String] = []
    /// Opt-in rules to run (names checked like `only`), and names from a configuration file
    /// (checked there, with their place).
    public var enable: [String] = []
    public var enableFromConfiguration: [String] = []
    /// Keep every opt-in rule (for listing and explaining rules).
    public var allOptIn = false

    public init() {}

    public enum Problem: Error, Equatable {
        case ruleErrors([RuleError])
        case unknownName(option: String, name: String)
    }

    public func load() throws(Problem) -> [Rule] {
        var cache: [Rule]? = nil
        return try load(defaultPack: &cache)
    }

    /// Loads rules, parsing the built-in pack at most once per `defaultPack` cache.
    public func load(defaultPack: inout [Rule]?) throws(Problem) -> [Rule] {
        try narrow(loadAll(defaultPack: &defaultPack))
    }

    /// Every rule of the default pack and the extra directories, before `only` and `disable`.
    public func loadAll(defaultPack: inout [Rule]?) throws(Problem) -> [Rule] {
        var rules: [Rule] = []
        var errors: [RuleError] = []
        if useDefaultRules {
            if let cached = defaultPack { rules += cached } else {
                let pack = RuleLoader.loadDefault()
                errors += pack.errors
                if pack.errors.isEmpty { defaultPack = pack.rules }
                rules += pack.rules
            }
        }
        for dir in distinctRuleDirectories {
            let loaded = RuleLoader.load(directory: dir, vocabulary: useDefaultRules ? embeddedVocabulary : [:])
            rules += loaded.rules
            errors += loaded.errors
        }
        errors += RuleLoader.checkDuplicates(rules)
        if errors.isEmpty, !ruleDirectories.isEmpty { errors += ContextLoader.checkTags(rules.filter { !$0.isDefault }, known: try loadContexts()) }
        if !errors.isEmpty { throw .ruleErrors(errors) }
        return rules
    }

    /// `rules` narrowed by `only`, `disable` and the opt-in rules not enabled, sorted; a name
    /// that selects none of them is an error.
    public func narrow(_ rules: [Rule]) throws(Problem) -> [Rule] {
        for (option, names) in [("--only", only), ("--disable", disable), ("--enable", enable)] {
            for name in names where !rules.contains(where: { $0.isNamed(name) }) {
                throw .unknownName(option: option, name: name)
            }
        }
        var rules = rules
        if !only.isEmpty { rules = rules.filter { r in only.contains(where: r.isNamed) } }
        rules = rules.filter { r in !disable.contains(where: r.isNamed) }
        let enabled = only + enable + enableFromConfiguration
        if !allOptIn { rules = rules.filter { r in !r.optIn || enabled.contains(where: r.isNamed) } }
        return rules.sorted { ($0.category, $0.id) < ($1.category, $1.id) }
    }
}

extension RuleSelection {
    /// The statement contexts rules may name: the built-in pack's, then each rule folder's
    /// `contexts.yml` (a tag defined again replaces the earlier definition).
    public func loadContexts() throws(Problem) -> [ContextTag] {
        var tags = useDefaultRules ? embeddedContexts : []
        var errors: [RuleError] = []
        for dir in distinctRuleDirectories {
            let loaded = ContextLoader.load(directory: dir, vocabulary: useDefaultRules ? embeddedVocabulary : [:])
            errors += loaded.errors
            for t in loaded.tags {
                if let i = tags.firstIndex(where: { $0.name == t.name }) { tags[i] = t } else { tags.append(t) }
            }
        }
        if !errors.isEmpty { throw .ruleErrors(errors) }
        return tags
    }
}

extension Rule {
    /// Whether `name` (a rule id, `category/id` or a category) selects this rule.
    public func isNamed(_ name: String) -> Bool { name == id || name == qualifiedID || name == category.rawValue }
}
