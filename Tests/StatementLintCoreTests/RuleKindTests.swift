import Foundation
import Testing
@testable import StatementLintCore
@testable import StatementLintRules

@Suite struct RuleKindTests {
    @Test func forbidReportsExactSpansPositionsAndSentence() throws {
        let r = try rule(ruleYAML(body: "pattern: '\\bshots? (?:was|were) fired\\b'"))
        let found = run(r, "Zoë saw it. 😀 Shots were fired on Elm St. at 9 p.m. Sunday.")
        #expect(found.count == 1)
        let f = try #require(found.first)
        #expect(f.matchedText == "Shots were fired")
        #expect(f.range == 18..<34)
        #expect(f.start == Position(line: 1, column: 15, utf16Column: 16))
        #expect(f.end == Position(line: 1, column: 31, utf16Column: 32))
        #expect(f.message == "Found 'Shots were fired'.")
        #expect(f.sentence == "😀 Shots were fired on Elm St. at 9 p.m. Sunday.")
        #expect(!f.documentLevel)
    }

    @Test func quotedSpeechIsSkippedByDefaultAndIncludedOnRequest() throws {
        let text = "A neighbor said “shots were fired everywhere.” Then shots were fired."
        let skip = try rule(ruleYAML(body: "pattern: 'shots were fired'"))
        #expect(run(skip, text).map(\.range.lowerBound) == [text.utf8.count - "shots were fired.".utf8.count])
        let include = try rule(ruleYAML(body: "pattern: 'shots were fired'\nquotes: include"))
        #expect(run(include, text).count == 2)
    }

    @Test func exceptionsByArea() throws {
        let negation = try rule(ruleYAML(body: "pattern: '\\bspeculate\\b'\nexceptions:\n  - {pattern: '\\bnot\\b', in: before}"))
        #expect(run(negation, "We will not speculate.").isEmpty)
        #expect(run(negation, "We speculate, not guess.").count == 1) // "not" after the match does not negate it

        let target = try rule(ruleYAML(body: "pattern: 'were fired'\nexceptions:\n  - {pattern: '^\\s*(?:up)?on\\s+officers', in: after}"))
        #expect(run(target, "Shots were fired upon officers.").isEmpty)
        #expect(run(target, "Shots were fired near officers.").count == 1)

        let agent = try rule(ruleYAML(body: "pattern: '\\bdied\\b'\nexceptions:\n  - {pattern: '\\bofficers? shot\\b', in: previous-sentence}"))
        #expect(run(agent, "Two officers shot Jordan Ellis. He died at the hospital.").isEmpty)
        #expect(run(agent, "Two officers shot Jordan Ellis.\n\nHe died at the hospital.").count == 1) // another paragraph
        #expect(run(agent, "He died at the hospital. Two officers shot him.").count == 1)

        let document = try rule(ruleYAML(body: "pattern: 'initial release'\nexceptions:\n  - {pattern: '\\bwas wrong\\b', in: document}"))
        #expect(run(document, "Our initial release said he lunged. Video shows that was wrong.").isEmpty)
        #expect(run(document, "Our initial release said he lunged.").count == 1)

        let sentence = try rule(ruleYAML(body: "pattern: 'lunged'\nexceptions:\n  - 'officers say'"))
        #expect(run(sentence, "He lunged, officers say. He lunged.").count == 1)

        let paragraph = try rule(ruleYAML(body: "pattern: 'no details'\nscope: paragraph\nexceptions:\n  - 'by Friday'"))
        #expect(run(paragraph, "There are no details yet. We will share them by Friday.").isEmpty)
        #expect(run(paragraph, "There are no details yet.\n\nWe will share them by Friday.").count == 1)

        let onMatch = try rule(ruleYAML(body: "pattern: '\\w+ team'\nexceptions:\n  - {pattern: '^Shooting', in: match}"))
        #expect(run(onMatch, "The Shooting team and the review team met.").map(\.matchedText) == ["review team"])
    }

