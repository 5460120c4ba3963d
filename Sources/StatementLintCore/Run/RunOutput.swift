/// What a lint run writes as results come in, in input order: the report, file errors and
/// fix notes on standard error, or, instead of the report, a baseline or a diff of the fixes.
struct RunOutput {
    let options: LintOptions
    /// The reporter; nil when it renders each file alone, on the workers (then `renderAhead` is it).
    var reporter: (any Reporter)?
    var renderAhead: (any RendersFilesAlone)?
    /// With `--fix` on standard input, standard output carries the fixed text, and the report
    /// goes to standard error.
    let reportToStandardError: Bool
    var summary = RunSummary()
    var hadErrors: Bool
    var failing = false
    var newBaseline = Baseline()
    var diffs = ""

    init(_ options: LintOptions, session: LintSession, prepared: LintSession.Prepared) {
        self.options = options
        reportToStandardError = options.fix && prepared.jobs.contains { if case .standardInput = $0.input { return true } else { return false } }
        var context = ReportContext()
        context.failLevel = options.failLevel ?? .warning
        context.color = options.color && !reportToStandardError
        context.rules = session.allRules
        context.verbose = options.verbose
        context.quiet = options.quiet
        let reporting = !options.dryRun && options.writeBaseline == nil
        if reporting, let ahead = options.format.makeFileByFileReporter(context) { renderAhead = ahead } else {
            reporter = options.format.makeReporter(context)
        }
        // A folder with nothing to check fails the run: in CI a silent pass would hide a wrong path.
        for folder in prepared.emptyFolders {
            Console.error("\(TerminalSafe.escape(folder)): error: no statements to check (no *.txt or *.md file, or all are excluded by the configuration)")
        }
        hadErrors = !prepared.errors.isEmpty || !prepared.emptyFolders.isEmpty
    }

    func emit(_ text: String) {
        if reportToStandardError { Console.error(text, newline: false) } else { Console.write(text) }
    }

    mutating func report(_ result: FileResult, rendered: [UInt8]?) {
        for e in result.errors { Console.error(TerminalSafe.escape(e.description)) }
        hadErrors = hadErrors || !result.errors.isEmpty
        if let fixed = result.fixedText { Console.write(fixed) }
        if options.writeBaseline != nil {
            newBaseline.record(Baseline.normalizedPath(result.path), result.findings)
            summary.add(result.findings, errors: result.errors, checked: result.document != nil)
            return
        }
        if options.dryRun {
            if let diff = result.diff { diffs += diff; failing = true }
            return
        }
        if result.fixesApplied > 0 || result.fixConflicts > 0 || result.fixLineBreaks > 0 {
            var line = "\(TerminalSafe.escape(result.path)): fixed \(result.fixesApplied) problem\(result.fixesApplied == 1 ? "" : "s")"
            if result.fixConflicts > 0 { line += "; \(result.fixConflicts) overlapping fix\(result.fixConflicts == 1 ? "" : "es") left for review" }
            if result.fixLineBreaks > 0 {
                line += "; \(result.fixLineBreaks) fix\(result.fixLineBreaks == 1 ? "" : "es") across a line break left for review"
            }
            Console.error(line)
        }
        let level = result.failLevel
        failing = failing || result.findings.contains { $0.suppression == nil && $0.severity >= level }
        summary.add(result.findings, errors: result.errors, checked: result.document != nil)
        if renderAhead != nil {
            let rendered = rendered ?? renderAhead!.renderAlone(result)
            if reportToStandardError {
                var out: [UInt8] = []
                renderAhead!.join(rendered, into: &out)
                Console.error(String(decoding: out, as: UTF8.self), newline: false)
            } else if rendered.count <= RunOutput.chunk {
                Console.write { renderAhead!.join(rendered, into: &$0) }
            } else {
                // A large report (a huge file's) goes out in pieces, not copied whole into the
                // output buffer: what joins it (a separator) first, then its bytes.
                Console.write { renderAhead!.join([], into: &$0) }
                var at = 0
                while at < rendered.count {
                    let end = min(at + RunOutput.chunk, rendered.count)
                    Console.write { $0.append(contentsOf: rendered[at..<end]) }
                    at = end
                }
            }
        } else {
            emit(reporter!.render(result))
        }
    }

    /// Reports larger than this are written to standard output piece by piece.
    static let chunk = 1 << 20

    /// Writes what follows the last file and returns the exit status.
    mutating func finish() -> Int32 {
        if let path = options.writeBaseline {
            do {
                try FileFixer.writeAtomically(Array(newBaseline.serialized().utf8), to: path, createIfMissing: true)
            } catch {
                Console.error("\(path): error: \(error.message)")
                return ExitStatus.failure
            }
            let total = summary.counts.values.reduce(0, +)
            Console.error("statementlint: recorded \(total) finding\(total == 1 ? "" : "s") from \(summary.files) file\(summary.files == 1 ? "" : "s") in \(path)")
            return hadErrors ? ExitStatus.failure : ExitStatus.clean
        }
        if options.dryRun {
            Console.write(diffs)
            return hadErrors ? ExitStatus.failure : failing ? ExitStatus.findings : ExitStatus.clean
        }
        summary.exitCode = hadErrors ? ExitStatus.failure : failing ? ExitStatus.findings : ExitStatus.clean
        emit(renderAhead?.finish(summary) ?? reporter!.finish(summary))
        return summary.exitCode
    }
}
