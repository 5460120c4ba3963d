// libFuzzer harness "loaders" (see docs/fuzzing.md and FuzzChecks/FuzzDriver.swift).
import FuzzChecks

runFuzzer("loaders", FuzzChecks.loaders)
