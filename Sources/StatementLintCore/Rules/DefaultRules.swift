extension RuleLoader {
    /// The rule pack built into the binary: validated and turned into Swift at build time
    /// from `Rules/` (see the RuleEmbedder tool), so start-up parses no YAML.
    public static func loadDefault() -> (rules: [Rule], errors: [RuleError]) {
        (embeddedRules, [])
    }
}
