import Foundation
import Testing
@testable import StatementLintCore

/// A literal as text, its word-start marks shown as "^".
func show(_ literal: [UInt8]) -> String {
    String(decoding: literal.map { $0 == LiteralExtractor.wordStart ? UInt8(ascii: "^") : $0 }, as: UTF8.self)
}

@Suite struct PrefilterTests {
    func lits(_ p: String) -> [String]? {
        // The cheapest set: the one a pattern is gated on first.
        LiteralExtractor.requiredLiteralSets(p)?.first?.map(show)
    }

    @Test func extractsWhatEveryMatchMustContain() {
        #expect(lits(#"\bshots?\s+(?:were|was)\s+fired\b"#) == ["^fired"])
        // Adjacent exact pieces are joined into whole phrases.
        #expect(lits(#"\b(?:officer|deputy|trooper)-involved\b"#) == ["^deputy-involved", "^officer-involved", "^trooper-involved"])
        #expect(lits(#"\bknown to (?:police|law enforcement)"#) == ["^known to law enforcement", "^known to police"])
        #expect(lits(#"\b(?:excited|agitated) delirium\b"#) == ["^agitated delirium", "^excited delirium"])
        #expect(lits(#"(?:no comment|declined? to comment)"#) == ["decline to comment", "declined to comment", "no comment"])
        #expect(lits(#"\b(?:Mr|Ms|Mrs)\.\s"#) == ["^mr.", "^mrs.", "^ms."])
        #expect(lits(#"\bOIS\b|\bBWC\b"#) == ["^bwc", "^ois"])
        #expect(lits(#"\bmade\s+contact\b"#) == ["^contact"])
        #expect(lits(#"(?<who>officer|deputy) (?:shot|fired)"#) == ["deputy fired", "deputy shot", "officer fired", "officer shot"])
        #expect(lits(#"\d{4}\s+hours"#) == ["^hours"])
        #expect(lits(#"(?i:lunged)"#) == ["lunged"])
        #expect(lits(#"shots?"#) == ["shot", "shots"])
        #expect(lits(#"\b(?:was|is)\s+on\s+(?:PCP|K2)\b"#) == ["^k2", "^pcp"]) // rarer than "was", "is" or "on"
        // A letter's two cases in a class is that letter: "the", not "he" (in "they", "when").
        #expect(lits(#"(?-i:\b[Tt]he\s+\p{Lu}[\p{Ll}'-]+\s+family\b)"#) == ["^family"])
        #expect(LiteralExtractor.requiredLiteralSets(#"(?-i:\b[Tt]he\s+\p{Lu}[\p{Ll}'-]+\s+family\b)"#)?.map { $0.map(show) } == [["^family"], ["^the"]])
        #expect(lits(#"[Tt]ruck"#) == ["truck"])
        #expect(lits(#"[Tt][Hh]e"#) == ["the"])
        // Anything else in a class is not tracked: two letters, a negated class, a range.
        #expect(lits(#"[Tx]he"#) == ["he"])
        #expect(lits(#"[^T]he"#) == ["he"])
        #expect(lits(#"[T-t]he"#) == ["he"])
    }

