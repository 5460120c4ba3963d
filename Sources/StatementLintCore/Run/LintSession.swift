import Foundation

/// Everything one `statementlint` run decides: which configuration applies to each file,
/// which rules run, and the per-file pipeline (lint → configuration → baseline → fix).
final class LintSession: @unchecked Sendable {
    typealias Problem = RuleSelection.Problem

    /// One file to check, with the settings that apply to it.
    struct Job: Sendable {
        let input: Input
        let setup: Int
    }

    /// A configuration and the linter built for it.
    struct Setup {
        let config: Configuration?
        let linter: Linter
    }

    let options: LintOptions
    /// Findings recorded here are marked as suppressed.
    let baseline: Baseline?
    var setups: [Setup] = []
    var setupByConfig: [String: Int] = [:]
    var defaultPack: [Rule]?

    /// Phase times and PCRE2 searches (with `collectTimings`).
    let phases: PhaseTimings?

    init(options: LintOptions, baseline: Baseline?) {
        self.options = options
        self.baseline = baseline
        phases = options.timings ? PhaseTimings() : nil
    }

    /// The fail level and minimum severity that apply to a job.
    func failLevel(_ job: Job) -> Severity { options.failLevel ?? setups[job.setup].config?.failLevel ?? .warning }
    func minSeverity(_ job: Job) -> Severity { options.minSeverity ?? setups[job.setup].config?.minSeverity ?? .suggestion }
    /// Per-rule times of every linter in the session (with `collectTimings`).
    var timings: [RuleTimings] { setups.compactMap(\.linter.timings) }

    var allRules: [Rule] {
        var seen = Set<String>()
        return setups.flatMap(\.linter.rules).filter { seen.insert($0.qualifiedID + $0.origin).inserted }
    }

    /// The files to check, the paths that could not be read, and folders with nothing to check.
    struct Prepared {
        let jobs: [Job]
        let errors: [FileError]
        let emptyFolders: [String]
    }

