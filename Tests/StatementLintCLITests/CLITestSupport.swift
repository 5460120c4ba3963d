import Foundation
import Testing

/// The package root, found from this file's place.
let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The built `statementlint` binary: beside the test bundle, or STATEMENTLINT_BIN.
let binary: URL = {
    if let env = ProcessInfo.processInfo.environment["STATEMENTLINT_BIN"] { return URL(fileURLWithPath: env) }
    return Bundle.main.executableURL!.deletingLastPathComponent().appendingPathComponent("statementlint")
}()

let fixtures = "Tests/Fixtures"
/// Fixture rules only, so these tests do not depend on the default pack.
let fixtureRules = ["--no-default-rules", "--rules", "\(fixtures)/rules"]
/// The same, for runs from another working directory.
let absoluteFixtureRules = ["--no-default-rules", "--rules", packageRoot.appendingPathComponent("\(fixtures)/rules").path]

struct RunResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs the binary as a user would, from `cwd` (the package root by default).
func statementlint(_ args: [String], stdin: String? = nil, cwd: URL = packageRoot, env: [String: String] = [:], executable: URL = binary) throws -> RunResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = args
    process.currentDirectoryURL = cwd
    var environment = ProcessInfo.processInfo.environment
    environment.removeValue(forKey: "NO_COLOR")
    for (k, v) in env { environment[k] = v }
    process.environment = environment
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    // Read both pipes fully before waiting, so a large output cannot block the child.
    final class Box: @unchecked Sendable { var data = Data() }
    let errBox = Box()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async { errBox.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    let errData = errBox.data
    process.waitUntilExit()
    return RunResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
}

/// Runs python3 (found on the PATH through /usr/bin/env) with `arguments`, from the package root.
func python3(_ arguments: [String]) throws -> RunResult {
    try statementlint(["python3"] + arguments, executable: URL(fileURLWithPath: "/usr/bin/env"))
}

func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("statementlint-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// Validates JSON text against a JSON Schema with Python's `jsonschema` (installed by CI).
/// Returns nil when valid, the validator's message otherwise; throws when the validator is missing.
struct ValidatorMissing: Error {}
func validateJSON(_ json: String, schema: String) throws -> String? {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("doc.json")
    try json.write(to: file, atomically: true, encoding: .utf8)
    let script = """
    import json, sys
    try:
        import jsonschema
    except ImportError:
        sys.exit(3)
    schema = json.load(open(sys.argv[1]))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    errors = sorted(cls(schema).iter_errors(json.load(open(sys.argv[2]))), key=lambda e: list(e.path))
    for e in errors[:5]:
        print(list(e.path), e.message)
    sys.exit(1 if errors else 0)
    """
    let r = try python3(["-c", script, schema, file.path])
    if r.status == 3 { throw ValidatorMissing() }
    return r.status == 0 ? nil : r.stdout
}

/// Validates JSON against a schema. A missing validator fails the test under CI (`CI=true`)
/// and is reported and skipped elsewhere (a developer's machine without jsonschema).
func expectValid(_ json: String, schema: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
    do {
        let problem = try validateJSON(json, schema: schema.path)
        #expect(problem == nil, "\(problem ?? "")", sourceLocation: sourceLocation)
    } catch is ValidatorMissing {
        requireToolUnderCI("python3 with jsonschema (pip install jsonschema)", sourceLocation: sourceLocation)
    }
}

/// Under CI a tool a test needs must be there: its absence fails the run instead of skipping.
func requireToolUnderCI(_ tool: String, sourceLocation: SourceLocation = #_sourceLocation) {
    if runningUnderCI {
        Issue.record("CI=true but \(tool) is missing: install it (.ci/run does)", sourceLocation: sourceLocation)
    } else {
        print("skipped: needs \(tool)")
    }
}

/// Whether the tests run under CI (`CI=true`, as GitHub Actions and .ci/run set it).
let runningUnderCI = ["true", "1"].contains(ProcessInfo.processInfo.environment["CI"]?.lowercased() ?? "")

/// Whether expected files should be re-recorded rather than compared.
let recording = ProcessInfo.processInfo.environment["STATEMENTLINT_RECORD"] == "1"
