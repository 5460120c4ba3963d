import Foundation

/// `statementlint lint` as a library call: finds the files, checks them in parallel, writes
/// the report in input order and returns the exit status. The command line only parses its
/// arguments into `LintRun.Options` and calls `run()`.
public struct LintRun {
    public let options: LintOptions

    public init(options: LintOptions) { self.options = options }

    /// Runs the check; the report goes to standard output, messages to standard error.
    public func run() -> Int32 {
        let started = monotonicNanoseconds()
        var baseline: Baseline?
        if let path = options.baseline {
            guard let loaded = LintRun.loadBaseline(path) else { return ExitStatus.failure }
            baseline = loaded
        }
        if let config = options.configPath, !FileManager.default.fileExists(atPath: config) {
            Console.error("\(config): error: configuration file does not exist")
            return ExitStatus.failure
        }
        let session = LintSession(options: options, baseline: baseline)
        let prepared: LintSession.Prepared
        do {
            prepared = try session.prepare(paths: options.paths, stdinName: options.stdinName)
        } catch {
            for line in error.messages(what: "rule or configuration") { Console.error(line) }
            return ExitStatus.failure
        }
        let preparedAt = monotonicNanoseconds()

        var output = RunOutput(options, session: session, prepared: prepared)
        for e in prepared.errors { output.report(FileResult(path: e.path, findings: [], errors: [e], document: nil), rendered: nil) }
        // The core count is looked up (it reads the cgroup's CPU quota) only when it can matter.
        let workers = options.jobs ?? (prepared.jobs.count > 1 ? ProcessInfo.processInfo.activeProcessorCount : 1)
        // A format whose output for a file depends on that file alone is rendered on the
        // worker that checked it, so the thread that writes in order never waits on formatting.
        let ahead = output.renderAhead
        Runner(jobs: workers).run(prepared.jobs, makeScratch: session.makeScratch,
                                  work: { job, scratch -> (FileResult, [UInt8]?) in
                                      let result = session.process(job, scratch: scratch, stdin: { readStandardInput(limit: session.maxFileSize(job)) })
                                      guard let ahead else { return (result, nil) }
                                      let started = session.phases == nil ? 0 : monotonicNanoseconds()
                                      let rendered = ahead.renderAlone(result)
                                      session.phases?.add(.report, since: started)
                                      return (result, rendered)
                                  },
                                  sink: { (done: (FileResult, [UInt8]?)) in output.report(done.0, rendered: done.1) })
        if options.timings {
            Console.error(TimingsReport(session: session, files: prepared.jobs.count, workers: workers, renderedAhead: ahead != nil,
                                        startUp: preparedAt - started, checking: monotonicNanoseconds() - preparedAt).text)
        }
        return output.finish()
    }

    static func loadBaseline(_ path: String) -> Baseline? {
        // A regular file only, and bounded: a named pipe must not hang the run.
        let data: Data
        switch readFile(path, limit: 1 << 30) {
        case .success(let bytes): data = Data(bytes)
        case .failure(let error):
            Console.error("\(path): error: " + (error.notRegular != nil ? error.message : "cannot read baseline file"))
            return nil
        }
        do { return try Baseline.parse(data) } catch {
            if case .invalid(let why) = error { Console.error("\(path): error: not a statementlint baseline: \(why)") }
            return nil
        }
    }
}

/// Exit statuses, as `--help` and the documentation give them.
public enum ExitStatus {
    /// No finding at or above the fail level.
    public static let clean: Int32 = 0
    /// Findings at or above the fail level (with `--fix --dry-run`: fixes to apply).
    public static let findings: Int32 = 1
    /// A usage error, a file that could not be checked, or invalid rules or configuration.
    public static let failure: Int32 = 2
}

extension RuleSelection.Problem {
    /// The problem as lines to print (every error with its file:line:col, or the unknown
    /// name), ending with what it means: nothing was checked.
    public func messages(what: String) -> [String] {
        switch self {
        case .ruleErrors(let errors):
            return errors.map(\.description) + ["statementlint: \(errors.count) \(what) error\(errors.count == 1 ? "" : "s"); nothing was checked"]
        case .unknownName(let option, let name):
            return ["statementlint: \(option): no rule or category named '\(name)' (see 'statementlint rules')"]
        }
    }
}

extension LintSession {
    /// The largest statement read for a job: `--max-file-size`, else its configuration's
    /// `max-file-size`, else 10 MB.
    func maxFileSize(_ job: Job) -> Int {
        options.maxFileSize ?? setups[job.setup].config?.maxFileSize ?? FileLimits.defaultMaxFileSize
    }
}
