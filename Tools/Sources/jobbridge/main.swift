// jobbridge: the command-line tool. Everything is in JobBridgeCLI, so that tests can run
// the same commands in-process.
import Foundation
import JobBridgeCLI

let status = await JobBridgeTool.run(Array(CommandLine.arguments.dropFirst()))
exit(status.rawValue)