    @Test func everyRequiredSetIsKeptCheapestFirst() throws {
        func sets(_ p: String) -> [[String]]? {
            LiteralExtractor.requiredLiteralSets(p)?.map { $0.map(show) }
        }
        // "leave", one of "medical"/"stress", and (the commonest, so last) "on" are all required.
        #expect(sets(#"\bon\s+(?:medical|stress)\s+leave\b"#) == [["^leave"], ["^medical", "^stress"], ["^on"]])
        // Sets required inside a required group count too.
        #expect(sets(#"(?:placed\s+on\s+(?:medical|sick)\s+leave)"#) == [["^leave"], ["placed"], ["^medical", "^sick"]]) // a word start makes "leave" cheaper than "placed"
        // At most three sets; an alternation keeps only the one set each branch guarantees.
        #expect(sets(#"alpha\s+bravo\s+charlie\s+delta"#)?.count == 3)
        #expect(sets(#"(?:alpha\s+bravo|charlie\s+delta)"#) == [["^bravo", "^delta"]])

        // The gate marks a sentence only when it holds a literal of every set.
        let r = try rule(ruleYAML(body: #"pattern: '\bon\s+(?:medical|stress)\s+leave\b'"#))
        let linter = Linter(rules: [r])
        let doc = Document(path: "t", string: "Officer Reyes is on paid leave. The medical examiner is on leave. She is on medical leave.")
        let slot = linter.plans[0].matchPatterns[0].slot
        func marked(_ doc: Document, _ scratch: MatchScratch) -> [Int] {
            doc.text.withUnsafeBufferPointer { text in
                Array(UnitGate(doc: doc, text: text, scanner: linter.scanner, literalSlots: linter.literalSlots, scratch: scratch)
                    .units(slot: slot, below: doc.sentences.count))
            }
        }
        #expect(marked(doc, linter.makeScratch()) == [1, 2])
        #expect(linter.lint(doc).findings.map(\.matchedText) == ["on medical leave"])
        // The gate's working space is reused from document to document (one scratch per
        // thread), and left all zero: a long statement (over 64 sentences, two words a row)
        // before or after changes nothing.
        let long = Document(path: "long", string: (0..<70).map { $0 % 3 == 0 ? "She is on medical leave." : "He is on paid leave." }.joined(separator: " "))
        let shared = linter.makeScratch()
        let longAlone = marked(long, linter.makeScratch())
        #expect(longAlone == Array(stride(from: 0, to: 70, by: 3)))
        #expect(marked(long, shared) == longAlone)
        #expect(marked(doc, shared) == [1, 2])
        #expect(marked(long, shared) == longAlone)
        #expect(shared.gateMarks.allSatisfy { $0 == 0 } && !shared.gateMarks.isEmpty)
    }

    /// A literal marked as starting a word is not found after an ASCII word character. An
    /// exception is searched in its area as a text of its own, where `\b` holds at the area's
    /// start even inside a word ("offic|ers"): an area that can begin there (after the match,
    /// the match) has literals without the mark. The other areas begin where a sentence, a
    /// paragraph or the statement does: at the start, or after white space.
    @Test func wordStartsAreCheckedOnlyWhereTheSearchSeesTheWordBefore() throws {
        #expect(lits(#"\bat\s+noon\b"#) == ["^noon"])
        let r = try rule(ruleYAML(body: """
            pattern: '\\bat\\s+noon|offic'
            exceptions:
              - {pattern: '\\bers\\b', in: after}
              - {pattern: '\\bchat\\b', in: sentence}
            """))
        #expect(r.exceptions[0].pattern.requiredLiterals == [Array("ers".utf8)])
        #expect(r.exceptions[1].pattern.requiredLiterals == [[LiteralExtractor.wordStart] + Array("chat".utf8)])
        // However the exception is made.
        let ers = Pattern(regex: try Regex(#"\bers\b"#, caseless: true))
        #expect(ers.requiredLiterals == [[LiteralExtractor.wordStart] + Array("ers".utf8)])
        #expect(Exception(pattern: ers, area: .match).pattern.requiredLiterals == [Array("ers".utf8)])
        #expect(Exception(pattern: ers, area: .before).pattern.requiredLiterals == ers.requiredLiterals)
        // Without their marks, sets are chosen again: "a" alone would select every sentence.
        let crash = Pattern(regex: try Regex(#"\b(?:the|a)\s+crash\b"#, caseless: true))
        #expect(crash.requiredLiterals?.map(show) == ["^crash"])
        #expect(crash.alsoRequired.map { $0.map(show) } == [["^a", "^the"]])
        let unmarked = Exception(pattern: crash, area: .after).pattern
        #expect(unmarked.requiredLiterals?.map(show) == ["crash"])
        #expect(unmarked.alsoRequired.isEmpty)
        #expect(Exception(pattern: Pattern(regex: try Regex(#"\ba\b"#, caseless: true)), area: .after).pattern.hasRequiredLiterals == false)
        for folder in ["Samples", "Samples/heldout", "Tests/Fixtures"] {
            let dir = packageRootURL.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasSuffix(".txt") || name.hasSuffix(".md") {
                let doc = Document(path: name, string: String(decoding: try Data(contentsOf: dir.appendingPathComponent(name)), as: UTF8.self))
                for start in (doc.sentences + doc.paragraphs).map(\.lowerBound) where start > 0 {
                    #expect(SentenceSplitter.isSpace(doc.text[start - 1]), "\(name) at \(start)")
                }
            }
        }
        let texts = ["Chat noon. The officers left.", "at noon", "That noon", "é at noon, _at noon", "The offices closed.", "An official at noon."]
        let gated = Linter(rules: [r])
        let plain = Linter(rules: [r])
        plain.usePrefilter = false
        for text in texts {
            let doc = Document(path: "t.txt", string: text)
            #expect(gated.lint(doc).findings.map(\.range) == plain.lint(doc).findings.map(\.range), "\(text)")
        }
        #expect(plain.lint(Document(path: "t.txt", string: "The officers left.")).findings.isEmpty)
        #expect(plain.lint(Document(path: "t.txt", string: "The offices closed. That noon.")).findings.count == 1)
    }

    @Test func givesUpRatherThanGuess() {
        #expect(lits(#"\w+ team"#) == [" team"]) // " team" is required
        #expect(lits(#"(?:shot|\w+)"#) == nil)                // one branch has no literal
        #expect(lits(#"a*b"#) == nil)                          // nothing but one letter
        #expect(lits(#"(a)\1"#) == nil)                        // back-reference
        #expect(lits(#"(?x) shots"#) == nil)                   // extended mode
        #expect(lits(#"(?ix)police officer"#) == nil)         // extended mode among other flags
        #expect(lits(#"a(?sx:police officer)"#) == nil)
        #expect(lits(#"\N{U+0041}BC"#) == nil)                  // a code point, not "{u+0041}bc"
        #expect(lits(#"(?i)police officer"#) == ["police officer"])
        #expect(lits(#"caf\x{e9}"#) == nil)
        #expect(lits(#"[abc]+ wrong"#) == [" wrong"])
        #expect(lits(#"x{2,} word"#) == [" word"])
        #expect(lits(#"(?=police)\w+"#) == nil)               // look-ahead text is not part of the match
        #expect(lits("Zoë Ortiz") == [" ortiz"])              // non-ASCII breaks literals (case folding)
        // Sets of several very common words or letter pairs would select nearly every sentence;
        // one common word alone may still gate. A common word that must start a word is priced
        // as a word, no longer also as a letter pair inside other words.
        #expect(lits(#"(?:in|on)\s+\w+"#) == nil)
        #expect(lits(#"\b(?:the|and|of|in)\s+\w+"#) == nil)
        #expect(lits(#"(?:the|and)\s+\w+"#) == ["and", "the"])
        #expect(lits(#"\b(?:in|on)\s+\w+"#) == ["^in", "^on"])
        #expect(lits(#"\bon\s+\w+"#) == ["^on"])
        // A long list of rare initials is gated, though each three-letter string is priced alike.
        #expect(lits(#"(?-i:\b(?:SBI|GBI|TBI|NCSBI|DCI|BCA|CBI|OSBI|FDLE|SLED|KBI|MBI|DPS|IID|OPS|OPR|IAD|IAB|PSU|OPI|OSI|MCU|CIRT|FIT)\b)"#)?.count == 24)
    }

    /// The embedded pack carries its literals numbered and their scanner prebuilt; a linter
    /// over it (or any part of it) uses them, one with a rule from elsewhere builds its own,
    /// and both find exactly what the whole pack finds with no prefilter.
    @Test func prebuiltPackLiteralsAreUsedOnlyWhenEveryGatedPatternIsFromThePack() throws {
        let packed = embeddedRules.flatMap(\.allPatterns).filter { $0.requiredLiterals != nil }
        #expect(packed.count > 400)
        let pack = try #require(packed.first?.packed?.pack)
        #expect(packed.allSatisfy { $0.packed?.pack === pack })
        // Here (the PCRE2 the pack was built with) every pattern is decoded, never compiled.
        #expect(embeddedRules.flatMap(\.patternsWithBranches).allSatisfy { $0.regex.serialized?.bytes() != nil })
        // Alternations are split into their branches at build time too.
        #expect(embeddedRules.flatMap(\.allPatterns).filter { !$0.branches.isEmpty }.count >= 20)
        let prebuilt = try #require(pack.scanner)
        let custom = try rule(ruleYAML(id: "custom-squad", body: "pattern: '\\bsquad\\s+car\\b'"), path: "Rules/accountability/custom-squad.yml")
        let whole = Linter(rules: embeddedRules)
        let part = Linter(rules: embeddedRules.filter { $0.category != .demonizing })
        let mixed = Linter(rules: embeddedRules + [custom])
        #expect(whole.scanner === prebuilt)
        #expect(part.scanner === prebuilt)
        #expect(mixed.scanner !== prebuilt)
        // A linter numbers its own plan and leaves the rules as given: rules taken back from
        // one that numbered the pack afresh are the pack's again.
        let again = Linter(rules: mixed.rules.filter { $0.id != "custom-squad" })
        #expect(again.scanner === prebuilt)
        let slow = Linter(rules: RuleLoader.loadDefault().rules + [custom])
        slow.usePrefilter = false
        let dir = packageRootURL.appendingPathComponent("Samples")
        var compared = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasSuffix(".txt") {
            let text = String(decoding: try Data(contentsOf: dir.appendingPathComponent(name)), as: UTF8.self) + "\n\nThe squad car was parked.\n"
            let doc = Document(path: name, string: text)
            let expected = slow.lint(doc).findings.map(describe)
            #expect(mixed.lint(doc).findings.map(describe) == expected, "\(name)")
            #expect(whole.lint(doc).findings.map(describe) == expected.filter { !$0.hasPrefix("accountability/custom-squad") }, "\(name)")
            #expect(again.lint(doc).findings.map(describe) == expected.filter { !$0.hasPrefix("accountability/custom-squad") }, "\(name)")
            #expect(part.lint(doc).findings.map(describe) == expected.filter { !$0.hasPrefix("accountability/custom-squad") && !$0.hasPrefix("demonizing/") }, "\(name)")
            #expect(expected.contains { $0.hasPrefix("accountability/custom-squad") })
            compared += expected.count
        }
        #expect(compared > 200)
    }

    /// Gate rows are numbered by one function (`GateRows`): the build tool wrote the pack's
    /// with it, and a linter numbering any other rule set uses it too. A linter keeps its
    /// numbering in its own plan; the rules' patterns are plain values it never rewrites.
    @Test func gateRowsAreNumberedOnceAndPatternsAreLeftAsGiven() throws {
        // The rows written at build time are exactly what the numbering gives the pack now.
        var rows: [(Int32, Scope)] = [], packed: [(Int32, Scope)] = []
        let count = GateRows.number(embeddedRules) { p, unit, row in
            rows.append((row, unit))
            if let k = p.packed { packed.append((k.slot, k.unit)) }
        }
        #expect(rows.count > 400 && packed.count == rows.count)
        #expect(rows.map(\.0) == packed.map(\.0) && rows.map(\.1) == packed.map(\.1))
        let pack = try #require(embeddedRules.flatMap(\.allPatterns).first { $0.packed != nil }?.packed?.pack)
        #expect(Int(count) == pack.slotCount)
        // A linter over the pack takes its rows as written; one with a rule from elsewhere
        // numbers every gated pattern (branches included) afresh, each row once.
        let custom = try rule(ruleYAML(id: "custom-squad", body: "pattern: '\\bsquad\\s+car\\b'"), path: "Rules/accountability/custom-squad.yml")
        let whole = Linter(rules: embeddedRules)
        let mixed = Linter(rules: embeddedRules + [custom])
        func gated(_ l: Linter) -> [GatedPattern] {
            l.plans.flatMap { ($0.matchPatterns + $0.exceptions).flatMap { [$0] + $0.branches } }.filter { $0.literalIDs != nil }
        }
        #expect(gated(whole).map(\.slot) == packed.map(\.0))
        let fresh = gated(mixed).map(\.slot)
        #expect(fresh.count == rows.count + 1 && Set(fresh).count == fresh.count)
        // The rules a linter holds are the rules it was given, pattern for pattern.
        for (held, given) in zip(mixed.rules, embeddedRules + [custom]) {
            #expect(held.allPatterns.map { ObjectIdentifier($0.regex) } == given.allPatterns.map { ObjectIdentifier($0.regex) })
            #expect(held.allPatterns.map { $0.packed?.slot } == given.allPatterns.map { $0.packed?.slot })
        }
        // A pattern's literals derived at load time: the copy without word-start marks leaves them.
        let derived = Pattern(regex: try Regex(#"\bsquad\s+car\b"#, caseless: true))
        let marked = try #require(derived.requiredLiterals)
        #expect(marked.allSatisfy { $0.first == LiteralExtractor.wordStart })
        let plain = derived.withoutWordStarts()
        #expect(derived.requiredLiterals == marked)
        #expect(plain.requiredLiterals?.allSatisfy { !$0.contains(LiteralExtractor.wordStart) } == true)
    }

    @Test func topLevelAlternationsSplitOnlyWhenEachBranchAloneIsExact() {
        #expect(LiteralExtractor.topLevelBranches(#"\bfoo\b|ba(?:r|z)|[|]x|(?i:qux)"#) == [#"\bfoo\b"#, "ba(?:r|z)", "[|]x", "(?i:qux)"])
        #expect(LiteralExtractor.topLevelBranches(#"(?<!not )shot|(?=a)fired"#) == ["(?<!not )shot", "(?=a)fired"])
        #expect(LiteralExtractor.topLevelBranches("(?:a|b)") == nil)            // one branch
        #expect(LiteralExtractor.topLevelBranches("(a)|b") == nil)              // a capture: groups would be renumbered
        #expect(LiteralExtractor.topLevelBranches("(?<who>a)|b") == nil)
        #expect(LiteralExtractor.topLevelBranches("(?i)a|b") == nil)            // carries into the next branch
        #expect(LiteralExtractor.topLevelBranches(#"a\1|b"#) == nil)
        #expect(LiteralExtractor.topLevelBranches(#"\Ka|b"#) == nil)
        #expect(LiteralExtractor.topLevelBranches("a(*SKIP)(*F)|b") == nil)
        #expect(LiteralExtractor.topLevelBranches("(?x:a b)|c") == nil)
        #expect(LiteralExtractor.topLevelBranches("a|") == nil)                 // an empty branch
        #expect(LiteralExtractor.topLevelBranches("a)|b") == nil)

        // Split only when every branch requires a literal of its own.
        let regex = { (p: String) in try! Regex(p, caseless: true) }
        #expect(Pattern(regex: regex(#"\bfoo bar\b|\bbar baz\b"#)).branches.map(\.regex.pattern) == [#"\bfoo bar\b"#, #"\bbar baz\b"#])
        #expect(Pattern(regex: regex(#"\bfoo bar\b|\b\d+\b"#)).branches.isEmpty)  // the second has none
        #expect(Pattern(regex: regex(#"(foo)|bar"#)).branches.isEmpty)
    }

    /// A split pattern is searched with only the branches a unit holds literals of, and still
    /// gives the alternation's matches: leftmost first, the earlier branch on a tie, and a
    /// branch's match that overlaps one already taken is not reported.
    @Test func splitAlternationFindsExactlyTheAlternationsMatches() throws {
        let r = try rule(ruleYAML(body: #"""
            pattern: '\bfoo bar\b|\bbar baz\b|\bfoo\b'
            exceptions:
              - {pattern: '\bnot\s+$|\bnever\s+$', in: before}
            """#))
        let fast = Linter(rules: [r])
        #expect(fast.rules[0].matchPatterns[0].branches.count == 3)
        #expect(fast.rules[0].exceptions[0].pattern.branches.count == 2)
        let slow = Linter(rules: [r])
        slow.usePrefilter = false
        let text = "We saw foo bar baz and foo, then bar baz foo bar. Only foo here. Just bar baz. None at all. It was never foo bar, not foo."
        let doc = Document(path: "t.txt", string: text)
        let found = fast.lint(doc).findings
        #expect(found.map(\.matchedText) == ["foo bar", "foo", "bar baz", "foo bar", "foo", "bar baz"])
        #expect(found.map(\.start.column) == [8, 24, 34, 42, 56, 71])
        #expect(found.map(describe) == slow.lint(doc).findings.map(describe))
    }

    /// An exception looked for in the whole statement is answered once per statement, and
    /// that answer never carries over to the next statement.
    @Test func wholeStatementExceptionsAreAnsweredPerStatement() throws {
        let r = try rule(ruleYAML(body: #"""
            pattern: '(?-i:\bSBI\b)'
            exceptions:
              - {pattern: '\bState\s+Bureau\s+of\s+Investigation\b', in: document}
            """#))
        let linter = Linter(rules: [r])
        let spelled = Document(path: "a.txt", string: "The SBI is here. The SBI said so.\n\nThe State Bureau of Investigation (SBI) leads.")
        let bare = Document(path: "b.txt", string: "The SBI is here. The SBI said so.\n\nThe SBI leads.")
        #expect(linter.lint(spelled).findings.isEmpty)
        #expect(linter.lint(bare).findings.map(\.start.column) == [5, 22, 5])
        #expect(linter.lint(spelled).findings.isEmpty)
    }

    @Test func foldedLookAlikesKeepThePrefilterExact() throws {
        // U+017F LATIN SMALL LETTER LONG S is a case-fold partner of "s".
        let r = try rule(ruleYAML(body: "pattern: '\\bshots were fired\\b'"))
        #expect(run(r, "Then \u{017F}hots were fired.").count == 1)
    }

    /// The prefilter only skips work: the whole pack, with and without it, over every sample
    /// and held-out statement (and each with its paragraphs reversed), and over every example
    /// in the pack's rule files, gives identical findings.
    @Test(.tags(.sweep)) func prefilterNeverChangesResults() throws {
        let rules = RuleLoader.loadDefault().rules
        let fast = Linter(rules: rules)
        let slow = Linter(rules: rules)
        slow.usePrefilter = false
        var texts: [(String, String)] = []
        for folder in ["Samples", "Samples/heldout"] {
            let dir = packageRootURL.appendingPathComponent(folder)
            let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") || ($0.hasSuffix(".md") && $0 != "README.md") }
            #expect(files.count >= 8, "\(folder)")
            for name in files.sorted() {
                let text = String(decoding: try Data(contentsOf: dir.appendingPathComponent(name)), as: UTF8.self)
                texts.append((name, text))
                texts.append((name + " reversed", text.components(separatedBy: "\n\n").reversed().joined(separator: "\n\n")))
            }
        }
        for rule in rules {
            for example in rule.flagExamples + rule.passExamples {
                texts.append((rule.qualifiedID, example.text.replacingOccurrences(of: "⟦", with: "").replacingOccurrences(of: "⟧", with: "")))
            }
        }
        #expect(texts.count > 1000)
        var compared = 0
        for (name, text) in Sweep.sample(texts, fraction: 0.2) {
            let doc = Document(path: name, string: text)
            let a = fast.lint(doc).findings.map(describe)
            let b = slow.lint(doc).findings.map(describe)
            #expect(a == b, "\(name)")
            compared += a.count
        }
        #expect(compared > Sweep.scaled(500, fraction: 0.2))
    }

    func describe(_ f: Finding) -> String { "\(f.qualifiedID) \(f.range) \(f.message) \(f.fix?.replacement ?? "")" }
}
