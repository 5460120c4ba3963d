// swift-tools-version:6.0
// libFuzzer harnesses for statementlint (docs/fuzzing.md). A separate package that uses the
// root package's public API, like a library user. Build and run with Scripts/fuzz: the
// harnesses need `-sanitize=fuzzer,address` and no main of their own.
import PackageDescription

// Only the harnesses link libFuzzer's runtime; every module (the library too) is compiled with
// AddressSanitizer and libFuzzer's coverage by Scripts/fuzz's -Xswiftc flags.
let harness: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]

let package = Package(
    name: "StatementLintFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "statementlint", path: "..")],
    targets: [
        // The checks, shared with Tests/StatementLintCoreTests/FuzzRegressionTests.swift
        // (the source file is a link to that one), without its tests.
        .target(
            name: "FuzzChecks",
            dependencies: [.product(name: "StatementLintCore", package: "statementlint")],
            swiftSettings: [.define("FUZZ_HARNESS")]
        ),
        .executableTarget(name: "FuzzDocument", dependencies: ["FuzzChecks"], linkerSettings: harness),
        .executableTarget(name: "FuzzLoaders", dependencies: ["FuzzChecks"], linkerSettings: harness),
        .executableTarget(name: "FuzzFixes", dependencies: ["FuzzChecks"], linkerSettings: harness),
    ]
)
