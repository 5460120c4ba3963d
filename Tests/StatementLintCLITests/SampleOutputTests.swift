import Foundation
import Testing

/// Every sample statement, checked with the built-in pack, against its expected text and
/// JSON output in Tests/Expected/. Re-record after an intended change with
/// `STATEMENTLINT_RECORD=1 swift test --filter SampleOutputTests`, then review the diff.
@Suite struct SampleOutputTests {
    static let samples: [String] = {
        let dir = packageRoot.appendingPathComponent("Samples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { ($0.hasSuffix(".txt") || $0.hasSuffix(".md")) && $0 != "README.md" }.sorted()
    }()

    @Test func thereAreExemplaryAndFlawedSamples() {
        #expect(Self.samples.filter { $0.contains("-exemplary") }.count >= 6)
        #expect(Self.samples.filter { $0.contains("-flawed") }.count >= 6)
    }

    @Test(arguments: samples)
    func outputMatchesExpected(sample: String) throws {
        let path = "Samples/\(sample)"
        for (format, ext) in [("text", "txt"), ("json", "json")] {
            let r = try statementlint(["--format", format, "--color", "never", path])
            #expect(r.status == (sample.contains("flawed") ? 1 : 0), "\(sample) \(format): \(r.stderr)")
            #expect(r.stderr == "")
            let expectedURL = packageRoot.appendingPathComponent("Tests/Expected/\(sample).\(ext)")
            if recording {
                try FileManager.default.createDirectory(at: expectedURL.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(r.stdout.utf8).write(to: expectedURL)
                continue
            }
            let expected = try String(contentsOf: expectedURL, encoding: .utf8)
            #expect(r.stdout == expected, "\(sample) \(format) output differs from Tests/Expected/\(sample).\(ext)")
        }
    }

    /// A statement that follows the guidance draws no warning or error from the whole pack.
    @Test(arguments: samples.filter { $0.contains("exemplary") || $0 == "markdown-update.md" })
    func exemplarySamplesHaveNoWarningsOrErrors(sample: String) throws {
        let r = try statementlint(["--format", "json", "Samples/\(sample)"])
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let summary = object?["summary"] as? [String: Any]
        #expect(summary?["errors"] as? Int == 0)
        #expect(summary?["warnings"] as? Int == 0)
        #expect(r.status == 0)
    }

    /// Precision and recall against the labels stay at the level docs/accuracy.md reports.
    @Test func accuracyAgainstTheLabels() throws {
        let r = try python3([packageRoot.appendingPathComponent("Scripts/accuracy").path,
                             "--binary", binary.path, "--min-precision", "0.95", "--min-recall", "0.95"])
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
    }
}

/// The pack on the real statements beside the clone (`shared/real-statements`, labelled by two
/// readers who never saw the rules): the floor reached holds, and docs/accuracy.md's figures are the
/// script's. Under CI the statements must be there; elsewhere the test is skipped with a note.
@Suite struct RealStatementAccuracyTests {
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/real-statements")
    static var present: Bool { FileManager.default.fileExists(atPath: shared.appendingPathComponent("LABELING.md").path) }

    @Test func theFloorHolds() throws {
        guard Self.present else {
            requireToolUnderCI("the labelled real statements at \(Self.shared.path)")
            return
        }
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = dir.appendingPathComponent("headline.json").path
        // The floor: a little under what the pack reaches today (docs/accuracy.md), at or above the issues' targets.
        let r = try python3([packageRoot.appendingPathComponent("Scripts/accuracy").path, "--set", "real", "--binary", binary.path,
                             "--shared", Self.shared.path, "--json", json,
                             "--min-element-precision", "0.97", "--min-element-recall", "0.97",
                             "--min-phrase-precision", "0.95", "--min-phrase-precision-all", "0.90",
                             "--min-phrase-recall", "0.87", "--min-phrase-recall-serious", "0.92", "--max-clean-loud", "0"])
        #expect(r.status == 0, "\(r.stdout)")
        let headline = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as! [String: Any]
        let clean = headline["clean"] as! [String: Any]
        #expect(clean["statements"] as? Int == 6)
        #expect(clean["element"] as? Int == 0)
        // Every element the labels use is checked by some rule.
        let element = headline["element"] as! [String: Any]
        #expect((element["missed"] as! Int) <= 2)
    }

    @Test func theReadmeGivesTheScriptsFigures() throws {
        guard Self.present else {
            requireToolUnderCI("the labelled real statements at \(Self.shared.path)")
            return
        }
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("docs/accuracy.md"), encoding: .utf8)
        let begin = try #require(readme.range(of: "<!-- real-accuracy:begin -->\n"))
        let end = try #require(readme.range(of: "<!-- real-accuracy:end -->"))
        let r = try python3([packageRoot.appendingPathComponent("Scripts/accuracy").path, "--set", "real", "--markdown",
                             "--binary", binary.path, "--shared", Self.shared.path])
        #expect(r.status == 0)
        #expect(String(readme[begin.upperBound..<end.lowerBound]) == r.stdout.trimmingCharacters(in: .newlines) + "\n", "run Scripts/update-docs")
    }
}
