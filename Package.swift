// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "statementlint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "statementlint", targets: ["StatementLintCLI"]),
        .library(name: "StatementLintCore", targets: ["StatementLintCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]
        ),
        // Matching: the PCRE2 wrapper (compile, lazy JIT, ASCII form, serialized code), literal
        // extraction and the Aho-Corasick literal scanner. Knows nothing of rules.
        .target(name: "StatementLintMatching", dependencies: ["CPCRE2"]),
        // The rule model and the strict rule-file loader: shared by the engine and by the
        // build-time tool that embeds the default pack.
        .target(name: "StatementLintRules", dependencies: ["StatementLintMatching", .product(name: "Yams", package: "Yams")]),
        // Validates Rules/**/*.yml at build time and turns it into Swift source, so the binary
        // carries the default pack already parsed (no YAML to read at start-up).
        .executableTarget(name: "RuleEmbedder", dependencies: ["StatementLintRules"]),
        .plugin(name: "EmbedRules", capability: .buildTool(), dependencies: ["RuleEmbedder"]),
        .target(
            name: "StatementLintCore",
            dependencies: ["StatementLintRules", "StatementLintMatching", "CPCRE2", .product(name: "Yams", package: "Yams")],
            plugins: ["EmbedRules"]
        ),
        .executableTarget(
            name: "StatementLintCLI",
            dependencies: ["StatementLintCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "StatementLintCoreTests", dependencies: ["StatementLintCore", "StatementLintRules", "StatementLintMatching"]),
        .testTarget(name: "StatementLintCLITests", dependencies: ["StatementLintCLI", "StatementLintCore"]),
    ]
)
