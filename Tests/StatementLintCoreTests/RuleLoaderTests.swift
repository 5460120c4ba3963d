import Testing
@testable import StatementLintCore

@Suite struct RuleLoaderTests {
    let path = "Rules/accountability/sample-rule.yml"

    @Test func validRuleLoads() throws {
        let r = try rule(ruleYAML(body: "pattern: '\\bshots were fired\\b'"))
        #expect(r.id == "sample-rule")
        #expect(r.kind == .forbid)
        #expect(r.quotes == .skip)
        #expect(r.qualifiedID == "accountability/sample-rule")
    }

    @Test func unknownKeyIsAnErrorWithItsPlaceAndAGuess() {
        #expect(errors(ruleYAML(body: "patern: 'x'\npattern: 'x'")) == ["\(path):7:1: unknown key 'patern' (did you mean 'pattern'?)"])
        #expect(errors(ruleYAML(body: "pattern: 'x'\nflavour: mild")) == ["\(path):8:1: unknown key 'flavour'"])
    }

    @Test func keyOfAnotherKind() {
        #expect(errors(ruleYAML(body: "pattern: 'x'\nmin: 2")) == ["\(path):8:1: key 'min' does not apply to kind 'forbid'"])
    }

    @Test func wrongTypes() {
        #expect(errors(ruleYAML(body: "pattern: 'x'\nignorecase: maybe")) == ["\(path):8:13: 'ignorecase' must be true or false"])
        #expect(errors(ruleYAML(body: "patterns: {a: b}")) == ["\(path):7:11: a pattern must be a string"])
        #expect(errors(ruleYAML(body: "pattern: 'x'\nsuggestions: one")) == ["\(path):8:14: 'suggestions' must be a list"])
        #expect(errors(ruleYAML(kind: "require", body: "pattern: 'x'\nmin: two")) == ["\(path):9:6: must be a whole number"])
    }

    @Test func unknownKindCategorySeverity() {
        #expect(errors(ruleYAML(kind: "ban", body: "pattern: 'x'")) == ["\(path):4:7: unknown kind 'ban' (expected one of forbid, swap, require, conditional, metric)"])
        let badCategory = ruleYAML(category: "tone", body: "pattern: 'x'")
        #expect(errors(badCategory, path: "Rules/tone/sample-rule.yml") == ["Rules/tone/sample-rule.yml:2:11: 'category' must be one of facts, demonizing, accountability, officer-rights, policy-response, transparency, plain-language (found 'tone')"])
        let badSeverity = ruleYAML(body: "pattern: 'x'").replacingOccurrences(of: "severity: warning", with: "severity: warn")
        #expect(errors(badSeverity) == ["\(path):3:11: 'severity' must be one of suggestion, warning, error (found 'warn')"])
    }

    @Test func idMustMatchFileNameAndCategoryTheFolder() {
        #expect(errors(ruleYAML(id: "other-name", body: "pattern: 'x'")) == ["\(path):1:5: id 'other-name' does not match the file name 'sample-rule'"])
        #expect(errors(ruleYAML(category: "facts", body: "pattern: 'x'")) == ["\(path):2:11: category 'facts' does not match the folder 'accountability'"])
    }

    @Test func examplesAreRequired() {
        #expect(errors(ruleYAML(body: "pattern: 'x'", examples: "")) == ["\(path):1:1: missing required key 'examples' (a rule needs flag and pass examples)"])
        #expect(errors(ruleYAML(body: "pattern: 'x'", examples: "examples:\n  flag:\n    - \"x\"\n")) == ["\(path):9:3: examples.pass needs at least one example that must not trigger the rule"])
        #expect(errors(ruleYAML(body: "pattern: 'x'", examples: "examples:\n  pass:\n    - \"x\"\n")) == ["\(path):9:3: examples.flag needs at least one example that must trigger the rule"])
        #expect(errors(ruleYAML(body: "pattern: 'x'", examples: "examples:\n  flag: [\"x\"]\n  pass: [\"y\"]\n  maybe: [\"z\"]\n")) == ["\(path):11:3: unknown key 'maybe' in 'examples' (expected flag, pass)"])
    }

