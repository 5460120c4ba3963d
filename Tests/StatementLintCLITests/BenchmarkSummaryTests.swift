import Foundation
import Testing

/// `Benchmarks/summarize.py` reads the report of `--timings` to set the floor (what any PCRE2
/// engine must spend: reading every file, and the searches that find a match) against the speed
/// targets of issue 5. These tests keep the two in step, and check the floor's arithmetic.
@Suite struct BenchmarkSummaryTests {
    static let python: Bool = (try? runPython("print(1)", []).status) == 0

    /// Runs `script` with python3, `Benchmarks/` on its import path (writing no `__pycache__`
    /// there); its status and stdout, and stderr after it when it fails (a traceback).
    static func runPython(_ script: String, _ args: [String]) throws -> (status: Int32, stdout: String) {
        let prelude = "import sys, json; sys.path.insert(0, \(pythonString(packageRoot.appendingPathComponent("Benchmarks").path))); "
        let r = try python3(["-B", "-c", prelude + script] + args)
        return (r.status, r.status == 0 ? r.stdout : r.stdout + r.stderr)
    }

    static func pythonString(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    /// The figures summarize.py reads from a real `--timings` report are the report's own.
    @Test(.enabled(if: python || runningUnderCI, "needs python3")) func readsTheTimingsReportOfTheBinary() throws {
        let run = try statementlint(["--no-config", "--format", "json", "--jobs", "2", "--timings", "Samples"])
        #expect(run.status == 1)
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = dir.appendingPathComponent("timings.txt")
        try Data(run.stderr.utf8).write(to: report)

        let lines = run.stderr.split(separator: "\n").map(String.init)
        try #require(lines.count >= 4, "\(run.stderr)")
        let files = try #require(lines[0].firstMatch(of: /, checking (\d+) files/))
        #expect(Int(files.1)! > 10)
        let searches = try #require(lines[2].wholeMatch(of: /PCRE2 searches \(within rules\): (\d+) in ([0-9.]+) ms; (\d+) found a match \(([0-9.]+) ms\), (\d+) found none \(([0-9.]+) ms\)/))
        let phases = lines[1].matches(of: /([a-z][a-z ]*?) ([0-9]+\.[0-9]) ms/).map { (String($0.1), Double($0.2)!) }

        let (status, out) = try Self.runPython("import summarize; from pathlib import Path; print(json.dumps(summarize.read_timings(Path(sys.argv[1]))))", [report.path])
        #expect(status == 0, "\(out)")
        let read = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(read["jobs"] as? Int == 2)
        #expect(read["files"] as? Int == Int(files.1))
        #expect(read["searches"] as? Int == Int(searches.1))
        #expect(read["found"] as? Int == Int(searches.3))
        #expect(read["none"] as? Int == Int(searches.5))
        for (key, ms) in [("pcre2", searches.2), ("found_s", searches.4), ("none_s", searches.6)] {
            #expect(abs((read[key] as? Double ?? -1) - Double(ms)! / 1000) < 1e-9, "\(key)")
        }
        let named = try #require(read["phases"] as? [String: Double])
        #expect(phases.map(\.0) == ["reading files", "document model", "literal scan", "rules", "suppressions and order", "report"])
        #expect(named.count == phases.count)
        for (name, ms) in phases { #expect(abs((named[name] ?? -1) - ms / 1000) < 1e-9, "\(name)") }
        // The floor takes all PCRE2 time out of the rules phase: the searches must be inside it.
        #expect(Double(searches.2)! <= phases.first { $0.0 == "rules" }!.1)
    }

    /// The floor is reading plus the matched searches shared by the jobs; what is left of each
    /// goal above it says how much faster everything else must become, or that it cannot.
    @Test(.enabled(if: python || runningUnderCI, "needs python3")) func floorAgainstEachGoal() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = dir.appendingPathComponent("timings.txt")
        try Data("""
            timings: start-up and rule loading 50.0 ms, checking 10000 files 2000.0 ms (wall, 2 jobs)
            phases (summed over threads): reading files 100.0 ms, document model 300.0 ms, literal scan 900.0 ms, rules 2800.0 ms, suppressions and order 60.0 ms, report 540.0 ms
            PCRE2 searches (within rules): 1000 in 1400.0 ms; 300 found a match (400.0 ms), 700 found none (1000.0 ms)
            rules: 2700.0 ms in all (summed over threads); slowest:

            """.utf8).write(to: report)
        let script = """
            import summarize
            from pathlib import Path
            lines, figures = summarize.floor_lines(summarize.read_timings(Path(sys.argv[1])), {"median": 0.08}, [("goal a", 0.5), ("goal b", 0.25)])
            print("\\n".join(lines))
            print(json.dumps(figures))
            """
        let (status, out) = try Self.runPython(script, [report.path])
        #expect(status == 0, "\(out)")
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try #require(lines.count == 7, "\(out)")
        #expect(lines[0] == "**Floor.** What an engine built on PCRE2 must spend even with a perfect prefilter that costs nothing: reading every file, 80.0 ms (ripgrep looking for a string that occurs nowhere), and the 300 PCRE2 searches that found a match, as this engine runs them, 400 ms summed over 2 jobs (one `--timings` run; such a prefilter could skip at most the 700 searches that found none, 1,000 ms, and not these), 200 ms at perfect scaling: **280 ms** together. Start-up (50.0 ms: finding the files, which the read includes too, and loading the pack) is left out. Everything else that run did (document model, literal scan, rule logic outside PCRE2, order, report) took 3,200 ms summed, 1.60 s at perfect scaling.")
        #expect(lines[1] == "")
        // 0.5 s − 0.28 s leaves 0.22 s for 1.6 s of other work: 7.3× faster.
        #expect(lines[2] == "- goal a (500 ms): 220 ms is left above the floor; everything else would have to run 7.3× faster than now.")
        #expect(lines[3] == "- goal b (250 ms): the floor alone is over it.")
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(lines[5].utf8)) as? [String: Any])
        #expect(abs((figures["floor"] as? Double ?? 0) - 0.28) < 1e-9)
        #expect(abs((figures["rest"] as? Double ?? 0) - 1.6) < 1e-9)
        let goals = try #require(figures["goals"] as? [[String: Any]])
        #expect(abs((goals[0]["factor"] as? Double ?? 0) - 1.6 / 0.22) < 1e-9)
        #expect(goals[1]["factor"] is NSNull)