    @Test func patternsMatchWithinTheScopeUnit() throws {
        let text = "Officer Reyes was there. He lives on Elm Street.\n\nHe lives on Oak Street."
        let pattern = "pattern: '\\bOfficer\\s+\\w+(?:[^\\n]){0,60}?\\Klives\\s+on\\s+\\w+'\n"
        // Sentence (the default): a match cannot run from one sentence into the next.
        #expect(run(try rule(ruleYAML(body: pattern)), text).isEmpty)
        // Paragraph: it can, but not into the next paragraph.
        let found = run(try rule(ruleYAML(body: pattern + "scope: paragraph")), text)
        #expect(found.map(\.matchedText) == ["lives on Elm"])
        #expect(found.map(\.start.column) == [29])
        // Document: one unit; a require rule counts matches anywhere.
        let require = try rule(ruleYAML(kind: "require", body: "pattern: 'there\\.\\s+He'\nscope: document"))
        #expect(run(require, text).isEmpty)
        let perSentence = try rule(ruleYAML(kind: "require", body: "pattern: 'there\\.\\s+He'"))
        #expect(run(perSentence, text).count == 1)
    }

    @Test func messageTemplatesAndFixTemplates() throws {
        let r = try rule(ruleYAML(body: "pattern: '(?<rank>Ofc|Sgt)\\. (\\w+)'\nfix: {replace: 'Officer $2', safety: review}")
            .replacingOccurrences(of: "Found '$0'.", with: "$0: rank ${rank}, name $2, fix ${replacement}."))
        let f = try #require(run(r, "Then Ofc. Ruiz left.").first)
        #expect(f.message == "Ofc. Ruiz: rank Ofc, name Ruiz, fix Officer Ruiz.")
        #expect(f.fix == Fix(range: 5..<14, replacement: "Officer Ruiz", safety: .review))
        // Text around the references is copied as it is, accents included; a "$" that starts
        // no reference stands for itself, and a reference to nothing known is kept as written.
        let odd = try rule(ruleYAML(body: "pattern: '(?<rank>Ofc|Sgt)\\. (\\w+)'")
            .replacingOccurrences(of: "Found '$0'.", with: "Café $ 5 $$2 ${rank}é ${2}/${nope} ${open end $"))
        let g = try #require(run(odd, "Then Sgt. Núñez left.").first)
        #expect(g.message == "Café $ 5 $Núñez Sgté Núñez/${nope} ${open end $")
    }

    @Test func swapCarriesFixesKeepsCapitalsAndPrefersEarlierEntries() throws {
        let r = try rule(ruleYAML(kind: "swap", body: "safety: safe\nswap:\n  '\\bexited the vehicle\\b': got out of the car\n  '\\bexited\\b': left"))
        let found = run(r, "Exited the vehicle, he exited.")
        #expect(found.map(\.matchedText) == ["Exited the vehicle", "exited"])
        #expect(found.map { $0.fix?.replacement } == ["Got out of the car", "left"])
        #expect(found.allSatisfy { $0.fix?.safety == .safe })
        #expect(r.fixSafety == .safe)
    }

    @Test func requireCountsMatchesAndHonoursFirstParagraph() throws {
        let r = try rule(ruleYAML(kind: "require", body: "pattern: '\\bp\\.m\\.'\nmin: 2"))
        #expect(run(r, "At 9 p.m. and 10 p.m. it rained.").isEmpty)
        let missing = run(r, "At 9 p.m. it rained.")
        #expect(missing.count == 1)
        #expect(missing.first?.documentLevel == true)
        #expect(missing.first?.range == 0..<0)
        #expect(missing.first?.start == Position(line: 1, column: 1, utf16Column: 1))
        #expect(missing.first?.isMissingElement == true)

        let first = try rule(ruleYAML(kind: "require", body: "pattern: 'investigat'\nwithin: first-paragraph"))
        #expect(run(first, "State police are investigating.\n\nMore.").isEmpty)
        #expect(run(first, "Something happened.\n\nState police are investigating.").count == 1)
    }

    @Test func conditionalReportsAtTheTrigger() throws {
        let r = try rule(ruleYAML(kind: "conditional", body: "if: 'body[- ]worn camera'\nthen: ['release the video by', 'video will be released on']"))
        let found = run(r, "Both officers wore body-worn cameras.")
        #expect(found.map(\.matchedText) == ["body-worn camera"])
        #expect(found.first?.isMissingElement == true)
        #expect(run(r, "Both officers wore body-worn cameras. We will release the video by Friday.").isEmpty)
        #expect(run(r, "Nobody filmed it.").isEmpty)
    }

