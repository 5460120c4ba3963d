import ArgumentParser
import Foundation
import StatementLintCore

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Write a commented starter .statementlint.yml in the current directory.")

    @Flag(help: "Overwrite an existing .statementlint.yml.")
    var force = false

    func run() throws {
        let path = Configuration.fileName
        if FileManager.default.fileExists(atPath: path) && !force {
            Console.error("\(path): error: already exists; use --force to overwrite it")
            throw ExitCode(ExitStatus.failure)
        }
        do { try FileFixer.writeAtomically(Array(Configuration.starter.utf8), to: path, createIfMissing: true) } catch {
            Console.error("\(path): error: \(error.message)")
            throw ExitCode(ExitStatus.failure)
        }
        Console.write("wrote \(path)\n")
    }
}