        // Without the read measurement or the timings there is no floor, and no line about it.
        let (_, none) = try Self.runPython("import summarize; print(summarize.floor_lines(None, {'median': 0.08}, [('g', 0.5)]))", [])
        #expect(none == "(['**Floor:** not measured in this run (see the log).', ''], None)\n")
    }

    /// Of several `--timings` reports the floor uses the one whose checking took the median
    /// time, whole (not a mix of runs); a report it cannot read is not counted.
    @Test(.enabled(if: python || runningUnderCI, "needs python3")) func floorUsesTheMedianTimingsRun() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var paths: [String] = []
        for (i, (checking, found)) in [(3000.0, 111), (2000.0, 222), (2500.0, 333)].enumerated() {
            let path = dir.appendingPathComponent("timings-\(i + 1).txt")
            try Data("""
                timings: start-up and rule loading 50.0 ms, checking 10000 files \(checking) ms (wall, 2 jobs)
                phases (summed over threads): reading files 100.0 ms, rules 2800.0 ms, report 540.0 ms
                PCRE2 searches (within rules): 1000 in 1400.0 ms; \(found) found a match (400.0 ms), \(1000 - found) found none (1000.0 ms)

                """.utf8).write(to: path)
            paths.append(path.path)
        }
        let broken = dir.appendingPathComponent("timings-4.txt")
        try Data("statementlint: error: something went wrong\n".utf8).write(to: broken)
        paths.append(broken.path)
        let (status, out) = try Self.runPython("import summarize; from pathlib import Path; t = summarize.median_timings([Path(p) for p in sys.argv[1:]]); print(t['found'], t['runs'], t['checking'])", paths)
        #expect(status == 0, "\(out)")
        #expect(out == "333 3 2.5\n")
        let (_, nothing) = try Self.runPython("import summarize; from pathlib import Path; print(summarize.median_timings([Path(sys.argv[1])]))", [broken.path])
        #expect(nothing == "None\n")
    }
}
