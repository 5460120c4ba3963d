/// Which rules run: the default pack and extra directories, narrowed by `--only` and
/// `--disable` (rule ids, `category/id`, or category names).
public struct RuleSelection: Sendable {
    public var useDefaultRules = true
    public var ruleDirectories: [String] = []
    public var only: [String] = []
    public var disable: [String] = []

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
        for dir in ruleDirectories {
            let loaded = RuleLoader.load(directory: dir)
            rules += loaded.rules
            errors += loaded.errors
        }
        errors += RuleLoader.checkDuplicates(rules)
        if !errors.isEmpty { throw .ruleErrors(errors) }
        return rules
    }

    /// `rules` narrowed by `only` and `disable`, sorted; a name that selects none of them is an error.
    public func narrow(_ rules: [Rule]) throws(Problem) -> [Rule] {
        for (option, names) in [("--only", only), ("--disable", disable)] {
            for name in names where !rules.contains(where: { $0.isNamed(name) }) {
                throw .unknownName(option: option, name: name)
            }
        }
        var rules = rules
        if !only.isEmpty { rules = rules.filter { r in only.contains(where: r.isNamed) } }
        rules = rules.filter { r in !disable.contains(where: r.isNamed) }
        return rules.sorted { ($0.category, $0.id) < ($1.category, $1.id) }
    }
}

extension Rule {
    /// Whether `name` (a rule id, `category/id` or a category) selects this rule.
    public func isNamed(_ name: String) -> Bool { name == id || name == qualifiedID || name == category.rawValue }
}
