import Foundation
import PackagePlugin

/// Embeds every rule file under the package's `Rules/` folder into the core library, so a
/// release binary copied on its own still carries the default rule pack.
@main
struct EmbedRules: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let rulesDir = context.package.directoryURL.appendingPathComponent("Rules")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: rulesDir, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where url.pathExtension == "yml" || url.pathExtension == "yaml" {
                inputs.append(url)
            }
        }
        inputs.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedRules.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) rule files",
                executable: try context.tool(named: "RuleEmbedder").url,
                arguments: [rulesDir.path, output.path],
                inputFiles: inputs + [rulesDir],
                outputFiles: [output]
            )
        ]
    }
}
