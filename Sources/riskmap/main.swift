import Foundation
import RiskmapCLI

exit(Riskmap.run(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment, console: .live()))