    @Test func metrics() throws {
        let long = try rule(ruleYAML(kind: "metric", body: "metric: sentence-length\nmax: 5").replacingOccurrences(of: "Found '$0'.", with: "${value} words (max ${max})."))
        let found = run(long, "Short one here. This sentence has exactly seven words in it. Fine 😀 now.")
        #expect(found.map(\.matchedText) == ["This sentence has exactly seven words in it."])
        #expect(found.first?.message == "8 words (max 5).")

        let grade = try rule(ruleYAML(kind: "metric", body: "metric: reading-grade\nmax: 8").replacingOccurrences(of: "Found '$0'.", with: "Grade ${value}."))
        #expect(run(grade, "The cat sat. The dog ran.").isEmpty)
        let hard = run(grade, "Investigators subsequently determined that administrative reassignment constituted standard organizational procedure notwithstanding considerable community apprehension.")
        #expect(hard.count == 1)
        #expect(hard.first?.documentLevel == true)
        #expect(hard.first?.message.hasPrefix("Grade ") == true)
    }

    @Test func syllablesAndWords() {
        let t = Array("Don't stop the officer-involved review 😀 now".utf8)
        var words: [Range<Int>] = []
        t.withUnsafeBufferPointer { TextStatistics.forEachWord(in: $0) { words.append($0) } }
        #expect(words.count == 6)
        #expect(words.map { String(decoding: t[$0], as: UTF8.self) } == ["Don't", "stop", "the", "officer-involved", "review", "now"])
        for (w, n) in [("officer", 3), ("the", 1), ("release", 2), ("table", 2), ("cameras", 3)] {
            #expect(Array(w.utf8).withUnsafeBufferPointer { TextStatistics.syllables($0) } == n, "\(w)")
        }
    }

    /// The one-pass count the metrics use gives what the word splitter and the syllable
    /// counter give, on words with accents, emoji, digits and inner punctuation.
    @Test func onePassCountMatchesWordsAndSyllables() throws {
        let texts = [
            "Don't stop the officer-involved review 😀 now", "Zoë Núñez-Ortiz, 34, was taken to St. Brigid's at 11:52 p.m.\r\n",
            "U.S. 3.5 mph -- a--b 'quoted' rock'n'roll ²³ x² naïve café élan ÉCOLE", "e. le ye yes TABLE Table tables", "", "…", "a",
            "Ça va? Ἀθῆναι! Москва. 東京 🚓🚓 well-known—dash",
        ]
        let dir = packageRootURL.appendingPathComponent("Samples")
        let samples = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }.sorted()
        for text in texts + (try samples.map { String(decoding: try Data(contentsOf: dir.appendingPathComponent($0)), as: UTF8.self) }) {
            Array(text.utf8).withUnsafeBufferPointer { t in
                var words = 0, syllables = 0
                TextStatistics.forEachWord(in: t) { w in
                    words += 1
                    syllables += TextStatistics.syllables(UnsafeBufferPointer(rebasing: t[w]))
                }
                let fast = TextStatistics.measure(t)
                #expect(fast.words == words && fast.syllables == syllables, "\(text.prefix(40))")
            }
        }
    }
}

@Suite struct FixApplierTests {
    func finding(_ range: Range<Int>, _ replacement: String, _ safety: FixSafety = .safe, id: String = "a") -> Finding {
        let p = Position(line: 1, column: 1, utf16Column: 1)
        return Finding(ruleID: id, ruleKind: .swap, category: .plainLanguage, severity: .suggestion, message: "", range: range,
                       start: p, end: p, matchedText: "", sentence: nil, fix: Fix(range: range, replacement: replacement, safety: safety),
                       suggestions: [], advice: nil, documentLevel: false, suppression: nil)
    }

    @Test func appliesNonOverlappingFixesAndReportsConflicts() {
        let bytes = Array("He exited the vehicle and observed it.".utf8)
        let outcome = FixApplier.apply([
            finding(3..<21, "got out of the car", id: "b"),
            finding(3..<9, "left", id: "a"), // overlaps and starts at the same place but ends earlier: wins
            finding(26..<34, "saw"),
            finding(35..<37, "this", .review),
        ], to: bytes, safeOnly: true)
        #expect(String(decoding: outcome.bytes, as: UTF8.self) == "He left the vehicle and saw it.")
        #expect(outcome.applied.map(\.fix!.replacement) == ["left", "saw"])
        #expect(outcome.skipped.map(\.fix!.replacement) == ["got out of the car"])
    }

