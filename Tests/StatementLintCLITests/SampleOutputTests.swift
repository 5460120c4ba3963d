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

    /// Precision and recall against the labels stay at the level the README reports.
    @Test func accuracyAgainstTheLabels() throws {
        let r = try python3([packageRoot.appendingPathComponent("Scripts/accuracy").path,
                             "--binary", binary.path, "--min-precision", "0.95", "--min-recall", "0.95"])
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
    }
}