    @Test func patternThatDoesNotCompile() {
        #expect(errors(ruleYAML(body: "pattern: '(shots'")) == ["\(path):7:10: pattern does not compile at offset 6: missing closing parenthesis"])
        #expect(errors(ruleYAML(body: "patterns:\n  - 'ok'\n  - 'a{2,1}'")) == ["\(path):9:5: pattern does not compile at offset 5: numbers out of order in {} quantifier"])
    }

    @Test func missingRequiredKeys() {
        let yaml = "id: sample-rule\ncategory: accountability\nseverity: warning\npattern: 'x'\nexamples:\n  flag: [\"x\"]\n  pass: [\"y\"]\n"
        #expect(errors(yaml) == [
            "\(path):1:1: missing required key 'message'",
            "\(path):1:1: missing required key 'rationale'",
            "\(path):1:1: missing required key 'source'",
        ])
        #expect(errors(ruleYAML(body: "")) == ["\(path):1:1: missing required key 'pattern' or 'patterns'"])
    }

    @Test func yamlSyntaxErrorsAndDuplicateKeys() {
        #expect(errors("id: [unclosed\n").first?.hasPrefix("\(path):2:1: YAML syntax error:") == true)
        #expect(errors(ruleYAML(body: "pattern: 'x'\npattern: 'y'")).first?.contains("duplicate key 'pattern'") == true)
    }

    @Test func exceptionAreasAndKindOptionsAreChecked() {
        #expect(errors(ruleYAML(body: "pattern: 'x'\nexceptions:\n  - {pattern: 'y', in: nearby}")) == ["\(path):9:24: 'in' must be one of sentence, before, after, previous-sentence, next-sentence, paragraph, document, match (found 'nearby')"])
        #expect(errors(ruleYAML(kind: "require", body: "pattern: 'x'\nwithin: title")) == ["\(path):9:9: 'within' must be one of first-paragraph, document (found 'title')"])
        #expect(errors(ruleYAML(kind: "require", body: "pattern: 'x'\nmin: 0")) == ["\(path):9:6: 'min' must be at least 1"])
        #expect(errors(ruleYAML(kind: "metric", body: "metric: sentence-length")) == ["\(path):1:1: missing required key 'max'"])
        #expect(errors(ruleYAML(kind: "metric", body: "metric: words\nmax: 3")) == ["\(path):8:9: 'metric' must be one of sentence-length, reading-grade (found 'words')"])
        #expect(errors(ruleYAML(kind: "swap", body: "swap: {}")) == ["\(path):8:7: 'swap' is empty"])
        #expect(errors(ruleYAML(kind: "conditional", body: "if: 'x'")) == ["\(path):1:1: missing required key 'then'"])
        #expect(errors(ruleYAML(body: "pattern: 'x'\nfix: {replace: 'y', safety: maybe}")) == ["\(path):8:29: 'safety' must be one of safe, review (found 'maybe')"])
    }

    @Test func duplicateIDsAcrossFiles() throws {
        let a = try rule(ruleYAML(body: "pattern: 'x'"))
        let b = try rule(ruleYAML(body: "pattern: 'y'"), path: "extra/accountability/sample-rule.yml")
        #expect(RuleLoader.checkDuplicates([a, b]).map(\.description) == ["extra/accountability/sample-rule.yml:1:1: duplicate rule id 'sample-rule' (also defined in Rules/accountability/sample-rule.yml)"])
    }

    @Test func defaultPackLoadsCleanly() {
        let pack = RuleLoader.loadDefault()
        #expect(pack.errors.map(\.description) == [])
        #expect(!pack.rules.isEmpty)
        #expect(RuleLoader.checkDuplicates(pack.rules).isEmpty)
        #expect(pack.rules.allSatisfy { $0.isDefault && $0.origin.hasPrefix("Rules/\($0.category.rawValue)/") })
    }
}