    @Test func applyingTwiceChangesNothing() throws {
        let r = try rule(ruleYAML(kind: "swap", body: "safety: safe\nswap:\n  '\\bobserved\\b': saw"))
        let text = "Officers observed a car. Ofc. Ruiz observed it too."
        let once = FixApplier.apply(run(r, text), to: Array(text.utf8), safeOnly: true).bytes
        let onceText = String(decoding: once, as: UTF8.self)
        #expect(onceText == "Officers saw a car. Ofc. Ruiz saw it too.")
        let twice = FixApplier.apply(run(r, onceText), to: once, safeOnly: true)
        #expect(twice.applied.isEmpty)
        #expect(twice.bytes == once)
    }
}

@Suite struct NextSentenceAreaTests {
    @Test func aReasonInTheNextSentenceCounts() throws {
        let r = try rule(ruleYAML(body: "pattern: 'is being withheld'\nexceptions:\n  - {pattern: '\\bnot been told\\b', in: next-sentence}"))
        #expect(run(r, "Her name is being withheld. Her family has not been told.").isEmpty)
        #expect(run(r, "Her name is being withheld.\n\nHer family has not been told.").count == 1) // another paragraph
        #expect(run(r, "Her family has not been told. Her name is being withheld.").count == 1)
    }
}

@Suite struct FindingOrderTests {
    /// Findings are sorted by start, end, then qualified id ("category/id"). The linter
    /// compares the category and the id separately, which orders them the same only while no
    /// category's name begins another's; the ranks used for `<` follow `allCases`.
    @Test func findingsAreOrderedByPositionThenQualifiedID() throws {
        for a in Category.allCases {
            for b in Category.allCases where a != b {
                #expect(!b.rawValue.hasPrefix(a.rawValue), "\(a.rawValue) begins \(b.rawValue)")
            }
        }
        #expect(Category.allCases.map(\.rank) == Array(0..<Category.allCases.count))
        #expect(Severity.allCases.map(\.rank) == Array(0..<Severity.allCases.count))
        #expect(Category.facts < .demonizing && !(Category.statementlint < .plainLanguage))
        #expect(Severity.suggestion < .warning && Severity.warning < .error && !(Severity.error < .error))

        let linter = Linter(rules: RuleLoader.loadDefault().rules)
        let dir = packageRootURL.appendingPathComponent("Samples")
        var ties = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasSuffix(".txt") {
            let findings = linter.lint(Document(path: name, string: try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8))).findings
            let reference = findings.sorted {
                ($0.range.lowerBound, $0.range.upperBound, $0.qualifiedID) < ($1.range.lowerBound, $1.range.upperBound, $1.qualifiedID)
            }
            #expect(findings.map(\.qualifiedID) == reference.map(\.qualifiedID), "\(name)")
            #expect(findings.map(\.range) == reference.map(\.range), "\(name)")
            ties += zip(findings, findings.dropFirst()).filter { $0.range == $1.range && $0.category != $1.category }.count
        }
        #expect(ties > 0) // document-level findings of several categories share one place
    }

    /// The checklist counts unsuppressed findings at or above the threshold under each
    /// principle, and lists the required elements missing, in finding order.
    @Test func checklistCountsAndListsMissingElements() throws {
        let linter = Linter(rules: RuleLoader.loadDefault().rules)
        let text = try String(contentsOf: packageRootURL.appendingPathComponent("Samples/officer-shooting-flawed.txt"), encoding: .utf8)
        var findings = linter.lint(Document(path: "f.txt", string: text)).findings
        findings[0].suppression = "reviewed"
        for threshold in Severity.allCases {
            let items = Checklist.evaluate(findings, threshold: threshold)
            #expect(items.map(\.principle) == ["facts", "victim", "accountability", "officer-rights", "policy-response"])
            for (item, principle) in zip(items, Checklist.principles) {
                let mine = findings.filter { $0.suppression == nil && $0.severity >= threshold && principle.2.contains($0.category) }
                #expect(item.findings == mine.count, "\(item.principle) at \(threshold)")
                #expect(item.missing == mine.filter { $0.ruleKind == .require || $0.ruleKind == .conditional }.map(\.qualifiedID))
            }
        }
        // Missing elements are suggestions: the reporters' checklist (every severity) lists them.
        let all = Checklist.evaluate(findings, threshold: .suggestion)
        #expect(all.contains { !$0.missing.isEmpty } && all.contains { $0.findings > 0 })
        #expect(Checklist.evaluate(findings, threshold: .warning).allSatisfy { $0.missing.isEmpty })
        #expect(Checklist.evaluate([], threshold: .suggestion).allSatisfy { $0.ok && $0.missing.isEmpty })
    }
}