    /// Expands paths and resolves each file's configuration and rules. Files a directory
    /// walk finds are filtered by the configuration's include/exclude globs; files named
    /// explicitly are checked unless excluded.
    /// A folder that holds no statement to check (none found, or all excluded) is returned in
    /// `emptyFolders`: a run that checks nothing where it was asked to look must not pass silently.
    func prepare(paths: [String], stdinName: String) throws(Problem) -> Prepared {
        let (inputs, errors) = collectInputs(paths, stdinName: stdinName)
        let explicit = Set(paths)
        var jobs: [Job] = []
        var configErrors: [RuleError] = []
        // The configuration found for each folder as the path names it ("" for the working
        // directory): files in one folder share it, so the path is made absolute once per folder.
        var configCache: [String: String?] = [:]
        for input in inputs {
            var configPath: String?
            if let forced = options.configPath { configPath = forced } else if !options.noConfig {
                let folder: String
                switch input {
                case .file(let p): folder = p.lastIndex(of: "/").map { String(p[...$0]) } ?? ""
                case .standardInput: folder = ""
                }
                if let cached = configCache[folder] { configPath = cached } else {
                    let directory: String
                    switch input {
                    case .file(let p): directory = (URL(fileURLWithPath: p).standardizedFileURL.path as NSString).deletingLastPathComponent
                    case .standardInput: directory = FileManager.default.currentDirectoryPath
                    }
                    configPath = Configuration.find(from: directory)
                    configCache[folder] = configPath
                }
            }
            let index: Int
            if let existing = setupByConfig[configPath ?? ""] { index = existing } else {
                var config: Configuration?
                if let configPath {
                    switch Configuration.load(path: configPath) {
                    case .success(let c): config = c
                    case .failure(let list): configErrors += list.errors; continue
                    }
                }
                let (rules, all, unknown) = try loadRules(config: config)
                configErrors += unknown
                let linter = Linter(rules: rules)
                linter.knowRules(all)
                linter.contexts = try contextSelection(config: config).loadContexts()
                linter.reportUnusedSuppressions = options.reportUnusedSuppressions
                linter.timeLimit = options.timeLimit ?? config?.timeLimit ?? Linter.defaultTimeLimit
                linter.statementSettings = (config?.statement ?? [:]).merging(options.statement) { $1 }
                if options.timings { linter.timings = RuleTimings(rules: linter.rules); linter.phases = phases }
                setups.append(Setup(config: config, linter: linter))
                index = setups.count - 1
                setupByConfig[configPath ?? ""] = index
            }
            if case .file(let p) = input, let config = setups[index].config {
                let named = explicit.contains(p)
                let absolute = URL(fileURLWithPath: p).standardizedFileURL.path
                if named ? config.exclude.contains(where: { $0.matches(absolute) }) : !config.includes(p) { continue }
            }
            jobs.append(Job(input: input, setup: index))
        }
        if !configErrors.isEmpty { throw .ruleErrors(configErrors) }
        let emptyFolders = paths.filter { path in
            var isDirectory: ObjCBool = false
            guard path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return false }
            let prefix = path.hasSuffix("/") ? path : path + "/"
            return !jobs.contains { if case .file(let p) = $0.input { return p.hasPrefix(prefix) } else { return false } }
        }
        return Prepared(jobs: jobs, errors: errors, emptyFolders: emptyFolders)
    }

    /// Where rules come from for a configuration: the built-in pack and rule folders.
    func contextSelection(config: Configuration?) -> RuleSelection {
        var selection = RuleSelection()
        selection.useDefaultRules = options.useDefaultRules && (config?.useDefaultRules ?? true)
        selection.ruleDirectories = options.ruleDirectories + (config?.ruleDirectories ?? [])
        return selection
    }

    /// The rules for one configuration, and the names the configuration gives that match no
    /// rule. Names are checked against every loaded rule before any is left out, so a rule the
    /// configuration disables (or that `--only` leaves out) is still a name it may use.
    func loadRules(config: Configuration?) throws(Problem) -> (rules: [Rule], all: [Rule], unknownNames: [RuleError]) {
        var selection = contextSelection(config: config)
        selection.only = options.only
        selection.disable = options.disable
        selection.enable = options.enable
        // The configuration's `only:` runs the opt-in rules it names, as `--only` does.
        selection.enableFromConfiguration = (config?.enable ?? []) + (config?.only ?? [])
        let all = try selection.loadAll(defaultPack: &defaultPack)
        let unknown = config?.unknownNames(in: all) ?? []
        var rules = try selection.narrow(all)
        func named(_ r: Rule, _ names: [String]) -> Bool { names.contains(where: r.isNamed) }
        if options.only.isEmpty, let only = config?.only, !only.isEmpty { rules = rules.filter { named($0, only) } }
        if let disable = config?.disable, !disable.isEmpty { rules = rules.filter { !named($0, disable) } }
        return (rules, all, unknown)
    }

    func makeScratch() -> MatchScratch {
        let scratch = MatchScratch(maxCaptures: max(9, setups.map(\.linter.maxCaptures).max() ?? 9))
        phases?.watch(scratch)
        return scratch
    }

    /// Findings as the user sees them: rules, then configuration, then baseline.
    func findings(_ doc: Document, path: String, setup: Setup, scratch: MatchScratch) -> FileResult {
        var result = setup.linter.lint(doc, scratch: scratch)
        setup.config?.adjust(&result.findings, path: path, doc: doc)
        baseline?.apply(Baseline.normalizedPath(path), &result.findings)
        return result
    }

    /// The whole pipeline for one file; runs on a worker thread.
    func process(_ job: Job, scratch: MatchScratch, stdin: () -> [UInt8]) -> FileResult {
        let path = job.input.displayPath
        let setup = setups[job.setup]
        var bytes: [UInt8]
        var started = phases == nil ? 0 : monotonicNanoseconds()
        var unreadable: FileError?
        do { bytes = try readBytes(job.input, limit: maxFileSize(job), stdin: stdin) } catch { bytes = []; unreadable = error }
        // What the file was when read: `--fix` replaces it only if it is still that.
        var identity: FileFixer.Identity?
        if options.fix && !options.dryRun, unreadable == nil, case .file(let p) = job.input { identity = FileFixer.Identity(path: p) }
        if let phases { phases.add(.reading, since: started); started = monotonicNanoseconds() }
        if let e = unreadable { return FileResult(path: path, findings: [], errors: [FileError(path: path, message: e.message)], document: nil) }
        if let problem = InputFormat.problem(bytes, path: path) {
            return FileResult(path: path, findings: [], errors: [FileError(path: path, message: problem)], document: nil)
        }
        var doc: Document
        do { doc = try Document(path: path, bytes: bytes) } catch {
            return FileResult(path: path, findings: [], errors: [FileError(path: path, message: error.message)], document: nil)
        }
        phases?.add(.document, since: started)
        var applied = 0, conflicts = 0, lineBreaks = 0
        var diff: String?
        var fixedText: [UInt8]?
        var errors: [FileError] = []
        if options.fix {
            let fixed = FileFixer.fixAll(bytes, path: path) { d in self.findings(d, path: path, setup: setup, scratch: scratch).findings }
            if case .standardInput = job.input { fixedText = fixed.bytes }
            if let refusal = fixed.refusal {
                // Nothing is written; the report is of the text as it is.
                errors.append(FileError(path: path, message: refusal))
            } else {
                var written = true
                if fixed.bytes != bytes {
                    if options.dryRun {
                        diff = UnifiedDiff.diff(old: String(decoding: bytes, as: UTF8.self), new: String(decoding: fixed.bytes, as: UTF8.self),
                                                oldName: "a/\(path)", newName: "b/\(path)")
                    } else if case .file(let p) = job.input {
                        do { try FileFixer.replace(p, with: fixed.bytes, original: bytes, identity: identity) } catch {
                            // Not written: no fix is claimed, and the report is of the file as it is on disk.
                            errors.append(FileError(path: path, message: error.message))
                            written = false
                        }
                    }
                }
                if written {
                    applied = fixed.applied
                    conflicts = fixed.conflicts.count
                    lineBreaks = fixed.lineBreaks.count
                    // Fixed text is valid UTF-8 (`fixAll` refuses anything else), so the document is made.
                    if fixed.bytes != bytes && (!options.dryRun || fixedText != nil), let fixedDoc = try? Document(path: path, bytes: fixed.bytes) {
                        bytes = fixed.bytes
                        doc = fixedDoc
                    }
                }
            }
        }
        var result = self.findings(doc, path: path, setup: setup, scratch: scratch)
        let least = minSeverity(job)
        result.findings.removeAll { $0.severity < least }
        result.errors = errors + result.errors
        result.failLevel = failLevel(job)
        result.fixesApplied = applied
        result.fixConflicts = conflicts
        result.fixLineBreaks = lineBreaks
        result.diff = diff
        result.fixedText = fixedText
        return result
    }
}
